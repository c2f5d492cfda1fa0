package dev.baton.webapp.content;

import static dev.baton.webapp.content.AssetApiController.address;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The admin page of assets whose text (or thumbnail, or page images) could not be made, and "Retry all". */
@Controller
class DerivedPagesController {

    private final DerivedRetry retry;

    DerivedPagesController(DerivedRetry retry) {
        this.retry = retry;
    }

    @GetMapping("/admin/derived")
    Mono<String> page(Model model) {
        return render(model);
    }

    @PostMapping("/admin/derived/retry")
    Mono<String> retryAll(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        return Detached.uncancellable(retry.retryAll(user, address(exchange)))
                .doOnNext(count -> model.addAttribute("flash", count == 0 ? "Nothing had failed: nothing to retry."
                        : "Trying again for " + count + (count == 1 ? " asset" : " assets")
                                + " in the background; each leaves this list once its work has ended well."))
                .then(render(model));
    }

    private Mono<String> render(Model model) {
        return retry.failed().map(failed -> {
            model.addAttribute("failed", failed);
            model.addAttribute("limit", DerivedRetry.LIST_LIMIT);
            return "admin/derived";
        });
    }
}
