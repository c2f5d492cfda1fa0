package dev.baton.webapp.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every search and every result opened from one, recorded without slowing the search: the request only puts an entry
 * on a bounded queue; one thread writes the queue to the database in batches (about a second late). When the
 * database cannot keep up the queue fills and further entries are dropped and counted
 * ({@code baton.search.log.dropped}), never the search. Entries still queued at shutdown are written before the
 * database pool closes. The writer collects for a second after an entry arrives and writes the lot in one transaction:
 * one commit (and one WAL flush) a second at most, instead of a write per search competing with the searches' answers
 * for the CPUs.
 */
@Component
class SearchLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchLog.class);
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;
    private static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    /** How long the writer waits for more entries after the first one before it writes them all. */
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final long SLICE_NANOS = Duration.ofMillis(20).toNanos();

    /** One search as it was answered. */
    record Search(
            UUID searchId,
            Instant at,
            long accountId,
            String query,
            String filters,
            String sort,
            int page,
            long total,
            boolean relaxed,
            int tookMillis,
            String source,
            List<UUID> shown) {}

    /** Assets shown to someone without a search of the log's own: the titles a suggestion list showed. */
    record Shown(Instant at, List<UUID> assetIds) {}

    /** A result opened from a search, with its rank (1 = the first hit of the first page). */
    record Opened(UUID searchId, UUID assetId, int rank, long accountId, Instant at) {}

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Counter dropped;
    /** Entries queued so far, and entries written (or given up on) so far: flush waits for the second to catch up. */
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile boolean running;
    /** Set by {@link #flush()}: the writer stops lingering and writes what it holds. */
    private volatile boolean hurry;
    private volatile Thread writer;

    SearchLog(DatabaseClient db, TransactionalOperator tx, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.dropped = Counter.builder("baton.search.log.dropped")
                .description("Search log entries dropped because the database fell behind")
                .register(meters);
    }

    void searched(Search search) {
        offer(search);
    }

    void opened(Opened opened) {
        offer(opened);
    }

    void shown(Shown shown) {
        if (!shown.assetIds().isEmpty()) {
            offer(shown);
        }
    }

    private void offer(Object entry) {
        if (queue.offer(entry)) {
            queued.incrementAndGet();
        } else {
            dropped.increment();
        }
    }

    /**
     * Writes what is queued now and waits until what the writer thread took before is written too; for tests that
     * read the log right after searching, and for a clean stop.
     */
    void flush() {
        long target = queued.get();
        hurry = true;
        try {
            List<Object> batch = new ArrayList<>();
            queue.drainTo(batch);
            write(batch);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (done.get() < target && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            hurry = false;
        }
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().daemon().name("baton-search-log").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the database pool, before the web server: stops after the last search was answered. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 4;
    }

    private void run() {
        List<Object> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                Object first = queue.poll(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                linger(batch);
                write(batch);
            } catch (InterruptedException e) {
                // stopping: what was taken from the queue is written still (flush waits for it)
                write(batch);
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Collects what else is searched in the next {@link #LINGER} (or until a batch is full, or {@link #flush()} asks):
     * one write, and one commit, for all of it, instead of a write landing on the CPUs with every search while its
     * answer is still being sent.
     */
    private void linger(List<Object> batch) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER.toNanos();
        while (batch.size() < BATCH && !hurry) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Object next = queue.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                queue.drainTo(batch, BATCH - batch.size());
            }
        }
    }

    private void write(List<Object> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Flux.fromIterable(batch)
                    .concatMap(this::insert)
                    .then()
                    .as(tx::transactional)
                    .block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("Could not write {} search log entries; they are lost", batch.size(), e);
        } finally {
            done.addAndGet(batch.size());
        }
    }

    private Mono<Long> insert(Object entry) {
        if (entry instanceof Shown shown) {
            return surfaced(shown.at(), shown.assetIds());
        }
        if (entry instanceof Search s) {
            return db.sql("insert into search_log (search_id, searched_at, account_id, query, filters, sort, page, "
                            + "total, relaxed, took_ms, source, shown) values (:id, :at, :account, :query, :filters, "
                            + ":sort, :page, :total, :relaxed, :took, :source, :shown) on conflict (search_id) do nothing")
                    .bind("id", s.searchId())
                    .bind("at", s.at().atOffset(ZoneOffset.UTC))
                    .bind("account", s.accountId())
                    .bind("query", s.query())
                    .bind("filters", s.filters())
                    .bind("sort", s.sort())
                    .bind("page", s.page())
                    .bind("total", s.total())
                    .bind("relaxed", s.relaxed())
                    .bind("took", s.tookMillis())
                    .bind("source", s.source())
                    .bind("shown", s.shown().toArray(UUID[]::new))
                    .fetch()
                    .rowsUpdated()
                    .flatMap(n -> surfaced(s.at(), s.shown()).thenReturn(n));
        }
        Opened o = (Opened) entry;
        return db.sql("insert into search_click (search_id, asset_id, rank, account_id, opened_at) "
                        + "values (:search, :asset, :rank, :account, :at) on conflict do nothing")
                .bind("search", o.searchId())
                .bind("asset", o.assetId())
                .bind("rank", o.rank())
                .bind("account", o.accountId())
                .bind("at", o.at().atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated();
    }

    /** Marks these assets surfaced on the day (UTC) of {@code at}: what the unused-content report reads. */
    private Mono<Long> surfaced(Instant at, List<UUID> assetIds) {
        if (assetIds.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("insert into search_surfaced (day, asset_id) select :day, a from unnest(:ids::uuid[]) as a "
                        + "on conflict do nothing")
                .bind("day", at.atOffset(ZoneOffset.UTC).toLocalDate())
                .bind("ids", assetIds.stream().distinct().toArray(UUID[]::new))
                .fetch()
                .rowsUpdated();
    }
}
