package dev.baton.indexer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lucene index directory: it owns the {@link IndexWriter}, the {@link SearcherManager}, the thread that reopens
 * searchers and the committer that makes changes durable every {@link IndexSettings#commitInterval()}.
 *
 * <p>The index is derived from the database's outbox. The caller applies outbox rows in order with
 * {@link #update}/{@link #delete}, then reports the last row applied with {@link #applied(long)}. Each commit records
 * that position (with the schema version) in its user data, so after a crash {@link #lastCommittedPosition()} is where
 * the replay starts: every change up to it is in the commit, changes after it are replayed (updates and deletes by id
 * are idempotent).
 *
 * <p>Thread-safe. Open it through {@link IndexHome}; close it once, when the application stops.
 */
public final class LuceneIndex implements AutoCloseable {

    /** The field every document is identified by: an untokenized, stored {@link StringField}. */
    public static final String ID_FIELD = "id";

    /** Commit user data key: the schema version the index was written with. */
    public static final String SCHEMA_VERSION_KEY = "baton.schemaVersion";

    /** Commit user data key: the position of the last outbox row whose change the commit contains. */
    public static final String OUTBOX_POSITION_KEY = "baton.outboxPosition";

    private static final Logger log = LoggerFactory.getLogger(LuceneIndex.class);
    private static final Duration COMMITTER_STOP_TIMEOUT = Duration.ofMinutes(1);

    /** Work done with a searcher; it may throw the {@link IOException} searching throws. */
    @FunctionalInterface
    public interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Path path;
    private final int schemaVersion;
    private final boolean isNew;
    private final Duration commitInterval;
    private final Directory directory;
    private final Analyzer ownedAnalyzer;
    private final IndexWriter writer;
    private final SearcherManager searcherManager;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopenThread;
    private final ScheduledExecutorService committer;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object commitLock = new Object();
    /** Counts update, delete and applied calls, so the committer commits only when the caller changed something. */
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong appliedPosition;
    private long changesAtLastCommit;
    private volatile long committedPosition;
    private volatile LongConsumer commitListener = position -> {};

    private LuceneIndex(
            Path path,
            IndexSettings settings,
            boolean isNew,
            long committedPosition,
            Directory directory,
            Analyzer ownedAnalyzer,
            IndexWriter writer,
            SearcherManager searcherManager) {
        this.path = path;
        this.schemaVersion = settings.schemaVersion();
        this.isNew = isNew;
        this.commitInterval = settings.commitInterval();
        this.directory = directory;
        this.ownedAnalyzer = ownedAnalyzer;
        this.writer = writer;
        this.searcherManager = searcherManager;
        this.appliedPosition = new AtomicLong(committedPosition);
        this.committedPosition = committedPosition;
        this.reopenThread = new ControlledRealTimeReopenThread<>(
                writer, searcherManager, seconds(settings.maxReopenStale()), seconds(settings.minReopenStale()));
        reopenThread.setName("baton-index-reopen-v" + schemaVersion);
        reopenThread.setDaemon(true);
        this.committer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "baton-index-commit-v" + schemaVersion);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the index in {@code path}, creating the directory if needed, and starts its reopen thread and committer.
     *
     * @param ownsAnalyzer whether the index closes the analyzer with itself
     * @throws IndexSchemaMismatchException if the latest commit records another schema version (or none)
     */
    static LuceneIndex open(Path path, IndexSettings settings, Analyzer analyzer, boolean ownsAnalyzer)
            throws IOException {
        return open(path, settings, analyzer, ownsAnalyzer, new SearcherFactory());
    }

    /**
     * Opens the index as {@link #open(Path, IndexSettings, Analyzer, boolean)} does, with searchers made by the given
     * factory: it runs on the reopen thread for every new reader, so per-reader work (facet ordinals, warming) is done
     * there instead of on the first search that needs it.
     */
    static LuceneIndex open(
            Path path, IndexSettings settings, Analyzer analyzer, boolean ownsAnalyzer, SearcherFactory searcherFactory)
            throws IOException {
        if (searcherFactory == null) {
            throw new IllegalArgumentException("searcherFactory is required");
        }
        Directory directory = null;
        IndexWriter writer = null;
        SearcherManager searcherManager = null;
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            boolean isNew = !DirectoryReader.indexExists(directory);
            long position = 0;
            if (!isNew) {
                // Checked before a writer touches the directory: a refused index stays exactly as it was.
                Map<String, String> userData = SegmentInfos.readLatestCommit(directory).getUserData();
                String version = userData.get(SCHEMA_VERSION_KEY);
                if (!Integer.toString(settings.schemaVersion()).equals(version)) {
                    throw new IndexSchemaMismatchException(path, settings.schemaVersion(), version);
                }
                position = parsePosition(path, userData.get(OUTBOX_POSITION_KEY));
            }
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    // close() commits explicitly, with the user data; nothing else may commit behind our back.
                    .setCommitOnClose(false)
                    .setRAMBufferSizeMB(settings.ramBufferMb());
            writer = new IndexWriter(directory, config);
            searcherManager = new SearcherManager(writer, searcherFactory);
            LuceneIndex index = new LuceneIndex(
                    path,
                    settings,
                    isNew,
                    position,
                    directory,
                    ownsAnalyzer ? analyzer : null,
                    writer,
                    searcherManager);
            index.start();
            log.info(
                    "Opened {} index at {} (schema version {}, outbox position {}, {} documents)",
                    isNew ? "a new" : "the",
                    path,
                    settings.schemaVersion(),
                    position,
                    writer.getDocStats().numDocs);
            return index;
        } catch (IOException | RuntimeException | Error e) {
            List<Throwable> failures = new ArrayList<>();
            closeQuietly(searcherManager, failures);
            closeQuietly(writer, failures);
            closeQuietly(directory, failures);
            if (ownsAnalyzer) {
                closeQuietly(analyzer, failures);
            }
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private void start() {
        reopenThread.start();
        long intervalNanos = TimeUnit.NANOSECONDS.convert(commitInterval);
        committer.scheduleWithFixedDelay(this::commitIfChanged, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Adds the document with this id, replacing any document with the same id. The index adds the {@link #ID_FIELD}
     * itself; the fields passed must not contain one.
     *
     * @return the generation to pass to {@link #waitForGeneration} to see the change in searches
     */
    public long update(String id, Iterable<? extends IndexableField> fields) throws IOException {
        requireId(id);
        if (fields == null) {
            throw new IllegalArgumentException("fields are required for document " + id);
        }
        ensureOpen();
        Document document = new Document();
        document.add(new StringField(ID_FIELD, id, Field.Store.YES));
        for (IndexableField field : fields) {
            if (ID_FIELD.equals(field.name())) {
                throw new IllegalArgumentException("Document " + id + " carries its own '" + ID_FIELD
                        + "' field; the index adds it from the id argument");
            }
            document.add(field);
        }
        long generation = writer.updateDocument(idTerm(id), document);
        changes.incrementAndGet();
        return generation;
    }

    /**
     * Removes the document with this id; removing a missing id is not an error.
     *
     * @return the generation to pass to {@link #waitForGeneration} to see the change in searches
     */
    public long delete(String id) throws IOException {
        requireId(id);
        ensureOpen();
        long generation = writer.deleteDocuments(idTerm(id));
        changes.incrementAndGet();
        return generation;
    }

    /**
     * Replaces doc-values fields of the document with this id without reindexing it: for values that change often and
     * are only sorted or scored on (usage counts). The fields must already exist as numeric or binary doc values in the
     * index. A missing id changes nothing.
     *
     * @return the generation to pass to {@link #waitForGeneration} to see the change in searches
     */
    public long updateDocValues(String id, Field... fields) throws IOException {
        requireId(id);
        if (fields == null || fields.length == 0) {
            throw new IllegalArgumentException("at least one doc-values field is required for document " + id);
        }
        ensureOpen();
        long generation = writer.updateDocValues(idTerm(id), fields);
        changes.incrementAndGet();
        return generation;
    }

    /**
     * Records that every outbox row up to this position has been passed to {@link #update}/{@link #delete}. The next
     * commit stores it. Positions only move forward: a lower one than already recorded is ignored.
     */
    public void applied(long outboxPosition) {
        if (outboxPosition < 0) {
            throw new IllegalArgumentException("outboxPosition must be 0 or more, was " + outboxPosition);
        }
        ensureOpen();
        appliedPosition.accumulateAndGet(outboxPosition, Math::max);
        changes.incrementAndGet();
    }

    /** The highest outbox position reported through {@link #applied(long)} (or committed before this open). */
    public long appliedPosition() {
        return appliedPosition.get();
    }

    /**
     * The outbox position stored in the latest commit on disk: 0 for a new index. After a crash, replay the outbox
     * from the row after this one.
     */
    public long lastCommittedPosition() {
        return committedPosition;
    }

    /**
     * Commits now, whether or not anything changed, recording the applied outbox position and the schema version.
     *
     * @return the outbox position the commit records
     */
    public long commit() throws IOException {
        ensureOpen();
        synchronized (commitLock) {
            return commitLocked();
        }
    }

    /**
     * Waits until searches see every change up to this generation (returned by {@link #update}/{@link #delete}).
     *
     * @return whether they do; {@code false} if the timeout passed first
     */
    public boolean waitForGeneration(long generation, Duration timeout) throws InterruptedException {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or more, was " + timeout);
        }
        ensureOpen();
        long millis = Math.min(TimeUnit.MILLISECONDS.convert(timeout), Integer.MAX_VALUE);
        return reopenThread.waitForGeneration(generation, (int) millis);
    }

    /** Runs the function with the current searcher, acquired for the call and released after it. */
    public <T> T withSearcher(SearcherFunction<T> function) throws IOException {
        ensureOpen();
        IndexSearcher searcher = searcherManager.acquire();
        try {
            return function.apply(searcher);
        } finally {
            searcherManager.release(searcher);
        }
    }

    /** The number of documents searches currently see. */
    public int docCount() throws IOException {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /**
     * Whether the directory held no commit when it was opened: the index is empty and must be built from the database.
     */
    public boolean isNew() {
        return isNew;
    }

    /** The schema version this index was opened with. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The index directory. */
    public Path path() {
        return path;
    }

    /** Test hook: called on the committing thread after every successful commit, with the position it recorded. */
    void onCommit(LongConsumer listener) {
        this.commitListener = listener == null ? position -> {} : listener;
    }

    /**
     * Stops the reopen thread and the committer, commits what changed, then closes the searchers, the writer and the
     * directory. Calling it again does nothing.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Throwable> failures = new ArrayList<>();
        try {
            reopenThread.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        stopCommitter(failures);
        try {
            synchronized (commitLock) {
                if (changes.get() != changesAtLastCommit) {
                    commitLocked();
                }
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
        closeQuietly(searcherManager, failures);
        closeQuietly(writer, failures);
        closeQuietly(directory, failures);
        closeQuietly(ownedAnalyzer, failures);
        log.info("Closed the index at {} (outbox position {})", path, committedPosition);
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            if (first instanceof IOException e) {
                throw e;
            }
            if (first instanceof RuntimeException e) {
                throw e;
            }
            if (first instanceof Error e) {
                throw e;
            }
            throw new IOException("Closing the index at " + path + " failed", first);
        }
    }

    private void stopCommitter(List<Throwable> failures) {
        committer.shutdown();
        try {
            if (!committer.awaitTermination(COMMITTER_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The committer of the index at {} did not stop within {}", path, COMMITTER_STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        }
    }

    private void commitIfChanged() {
        try {
            synchronized (commitLock) {
                if (closed.get() || changes.get() == changesAtLastCommit) {
                    return;
                }
                commitLocked();
            }
        } catch (IOException | RuntimeException e) {
            log.error("Committing the index at {} failed; retrying in {}", path, commitInterval, e);
        }
    }

    /**
     * For crash tests only ({@code -Dbaton.index.commit-pause-millis=300}): each commit waits this long between writing
     * its {@code pending_segments_N} file and finishing, so a process killed at that moment is killed in the middle of
     * a commit. Zero (no pause) unless set.
     */
    static final long COMMIT_PAUSE_MILLIS = Long.getLong("baton.index.commit-pause-millis", 0);

    /**
     * Reads the applied position before committing: every change up to it was handed to the writer before, so the
     * commit contains it. Changes that arrive meanwhile may be in the commit too; replaying them is harmless.
     */
    private long commitLocked() throws IOException {
        long changeCount = changes.get();
        long position = appliedPosition.get();
        writer.setLiveCommitData(Map.of(
                        SCHEMA_VERSION_KEY, Integer.toString(schemaVersion),
                        OUTBOX_POSITION_KEY, Long.toString(position))
                .entrySet());
        if (COMMIT_PAUSE_MILLIS > 0) {
            // crash tests only: the commit's pending segments file is written and synced, the commit not yet done
            writer.prepareCommit();
            try {
                Thread.sleep(COMMIT_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.commit();
        changesAtLastCommit = changeCount;
        committedPosition = position;
        log.debug("Committed the index at {} at outbox position {}", path, position);
        commitListener.accept(position);
        return position;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new AlreadyClosedException("The index at " + path + " is closed");
        }
    }

    private static Term idTerm(String id) {
        return new Term(ID_FIELD, id);
    }

    private static void requireId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("A document id is required, was " + (id == null ? "null" : "empty"));
        }
    }

    private static long parsePosition(Path path, String value) throws CorruptIndexException {
        if (value == null) {
            return 0;
        }
        try {
            long position = Long.parseLong(value);
            if (position < 0) {
                throw new NumberFormatException("negative");
            }
            return position;
        } catch (NumberFormatException e) {
            throw new CorruptIndexException(
                    "commit user data " + OUTBOX_POSITION_KEY + " is not an outbox position: '" + value + "'",
                    path.toString(),
                    e);
        }
    }

    private static double seconds(Duration duration) {
        return TimeUnit.NANOSECONDS.convert(duration) / 1e9;
    }

    private static void closeQuietly(AutoCloseable closeable, List<Throwable> failures) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            failures.add(e);
        }
    }
}
