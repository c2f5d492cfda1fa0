package dev.baton.webapp.accounts;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Someone signed in with a temporary password (an admin reset it) sees no page but the one that replaces it: every
 * other page sends them there. Signing out still works. The account is read afresh on every request
 * ({@link RevalidatingSecurityContextRepository}), so the change takes effect at once.
 */
final class PasswordChangeFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.equals(PasswordPagesController.PAGE) || path.equals("/logout") || path.equals("/login")
                || path.equals("/error")) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .filter(context -> context.getAuthentication() != null
                        && context.getAuthentication().getPrincipal() instanceof BatonUser user
                        && user.mustChangePassword())
                .flatMap(context -> {
                    exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
                    exchange.getResponse().getHeaders().setLocation(URI.create(PasswordPagesController.PAGE));
                    return exchange.getResponse().setComplete().then(Mono.just(true));
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).then(Mono.just(false))))
                .then();
    }
}
