package dev.baton.webapp.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound webhooks, as other packages use them: {@link #publish} an event and every active subscription to its type
 * receives it, signed, retried and logged (docs/webhooks.md).
 *
 * <p>{@code publish} only writes rows: the event (its id and the exact JSON body every attempt will send) and one
 * pending delivery per subscription. It is safe to compose into the caller's own flow and transaction: composed into
 * a transaction, the event exists if and only if the transaction commits, and the delivery worker is woken after
 * the commit; outside one, the rows are written at once. Nothing is sent on the caller's thread and a slow or dead
 * receiver never holds the caller up. With no subscription to the type nothing is written.
 *
 * <pre>{@code
 * return db.sql("update deal set ...").then()
 *         .then(webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("id", dealId, "stage", stage)))
 *         .as(tx::transactional);
 * }</pre>
 *
 * <p>{@code data} becomes the body's {@code data} member; keep it to plain values (strings, numbers, booleans, lists,
 * maps, {@code UUID}, {@code Instant}, {@code LocalDate}) and to what a subscriber may see (never secrets or
 * passcodes). The body is {@code {"type": ..., "timestamp": ..., "data": {...}}}.
 */
@Component
public class Webhooks {

    /** A rep shared an asset or a room with a buyer. */
    public static final String SHARE_CREATED = "share.created";
    /** A buyer's first verified visit of a shared link. */
    public static final String SHARE_VIEWED = "share.viewed";
    /** An asset became published (uploaded as published, or published from draft or archive). */
    public static final String ASSET_PUBLISHED = "asset.published";
    /** A published asset changed: its metadata, a new version, or it was archived or returned to draft. */
    public static final String ASSET_UPDATED = "asset.updated";
    /** A published asset's expiry date came (once per asset and expiry date). */
    public static final String ASSET_EXPIRED = "asset.expired";
    /** A deal changed (stage, amount, outcome, ...). */
    public static final String DEAL_UPDATED = "deal.updated";

    /** Every event type a subscription may ask for. */
    public static final List<String> TYPES = List.of(SHARE_CREATED, SHARE_VIEWED, ASSET_PUBLISHED, ASSET_UPDATED,
            ASSET_EXPIRED, DEAL_UPDATED);

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;
    private final DeliveryWorker deliveries;

    Webhooks(DatabaseClient db, JsonMapper json, Clock clock, DeliveryWorker deliveries) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.deliveries = deliveries;
    }

    /**
     * Records an event for every active subscription to {@code type}; completes when the rows are written (in the
     * caller's transaction, if there is one).
     *
     * @param type one of {@link #TYPES}
     * @param data what happened, the body's {@code data}
     * @throws IllegalArgumentException for a type not in {@link #TYPES} (a programming error)
     */
    public Mono<Void> publish(String type, Map<String, ?> data) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("No webhook event type " + type + "; the types are " + TYPES);
        }
        return Mono.defer(() -> {
            Instant now = clock.instant();
            String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type);
            body.put("timestamp", now.toString());
            body.put("data", data);
            return db.sql("with subs as (select id from webhook_subscription where status = 'ACTIVE' "
                            + "and :type = any(event_types)), "
                            + "ev as (insert into webhook_event (id, type, body, created_at) "
                            + "select :id, :type, :body, :now where exists (select 1 from subs) returning id) "
                            + "insert into webhook_delivery (subscription_id, event_id, window_start, next_attempt_at, "
                            + "created_at) select subs.id, ev.id, :now, :now, :now from subs, ev")
                    .bind("type", type)
                    .bind("id", id)
                    .bind("body", json.writeValueAsString(body))
                    .bind("now", now.atOffset(ZoneOffset.UTC))
                    .fetch()
                    .rowsUpdated()
                    .flatMap(rows -> rows > 0 ? wakeAfterCommit() : Mono.empty());
        });
    }

    /** Wakes the delivery worker once the caller's transaction commits (at once when there is none). */
    private Mono<Void> wakeAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(sync -> {
                    if (sync.isSynchronizationActive()) {
                        sync.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(deliveries::wake);
                            }
                        });
                    } else {
                        deliveries.wake();
                    }
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(deliveries::wake));
    }
}
