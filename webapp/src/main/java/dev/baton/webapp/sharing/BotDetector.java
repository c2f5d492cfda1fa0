package dev.baton.webapp.sharing;

import java.util.List;
import java.util.Locale;

/**
 * Tells link scanners, crawlers and automated browsers from people by the user agent they send. Mail security
 * gateways open every link in a message before the recipient does; counting those as the buyer opening it would tell
 * the rep a lie. What the user agent does not give away, the viewer's script and its beacons do (an automated browser
 * says so in {@code navigator.webdriver}; a scanner that runs no script sends no beacon, so its visit has no page
 * time): see {@code ViewerService}.
 */
final class BotDetector {

    /** Lower-case fragments of user agents that are not a person reading. */
    private static final List<String> MARKERS = List.of(
            // headless and automated browsers
            "headlesschrome", "phantomjs", "slimerjs", "puppeteer", "playwright", "selenium", "webdriver",
            "electron/", "lighthouse", "chrome-lighthouse", "pagespeed",
            // mail and link security scanners
            "proofpoint", "mimecast", "barracuda", "safelinks", "microsoft office", "ms-office", "msoffice",
            "urldefense", "forcepoint", "sophos", "fortiguard", "trendmicro", "symantec", "zscaler", "checkpoint",
            "cisco", "ironport", "paloalto", "cloudmark", "avast", "kaspersky", "bitdefender", "virustotal",
            // crawlers, link previews and fetchers
            "bot", "crawler", "spider", "slurp", "facebookexternalhit", "embedly", "preview", "whatsapp",
            "skypeuripreview", "outlook", "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "httpx",
            "go-http-client", "java/", "okhttp", "apache-httpclient", "libwww", "node-fetch", "axios/",
            "reactor-netty", "postman", "insomnia", "scan", "monitor", "checker", "validator", "fetch");

    private BotDetector() {}

    /** Why this user agent is not a person reading, or {@code null} when it looks like a browser a person uses. */
    static String reason(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "no user agent";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String marker : MARKERS) {
            if (ua.contains(marker)) {
                return "user agent (" + marker.replace("/", "") + ")";
            }
        }
        if (!ua.startsWith("mozilla/")) {
            return "user agent (not a browser)";
        }
        return null;
    }
}
