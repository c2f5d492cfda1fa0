package dev.baton.webapp.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * A browser-like session over plain HTTP: cookies kept, redirects not followed, the CSRF token read from pages. Public
 * for the tests of other packages that open pages as a signed-in person.
 */
public final class PageSession {

    private static final java.time.Duration ANSWER_WITHIN = java.time.Duration.ofSeconds(60);

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** What a browser asks for when it navigates. */
    private static final String ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    private final String baseUrl;
    private final HttpClient client;

    private PageSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static PageSession anonymous(String baseUrl) {
        return new PageSession(baseUrl);
    }

    /** Signs in through the login form; fails unless the form answers with a redirect to a home page. */
    public static PageSession signIn(String baseUrl, String username, String password) {
        PageSession session = new PageSession(baseUrl);
        HttpResponse<String> response = session.postForm("/login", "username=" + encode(username)
                + "&password=" + encode(password));
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("/login")) {
            throw new IllegalStateException("Sign-in of " + username + " failed: " + response.statusCode() + " "
                    + location);
        }
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", ACCEPT_HTML).GET().build());
    }

    /** Posts a form with a fresh CSRF token, as the browser would after loading a page. */
    public HttpResponse<String> postForm(String path, String form) {
        String body = "_csrf=" + encode(csrfToken()) + (form.isEmpty() ? "" : "&" + form);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", ACCEPT_HTML)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Posts a form with this session's cookie but no CSRF token, as a forged cross-site form would. */
    HttpResponse<String> postWithoutToken(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", ACCEPT_HTML)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    int request(HttpMethod method, String path) {
        if (method == HttpMethod.GET) {
            return get(path).statusCode();
        }
        return postForm(path, "").statusCode();
    }

    String csrfToken() {
        Matcher matcher = CSRF.matcher(get("/login").body());
        if (!matcher.find()) {
            throw new IllegalStateException("The sign-in page carries no CSRF token");
        }
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        // a page that never answers fails its test, naming the request, instead of holding the suite
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(ANSWER_WITHIN).build();
        try {
            return client.send(timed, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " got no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code value} as a form field's value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
