package dev.baton.webapp.search;

import dev.baton.indexer.search.AssetSearcher;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.usage.UsageService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps the usage counts in the index (used by the "most used" sort and the usage boost) in step with the usage
 * events, in place, without reindexing. It follows the events with a {@link FeedCursor}, as the feed follows the
 * outbox: an event's id is handed out at insert, so one that commits late shows an id below ones already counted;
 * the cursor looks such gaps up again until they show their event or settle, and the asset is counted again then.
 * An owner's own uses never count ({@link UsageService#useCountsBesideOwners}, owners from {@link AssetCatalog}).
 *
 * <p>State of the feed thread: used by that thread only.
 */
@Component
class UsageRefresh {

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);
    private static final int BATCH = 5000;
    private static final int GAP_LOOKUP = 1000;

    private final UsageService usage;
    private final AssetCatalog catalog;
    private final TransactionHorizon horizon;
    private final Duration settle;

    private FeedCursor cursor;
    /** After a full count: when every event that may have been in flight then has committed or gone. */
    private FeedCursor.Seen recountAt;

    UsageRefresh(UsageService usage, AssetCatalog catalog, TransactionHorizon horizon, BatonProperties properties) {
        this.usage = usage;
        this.catalog = catalog;
        this.horizon = horizon;
        this.settle = properties.search().settle();
    }

    /**
     * Sets every used asset's count, and follows the events from the highest id committed now. An event below that
     * id may still be in flight (its transaction open): once every transaction running now has ended, everything is
     * counted once more, so it is not missed.
     */
    void all(AssetSearcher searcher) throws IOException {
        long last = usage.lastUseId().block(QUERY_TIMEOUT);
        FeedCursor.Seen now = new FeedCursor.Seen(horizon.now());
        countAll(searcher);
        cursor = new FeedCursor(last, settle);
        recountAt = now;
    }

    /** Sets the counts of the assets used since the last refresh, late commits included. */
    void recent(AssetSearcher searcher) throws IOException {
        if (cursor == null) {
            all(searcher);
            return;
        }
        if (recountAt != null && recountAt.settled(horizon.now(), settle)) {
            countAll(searcher);
            recountAt = null;
        }
        List<UsageService.Use> batch;
        do {
            batch = usage.usesAfter(cursor.read(), BATCH).block(QUERY_TIMEOUT);
            FeedCursor.Round round = cursor.round(batch.stream().map(UsageService.Use::id).toList(), GAP_LOOKUP);
            FeedCursor.Moment now = null;
            List<UsageService.Use> late = List.of();
            if (!round.lookUp().isEmpty()) {
                now = horizon.now();
                late = usage.usesWithIds(round.lookUp()).block(QUERY_TIMEOUT);
            }
            Set<UUID> assets = new LinkedHashSet<>();
            batch.forEach(use -> assets.add(use.assetId()));
            late.forEach(use -> assets.add(use.assetId()));
            if (!assets.isEmpty()) {
                Map<UUID, Long> counts = countsBesideOwners(assets);
                for (UUID asset : assets) {
                    searcher.updateUsage(asset.toString(), counts.getOrDefault(asset, 0L));
                }
            }
            cursor.advance(round, late.stream().map(UsageService.Use::id).toList(), now);
        } while (batch.size() == BATCH);
    }

    private void countAll(AssetSearcher searcher) throws IOException {
        List<UUID> used = new ArrayList<>(usage.useCounts(null).block(QUERY_TIMEOUT).keySet());
        for (int from = 0; from < used.size(); from += BATCH) {
            List<UUID> part = used.subList(from, Math.min(used.size(), from + BATCH));
            Map<UUID, Long> counts = countsBesideOwners(part);
            for (UUID asset : part) {
                searcher.updateUsage(asset.toString(), counts.getOrDefault(asset, 0L));
            }
        }
    }

    /** The uses of these assets by anyone but their owners (an asset no longer in the library: every use). */
    private Map<UUID, Long> countsBesideOwners(Collection<UUID> assets) {
        Map<UUID, Long> owners = new HashMap<>(catalog.owners(assets).block(QUERY_TIMEOUT));
        Map<UUID, Long> counts = new HashMap<>(usage.useCountsBesideOwners(owners).block(QUERY_TIMEOUT));
        List<UUID> gone = assets.stream().filter(asset -> !owners.containsKey(asset)).toList();
        if (!gone.isEmpty()) {
            counts.putAll(usage.useCounts(gone).block(QUERY_TIMEOUT));
        }
        return counts;
    }
}
