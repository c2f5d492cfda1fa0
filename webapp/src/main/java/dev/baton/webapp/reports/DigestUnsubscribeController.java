package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The unsubscribe link of the weekly digest, without signing in: its signed token ({@link DigestTokens}) names the
 * person. {@code GET} shows whose digest it is and a button (a link scanner that follows links must not unsubscribe
 * anyone); {@code POST} unsubscribes, from that button or from a mail program's one-click unsubscribe (RFC 8058,
 * {@code List-Unsubscribe-Post}). A malformed or forged token is a 400. Served by its own filter chain: no session,
 * no cookie, no CSRF token (the signed token is what a forger cannot make).
 */
@Controller
class DigestUnsubscribeController {

    static final String PATH = "/reports/digest/unsubscribe";

    private final DigestTokens tokens;
    private final DigestSubscriptions subscriptions;
    private final AccountDirectory accounts;

    DigestUnsubscribeController(DigestTokens tokens, DigestSubscriptions subscriptions, AccountDirectory accounts) {
        this.tokens = tokens;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
    }

    @GetMapping(PATH)
    Mono<String> ask(@RequestParam(name = "token", required = false) String token, Model model,
            ServerWebExchange exchange) {
        return page(token, false, model, exchange);
    }

    @PostMapping(PATH)
    Mono<String> unsubscribe(@RequestParam(name = "token", required = false) String token, Model model,
            ServerWebExchange exchange) {
        return page(token, true, model, exchange);
    }

    private Mono<String> page(String token, boolean unsubscribe, Model model, ServerWebExchange exchange) {
        model.addAttribute("token", token);
        return tokens.verify(token)
                .flatMap(accounts::person)
                .flatMap(person -> {
                    model.addAttribute("name", person.displayName());
                    Mono<Void> done = unsubscribe
                            ? subscriptions.set(person.id(), false, DigestSubscriptions.Source.UNSUBSCRIBE_LINK)
                            : Mono.empty();
                    return done.then(subscriptions.subscribed(person.id())).map(on -> {
                        model.addAttribute("subscribed", on);
                        model.addAttribute("valid", true);
                        return "reports/digest-unsubscribe";
                    });
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                    model.addAttribute("valid", false);
                    return "reports/digest-unsubscribe";
                }));
    }
}
