package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The weekly digest: the caller's subscription (marketers and admins) and, for admins, "send now" (this week's
 * digest to one person or to everyone who has not had it).
 */
@RestController
@RequestMapping(path = "/api/v1/reports/digest", produces = MediaType.APPLICATION_JSON_VALUE)
class DigestApiController {

    private final WeeklyDigests digests;
    private final DigestSubscriptions subscriptions;
    private final AccountDirectory accounts;
    private final DigestProperties properties;
    private final AuditLog audit;

    DigestApiController(WeeklyDigests digests, DigestSubscriptions subscriptions, AccountDirectory accounts,
            DigestProperties properties, AuditLog audit) {
        this.digests = digests;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.properties = properties;
        this.audit = audit;
    }

    /**
     * The caller's subscription: whether they get the digest, whether they would get one now (they own a published
     * asset), when it goes out, and whether it goes out by itself and email is on.
     */
    record Subscription(boolean subscribed, boolean eligible, String schedule, boolean scheduled, boolean emailOn) {}

    /** A change of the caller's subscription. */
    record SubscriptionChange(Boolean subscribed) {}

    /** Whom to send this week's digest now: one person (user name) or {@code everyone}. */
    record RunRequest(String user, Boolean everyone) {}

    @Operation(summary = "The caller's weekly digest subscription (marketers and admins)")
    @GetMapping("/subscription")
    Mono<Subscription> subscription(@AuthenticationPrincipal BatonUser user) {
        ReportAccess.requireMarketer(user);
        return view(user.id());
    }

    @Operation(summary = "Turn the caller's weekly digest on or off (marketers and admins)")
    @PutMapping(path = "/subscription", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Subscription> subscribe(@RequestBody SubscriptionChange change, @AuthenticationPrincipal BatonUser user) {
        ReportAccess.requireMarketer(user);
        if (change == null || change.subscribed() == null) {
            return Mono.error(new BatonException.InvalidInput("subscribed", "say true or false"));
        }
        return subscriptions.set(user.id(), change.subscribed(), DigestSubscriptions.Source.SETTINGS)
                .then(view(user.id()));
    }

    @Operation(summary = "Send this week's digest now to one person or to everyone who has not had it (admins); "
            + "each person still gets one per week")
    @PostMapping(path = "/run", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<WeeklyDigests.RunOutcome> run(@RequestBody RunRequest request, @AuthenticationPrincipal BatonUser user,
            ServerHttpRequest http) {
        boolean everyone = request != null && Boolean.TRUE.equals(request.everyone());
        String name = request == null || request.user() == null ? "" : request.user().strip();
        if (everyone == !name.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("user",
                    "name one user, or send \"everyone\": true (not both)"));
        }
        String remote = http.getRemoteAddress() == null ? null
                : http.getRemoteAddress().getAddress().getHostAddress();
        Mono<Long> who = everyone ? Mono.just(0L) : accounts.activeId(name)
                .switchIfEmpty(Mono.error(() -> new BatonException.InvalidInput("user",
                        "no active user " + name)));
        return who.flatMap(id -> audit.recordNow(user.getUsername(), "digest.run", everyone ? "everyone" : name,
                                null, remote)
                        .then(digests.run(id == 0 ? null : id)));
    }

    private Mono<Subscription> view(long accountId) {
        return Mono.zip(subscriptions.subscribed(accountId), digests.eligible(accountId))
                .map(t -> new Subscription(t.getT1(), t.getT2(), subscriptions.schedule(), properties.enabled(),
                        digests.emailOn()));
    }
}
