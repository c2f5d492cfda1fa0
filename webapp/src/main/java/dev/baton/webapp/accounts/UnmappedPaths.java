package dev.baton.webapp.accounts;

import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The last rule of each filter chain. A path that a controller serves but no earlier rule named is denied (so a new
 * endpoint without a rule is closed, not open); a path nothing serves is let through for signed-in users only, so they
 * get an honest 404 instead of a misleading 403.
 */
@Component
class UnmappedPaths implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final RequestMappingHandlerMapping controllers;
    private final AuthenticatedReactiveAuthorizationManager<AuthorizationContext> signedIn =
            AuthenticatedReactiveAuthorizationManager.authenticated();

    UnmappedPaths(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping controllers) {
        this.controllers = controllers;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        if (isMapped(context.getExchange())) {
            return Mono.just(new AuthorizationDecision(false));
        }
        return signedIn.authorize(authentication, context);
    }

    private boolean isMapped(ServerWebExchange exchange) {
        List<RequestMappingInfo> mappings = List.copyOf(controllers.getHandlerMethods().keySet());
        return mappings.stream()
                .anyMatch(info -> info.getPatternsCondition().getMatchingCondition(exchange) != null);
    }
}
