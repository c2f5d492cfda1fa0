package dev.baton.webapp.search;

import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fills an index generation from the database: every asset, page by page, with its stored text, indexed on
 * {@code baton.search.build-threads} threads. A build first notes the highest outbox position and waits until every
 * position up to it has settled (every transaction that could hold one has ended), so every change up to it is in
 * what the build reads; it records that position in the index, and the rows after it are replayed onto the new index
 * before it serves.
 */
@Component
class IndexBuild {

    private static final Logger log = LoggerFactory.getLogger(IndexBuild.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);

    private final Outbox outbox;
    private final TransactionHorizon horizon;
    private final IndexedAssets assets;
    private final BatonProperties.Search settings;

    IndexBuild(Outbox outbox, TransactionHorizon horizon, IndexedAssets assets, BatonProperties properties) {
        this.outbox = outbox;
        this.horizon = horizon;
        this.assets = assets;
        this.settings = properties.search();
    }

    /**
     * Fills {@code target} and returns the outbox position it reflects. Stops between pages once {@code running}
     * says so (the generation is then incomplete: the caller discards it).
     *
     * @param from told the position as soon as it is noted, before anything is read: the outbox rows after it must be
     *     kept until they are replayed onto the new index
     */
    long build(SearchIndex.Generation target, IndexFeed.BuildProgress progress, BooleanSupplier running,
            LongConsumer from) throws Exception {
        long position = outbox.lastPosition().block(QUERY_TIMEOUT);
        from.accept(position);
        FeedCursor.Seen seen = new FeedCursor.Seen(horizon.now());
        while (running.getAsBoolean() && !seen.settled(horizon.now(), settings.settle())) {
            Thread.sleep(50);
        }
        progress.total = assets.count();
        log.info("Search index {}: indexing {} assets from the database", target.name(), progress.total);
        IndexedAssets.Labels labels = assets.labels();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.buildThreads()),
                Thread.ofPlatform().daemon().name("baton-index-build-", 0).factory());
        try {
            UUID after = null;
            long lastGeneration = -1;
            while (running.getAsBoolean()) {
                List<IndexedAssets.Source> page = assets.page(after, DocumentSync.PAGE);
                if (page.isEmpty()) {
                    break;
                }
                List<Future<Long>> done = new ArrayList<>(page.size());
                for (IndexedAssets.Source source : page) {
                    done.add(pool.submit(() -> {
                        long generation = target.searcher().index(assets.document(source, labels));
                        progress.indexed.incrementAndGet();
                        return generation;
                    }));
                }
                for (Future<Long> each : done) {
                    lastGeneration = Math.max(lastGeneration, each.get());
                }
                after = page.getLast().id();
            }
            if (lastGeneration >= 0) {
                // searches see the whole build before it serves
                target.searcher().luceneIndex().waitForGeneration(lastGeneration, Duration.ofSeconds(30));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        target.searcher().luceneIndex().applied(position);
        progress.finishedAt = Instant.now();
        log.info("Search index {}: built with {} assets in {} s ({} documents/s), up to outbox position {}",
                target.name(), progress.getIndexed(), Duration.between(progress.startedAt, progress.finishedAt)
                        .toSeconds(), progress.getDocumentsPerSecond(), position);
        return position;
    }
}
