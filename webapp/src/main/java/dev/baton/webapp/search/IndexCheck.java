package dev.baton.webapp.search;

import dev.baton.indexer.search.AssetSearcher;
import dev.baton.indexer.search.IndexedStamp;
import dev.baton.webapp.system.Outbox;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares every asset in the database with what an index holds (the fingerprint of what each document was built
 * from), and repairs the differences when asked: indexes the missing and stale ones, deletes the extra ones.
 */
@Component
class IndexCheck {

    private static final Logger log = LoggerFactory.getLogger(IndexCheck.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);
    private static final int EXAMPLES = 20;

    private final Outbox outbox;
    private final IndexedAssets assets;
    private final DocumentSync documents;

    IndexCheck(Outbox outbox, IndexedAssets assets, DocumentSync documents) {
        this.outbox = outbox;
        this.assets = assets;
        this.documents = documents;
    }

    /**
     * Checks {@code searcher}'s documents against the database; the outbox must have been applied up to {@code read}.
     * Assets named by rows after it are on their way, not differences.
     */
    IndexCheckReport check(AssetSearcher searcher, long read, boolean repair)
            throws IOException, InterruptedException {
        Map<String, IndexedStamp> stamps = searcher.indexedStamps();
        IndexedAssets.Labels labels = assets.labels();
        Map<String, String> database = assets.fingerprints(labels);
        Set<String> inFlight = new HashSet<>();
        documents.assetsNamed(outbox.after(read, Integer.MAX_VALUE).block(QUERY_TIMEOUT))
                .forEach(id -> inFlight.add(id.toString()));
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        database.forEach((id, fingerprint) -> {
            IndexedStamp stamp = stamps.get(id);
            if (inFlight.contains(id)) {
                return;
            }
            if (stamp == null) {
                missing.add(id);
            } else if (!fingerprint.equals(stamp.fingerprint())) {
                stale.add(id);
            }
        });
        stamps.keySet().stream()
                .filter(id -> !database.containsKey(id) && !inFlight.contains(id))
                .forEach(extra::add);
        missing.sort(null);
        stale.sort(null);
        extra.sort(null);
        boolean repaired = false;
        if (repair && (!missing.isEmpty() || !stale.isEmpty() || !extra.isEmpty())) {
            Set<UUID> ids = new LinkedHashSet<>();
            missing.forEach(id -> ids.add(UUID.fromString(id)));
            stale.forEach(id -> ids.add(UUID.fromString(id)));
            long generation = documents.sync(searcher, ids);
            for (String id : extra) {
                generation = searcher.delete(id);
            }
            searcher.luceneIndex().waitForGeneration(generation, VISIBLE_WITHIN);
            repaired = true;
            log.warn("Search index check: repaired {} missing, {} stale and {} extra documents", missing.size(),
                    stale.size(), extra.size());
        }
        return new IndexCheckReport(Instant.now(), database.size(), stamps.size(), missing.size(), stale.size(),
                extra.size(), examples(missing), examples(stale), examples(extra), repaired);
    }

    private static List<String> examples(List<String> ids) {
        return List.copyOf(ids.subList(0, Math.min(EXAMPLES, ids.size())));
    }
}
