package dev.baton.webapp.content;

import static dev.baton.webapp.content.AssetApiController.address;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Trying the background work of assets again over HTTP: one asset (marketers) and every failed one (admins), and the
 * list of assets whose work failed (admins). Authorisation is in the security configuration.
 */
@RestController
class DerivedApiController {

    private final DerivedRetry retry;

    DerivedApiController(DerivedRetry retry) {
        this.retry = retry;
    }

    /** Puts the failed text, thumbnail and page images of an asset's current version back to pending. */
    @PostMapping("/api/v1/assets/{id}/derived/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<DerivedRetry.Retried> retry(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(retry.retry(id, user, address(exchange)));
    }

    /** Every asset whose current version's text, thumbnail or page images failed, with the reasons. */
    @GetMapping("/api/v1/derived/failed")
    Mono<DerivedRetry.Failed> failed() {
        return retry.failed();
    }

    /** Puts every failed part of every asset's current version back to pending. */
    @PostMapping("/api/v1/derived/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, Integer>> retryAll(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return Detached.uncancellable(retry.retryAll(user, address(exchange))).map(count -> Map.of("assets", count));
    }
}
