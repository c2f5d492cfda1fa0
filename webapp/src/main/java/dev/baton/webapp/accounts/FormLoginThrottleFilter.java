package dev.baton.webapp.accounts;

import dev.baton.webapp.system.AuditLog;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts each form sign-in attempt with {@link LoginThrottle} before the password is checked, and turns it away
 * while its user name and address must wait.
 */
class FormLoginThrottleFilter implements WebFilter {

    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    FormLoginThrottleFilter(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST
                || !exchange.getRequest().getPath().pathWithinApplication().value().equals("/login")) {
            return chain.filter(exchange);
        }
        return exchange.getFormData().flatMap(form -> {
            String username = form.getFirst("username");
            String address = SecurityConfiguration.address(exchange);
            Duration wait = throttle.attempt(username, address);
            if (wait.isZero()) {
                return chain.filter(exchange);
            }
            long seconds = new LoginThrottledException(wait).retryAfterSeconds();
            return audit.recordNow(username, "login.throttled", null, "form", address)
                    .then(redirect.sendRedirect(exchange, URI.create("/login?throttled=" + seconds)));
        });
    }
}
