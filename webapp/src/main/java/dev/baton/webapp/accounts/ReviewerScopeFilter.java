package dev.baton.webapp.accounts;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * A reviewer (the Reviewer role: compliance, legal, brand) reaches only what reviewing needs, whatever the rules
 * further on allow the signed-in: the review queue and reviews, the assets they open (read only: the asset page, its
 * file, viewer, pages and thumbnail, any version), their notifications, their own password and the glossary.
 * Everything else is denied (403) here, so an endpoint added later stays closed to reviewers until it is listed.
 * Runs after authorization, inside the exception translation, so a denial answers as every other denial does.
 */
final class ReviewerScopeFilter implements WebFilter {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    /** Any method. */
    private static final List<PathPattern> ANY = parse("/", "/login", "/logout", "/error", "/account/password",
            "/actuator/health", "/actuator/health/**",
            "/notifications", "/notifications/**", "/reviews", "/reviews/**", "/api/v1/me",
            "/api/v1/notifications", "/api/v1/notifications/**", "/api/v1/reviews", "/api/v1/reviews/**");

    /** Reading only. */
    private static final List<PathPattern> READ = parse("/glossary", "/assets/*", "/assets/*/file",
            "/assets/*/thumbnail", "/assets/*/view", "/assets/*/pages", "/assets/*/pages/*",
            "/assets/*/versions/*/file", "/assets/*/review", "/api/v1/taxonomy", "/api/v1/assets/*",
            "/api/v1/assets/*/file", "/api/v1/assets/*/thumbnail", "/api/v1/assets/*/pages",
            "/api/v1/assets/*/pages/*", "/api/v1/assets/*/versions/*/file");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication() != null
                        && context.getAuthentication().getPrincipal() instanceof BatonUser user
                        && user.role() == Role.REVIEWER && !allowed(exchange))
                .defaultIfEmpty(false)
                .flatMap(denied -> denied
                        ? Mono.error(new AccessDeniedException("Reviewers reach only the review queue and what "
                                + "they review"))
                        : chain.filter(exchange));
    }

    /** Matched by the patterns above, yet no reading of an asset: a marketer's list of their expiring assets. */
    private static final List<PathPattern> NOT = parse("/api/v1/assets/expiring");

    private static boolean allowed(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (NOT.stream().anyMatch(p -> p.matches(path))) {
            return false;
        }
        if (ANY.stream().anyMatch(p -> p.matches(path))) {
            return true;
        }
        HttpMethod method = exchange.getRequest().getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && READ.stream().anyMatch(p -> p.matches(path));
    }

    private static List<PathPattern> parse(String... patterns) {
        return java.util.Arrays.stream(patterns).map(PARSER::parse).toList();
    }
}
