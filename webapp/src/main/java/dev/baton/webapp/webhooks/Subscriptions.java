package dev.baton.webapp.webhooks;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BatonProperties;
import io.r2dbc.spi.Readable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The subscriptions admins manage, their deliveries and attempts, and the notices admins are shown. Every change is
 * audited. The tables are this package's ({@code V13__webhooks.sql}).
 */
@Component
class Subscriptions {

    /** How long a rotated-out secret still signs beside the new one, so receivers can switch without losing events. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private static final String COLUMNS = "select id, url, description, event_types, secret, status, failing_since, "
            + "paused_at, paused_reason, created_at, created_by, updated_at from webhook_subscription ";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final Clock clock;
    private final TargetGuard guard;
    private final DeliveryWorker deliveries;

    Subscriptions(DatabaseClient db, TransactionalOperator tx, AuditLog audit, Clock clock, BatonProperties properties,
            DeliveryWorker deliveries) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.guard = new TargetGuard(properties.webhooks().allowedPrivateTargets());
        this.deliveries = deliveries;
    }

    /** A subscription as admins see it: never its secret, only how it starts. */
    record Subscription(
            UUID id,
            String url,
            String description,
            List<String> events,
            String status,
            String secretStart,
            Instant failingSince,
            Instant pausedAt,
            String pausedReason,
            Instant createdAt,
            String createdBy,
            Instant updatedAt) {

        public boolean paused() {
            return "PAUSED".equals(status);
        }
    }

    /** A subscription with its signing secret: the answer to creating one or rotating its secret, the only ones. */
    record WithSecret(Subscription subscription, String secret) {}

    /** What an admin sends to create or change a subscription; a change leaves out what it does not change. */
    record Request(String url, List<String> events, String description, Boolean paused) {}

    /** One event to one subscription, with its attempts (oldest first). */
    record Delivery(
            long id,
            String eventId,
            String eventType,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant finishedAt,
            List<Attempt> attemptLog) {}

    /** One attempt: when, how long, the HTTP status (none when no answer came) and what went wrong. */
    record Attempt(Instant attemptedAt, long durationMillis, Integer statusCode, String error) {}

    /** Something admins are told, e.g. a subscription paused after failing for three days. */
    record Notice(long id, UUID subscriptionId, String message, Instant createdAt) {}

    // ---- subscriptions ----

    Flux<Subscription> list() {
        return db.sql(COLUMNS + "order by created_at, id").map(Subscriptions::subscription).all();
    }

    Mono<Subscription> get(UUID id) {
        return db.sql(COLUMNS + "where id = :id").bind("id", id).map(Subscriptions::subscription).one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No webhook subscription " + id)));
    }

    Mono<WithSecret> create(Request request, String actor, String address) {
        if (request == null) {
            return Mono.error(new BatonException.InvalidInput("url", "a URL is required"));
        }
        List<String> events = events(request.events(), true);
        String description = description(request.description());
        return checked(request.url()).flatMap(uri -> {
            UUID id = UUID.randomUUID();
            String secret = WebhookSigner.newSecret();
            OffsetDateTime now = now();
            return db.sql("insert into webhook_subscription (id, url, description, event_types, secret, created_at, "
                            + "created_by, updated_at) values (:id, :url, :description, :events, :secret, :now, "
                            + ":actor, :now)")
                    .bind("id", id)
                    .bind("url", uri.toString())
                    .bind("description", description)
                    .bind("events", events.toArray(String[]::new))
                    .bind("secret", secret)
                    .bind("now", now)
                    .bind("actor", actor)
                    .then()
                    .then(audit.record(actor, "webhook.created", id.toString(), uri + " " + events, address))
                    .as(tx::transactional)
                    .then(get(id))
                    .map(subscription -> new WithSecret(subscription, secret));
        });
    }

    Mono<Subscription> update(UUID id, Request request, String actor, String address) {
        if (request == null) {
            return get(id);
        }
        List<String> events = request.events() == null ? null : events(request.events(), true);
        String description = request.description() == null ? null : description(request.description());
        Mono<String> url = request.url() == null ? Mono.just("") : checked(request.url()).map(URI::toString);
        return get(id).then(url).flatMap(newUrl -> {
            OffsetDateTime now = now();
            Mono<Void> change = db.sql("update webhook_subscription set url = coalesce(:url, url), "
                            + "event_types = coalesce(:events, event_types), "
                            + "description = coalesce(:description, description), updated_at = :now where id = :id")
                    .bind("url", Parameter.fromOrEmpty(newUrl.isEmpty() ? null : newUrl, String.class))
                    .bind("events", Parameter.fromOrEmpty(events == null ? null : events.toArray(String[]::new),
                            String[].class))
                    .bind("description", Parameter.fromOrEmpty(description, String.class))
                    .bind("now", now)
                    .bind("id", id)
                    .then();
            if (Boolean.TRUE.equals(request.paused())) {
                change = change.then(pause(id, "Paused by " + actor, now, false));
            } else if (Boolean.FALSE.equals(request.paused())) {
                change = change.then(resume(id, now));
            }
            String detail = (newUrl.isEmpty() ? "" : "url " + newUrl + " ") + (events == null ? "" : events + " ")
                    + (request.paused() == null ? "" : request.paused() ? "paused" : "resumed");
            return change.then(audit.record(actor, "webhook.changed", id.toString(), detail.strip(), address))
                    .as(tx::transactional);
        }).then(Mono.defer(() -> get(id)));
    }

    Mono<Void> delete(UUID id, String actor, String address) {
        return get(id).flatMap(subscription -> db.sql("delete from webhook_subscription where id = :id")
                .bind("id", id)
                .then()
                .then(audit.record(actor, "webhook.deleted", id.toString(), subscription.url(), address))
                .as(tx::transactional));
    }

    /** A new secret; the previous one keeps signing beside it for {@link #ROTATION_OVERLAP}. */
    Mono<WithSecret> rotate(UUID id, String actor, String address) {
        String secret = WebhookSigner.newSecret();
        return get(id).flatMap(subscription -> db.sql("update webhook_subscription set previous_secret = secret, "
                        + "previous_secret_until = :until, secret = :secret, updated_at = :now where id = :id")
                .bind("until", now().plus(ROTATION_OVERLAP))
                .bind("secret", secret)
                .bind("now", now())
                .bind("id", id)
                .then()
                .then(audit.record(actor, "webhook.secret-rotated", id.toString(), null, address))
                .as(tx::transactional))
                .then(Mono.defer(() -> get(id)))
                .map(subscription -> new WithSecret(subscription, secret));
    }

    /**
     * Pauses a subscription: nothing more is sent to it, its pending deliveries are given up, and (when
     * {@code notify}) admins get a notice. Compose into a transaction.
     */
    Mono<Void> pause(UUID id, String reason, OffsetDateTime now, boolean notify) {
        return DeliveryWorker.pause(db, audit, id, reason, now, notify);
    }

    private Mono<Void> resume(UUID id, OffsetDateTime now) {
        return db.sql("update webhook_subscription set status = 'ACTIVE', failing_since = null, paused_at = null, "
                        + "paused_reason = null, updated_at = :now where id = :id")
                .bind("now", now)
                .bind("id", id)
                .then()
                .then(db.sql("update webhook_notice set dismissed_at = :now where subscription_id = :id "
                                + "and dismissed_at is null")
                        .bind("now", now)
                        .bind("id", id)
                        .then());
    }

    // ---- deliveries ----

    /** The latest deliveries of a subscription, newest first, each with its attempts. */
    Mono<List<Delivery>> deliveries(UUID id, int limit) {
        int bounded = Math.max(1, Math.min(limit, 200));
        return get(id).then(db.sql("select d.id, d.event_id, e.type, d.status, d.attempts, d.created_at, "
                                + "d.next_attempt_at, d.last_status, d.last_error, d.finished_at from webhook_delivery d "
                                + "join webhook_event e on e.id = d.event_id where d.subscription_id = :id "
                                + "order by d.id desc limit :limit")
                        .bind("id", id)
                        .bind("limit", bounded)
                        .map(row -> new Delivery(row.get("id", Long.class), row.get("event_id", String.class),
                                row.get("type", String.class), row.get("status", String.class),
                                row.get("attempts", Integer.class), instant(row, "created_at"),
                                instant(row, "next_attempt_at"), row.get("last_status", Integer.class),
                                row.get("last_error", String.class), instant(row, "finished_at"), List.of()))
                        .all()
                        .collectList())
                .flatMap(list -> {
                    if (list.isEmpty()) {
                        return Mono.just(list);
                    }
                    Long[] ids = list.stream().map(Delivery::id).toArray(Long[]::new);
                    return db.sql("select delivery_id, attempted_at, duration_ms, status_code, error "
                                    + "from webhook_attempt where delivery_id = any(:ids) order by id")
                            .bind("ids", ids)
                            .map(row -> Map.entry(row.get("delivery_id", Long.class),
                                    new Attempt(instant(row, "attempted_at"), row.get("duration_ms", Long.class),
                                            row.get("status_code", Integer.class), row.get("error", String.class))))
                            .all()
                            .collect(Collectors.groupingBy(Map.Entry::getKey,
                                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                            .map(attempts -> list.stream().map(d -> new Delivery(d.id(), d.eventId(), d.eventType(),
                                    d.status(), d.attempts(), d.createdAt(), d.nextAttemptAt(), d.lastStatus(),
                                    d.lastError(), d.finishedAt(), attempts.getOrDefault(d.id(), List.of()))).toList());
                });
    }

    /**
     * Sends a delivery again now, whatever became of it, with a new retry window; the event keeps its id, so a
     * receiver that already has it can tell.
     */
    Mono<Void> redeliver(UUID id, long deliveryId, String actor, String address) {
        return get(id).flatMap(subscription -> {
            if (subscription.paused()) {
                return Mono.error(new BatonException.Conflict("The subscription is paused; resume it first"));
            }
            OffsetDateTime now = now();
            return db.sql("update webhook_delivery set status = 'PENDING', window_start = :now, next_attempt_at = :now, "
                            + "finished_at = null, claimed_by = null, claimed_until = null "
                            + "where id = :delivery and subscription_id = :id")
                    .bind("now", now)
                    .bind("delivery", deliveryId)
                    .bind("id", id)
                    .fetch()
                    .rowsUpdated()
                    .flatMap(rows -> rows == 0
                            ? Mono.error(new BatonException.NotFound("No delivery " + deliveryId + " of this "
                                    + "subscription"))
                            : audit.record(actor, "webhook.redelivered", id.toString(), Long.toString(deliveryId),
                                    address))
                    .as(tx::transactional)
                    .doOnSuccess(done -> deliveries.wake());
        });
    }

    // ---- notices ----

    /** The notices admins have not dealt with (resuming the subscription deals with its notices), newest first. */
    Flux<Notice> notices() {
        return db.sql("select id, subscription_id, message, created_at from webhook_notice where dismissed_at is null "
                        + "order by id desc limit 50")
                .map(row -> new Notice(row.get("id", Long.class), row.get("subscription_id", UUID.class),
                        row.get("message", String.class), instant(row, "created_at")))
                .all();
    }

    // ---- checks ----

    private Mono<URI> checked(String url) {
        return Mono.fromCallable(() -> guard.check(url)).subscribeOn(Schedulers.boundedElastic());
    }

    TargetGuard guard() {
        return guard;
    }

    private static List<String> events(List<String> requested, boolean required) {
        if (requested == null || requested.isEmpty()) {
            if (required) {
                throw new BatonException.InvalidInput("events", "choose at least one event type of "
                        + Webhooks.TYPES);
            }
            return List.of();
        }
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> events = new LinkedHashSet<>();
        for (String event : requested) {
            if (event == null || !Webhooks.TYPES.contains(event.strip())) {
                unknown.add(String.valueOf(event));
            } else {
                events.add(event.strip());
            }
        }
        if (!unknown.isEmpty()) {
            throw new BatonException.InvalidInput("events", "unknown event types " + unknown + "; the types are "
                    + Webhooks.TYPES);
        }
        return new ArrayList<>(events);
    }

    private static String description(String description) {
        String text = description == null ? "" : description.strip();
        if (text.length() > 500) {
            throw new BatonException.InvalidInput("description", "at most 500 characters");
        }
        return text;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Subscription subscription(Readable row) {
        String secret = row.get("secret", String.class);
        String[] events = row.get("event_types", String[].class);
        return new Subscription(row.get("id", UUID.class), row.get("url", String.class),
                row.get("description", String.class), events == null ? List.of() : Arrays.asList(events),
                row.get("status", String.class), secret.substring(0, Math.min(secret.length(), 10)) + "…",
                instant(row, "failing_since"), instant(row, "paused_at"), row.get("paused_reason", String.class),
                instant(row, "created_at"), row.get("created_by", String.class), instant(row, "updated_at"));
    }
}
