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
            Object principal = context.getAuthentication() == null ? null : context.getAuthentication().getPrincipal();
            if (principal instanceof SsoPrincipal sso) {
                // a single sign-on session: the account it resolved to, as it is now; the provider's principal rides
                // along as the details, for the sign-out that ends the provider's session too
                return current(exchange, sso.username(), current -> current.id() == sso.accountId(), sso);
            }
            if (!(principal instanceof BatonUser signedIn)) {
                return Mono.just(context);
            }
            return current(exchange, signedIn.getUsername(),
                    current -> current.id() == signedIn.id() && signedIn.samePasswordAs(current), null);
        });
    }

    private Mono<SecurityContext> current(ServerWebExchange exchange, String username,
            java.util.function.Predicate<BatonUser> same, Object details) {
        return Detached.uncancellable(accounts.findUser(username))
                .filter(current -> current.isEnabled() && same.test(current))
                .map(current -> {
                    current.eraseCredentials();
                    UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken
                            .authenticated(current, null, current.getAuthorities());
                    authentication.setDetails(details);
                    return (SecurityContext) new SecurityContextImpl(authentication);
                })
                .switchIfEmpty(Mono.defer(() -> exchange.getSession()
                        .flatMap(session -> session.invalidate())
                        .then(Mono.<SecurityContext>empty())));
    }
}
