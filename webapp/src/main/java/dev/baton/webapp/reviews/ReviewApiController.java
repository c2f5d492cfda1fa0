package dev.baton.webapp.reviews;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Review before publish over HTTP: rules (admins), submissions (marketers), the queue and decisions (reviewers). */
@RestController
class ReviewApiController {

    private final ReviewService reviews;
    private final ReviewRules rules;

    ReviewApiController(ReviewService reviews, ReviewRules rules) {
        this.reviews = reviews;
        this.rules = rules;
    }

    /** A submission: the asset, its version (none: the newest) and a note for the reviewers. */
    record SubmitBody(UUID assetId, Integer version, String note) {}

    /** A decision: approve or request_changes, a comment, and for an approval an optional day it lapses. */
    record DecisionBody(String decision, String comment, LocalDate expiresOn) {}

    @Operation(summary = "The review rules (admins)")
    @GetMapping(path = "/api/v1/reviews/rules", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ReviewRules.Rule>> rules() {
        return rules.all().collectList();
    }

    @Operation(summary = "Add a review rule (admins): scope all, content_type or tag with its value; reviewerRole "
            + "(default true) and/or reviewers by user name; approvalsRequired (1-10, default 1); validDays, after "
            + "which an approval lapses")
    @PostMapping(path = "/api/v1/reviews/rules", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ReviewRules.Rule> addRule(@RequestBody(required = false) ReviewRules.NewRule body,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return Detached.uncancellable(reviews.addRule(body, user.id(), user.getUsername(), remote(exchange)));
    }

    @Operation(summary = "Remove a review rule (admins)")
    @DeleteMapping("/api/v1/reviews/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> removeRule(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(reviews.removeRule(id, user.getUsername(), remote(exchange)));
    }

    @Operation(summary = "Submit a version of an asset for review with a note (marketers); replaces an open "
            + "submission of the same asset")
    @PostMapping(path = "/api/v1/reviews", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ReviewService.Review> submit(@RequestBody(required = false) SubmitBody body,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        if (!user.canManageContent()) {
            return Mono.error(new BatonException.Forbidden("Only marketers submit assets for review"));
        }
        if (body == null || body.assetId() == null) {
            return Mono.error(new BatonException.InvalidInput("assetId", "name the asset to review"));
        }
        return Detached.uncancellable(reviews.submit(body.assetId(), body.version(), body.note(), user,
                remote(exchange)));
    }

    @Operation(summary = "The open reviews the caller may decide on, oldest first")
    @GetMapping(path = "/api/v1/reviews/queue", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ReviewService.Review>> queue(@AuthenticationPrincipal BatonUser user) {
        return reviews.queue(user);
    }

    @Operation(summary = "Published assets without the review their rules ask for (never approved, or lapsed)")
    @GetMapping(path = "/api/v1/reviews/unreviewed", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ReviewService.Unreviewed>> unreviewed() {
        return reviews.unreviewed();
    }

    @Operation(summary = "An asset's review record: the live version's approval (\"approved by ... on ...\"), "
            + "held versions, the open review and every submission with its decisions")
    @GetMapping(path = "/api/v1/reviews/assets/{assetId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ReviewService.AssetRecord> record(@PathVariable UUID assetId, @AuthenticationPrincipal BatonUser user) {
        return reviews.record(assetId, user);
    }

    @Operation(summary = "One review with its decisions")
    @GetMapping(path = "/api/v1/reviews/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ReviewService.Review> review(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return reviews.review(id, user);
    }

    @Operation(summary = "Approve or request changes (reviewers of the asset; not the submitter)")
    @PostMapping(path = "/api/v1/reviews/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ReviewService.Review> decide(@PathVariable long id, @RequestBody(required = false) DecisionBody body,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        if (body == null) {
            return Mono.error(new BatonException.InvalidInput("decision", "use approve or request_changes"));
        }
        return Detached.uncancellable(reviews.decide(id, body.decision(), body.comment(), body.expiresOn(), user,
                remote(exchange)));
    }

    @Operation(summary = "Withdraw an open submission (marketers)")
    @PostMapping(path = "/api/v1/reviews/{id}/withdraw", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ReviewService.Review> withdraw(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(reviews.withdraw(id, user, remote(exchange)));
    }

    static String remote(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
