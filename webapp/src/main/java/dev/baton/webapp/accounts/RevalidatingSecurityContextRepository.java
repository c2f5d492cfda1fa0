package dev.baton.webapp.accounts;

import dev.baton.webapp.system.Detached;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Page sessions, checked against the account on every request: a user disabled or deleted since signing in is
 * signed out at once, and so is one whose password was changed or reset since (every session of theirs but the one
 * that changed it, which is saved again), and a changed role takes effect on the next request rather than at the next
 * sign-in.
 */
class RevalidatingSecurityContextRepository implements ServerSecurityContextRepository {

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final AccountRepository accounts;

    RevalidatingSecurityContextRepository(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        exchange.getAttributes().remove(LOADED);
        return sessions.save(exchange, context);
    }

    /** Loaded once per request, however many parts of the request ask for the security context. */
    private static final String LOADED = RevalidatingSecurityContextRepository.class.getName() + ".loaded";

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        Mono<SecurityContext> loaded = exchange.getAttribute(LOADED);
        if (loaded == null) {
            loaded = revalidate(exchange).cache();
            exchange.getAttributes().put(LOADED, loaded);
        }
        return loaded;
    }

    private Mono<SecurityContext> revalidate(ServerWebExchange exchange) {
        return sessions.load(exchange).flatMap(context -> {
            if (context.getAuthentication() == null
                    || !(context.getAuthentication().getPrincipal() instanceof BatonUser signedIn)) {
                return Mono.just(context);
            }
            return Detached.uncancellable(accounts.findUser(signedIn.getUsername()))
                    .filter(current -> current.isEnabled() && current.id() == signedIn.id()
                            && signedIn.samePasswordAs(current))
                    .map(current -> {
                        current.eraseCredentials();
                        return (SecurityContext) new SecurityContextImpl(UsernamePasswordAuthenticationToken
                                .authenticated(current, null, current.getAuthorities()));
                    })
                    .switchIfEmpty(Mono.defer(() -> exchange.getSession()
                            .flatMap(session -> session.invalidate())
                            .then(Mono.<SecurityContext>empty())));
        });
    }
}
