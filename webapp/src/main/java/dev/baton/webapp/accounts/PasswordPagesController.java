package dev.baton.webapp.accounts;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Anyone signed in changes their own password here; someone whose password an admin reset to a temporary one is sent
 * here first ({@link PasswordChangeFilter}). This session stays signed in with the new password; the user's other
 * sessions end.
 */
@Controller
class PasswordPagesController {

    static final String PAGE = "/account/password";
    private static final String FLASH = "passwordChanged";

    private final AccountService accounts;
    private final AccountRepository repository;

    PasswordPagesController(AccountService accounts, AccountRepository repository) {
        this.accounts = accounts;
        this.repository = repository;
    }

    @GetMapping(PAGE)
    Mono<String> page(@AuthenticationPrincipal BatonUser user, Model model, WebSession session) {
        model.addAttribute("mustChange", user.mustChangePassword());
        model.addAttribute("changed", session.getAttributes().remove(FLASH));
        model.addAttribute("minLength", AccountService.MIN_PASSWORD_LENGTH);
        return Mono.just("account/password");
    }

    @PostMapping(PAGE)
    Mono<String> change(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> {
            MultiValueMap<String, String> form = tuple.getT1();
            WebSession session = tuple.getT2();
            String password = form.getFirst("password");
            if (password != null && !password.equals(form.getFirst("repeat"))) {
                return shown(user, model, session, "repeat: the two new passwords differ");
            }
            return Mono.defer(() -> Detached.uncancellable(accounts.changeOwnPassword(user.getUsername(),
                            form.getFirst("current"), password, SecurityConfiguration.address(exchange))))
                    .then(Detached.uncancellable(repository.findUser(user.getUsername())))
                    .flatMap(current -> keepSignedIn(session, current))
                    .then(Mono.fromCallable(() -> {
                        session.getAttributes().put(FLASH, "Your password was changed.");
                        return "redirect:" + PAGE;
                    }))
                    .onErrorResume(BatonException.class, e -> shown(user, model, session, e.getMessage()));
        });
    }

    /** This session goes on with the new password (a new session id), while the user's other sessions end. */
    private static Mono<Void> keepSignedIn(WebSession session, BatonUser current) {
        current.eraseCredentials();
        session.getAttributes().put(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME,
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(current, null,
                        current.getAuthorities())));
        return session.changeSessionId();
    }

    private Mono<String> shown(BatonUser user, Model model, WebSession session, String error) {
        model.addAttribute("formError", error);
        return page(user, model, session);
    }
}
