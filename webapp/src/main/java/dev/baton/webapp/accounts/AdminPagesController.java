package dev.baton.webapp.accounts;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/** The admin's pages: users and API tokens (the audit log: {@code audit.AuditPagesController}). */
@Controller
class AdminPagesController {

    private static final String FLASH = "flash";
    private static final String NEW_TOKEN = "newToken";
    private static final String TEMPORARY_PASSWORD = "temporaryPassword";

    private final AccountService accounts;

    AdminPagesController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin")
    Mono<String> home(Model model) {
        return accounts.list().collectList().zipWith(accounts.tokens().filter(ApiToken::active).count())
                .map(pair -> {
                    model.addAttribute("userCount", pair.getT1().size());
                    model.addAttribute("disabledCount", pair.getT1().stream().filter(a -> !a.enabled()).count());
                    model.addAttribute("tokenCount", pair.getT2());
                    return "home/admin";
                });
    }

    @GetMapping("/admin/users")
    Mono<String> users(Model model, WebSession session) {
        model.addAttribute("roles", Role.values());
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        model.addAttribute(TEMPORARY_PASSWORD, session.getAttributes().remove(TEMPORARY_PASSWORD));
        return accounts.list().collectList().map(list -> {
            model.addAttribute("users", list);
            return "admin/users";
        });
    }

    @PostMapping("/admin/users")
    Mono<String> create(ServerWebExchange exchange, Model model) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> {
            MultiValueMap<String, String> form = tuple.getT1();
            return exchange.getPrincipal().flatMap(actor -> Detached.uncancellable(accounts.create(
                            new AccountService.NewAccount(form.getFirst("username"), form.getFirst("displayName"),
                                    form.getFirst("password"), form.getFirst("role")),
                            actor.getName(), SecurityConfiguration.address(exchange))))
                    .map(account -> flash(tuple.getT2(), "Created " + account.username() + " ("
                            + account.role().label() + ")"))
                    .onErrorResume(BatonException.class, e -> {
                        model.addAttribute("formError", e.getMessage());
                        model.addAttribute("form", form.toSingleValueMap());
                        return users(model, tuple.getT2());
                    });
        });
    }

    @PostMapping("/admin/users/{id}")
    Mono<String> update(@PathVariable long id, ServerWebExchange exchange) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> {
            MultiValueMap<String, String> form = tuple.getT1();
            String enabled = form.getFirst("enabled");
            AccountService.AccountChange change = new AccountService.AccountChange(null, form.getFirst("role"),
                    enabled == null ? null : Boolean.valueOf(enabled));
            return exchange.getPrincipal()
                    .flatMap(actor -> Detached.uncancellable(accounts.update(id, change, actor.getName(),
                            SecurityConfiguration.address(exchange))))
                    .map(account -> flash(tuple.getT2(), "Saved " + account.username() + ": "
                            + account.role().label() + (account.enabled() ? ", active" : ", disabled")))
                    .onErrorResume(BatonException.class, e -> Mono.just(flash(tuple.getT2(), e.getMessage())));
        });
    }

    /** An admin resets a user's password: to one they type, or to one Baton makes and shows once. */
    @PostMapping("/admin/users/{id}/password")
    Mono<String> resetPassword(@PathVariable long id, ServerWebExchange exchange) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> {
            MultiValueMap<String, String> form = tuple.getT1();
            WebSession session = tuple.getT2();
            boolean mustChange = "true".equals(form.getFirst("mustChange"));
            return exchange.getPrincipal()
                    .flatMap(actor -> Mono.defer(() -> Detached.uncancellable(accounts.resetPassword(id,
                            form.getFirst("password"), mustChange, actor.getName(),
                            SecurityConfiguration.address(exchange)))))
                    .map(reset -> {
                        String who = reset.account().username();
                        String then = reset.account().mustChangePassword()
                                ? " They must choose a new one when they next sign in." : "";
                        if (reset.temporaryPassword() != null) {
                            session.getAttributes().put(TEMPORARY_PASSWORD, reset.temporaryPassword());
                            return flash(session, "Reset the password of " + who + ". Give them the temporary "
                                    + "password below; it is not shown again." + then);
                        }
                        return flash(session, "Reset the password of " + who + "." + then);
                    })
                    .onErrorResume(BatonException.class, e -> Mono.just(flash(session, e.getMessage())));
        });
    }

    @GetMapping("/admin/tokens")
    Mono<String> tokens(Model model, WebSession session) {
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        model.addAttribute(NEW_TOKEN, session.getAttributes().remove(NEW_TOKEN));
        return accounts.list().collectList().zipWith(accounts.tokens().collectList()).map(pair -> {
            model.addAttribute("users", pair.getT1());
            model.addAttribute("tokens", pair.getT2());
            return "admin/tokens";
        });
    }

    @PostMapping("/admin/tokens")
    Mono<String> issue(ServerWebExchange exchange) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> {
            MultiValueMap<String, String> form = tuple.getT1();
            WebSession session = tuple.getT2();
            return exchange.getPrincipal()
                    .flatMap(actor -> Detached.uncancellable(accounts.issueToken(form.getFirst("username"),
                            form.getFirst("name"), actor.getName(), SecurityConfiguration.address(exchange))))
                    .map(issued -> {
                        session.getAttributes().put(NEW_TOKEN, issued.secret());
                        return flash(session, "Issued the token '" + issued.token().name() + "' for "
                                + issued.token().username() + ". Copy it now: it is not shown again.", "/admin/tokens");
                    })
                    .onErrorResume(BatonException.class,
                            e -> Mono.just(flash(session, e.getMessage(), "/admin/tokens")));
        });
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    Mono<String> revoke(@PathVariable long id, ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> exchange.getPrincipal()
                .flatMap(actor -> Detached.uncancellable(
                        accounts.revokeToken(id, actor.getName(), SecurityConfiguration.address(exchange))))
                .map(token -> flash(session, "Revoked the token '" + token.name() + "'", "/admin/tokens"))
                .onErrorResume(BatonException.class, e -> Mono.just(flash(session, e.getMessage(), "/admin/tokens"))));
    }

    private static String flash(WebSession session, String message) {
        return flash(session, message, "/admin/users");
    }

    private static String flash(WebSession session, String message, String target) {
        session.getAttributes().put(FLASH, message);
        return "redirect:" + target;
    }
}
