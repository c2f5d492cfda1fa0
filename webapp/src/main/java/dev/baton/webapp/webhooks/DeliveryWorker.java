package dev.baton.webapp.webhooks;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DataDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sends due deliveries: one worker thread per node claims up to {@code baton.webhooks.concurrency} of them at a time
 * ({@code for update skip locked}, with a lease, so no two workers send one delivery at once; a node releases its own
 * claims at start, a dead node's lapse with their lease), sends them at once with the JDK's HTTP client (connect and
 * read timeouts, no redirects followed, the target checked against {@link TargetGuard} just before), and records each
 * attempt. A 2xx answer delivers; anything else is retried after a wait that starts at
 * {@code baton.webhooks.first-retry} and doubles up to {@code max-retry-interval}, until the retry window ends and the
 * delivery is given up. A subscription whose attempts have all failed for {@code pause-after} is paused with a notice
 * to admins. Times come from Baton's clock.
 */
@Component
class DeliveryWorker extends BackgroundWorker {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR = 500;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final BatonProperties.Webhooks settings;
    private final TargetGuard guard;
    private final String node;
    private final HttpClient client;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private volatile Instant lastHousekeeping;

    DeliveryWorker(DatabaseClient db, TransactionalOperator tx, Clock clock, BatonProperties properties,
            DataDirectory dataDirectory, AuditLog audit, ApplicationEventPublisher events) {
        super("baton-webhooks", properties.webhooks().poll());
        this.db = db;
        this.tx = tx;
        this.clock = clock;
        this.settings = properties.webhooks();
        this.guard = new TargetGuard(settings.allowedPrivateTargets());
        this.node = dataDirectory.nodeName(properties.nodeName());
        this.audit = audit;
        this.events = events;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A claimed delivery with what sending it needs. */
    record Claimed(long id, int attempts, Instant windowStart, UUID subscriptionId, String eventId, String body,
            String url, List<String> secrets) {}

    /** How one attempt went. */
    record Outcome(Instant at, long durationMillis, Integer status, String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Override
    protected void releaseOwnClaims() {
        db.sql("update webhook_delivery set claimed_by = null, claimed_until = null where claimed_by = :node")
                .bind("node", node)
                .then()
                .block(QUERY_TIMEOUT);
    }

    @Override
    protected String problem() {
        return "Sending webhooks hit a problem; trying again shortly";
    }

    @Override
    protected boolean workOnce() throws Exception {
        housekeeping();
        List<Claimed> claimed = claim();
        if (claimed.isEmpty()) {
            return false;
        }
        List<CompletableFuture<Outcome>> sending = new ArrayList<>();
        for (Claimed delivery : claimed) {
            sending.add(send(delivery));
        }
        long waitMillis = settings.connectTimeout().plus(settings.readTimeout()).plusSeconds(5).toMillis();
        for (int i = 0; i < claimed.size(); i++) {
            Outcome outcome = await(sending.get(i), waitMillis);
            Claimed delivery = claimed.get(i);
            String paused = record(delivery, outcome).block(QUERY_TIMEOUT);
            if (paused != null) {
                events.publishEvent(new WebhookPaused(delivery.subscriptionId(), delivery.url(), paused));
            }
        }
        return true;
    }

    /** Now and then: deletes finished deliveries (with their attempts), events and notices past the retention. */
    private void housekeeping() {
        Instant now = clock.instant();
        Instant last = lastHousekeeping;
        if (last != null && now.isBefore(last.plus(Duration.ofHours(1))) && !now.isBefore(last)) {
            return;
        }
        lastHousekeeping = now;
        OffsetDateTime before = now.minus(settings.logRetention()).atOffset(ZoneOffset.UTC);
        db.sql("delete from webhook_delivery where status <> 'PENDING' and finished_at < :before")
                .bind("before", before)
                .then()
                .then(db.sql("delete from webhook_event e where e.created_at < :before "
                                + "and not exists (select 1 from webhook_delivery d where d.event_id = e.id)")
                        .bind("before", before)
                        .then())
                .then(db.sql("delete from webhook_notice where dismissed_at < :before")
                        .bind("before", before)
                        .then())
                .block(QUERY_TIMEOUT);
    }

    private List<Claimed> claim() {
        OffsetDateTime now = now();
        Duration lease = settings.connectTimeout().plus(settings.readTimeout()).multipliedBy(2).plusMinutes(1);
        return db.sql("update webhook_delivery d set claimed_by = :node, claimed_until = :until "
                        + "from webhook_event e, webhook_subscription s where d.id in (select id from webhook_delivery "
                        + "where status = 'PENDING' and next_attempt_at <= :now "
                        + "and (claimed_until is null or claimed_until < :now) order by next_attempt_at, id "
                        + "limit :limit for update skip locked) and e.id = d.event_id and s.id = d.subscription_id "
                        + "and s.status = 'ACTIVE' returning d.id, d.attempts, d.window_start, d.subscription_id, "
                        + "e.id as event_id, e.body, s.url, s.secret, s.previous_secret, s.previous_secret_until")
                .bind("node", node)
                .bind("until", now.plus(lease))
                .bind("now", now)
                .bind("limit", Math.max(1, settings.concurrency()))
                .map(row -> {
                    List<String> secrets = new ArrayList<>();
                    secrets.add(row.get("secret", String.class));
                    Instant previousUntil = Subscriptions.instant(row, "previous_secret_until");
                    String previous = row.get("previous_secret", String.class);
                    if (previous != null && previousUntil != null && previousUntil.isAfter(now.toInstant())) {
                        secrets.add(previous);
                    }
                    return new Claimed(row.get("id", Long.class), row.get("attempts", Integer.class),
                            Subscriptions.instant(row, "window_start"), row.get("subscription_id", UUID.class),
                            row.get("event_id", String.class), row.get("body", String.class),
                            row.get("url", String.class), secrets);
                })
                .all()
                .collectList()
                .block(QUERY_TIMEOUT);
    }

    /** Checks the target again (what its name resolves to may have changed) and sends, signed with a fresh time. */
    private CompletableFuture<Outcome> send(Claimed delivery) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        URI uri;
        try {
            uri = guard.check(delivery.url());
        } catch (TargetGuard.RefusedTarget e) {
            return CompletableFuture.completedFuture(new Outcome(at, 0, null, "not sent: " + e.getMessage()));
        }
        long timestamp = at.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Baton-Webhooks/1")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature",
                        WebhookSigner.header(delivery.secrets(), delivery.eventId(), timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (error != null) {
                        return new Outcome(at, millis, null, describe(error));
                    }
                    int status = response.statusCode();
                    return new Outcome(at, millis, status, status >= 200 && status < 300 ? null
                            : "the receiver answered HTTP " + status);
                });
    }

    private static Outcome await(CompletableFuture<Outcome> sending, long waitMillis) throws InterruptedException {
        try {
            return sending.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sending.cancel(true);
            return new Outcome(Instant.now(), waitMillis, null, "no answer within " + waitMillis + " ms");
        } catch (ExecutionException e) {
            return new Outcome(Instant.now(), 0, null, describe(e.getCause()));
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause instanceof java.util.concurrent.CompletionException
                || cause.getMessage() == null)) {
            cause = cause.getCause();
        }
        String text = cause instanceof HttpTimeoutException ? "timed out: " + cause.getMessage()
                : cause instanceof java.net.ConnectException ? "could not connect"
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    /** The wait before the next attempt after {@code attempts} attempts: doubling from the first retry, capped. */
    static Duration backoff(int attempts, Duration first, Duration max) {
        Duration wait = first;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /**
     * Records the attempt and what follows from it, in one transaction.
     *
     * @return the reason, when the subscription was paused by this failure
     */
    private Mono<String> record(Claimed delivery, Outcome outcome) {
        OffsetDateTime now = now();
        int attempts = delivery.attempts() + 1;
        Mono<Void> attempt = db.sql("insert into webhook_attempt (delivery_id, attempted_at, duration_ms, status_code, "
                        + "error) values (:delivery, :at, :duration, :status, :error)")
                .bind("delivery", delivery.id())
                .bind("at", outcome.at().atOffset(ZoneOffset.UTC))
                .bind("duration", outcome.durationMillis())
                .bind("status", Parameter.fromOrEmpty(outcome.status(), Integer.class))
                .bind("error", Parameter.fromOrEmpty(outcome.error(), String.class))
                .then();
        Mono<String> after;
        if (outcome.delivered()) {
            after = db.sql("update webhook_delivery set status = 'SUCCEEDED', attempts = :attempts, finished_at = :now, "
                            + "next_attempt_at = null, last_status = :status, last_error = null, claimed_by = null, "
                            + "claimed_until = null where id = :id")
                    .bind("attempts", attempts)
                    .bind("now", now)
                    .bind("status", outcome.status())
                    .bind("id", delivery.id())
                    .then()
                    .then(db.sql("update webhook_subscription set failing_since = null where id = :id")
                            .bind("id", delivery.subscriptionId())
                            .then())
                    .then(Mono.empty());
        } else {
            Instant next = now.toInstant().plus(backoff(attempts, settings.firstRetry(), settings.maxRetryInterval()));
            boolean giveUp = next.isAfter(delivery.windowStart().plus(settings.retryWindow()));
            after = db.sql("update webhook_delivery set status = :state, attempts = :attempts, "
                            + "next_attempt_at = :next, finished_at = :finished, last_status = :status, "
                            + "last_error = :error, claimed_by = null, claimed_until = null "
                            // paused while this attempt was under way: it stays given up
                            + "where id = :id and status = 'PENDING'")
                    .bind("state", giveUp ? "FAILED" : "PENDING")
                    .bind("attempts", attempts)
                    .bind("next", Parameter.fromOrEmpty(
                            giveUp ? null : next.atOffset(ZoneOffset.UTC), OffsetDateTime.class))
                    .bind("finished", Parameter.fromOrEmpty(giveUp ? now : null,
                            OffsetDateTime.class))
                    .bind("status", Parameter.fromOrEmpty(outcome.status(),
                            Integer.class))
                    .bind("error", giveUp ? outcome.error() + "; given up after " + attempts + " attempts"
                            : outcome.error())
                    .bind("id", delivery.id())
                    .then()
                    .then(failing(delivery.subscriptionId(), outcome.at(), now));
        }
        return attempt.then(after).as(tx::transactional);
    }

    /** Notes a failure; pauses the subscription when it has failed, and only failed, for {@code pause-after}. */
    private Mono<String> failing(UUID subscription, Instant failedAt, OffsetDateTime now) {
        return db.sql("update webhook_subscription set failing_since = coalesce(failing_since, :failed) "
                        + "where id = :id and status = 'ACTIVE' returning failing_since")
                .bind("failed", failedAt.atOffset(ZoneOffset.UTC))
                .bind("id", subscription)
                .map(row -> row.get("failing_since", OffsetDateTime.class))
                .one()
                .flatMap(since -> {
                    if (since.toInstant().plus(settings.pauseAfter()).isAfter(now.toInstant())) {
                        return Mono.empty();
                    }
                    String reason = "Paused: every delivery since " + since.toInstant() + " failed (more than "
                            + describe(settings.pauseAfter()) + "). Check the receiver, then resume the subscription.";
                    return pause(db, audit, subscription, reason, now, true).thenReturn(reason);
                });
    }

    /**
     * Pauses a subscription: nothing more is sent to it and its pending deliveries are given up; with {@code notify},
     * admins get a notice on the webhooks page (and the audit log). Compose into a transaction.
     */
    static Mono<Void> pause(DatabaseClient db, AuditLog audit, UUID id, String reason, OffsetDateTime now,
            boolean notify) {
        return db.sql("update webhook_subscription set status = 'PAUSED', paused_at = :now, paused_reason = :reason, "
                        + "updated_at = :now where id = :id and status = 'ACTIVE'")
                .bind("now", now)
                .bind("reason", reason)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.empty() : db.sql("update webhook_delivery set status = 'FAILED', "
                                + "finished_at = :now, next_attempt_at = null, claimed_by = null, claimed_until = null, "
                                + "last_error = coalesce(last_error || '; ', '') || 'given up: the subscription was "
                                + "paused' where subscription_id = :id and status = 'PENDING'")
                        .bind("now", now)
                        .bind("id", id)
                        .then()
                        .then(notify ? db.sql("insert into webhook_notice (subscription_id, message, created_at) "
                                        + "values (:id, :message, :now)")
                                .bind("id", id)
                                .bind("message", reason)
                                .bind("now", now)
                                .then()
                                .then(audit.record(null, "webhook.paused", id.toString(), reason, null))
                                : Mono.empty()));
    }

    private static String describe(Duration duration) {
        long hours = duration.toHours();
        return hours % 24 == 0 ? hours / 24 + " days" : hours + " hours";
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
