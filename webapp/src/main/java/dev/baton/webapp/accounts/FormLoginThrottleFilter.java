package dev.baton.webapp.accounts;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Turns away a form sign-in while its user name or address must wait, before the password is even checked. */
class FormLoginThrottleFilter implements WebFilter {

    private final LoginThrottle throttle;
    private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    FormLoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST
                || !exchange.getRequest().getPath().pathWithinApplication().value().equals("/login")) {
            return chain.filter(exchange);
        }
        return exchange.getFormData().flatMap(form -> {
            Duration wait = throttle.retryAfter(form.getFirst("username"), SecurityConfiguration.address(exchange));
            if (wait.isZero()) {
                return chain.filter(exchange);
            }
            long seconds = new LoginThrottledException(wait).retryAfterSeconds();
            return redirect.sendRedirect(exchange, URI.create("/login?throttled=" + seconds));
        });
    }
}
