package dev.baton.webapp.search;

import dev.baton.indexer.search.AssetSearcher;
import dev.baton.indexer.search.IndexedStamp;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DatabaseNotifications;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index in step with the database: one thread per node tails the outbox and applies its rows in
 * order, builds the index from the database when there is none (first start, a new schema version) or when an admin
 * asks, and checks the index against the database.
 *
 * <p>The feed wakes at every commit that wrote outbox rows (PostgreSQL {@code LISTEN/NOTIFY}, so other nodes' changes
 * too) and otherwise looks every {@code poll}.
 *
 * <p><b>Positions.</b> Outbox positions are handed out when a row is inserted, so a transaction that commits late can
 * reveal a position below one already applied, and a rolled-back one leaves a gap for good. The feed applies every
 * row as soon as it sees it (an update is searchable well within a second), remembers the gaps it stepped over, and
 * looks them up again on every round. The position recorded in the Lucene commit, from which a restart replays, only
 * moves up to the lowest open gap. A gap closes when its row shows up, or when it is older than {@code settle} and
 * every transaction that was running when it was seen has ended (PostgreSQL's snapshot xmin has passed the xmax seen
 * then), so no transaction can still commit it. Applying a row means "make the index match the database for this
 * asset now", so applying one twice, or out of order, is harmless: replays after {@code kill -9} are safe.
 *
 * <p><b>Builds.</b> A build first waits until every position up to the current highest one is settled (as above),
 * then reads every asset page by page and indexes it with its stored text, and records that highest position: rows
 * after it are replayed onto the new index before it serves.
 */
@Component
class IndexFeed extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(IndexFeed.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);
    private static final Duration USAGE_REFRESH = Duration.ofSeconds(15);
    private static final Duration SUGGESTION_REFRESH = Duration.ofMinutes(5);
    private static final int BUILD_PAGE = 200;
    private static final int GAP_LOOKUP = 1000;
    private static final int EXAMPLES = 20;

    private final DatabaseClient db;
    private final SearchIndex index;
    private final IndexedAssets assets;
    private final BatonProperties.Search settings;
    private final Timer lag;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final DatabaseNotifications notifications;

    /** Touched by the feed thread only. */
    private volatile Feed feed;

    private long usageSeen;
    private long nextUsageRefresh;
    private long nextSuggestionRefresh;

    private volatile BuildProgress building;
    private volatile BuildProgress lastBuild;
    private volatile Thread rebuildThread;
    private volatile long lastLagMillis = -1;

    IndexFeed(DatabaseClient db, SearchIndex index, IndexedAssets assets, BatonProperties properties,
            MeterRegistry meters, DatabaseNotifications notifications) {
        super("baton-index-feed", properties.search().poll());
        this.db = db;
        this.index = index;
        this.assets = assets;
        this.settings = properties.search();
        this.notifications = notifications;
        notifications.on(DatabaseNotifications.OUTBOX, this::wake);
        this.lag = Timer.builder("baton.search.index.lag")
                .description("From an outbox row's insert to its change being searchable")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /** What the index is doing, for the admin page and the API. */
    record Status(
            String state,
            String generation,
            int schemaVersion,
            long documents,
            long appliedPosition,
            long readPosition,
            int openGaps,
            BuildProgress build,
            BuildProgress lastBuild,
            long lagMillis) {}

    /** A build under way or finished: how many assets it has indexed of how many, since when. */
    static final class BuildProgress {
        final String generation;
        final Instant startedAt = Instant.now();
        final AtomicLong indexed = new AtomicLong();
        volatile long total;
        volatile Instant finishedAt;

        BuildProgress(String generation) {
            this.generation = generation;
        }

        public String getGeneration() {
            return generation;
        }

        public Instant getStartedAt() {
            return startedAt;
        }

        public Instant getFinishedAt() {
            return finishedAt;
        }

        public long getIndexed() {
            return indexed.get();
        }

        public long getTotal() {
            return total;
        }

        /** Documents per second over the build so far (or all of it). */
        public double getDocumentsPerSecond() {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toNanos() / 1e9);
            return Math.round(indexed.get() / seconds * 10) / 10.0;
        }
    }

    /** What a check found; {@code repaired} when the differences were fixed. */
    record CheckReport(
            Instant checkedAt,
            long assets,
            long documents,
            long missing,
            long stale,
            long extra,
            List<String> missingIds,
            List<String> staleIds,
            List<String> extraIds,
            boolean repaired) {

        public boolean consistent() {
            return missing == 0 && stale == 0 && extra == 0;
        }
    }

    // ---- the outbox, one feed per index generation ----

    /** Where one index stands in the outbox. */
    private static final class Feed {
        final SearchIndex.Generation generation;
        /** Every position up to here is applied or can never appear: what the Lucene commit records. */
        long watermark;
        /** The highest position read. */
        long read;
        /** Positions stepped over, waiting to appear or to settle: position to what was seen then. */
        final TreeMap<Long, Seen> gaps = new TreeMap<>();

        Feed(SearchIndex.Generation generation, long position) {
            this.generation = generation;
            this.watermark = position;
            this.read = position;
        }

        AssetSearcher searcher() {
            return generation.searcher();
        }
    }

    /** When a gap was seen, and the highest transaction id that could have been running then. */
    private record Seen(long xmax, long nanos) {}

    private record OutboxRow(long position, String type, String id, Instant createdAt) {}

    @Override
    protected void releaseOwnClaims() {
        // No claims: every node applies the whole outbox to its own index.
    }

    @Override
    protected boolean interruptOnStop() {
        return false;
    }

    @Override
    protected String problem() {
        return "Keeping the search index up to date hit a problem; trying again shortly";
    }

    @Override
    protected void stopped() {
        notifications.close();
        Thread rebuild = rebuildThread;
        if (rebuild != null) {
            try {
                rebuild.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected boolean workOnce() throws Exception {
        if (feed == null) {
            start(index.serving());
        }
        // woken at each commit that wrote outbox rows, on any node; the poll is the fallback
        notifications.listen();
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        refreshUsage(false);
        refreshSuggestions(false);
        return poll(feed);
    }

    private void start(SearchIndex.Generation serving) throws Exception {
        loadSynonyms();
        if (serving.complete()) {
            long position = serving.searcher().luceneIndex().lastCommittedPosition();
            log.info("Search index {}: replaying the outbox after position {}", serving.name(), position);
            feed = new Feed(serving, position);
        } else {
            // First start or a new schema version: searches see the index fill while it is built.
            long position = build(serving, new BuildProgress(serving.name()));
            if (!running()) {
                return;
            }
            index.swap(serving);
            feed = new Feed(index.serving(), position);
        }
        refreshUsage(true);
        refreshSuggestions(true);
    }

    /** Applies what is new in the outbox to the feed's index; {@code true} if there may be more right away. */
    private boolean poll(Feed f) throws Exception {
        List<OutboxRow> rows = db.sql("select position, entity_type, entity_id, created_at from outbox "
                        + "where position > :read order by position limit :limit")
                .bind("read", f.read)
                .bind("limit", settings.batchSize())
                .map(row -> new OutboxRow(row.get("position", Long.class), row.get("entity_type", String.class),
                        row.get("entity_id", String.class), row.get("created_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList()
                .block(QUERY_TIMEOUT);
        List<OutboxRow> toApply = new ArrayList<>(rows);
        List<Long> stepped = new ArrayList<>();
        long expected = f.read + 1;
        for (OutboxRow row : rows) {
            for (long p = expected; p < row.position(); p++) {
                stepped.add(p);
            }
            expected = row.position() + 1;
        }
        if (!stepped.isEmpty()) {
            Seen seen = new Seen(snapshotXmax(), System.nanoTime());
            stepped.forEach(p -> f.gaps.put(p, seen));
        }
        if (!f.gaps.isEmpty()) {
            Long[] open = f.gaps.keySet().stream().limit(GAP_LOOKUP).toArray(Long[]::new);
            List<OutboxRow> late = db.sql("select position, entity_type, entity_id, created_at from outbox "
                            + "where position = any(:open) order by position")
                    .bind("open", open)
                    .map(row -> new OutboxRow(row.get("position", Long.class), row.get("entity_type", String.class),
                            row.get("entity_id", String.class),
                            row.get("created_at", OffsetDateTime.class).toInstant()))
                    .all()
                    .collectList()
                    .block(QUERY_TIMEOUT);
            late.forEach(row -> f.gaps.remove(row.position()));
            toApply.addAll(late);
        }
        apply(f, toApply);
        if (!rows.isEmpty()) {
            f.read = rows.getLast().position();
        }
        if (!f.gaps.isEmpty()) {
            long xmin = snapshotXmin();
            long now = System.nanoTime();
            f.gaps.values().removeIf(seen -> now - seen.nanos() >= settings.settle().toNanos() && xmin >= seen.xmax());
        }
        long watermark = f.gaps.isEmpty() ? f.read : f.gaps.firstKey() - 1;
        if (watermark > f.watermark) {
            f.watermark = watermark;
            f.searcher().luceneIndex().applied(watermark);
        }
        return rows.size() == settings.batchSize();
    }

    /** Makes the index match the database for every asset the rows name, and waits until searches see it. */
    private void apply(Feed f, List<OutboxRow> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        boolean synonyms = false;
        for (OutboxRow row : rows) {
            switch (row.type()) {
                case "asset" -> ids.add(UUID.fromString(row.id()));
                case "search" -> synonyms |= "synonyms".equals(row.id());
                default -> log.debug("Outbox row {} is about {}, which the index does not hold", row.position(),
                        row.type());
            }
        }
        if (synonyms) {
            loadSynonyms();
        }
        long generation = sync(f.searcher(), ids);
        if (generation >= 0) {
            f.searcher().luceneIndex().waitForGeneration(generation, VISIBLE_WITHIN);
        }
        Instant now = Instant.now();
        for (OutboxRow row : rows) {
            Duration delay = Duration.between(row.createdAt(), now);
            if (!delay.isNegative()) {
                lag.record(delay);
                lastLagMillis = delay.toMillis();
            }
        }
    }

    /** Indexes the assets that exist and deletes the others; the last generation, or -1 if nothing was done. */
    private long sync(AssetSearcher searcher, Set<UUID> ids) throws IOException {
        if (ids.isEmpty()) {
            return -1;
        }
        IndexedAssets.Labels labels = assets.labels();
        Set<UUID> gone = new HashSet<>(ids);
        long generation = -1;
        for (IndexedAssets.Source source : assets.load(ids)) {
            generation = searcher.index(assets.document(source, labels));
            gone.remove(source.id());
        }
        for (UUID id : gone) {
            generation = searcher.delete(id.toString());
        }
        return generation;
    }

    private long snapshotXmax() {
        return xid("select pg_snapshot_xmax(pg_current_snapshot())::text as xid");
    }

    private long snapshotXmin() {
        return xid("select pg_snapshot_xmin(pg_current_snapshot())::text as xid");
    }

    private long xid(String sql) {
        String value = db.sql(sql).map(row -> row.get("xid", String.class)).one().block(QUERY_TIMEOUT);
        return Long.parseLong(value);
    }

    // ---- builds ----

    /**
     * Fills the generation from the database and returns the outbox position it reflects. Waits first until every
     * position up to the current highest one is settled, so every change up to it is in what the build reads.
     */
    private long build(SearchIndex.Generation target, BuildProgress progress) throws Exception {
        building = progress;
        try {
            long position = db.sql("select coalesce(max(position), 0) as p from outbox")
                    .map(row -> row.get("p", Long.class))
                    .one()
                    .block(QUERY_TIMEOUT);
            long xmax = snapshotXmax();
            long since = System.nanoTime();
            while (running() && (System.nanoTime() - since < settings.settle().toNanos() || snapshotXmin() < xmax)) {
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
                while (running()) {
                    List<IndexedAssets.Source> page = assets.page(after, BUILD_PAGE);
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
            lastBuild = progress;
            log.info("Search index {}: built with {} assets in {} s ({} documents/s), up to outbox position {}",
                    target.name(), progress.getIndexed(),
                    Duration.between(progress.startedAt, progress.finishedAt).toSeconds(),
                    progress.getDocumentsPerSecond(), position);
            return position;
        } finally {
            building = null;
        }
    }

    /**
     * Builds a new generation from the database in the background while the current one serves, then replays what
     * changed meanwhile onto it and swaps it in. Asked again while a build is under way, it answers that build.
     *
     * @throws BatonException.Conflict in the moment between a build's end and its swap
     */
    synchronized BuildProgress rebuild() {
        BuildProgress under = building;
        if (under != null) {
            return under;
        }
        if (rebuildThread != null || feed == null) {
            throw new BatonException.Conflict("The search index is being built already; wait until it is ready");
        }
        SearchIndex.Generation target;
        try {
            target = index.openNew();
        } catch (IOException e) {
            throw new IllegalStateException("Could not open a new search index directory", e);
        }
        BuildProgress progress = new BuildProgress(target.name());
        building = progress;
        rebuildThread = Thread.ofPlatform().daemon().name("baton-index-rebuild").start(() -> {
            try {
                long position = build(target, progress);
                building = progress;
                if (!running()) {
                    index.discard(target);
                    return;
                }
                CompletableFuture<Void> swapped = new CompletableFuture<>();
                tasks.add(() -> {
                    try {
                        Feed fresh = new Feed(target, position);
                        while (poll(fresh)) {
                            // catch up with what changed during the build
                        }
                        index.swap(target);
                        feed = new Feed(index.serving(), fresh.watermark);
                        feed.read = fresh.read;
                        feed.gaps.putAll(fresh.gaps);
                        refreshUsage(true);
                        swapped.complete(null);
                    } catch (Exception e) {
                        swapped.completeExceptionally(e);
                    }
                });
                wake();
                swapped.get();
                log.info("Search index {} now serves", target.name());
            } catch (Exception e) {
                log.error("Rebuilding the search index failed; the current index keeps serving", e);
                index.discard(target);
            } finally {
                synchronized (this) {
                    rebuildThread = null;
                    building = null;
                }
            }
        });
        return progress;
    }

    // ---- checks ----

    /**
     * Compares every asset in the database with what the index holds, and repairs the differences when asked.
     * Runs on the feed thread, after the outbox has been applied up to now.
     *
     * @throws BatonException.Conflict while the first index is being built (a rebuild beside it does not stop a check)
     */
    CompletableFuture<CheckReport> check(boolean repair) {
        if (feed == null) {
            return CompletableFuture.failedFuture(new BatonException.Conflict(
                    "The search index is being built; check it when it is ready"));
        }
        CompletableFuture<CheckReport> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(checkNow(repair));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        wake();
        return result;
    }

    private CheckReport checkNow(boolean repair) throws Exception {
        while (poll(feed)) {
            // apply everything committed so far first
        }
        AssetSearcher searcher = feed.searcher();
        Map<String, IndexedStamp> stamps = searcher.indexedStamps();
        IndexedAssets.Labels labels = assets.labels();
        Map<String, String> database = assets.fingerprints(labels);
        // Changes committed after the feed's last read are on their way, not differences.
        Set<String> inFlight = new HashSet<>(db.sql("select entity_id from outbox where position > :read "
                        + "and entity_type = 'asset'")
                .bind("read", feed.read)
                .map(row -> row.get("entity_id", String.class))
                .all()
                .collectList()
                .block(QUERY_TIMEOUT));
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
            long generation = sync(searcher, ids);
            for (String id : extra) {
                generation = searcher.delete(id);
            }
            searcher.luceneIndex().waitForGeneration(generation, VISIBLE_WITHIN);
            repaired = true;
            log.warn("Search index check: repaired {} missing, {} stale and {} extra documents", missing.size(),
                    stale.size(), extra.size());
        }
        return new CheckReport(Instant.now(), database.size(), stamps.size(), missing.size(), stale.size(),
                extra.size(), examples(missing), examples(stale), examples(extra), repaired);
    }

    private static List<String> examples(List<String> ids) {
        return List.copyOf(ids.subList(0, Math.min(EXAMPLES, ids.size())));
    }

    // ---- usage, suggestions, synonyms ----

    /** Sets the usage count of every asset used since the last refresh (all of them when {@code all}). */
    private void refreshUsage(boolean all) throws IOException {
        long now = System.nanoTime();
        if (!all && now < nextUsageRefresh) {
            return;
        }
        nextUsageRefresh = now + USAGE_REFRESH.toNanos();
        long since = all ? 0 : usageSeen;
        long upTo = db.sql("select coalesce(max(id), 0) as id from usage_event")
                .map(row -> row.get("id", Long.class))
                .one()
                .block(QUERY_TIMEOUT);
        if (upTo <= since) {
            usageSeen = upTo;
            return;
        }
        Map<String, Long> counts = new HashMap<>();
        db.sql("select asset_id, count(*) as n from usage_event where asset_id in "
                        + "(select distinct asset_id from usage_event where id > :since) group by asset_id")
                .bind("since", since)
                .map(row -> Map.entry(row.get("asset_id", UUID.class).toString(), row.get("n", Long.class)))
                .all()
                .toIterable()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        AssetSearcher searcher = feed.searcher();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            searcher.updateUsage(entry.getKey(), entry.getValue());
        }
        usageSeen = upTo;
    }

    /** Completions from what at least two people searched for and found, most frequent first. */
    private void refreshSuggestions(boolean now) {
        long clock = System.nanoTime();
        if (!now && clock < nextSuggestionRefresh) {
            return;
        }
        nextSuggestionRefresh = clock + SUGGESTION_REFRESH.toNanos();
        Map<String, Long> queries = new HashMap<>();
        db.sql("select lower(btrim(query)) as q, count(*) as n from search_log "
                        + "where total > 0 and btrim(query) <> '' and searched_at > now() - interval '180 days' "
                        + "group by 1 having count(distinct account_id) >= 2 order by n desc limit 5000")
                .map(row -> Map.entry(row.get("q", String.class), row.get("n", Long.class)))
                .all()
                .toIterable()
                .forEach(entry -> queries.put(entry.getKey(), entry.getValue()));
        index.suggestFrom(queries);
    }

    /** Asks for the suggestions to be read again at the next round (tests, and after a burst of searches). */
    void refreshSuggestionsSoon() {
        nextSuggestionRefresh = 0;
        wake();
    }

    private void loadSynonyms() throws IOException {
        List<List<String>> groups = db.sql("select terms from search_synonym order by position")
                .map(row -> List.of(row.get("terms", String[].class)))
                .all()
                .collectList()
                .block(QUERY_TIMEOUT);
        index.setSynonyms(groups);
    }

    // ---- status ----

    Status status() throws IOException {
        SearchIndex.Generation serving = index.serving();
        Feed f = feed;
        BuildProgress now = building;
        String state = now == null ? "READY" : serving.complete() ? "REBUILDING" : "BUILDING";
        long documents = serving.searcher().luceneIndex().docCount();
        return new Status(state, serving.name(), dev.baton.indexer.search.AssetSchema.VERSION, documents,
                f == null ? serving.searcher().luceneIndex().appliedPosition() : f.watermark,
                f == null ? 0 : f.read, f == null ? 0 : f.gaps.size(), now, lastBuild, lastLagMillis);
    }
}
