package dev.baton.webapp.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The search an asset page was opened from, for its "Back to results" link and for the navigation (which then marks
 * the search, not the library). The search page passes its own URL along as {@code from} when a result is opened;
 * without it, the referrer counts when it is this Baton's own search page. Only a path of this Baton's search page
 * is ever taken (never another host, never another page), so the link cannot be turned into an open redirect.
 */
public final class ResultsLink {

    /** The query parameter that carries the search's URL (a path and query, {@code /search?q=...}). */
    public static final String PARAMETER = "from";

    private static final String SEARCH = "/search";
    private static final int MAX_LENGTH = 4000;

    private ResultsLink() {}

    /** The search results this request's asset page came from, as a path with its query, if any. */
    public static Optional<String> of(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/assets/")) {
            return Optional.empty();
        }
        Optional<String> passed = searchPath(exchange.getRequest().getQueryParams().getFirst(PARAMETER), null);
        if (passed.isPresent()) {
            return passed;
        }
        URI self = exchange.getRequest().getURI();
        return searchPath(exchange.getRequest().getHeaders().getFirst(HttpHeaders.REFERER), self);
    }

    /**
     * The path and query of a link to the search page, or nothing when the text is not one. A relative path is
     * accepted as passed along; an absolute URL (the referrer) only when it names the same host and port as this
     * request.
     */
    static Optional<String> searchPath(String text, URI self) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.isOpaque() || uri.getRawFragment() != null || !SEARCH.equals(uri.getRawPath())) {
            return Optional.empty();
        }
        if (self == null) {
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return Optional.empty();
            }
        } else if (uri.getScheme() == null || uri.getHost() == null
                || !uri.getHost().equalsIgnoreCase(self.getHost()) || port(uri) != port(self)) {
            return Optional.empty();
        }
        return Optional.of(uri.getRawQuery() == null ? SEARCH : SEARCH + "?" + uri.getRawQuery());
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
