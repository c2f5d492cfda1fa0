package dev.baton.webapp.usage;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Records every view, preview and download of an asset by a signed-in user in an append-only table, and counts them.
 * A client-supplied idempotency key makes a retried event count once: the same user sending the same key again
 * records nothing new and is told the event was already recorded.
 */
@Service
public class UsageService {

    private final DatabaseClient db;

    UsageService(DatabaseClient db) {
        this.db = db;
    }

    /** What a user did with an asset. */
    public enum Action {
        VIEW,
        PREVIEW,
        DOWNLOAD;

        public static Action parse(String value) {
            try {
                return valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BatonException.InvalidInput("action", "use view, preview or download");
            }
        }
    }

    /**
     * Records one event; runs to its end even if the client goes away, since the client may have been told it was
     * recorded. Emits {@code true} when recorded, {@code false} when the idempotency key was seen before.
     */
    public Mono<Boolean> record(long accountId, UUID assetId, int version, Action action, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > 200) {
            return Mono.error(new BatonException.InvalidInput("idempotencyKey", "use at most 200 characters"));
        }
        return Detached.uncancellable(db.sql("insert into usage_event (account_id, asset_id, version, action, "
                        + "idempotency_key) values (:account, :asset, :version, :action, :key) "
                        + "on conflict (account_id, idempotency_key) do nothing")
                .bind("account", accountId)
                .bind("asset", assetId)
                .bind("version", version)
                .bind("action", action.name())
                .bind("key", Parameter.fromOrEmpty(key, String.class))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0));
    }

    /** How often an asset was viewed, previewed and downloaded, and by how many people. */
    public Mono<Counts> counts(UUID assetId) {
        return db.sql("select count(*) filter (where action = 'VIEW') as views, "
                        + "count(*) filter (where action = 'PREVIEW') as previews, "
                        + "count(*) filter (where action = 'DOWNLOAD') as downloads, "
                        + "count(distinct account_id) as people, max(occurred_at) as last_used "
                        + "from usage_event where asset_id = :asset")
                .bind("asset", assetId)
                .map(row -> new Counts(row.get("views", Long.class), row.get("previews", Long.class),
                        row.get("downloads", Long.class), row.get("people", Long.class),
                        row.get("last_used", java.time.OffsetDateTime.class) == null ? null
                                : row.get("last_used", java.time.OffsetDateTime.class).toInstant()))
                .one();
    }

    /** Usage of one asset. */
    public record Counts(long views, long previews, long downloads, long people, java.time.Instant lastUsed) {}

    // ---- for readers that follow the events (the search index's usage counts) ----

    /**
     * One recorded use as a reader following the events sees it: its id (handed out when the event is inserted, so
     * an event that commits late has an id below ones already seen) and its asset.
     */
    public record Use(long id, UUID assetId) {}

    /** Up to {@code limit} uses with an id above {@code id}, in id order (what has committed so far). */
    public Mono<List<Use>> usesAfter(long id, int limit) {
        return db.sql("select id, asset_id from usage_event where id > :id order by id limit :limit")
                .bind("id", id)
                .bind("limit", limit)
                .map(row -> new Use(row.get("id", Long.class), row.get("asset_id", UUID.class)))
                .all()
                .collectList();
    }

    /** The uses with these ids that have committed by now, in id order. */
    public Mono<List<Use>> usesWithIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select id, asset_id from usage_event where id = any(:ids) order by id")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> new Use(row.get("id", Long.class), row.get("asset_id", UUID.class)))
                .all()
                .collectList();
    }

    /** The highest use id committed so far; 0 when there is none. */
    public Mono<Long> lastUseId() {
        return db.sql("select coalesce(max(id), 0) as id from usage_event")
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /**
     * How many uses (views, previews and downloads together) each of these assets has had; an asset never used is
     * absent. All assets ever used when {@code assetIds} is {@code null}.
     */
    public Mono<Map<UUID, Long>> useCounts(Collection<UUID> assetIds) {
        if (assetIds != null && assetIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        DatabaseClient.GenericExecuteSpec spec = assetIds == null
                ? db.sql("select asset_id, count(*) as n from usage_event group by asset_id")
                : db.sql("select asset_id, count(*) as n from usage_event where asset_id = any(:ids) "
                                + "group by asset_id")
                        .bind("ids", assetIds.toArray(UUID[]::new));
        return spec.map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
