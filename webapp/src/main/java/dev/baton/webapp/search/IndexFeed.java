package dev.baton.webapp.search;

import dev.baton.indexer.search.AssetSearcher;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DataDirectory;
import dev.baton.webapp.system.DatabaseNotifications;
import dev.baton.webapp.system.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index in step with the database: one thread per node tails the outbox and applies its rows, builds
 * the index from the database when there is none (first start, a new schema version) or when an admin asks, checks it
 * against the database, and refreshes usage counts and suggestions. The pieces: {@link FeedCursor} (where the feed
 * stands in the outbox, its gaps), {@link DocumentSync} (what applying a row does to the index), {@link IndexBuild},
 * {@link IndexCheck}.
 *
 * <p>The feed wakes at every commit that wrote outbox rows (PostgreSQL {@code LISTEN/NOTIFY}, so other nodes' changes
 * too) and otherwise looks every {@code poll}. It applies every row as soon as it sees it (an update is searchable
 * well within a second); the position recorded in the Lucene commit, from which a restart replays, is the cursor's
 * watermark, below every open gap. Applying a row means "make the index match the database for this now", so
 * applying one twice, or out of order, is harmless: replays after {@code kill -9} are safe.
 *
 * <p>A rebuild fills a new generation on a thread of its own while the current one serves; the feed thread then
 * replays onto it what changed meanwhile and swaps it in. Checks run on the feed thread, after the outbox has been
 * applied up to then.
 *
 * <p>Every minute the feed reports to the outbox the lowest position this node still needs, and prunes rows older
 * than {@code baton.search.outbox-retention} that every node heard from is past; a node that finds rows it had not
 * applied pruned (it was away for longer than the retention) builds a new index.
 */
@Component
class IndexFeed extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(IndexFeed.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);
    private static final Duration USAGE_REFRESH = Duration.ofSeconds(15);
    private static final Duration SUGGESTION_REFRESH = Duration.ofMinutes(5);
    private static final Duration HOUSEKEEPING = Duration.ofMinutes(1);
    private static final int GAP_LOOKUP = 1000;

    private final DatabaseClient db;
    private final Outbox outbox;
    private final TransactionHorizon horizon;
    private final SearchIndex index;
    private final DocumentSync documents;
    private final IndexBuild builder;
    private final IndexCheck checker;
    private final UsageRefresh usage;
    private final BatonProperties.Search settings;
    private final Timer lag;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final DatabaseNotifications notifications;
    private final String node;
    private final Object reportLock = new Object();

    /**
     * The serving index and its cursor: set and advanced by the feed thread (others only ask whether it is null, or
     * read the index's committed position).
     */
    private volatile Feed feed;

    /**
     * Where the serving feed stands, as the feed thread last published it: an immutable copy, so the status (read on
     * request threads) never looks into the cursor while the feed thread changes it.
     */
    private volatile FeedCursor.Position standing;

    private volatile long nextUsageRefresh;
    private volatile long nextHousekeeping;
    private volatile long nextSuggestionRefresh;

    private volatile BuildProgress building;
    private volatile BuildProgress lastBuild;
    private volatile Thread rebuildThread;
    private volatile long lastLagMillis = -1;

    IndexFeed(DatabaseClient db, Outbox outbox, TransactionHorizon horizon, SearchIndex index, DocumentSync documents,
            IndexBuild builder, IndexCheck checker, UsageRefresh usage, BatonProperties properties, MeterRegistry meters,
            DatabaseNotifications notifications, DataDirectory dataDirectory) {
        super("baton-index-feed", properties.search().poll());
        this.db = db;
        this.outbox = outbox;
        this.horizon = horizon;
        this.index = index;
        this.documents = documents;
        this.builder = builder;
        this.checker = checker;
        this.usage = usage;
        this.settings = properties.search();
        this.notifications = notifications;
        this.node = dataDirectory.nodeName(properties.nodeName());
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
        /** The outbox position the build started from, once noted: the rows after it are kept for its replay. */
        volatile long from = -1;

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

    // ---- the outbox, one feed per index generation ----

    /** One index and where it stands in the outbox. */
    private record Feed(SearchIndex.Generation generation, FeedCursor cursor) {

        AssetSearcher searcher() {
            return generation.searcher();
        }
    }

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
        housekeeping(false);
        return poll(feed);
    }

    private void start(SearchIndex.Generation serving) throws Exception {
        loadSynonyms();
        if (serving.complete()) {
            long position = serving.searcher().luceneIndex().lastCommittedPosition();
            log.info("Search index {}: replaying the outbox after position {}", serving.name(), position);
            serve(new Feed(serving, new FeedCursor(position, settings.settle())));
        } else {
            // First start or a new schema version: searches see the index fill while it is built.
            long position = build(serving, new BuildProgress(serving.name()));
            if (!running()) {
                return;
            }
            index.swap(serving);
            serve(new Feed(index.serving(), new FeedCursor(position, settings.settle())));
        }
        refreshUsage(true);
        refreshSuggestions(true);
        // reports this node's position at once; if rows it had not applied were pruned while it was away, a new
        // index is built while this one serves
        housekeeping(true);
    }

    /**
     * Applies what is new in the outbox to the feed's index, and what committed late at positions stepped over
     * before; {@code true} if there may be more right away.
     */
    private boolean poll(Feed f) throws Exception {
        List<Outbox.Row> rows = outbox.after(f.cursor().read(), settings.batchSize()).block(QUERY_TIMEOUT);
        FeedCursor.Round round = f.cursor().round(positions(rows), GAP_LOOKUP);
        FeedCursor.Moment now = null;
        List<Outbox.Row> late = List.of();
        if (!round.lookUp().isEmpty()) {
            // before the lookup: a gap given up below is one whose transactions had all ended before it was looked for
            now = horizon.now();
            late = outbox.at(round.lookUp()).block(QUERY_TIMEOUT);
        }
        List<Outbox.Row> toApply = new ArrayList<>(rows);
        toApply.addAll(late);
        apply(f, toApply);
        if (f.cursor().advance(round, positions(late), now)) {
            f.searcher().luceneIndex().applied(f.cursor().watermark());
        }
        if (f == feed) {
            standing = f.cursor().position();
        }
        return rows.size() == settings.batchSize();
    }

    private void serve(Feed f) {
        feed = f;
        standing = f.cursor().position();
    }

    private static List<Long> positions(List<Outbox.Row> rows) {
        return rows.stream().map(Outbox.Row::position).toList();
    }

    /** Makes the index match the database for every asset the rows name, and waits until searches see it. */
    private void apply(Feed f, List<Outbox.Row> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        for (Outbox.Row row : rows) {
            if (row.change() instanceof Outbox.Unknown unknown) {
                log.debug("Outbox row {} is about {}, which the index does not hold", row.position(), unknown.type());
            }
        }
        if (rows.stream().anyMatch(row -> row.change() instanceof Outbox.SynonymsChanged)) {
            loadSynonyms();
        }
        long generation = documents.sync(f.searcher(), documents.assetsNamed(rows));
        if (generation >= 0) {
            f.searcher().luceneIndex().waitForGeneration(generation, VISIBLE_WITHIN);
        }
        Instant now = Instant.now();
        for (Outbox.Row row : rows) {
            Duration delay = Duration.between(row.createdAt(), now);
            if (!delay.isNegative()) {
                lag.record(delay);
                lastLagMillis = delay.toMillis();
            }
        }
    }

    // ---- builds ----

    /** Fills the generation from the database (see {@link IndexBuild}); the outbox position it reflects. */
    private long build(SearchIndex.Generation target, BuildProgress progress) throws Exception {
        building = progress;
        try {
            long position = builder.build(target, progress, this::running, from -> {
                progress.from = from;
                reportPosition();
            });
            lastBuild = progress;
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
                        Feed fresh = new Feed(target, new FeedCursor(position, settings.settle()));
                        while (poll(fresh)) {
                            // catch up with what changed during the build
                        }
                        index.swap(target);
                        serve(new Feed(index.serving(), fresh.cursor()));
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
    CompletableFuture<IndexCheckReport> check(boolean repair) {
        if (feed == null) {
            return CompletableFuture.failedFuture(new BatonException.Conflict(
                    "The search index is being built; check it when it is ready"));
        }
        CompletableFuture<IndexCheckReport> result = new CompletableFuture<>();
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

    private IndexCheckReport checkNow(boolean repair) throws Exception {
        while (poll(feed)) {
            // apply everything committed so far first
        }
        return checker.check(feed.searcher(), feed.cursor().read(), repair);
    }

    // ---- usage, suggestions, synonyms ----

    /** Sets the usage counts of the assets used since the last refresh (of every used asset when {@code all}). */
    private void refreshUsage(boolean all) throws IOException {
        long now = System.nanoTime();
        if (!all && now < nextUsageRefresh) {
            return;
        }
        nextUsageRefresh = now + USAGE_REFRESH.toNanos();
        if (all) {
            usage.all(feed.searcher());
        } else {
            usage.recent(feed.searcher());
        }
    }

    /** Asks for the usage counts to be refreshed at the next round (tests). */
    void refreshUsageSoon() {
        nextUsageRefresh = 0;
        wake();
    }

    // ---- the outbox's retention ----

    /**
     * Every minute: tells the outbox which rows this node still needs, builds a new index if rows it needed were
     * pruned (it was not heard from for longer than the retention), and prunes what every node is done with.
     */
    private void housekeeping(boolean now) {
        long clock = System.nanoTime();
        if (!now && clock < nextHousekeeping) {
            return;
        }
        nextHousekeeping = clock + HOUSEKEEPING.toNanos();
        long needed = reportPosition();
        long pruned = outbox.prunedThrough().block(QUERY_TIMEOUT);
        if (needed < pruned && building == null && rebuildThread == null) {
            log.warn("Search index: outbox rows after position {} (up to {}) were pruned before this node applied "
                    + "them (it was not heard from for longer than the retention); building a new index from the "
                    + "database, the current one serves meanwhile", needed, pruned);
            try {
                rebuild();
            } catch (BatonException.Conflict e) {
                // a build has just finished and is being swapped in: the next round looks again
            }
        }
        long deleted = outbox.prune(settings.outboxRetention()).block(QUERY_TIMEOUT);
        if (deleted > 0) {
            log.info("Outbox: pruned {} rows older than {} that every node has applied", deleted,
                    settings.outboxRetention().toString().substring(2).toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Reports the lowest outbox position this node still needs: its serving index's committed position (where a
     * restart replays from), or the position a build under way started from if that is lower. Called by the feed
     * thread and, when a build notes its position, by the build's thread.
     *
     * @return the position reported, or {@link Long#MAX_VALUE} when there is none yet
     */
    private long reportPosition() {
        synchronized (reportLock) {
            long needed = Long.MAX_VALUE;
            Feed f = feed;
            if (f != null) {
                needed = f.searcher().luceneIndex().lastCommittedPosition();
            }
            BuildProgress b = building;
            if (b != null && b.from >= 0) {
                needed = Math.min(needed, b.from);
            }
            if (needed != Long.MAX_VALUE) {
                outbox.readerAt(node, needed).block(QUERY_TIMEOUT);
            }
            return needed;
        }
    }

    /** Asks for the outbox housekeeping (report, prune) at the next round (tests). */
    void housekeepingSoon() {
        nextHousekeeping = 0;
        wake();
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

    /** What the index is doing now; safe on any thread (it reads only what the feed thread published). */
    Status status() throws IOException {
        SearchIndex.Generation serving = index.serving();
        FeedCursor.Position position = standing;
        BuildProgress now = building;
        String state = now == null ? "READY" : serving.complete() ? "REBUILDING" : "BUILDING";
        long documents = serving.searcher().luceneIndex().docCount();
        return new Status(state, serving.name(), dev.baton.indexer.search.AssetSchema.VERSION, documents,
                position == null ? serving.searcher().luceneIndex().appliedPosition() : position.watermark(),
                position == null ? 0 : position.read(), position == null ? 0 : position.openGaps(), now, lastBuild,
                lastLagMillis);
    }
}
