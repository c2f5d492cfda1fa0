package dev.baton.webapp.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser over plain HTTP for the single sign-on tests: cookies kept for Baton and the provider alike, redirects
 * not followed (each hop is asserted or taken by hand), the provider's login form filled as a person would.
 */
final class SsoSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    SsoSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Clicks the sign-in button and signs in on the provider's login page as {@code subject} with these claims
     * (JSON); answers the address the provider sends the browser back to (Baton's callback, with code and state).
     */
    String signInAtProvider(String subject, String claimsJson) {
        HttpResponse<String> start = get(baseUrl + "/oauth2/authorization/oidc");
        String authorize = location(start);
        if (start.statusCode() != 302 || !authorize.contains("/authorize")) {
            throw new IllegalStateException("The sign-in button did not lead to the provider: " + start.statusCode()
                    + " " + authorize);
        }
        HttpResponse<String> form = get(authorize);
        if (form.statusCode() != 200 || !form.body().contains("name=\"username\"")) {
            throw new IllegalStateException("No login form at the provider: " + form.statusCode());
        }
        HttpResponse<String> back = post(authorize, "username=" + encode(subject) + "&claims=" + encode(claimsJson));
        String callback = location(back);
        if (!callback.contains("/login/oauth2/code/oidc")) {
            throw new IllegalStateException("The provider did not send the browser back: " + back.statusCode() + " "
                    + callback);
        }
        return callback;
    }

    /** Follows the provider's redirect back to Baton; answers where Baton then sends the browser. */
    String returnToBaton(String callback) {
        HttpResponse<String> answer = get(callback);
        if (answer.statusCode() != 302 && answer.statusCode() != 303) {
            throw new IllegalStateException("Baton's callback answered " + answer.statusCode() + ": " + answer.body());
        }
        return location(answer);
    }

    HttpResponse<String> page(String path) {
        return get(baseUrl + path);
    }

    /** Posts a Baton form with the CSRF token of the page at {@code tokenFrom}. */
    HttpResponse<String> postForm(String path, String form, String tokenFrom) {
        Matcher csrf = CSRF.matcher(page(tokenFrom).body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on " + tokenFrom);
        }
        return post(baseUrl + path, "_csrf=" + encode(csrf.group(1)) + (form.isEmpty() ? "" : "&" + form));
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8").GET().build());
    }

    private HttpResponse<String> post(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
