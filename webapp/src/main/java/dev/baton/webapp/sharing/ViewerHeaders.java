package dev.baton.webapp.sharing;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The headers of every answer under {@code /s/}, whatever made it (a page, a file, a beacon, an error page, a 404 of
 * a path nothing serves, a 429): a Content-Security-Policy that runs only Baton's own scripts and loads nothing from
 * other hosts, no referrer, no indexing, no sniffing, no caching by shared caches, and never a cookie (the filter
 * chain for {@code /s/**} keeps no session and no CSRF token; this removes any cookie something else might add).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ViewerHeaders implements WebFilter {

    /** The viewer's pages: own scripts (PDF.js as a module and its worker), own styles, nothing from elsewhere. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    /** A file the viewer serves: it may do nothing, even opened on its own. */
    static final String FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'; sandbox";

    /** A response that drops every cookie given to it. */
    private static final class NoCookies extends ServerHttpResponseDecorator {

        NoCookies(ServerHttpResponse response) {
            super(response);
        }

        @Override
        public MultiValueMap<String, ResponseCookie> getCookies() {
            // a fresh map each time: whatever is put into it is never sent
            return new LinkedMultiValueMap<>();
        }

        @Override
        public void addCookie(ResponseCookie cookie) {
            // never: the viewer sets no cookie
        }
    }

    static boolean isViewer(String path) {
        return path.equals("/s") || path.startsWith("/s/");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isViewer(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (!headers.containsHeader("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", PAGE_POLICY);
            }
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Robots-Tag", "noindex, nofollow, noarchive");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            headers.remove(HttpHeaders.SET_COOKIE);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().response(new NoCookies(exchange.getResponse())).build());
    }
}
