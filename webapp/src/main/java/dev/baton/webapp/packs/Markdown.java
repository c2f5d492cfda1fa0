package dev.baton.webapp.packs;

import java.util.Locale;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Trainers' notes in Markdown as safe HTML (CommonMark by commonmark-java): raw HTML in the text is escaped, not
 * passed through; links and images keep only http, https and mailto addresses and addresses within Baton (a
 * {@code javascript:} or {@code data:} link becomes an empty one); links open without handing the page to the target.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SafeUrls())
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "noopener noreferrer nofollow");
                }
                if (node instanceof Image) {
                    attributes.put("loading", "lazy");
                }
            })
            .build();

    private Markdown() {}

    /** The HTML of this Markdown; an empty string for none. */
    static String html(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        Node document = PARSER.parse(markdown);
        return RENDERER.render(document);
    }

    /** Keeps web, mail and Baton's own addresses; anything else (javascript:, data:, vbscript:, file:) is dropped. */
    static final class SafeUrls implements UrlSanitizer {

        @Override
        public String sanitizeLinkUrl(String url) {
            return safe(url) ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            String lower = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
            return lower.startsWith("https://") || lower.startsWith("http://") || relative(lower) ? url : "";
        }

        static boolean safe(String url) {
            String lower = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
            return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:")
                    || relative(lower);
        }

        private static boolean relative(String lower) {
            // no scheme at all: a path, a fragment or a query (a colon before any slash, ? or # would be a scheme)
            int colon = lower.indexOf(':');
            int end = lower.length();
            for (char c : new char[] {'/', '?', '#'}) {
                int at = lower.indexOf(c);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
            return (colon < 0 || colon > end) && !lower.startsWith("//");
        }
    }
}
