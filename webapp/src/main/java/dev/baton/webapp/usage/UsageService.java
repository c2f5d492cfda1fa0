package dev.baton.webapp.usage;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.util.Collection;
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

    /**
     * How often each of these assets was used (views, previews and downloads together), by asset; an asset nobody
     * used is absent. The search index ranks by it.
     */
    public Mono<Map<UUID, Long>> totals(Collection<UUID> assetIds) {
        if (assetIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select asset_id, count(*) as n from usage_event where asset_id = any(:ids) group by asset_id")
                .bind("ids", assetIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Usage of one asset. */
    public record Counts(long views, long previews, long downloads, long people, java.time.Instant lastUsed) {}
}
