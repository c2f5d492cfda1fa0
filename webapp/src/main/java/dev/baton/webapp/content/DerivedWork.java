package dev.baton.webapp.content;

import dev.baton.indexer.ExtractionException;
import dev.baton.indexer.ExtractionResult;
import dev.baton.indexer.ExtractionSettings;
import dev.baton.indexer.Extractor;
import dev.baton.indexer.preview.Thumbnail;
import dev.baton.indexer.preview.ThumbnailException;
import dev.baton.indexer.preview.ThumbnailSettings;
import dev.baton.indexer.preview.Thumbnailer;
import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DataDirectory;
import dev.baton.webapp.system.Outbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Makes what Baton derives from a version's file, in the background: its text and document metadata (Tika, in a
 * forked JVM) and a thumbnail of its first page (PDFBox, POI). Both are stored as derived blobs so the index can be
 * rebuilt without parsing again.
 *
 * <p>The work list is the {@code asset_version} table itself: a version is pending until its text and thumbnail are
 * done, failed or not applicable. One worker thread per node claims one version at a time ({@code for update skip
 * locked}), so nodes share the work; a node that restarts releases its own claims at start, and a dead node's claims
 * expire. So after a crash pending work resumes by itself.
 *
 * <p>Interrupted is not failed: work stopped by the service stopping (a restart, a crash, {@code kill -9}) is retried
 * until it ends, however often. Only what the file causes gives up: the forked parser's time, memory or crash limit
 * (text unavailable, with the reason), a thumbnail that cannot be drawn or exceeds its bounds. The parser runs in its
 * own JVM, so the service's death is never the file's doing and text is never given up for it; a parse that ends
 * failed while the worker is stopping is let go too, as the stop takes the parser down with it. The thumbnail is drawn
 * in this JVM, so a file could take the service down each time it is drawn: before drawing, the worker records (and
 * commits) that it is drawing, and clears that when it records the outcome or lets the work go. A claim that finds
 * the mark still set counts one interruption of the thumbnail; after {@value #MAX_DRAWING_INTERRUPTIONS} of them the
 * thumbnail alone is marked failed, and the text is still made. See docs/derived-work.md.
 */
@Component
class DerivedWork extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(DerivedWork.class);

    static final String TEXT = "text.txt";
    static final String THUMBNAIL = "thumbnail.png";
    /** How many times the service may die while drawing one version's thumbnail before the thumbnail is given up. */
    static final int MAX_DRAWING_INTERRUPTIONS = 3;

    private final DatabaseClient db;
    private final BlobStore blobs;
    private final TransactionalOperator tx;
    private final BatonProperties.Extraction settings;
    private final DataDirectory dataDirectory;
    private final Outbox outbox;
    private final String node;
    private final Thumbnailer thumbnailer = new Thumbnailer(ThumbnailSettings.defaults());
    private volatile Extractor extractor;

    /** A claim whose release failed (the database was away): released before anything new is claimed. */
    private Claimed unreleased;

    DerivedWork(DatabaseClient db, BlobStore blobs, TransactionalOperator tx, BatonProperties properties,
            DataDirectory dataDirectory, Outbox outbox) {
        super("baton-derived-work", properties.extraction().poll());
        this.db = db;
        this.blobs = blobs;
        this.tx = tx;
        this.settings = properties.extraction();
        this.dataDirectory = dataDirectory;
        this.outbox = outbox;
        this.node = nodeName(properties.nodeName(), dataDirectory);
    }

    @Override
    protected void releaseOwnClaims() {
        db.sql("update asset_version set claimed_by = null, claimed_at = null where claimed_by = :node")
                .bind("node", node)
                .fetch()
                .rowsUpdated()
                .doOnNext(released -> {
                    if (released > 0) {
                        log.info("Resuming text extraction and thumbnails of {} version(s) interrupted by a stop",
                                released);
                    }
                })
                .block(Duration.ofSeconds(30));
    }

    @Override
    protected void stopped() {
        Extractor closing = extractor;
        // a stopped worker can be started again (a paused test context, a Lifecycle restart): the next claim forks a
        // new extractor instead of failing on the closed one
        extractor = null;
        if (closing != null) {
            closing.close();
        }
    }

    @Override
    protected String problem() {
        return "Background text extraction and thumbnails hit a problem; trying again shortly";
    }

    /** Unpacks the parser's jars when needed (seconds, on a first start) on the worker, not on the way to serving. */
    private Extractor extractor() throws IOException {
        if (extractor == null) {
            String classPath = ForkClassPath.resolve(dataDirectory.directory("runtime"));
            extractor = new Extractor(ExtractionSettings.defaults()
                    .withTimeout(settings.timeout())
                    .withMaxHeap(settings.maxHeap())
                    .withMaxChars(settings.maxChars())
                    .withClassPath(classPath));
        }
        return extractor;
    }

    @Override
    protected boolean workOnce() throws InterruptedException {
        if (unreleased != null) {
            // the database is back (or this throws and the worker backs off): the claim goes now, not at its expiry
            releaseNow(unreleased);
            unreleased = null;
        }
        Optional<Claimed> next = claim();
        if (next.isPresent()) {
            process(next.get());
        }
        return next.isPresent();
    }

    /**
     * Claims the oldest pending version, fewest claims first (a version whose store keeps failing goes behind fresh
     * work). A thumbnail mark left set by the previous holder means it died while drawing: one interruption more.
     */
    private Optional<Claimed> claim() {
        return db.sql("update asset_version set claimed_by = :node, claimed_at = now(), "
                        + "extraction_attempts = extraction_attempts + 1, "
                        + "thumbnail_interruptions = thumbnail_interruptions "
                        + "+ case when thumbnail_drawing then 1 else 0 end, thumbnail_drawing = false "
                        + "where (asset_id, version) = (select asset_id, version from asset_version "
                        + "where (extraction_status = 'PENDING' or thumbnail_status = 'PENDING') "
                        + "and (claimed_at is null or claimed_at < now() - make_interval(secs => :lease)) "
                        + "order by extraction_attempts, created_at limit 1 for update skip locked) "
                        + "returning asset_id, version, blob_key, sha256, media_type, extraction_status, "
                        + "thumbnail_status, thumbnail_interruptions")
                .bind("node", node)
                .bind("lease", (double) Math.max(600, settings.timeout().toSeconds() * 4))
                .map(row -> new Claimed(row.get("asset_id", UUID.class), row.get("version", Integer.class),
                        row.get("blob_key", String.class), row.get("sha256", String.class),
                        row.get("media_type", String.class),
                        "PENDING".equals(row.get("extraction_status", String.class)),
                        "PENDING".equals(row.get("thumbnail_status", String.class)),
                        row.get("thumbnail_interruptions", Integer.class)))
                .one()
                .blockOptional(Duration.ofSeconds(30));
    }

    private void process(Claimed work) throws InterruptedException {
        Path file = null;
        try {
            file = Files.createTempFile("baton-derive-", ".bin");
            try (InputStream in = blobs.open(work.blobKey())) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Text text = work.extract() ? extract(work, file, extractor()) : null;
            Preview preview = work.thumbnail() ? thumbnail(work, file) : null;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            finish(work, text, preview);
        } catch (InterruptedException e) {
            // the node is stopping: let the work go (an interruption, not the file's doing), then end
            release(work);
            throw e;
        } catch (IOException | RuntimeException e) {
            // the store or the database failed, not the file: release the claim and try again later
            log.warn("Could not derive text and thumbnail of version {} of asset {} yet: {}", work.version(),
                    work.assetId(), e.getMessage());
            release(work);
            pause();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.debug("Could not delete {}", file, e);
                }
            }
        }
    }

    private Text extract(Claimed work, Path file, Extractor extractor) throws InterruptedException {
        ExtractionResult result;
        try {
            result = extractor.extract(file);
        } catch (ExtractionException e) {
            if (!isRunning()) {
                throw e;
            }
            throw new IllegalStateException("the text extractor could not run: " + e.getMessage(), e);
        }
        if (!result.done() && !isRunning()) {
            // the service is stopping, and a stop takes the parser's process down with it (a signal to the process
            // group, the extractor closed): the failure is the stop's, not the file's, so the work is let go and
            // done again at the next start; a file that truly fails fails again then
            throw new InterruptedException("stopping while extracting: " + result.failureReason());
        }
        String textKey = null;
        if (!result.text().isEmpty()) {
            byte[] bytes = result.text().getBytes(StandardCharsets.UTF_8);
            textKey = BlobKeys.derived(work.sha256(), TEXT);
            blobs.put(textKey, new ByteArrayInputStream(bytes), bytes.length);
        }
        return new Text(result.done() ? "DONE" : "FAILED", result.failureReason(), textKey, result.truncated(),
                trim(result.title(), 500), trim(result.author(), 500), result.pageCount(), result.language());
    }

    private Preview thumbnail(Claimed work, Path file) {
        if (!thumbnailer.supports(work.mediaType())) {
            return new Preview("NONE", null, null);
        }
        if (work.thumbnailInterruptions() >= MAX_DRAWING_INTERRUPTIONS) {
            String reason = "the service stopped " + work.thumbnailInterruptions()
                    + " times while drawing it, so it is not drawn again";
            log.warn("No thumbnail for version {} of asset {}: {}", work.version(), work.assetId(), reason);
            return Preview.failed(reason);
        }
        markDrawing(work);
        try {
            Optional<Thumbnail> thumbnail = thumbnailer.thumbnail(file, work.mediaType());
            if (thumbnail.isEmpty()) {
                return new Preview("NONE", null, null);
            }
            byte[] png = thumbnail.get().png();
            String key = BlobKeys.derived(work.sha256(), THUMBNAIL);
            blobs.put(key, new ByteArrayInputStream(png), png.length);
            return new Preview("DONE", null, key);
        } catch (ThumbnailException e) {
            log.info("No thumbnail for version {} of asset {}: {}", work.version(), work.assetId(), e.getMessage());
            return Preview.failed(trim(e.getMessage(), 500));
        }
    }

    /**
     * Records, before the thumbnail is drawn in this JVM, that it is being drawn: should the service die now, the next
     * claim counts it. Finishing or releasing the claim clears the mark.
     */
    private void markDrawing(Claimed work) {
        db.sql("update asset_version set thumbnail_drawing = true "
                        + "where asset_id = :id and version = :version and claimed_by = :node")
                .bind("id", work.assetId()).bind("version", work.version()).bind("node", node)
                .then()
                .block(Duration.ofSeconds(30));
    }

    /** Records the results and queues the asset for the index, in one transaction. */
    private void finish(Claimed work, Text text, Preview preview) {
        DatabaseClient.GenericExecuteSpec update = db.sql("update asset_version set "
                        + "extraction_status = coalesce(:status, extraction_status), "
                        + "extraction_reason = case when :status is null then extraction_reason else :reason end, "
                        + "text_key = coalesce(:textKey, text_key), "
                        + "text_truncated = coalesce(:truncated, text_truncated), "
                        + "doc_title = coalesce(:title, doc_title), doc_author = coalesce(:author, doc_author), "
                        + "page_count = coalesce(:pages, page_count), language = coalesce(:language, language), "
                        + "thumbnail_status = coalesce(:thumbStatus, thumbnail_status), "
                        + "thumbnail_reason = coalesce(:thumbReason, thumbnail_reason), "
                        + "thumbnail_key = coalesce(:thumbKey, thumbnail_key), thumbnail_drawing = false, "
                        + "claimed_by = null, claimed_at = null "
                        + "where asset_id = :id and version = :version")
                .bind("id", work.assetId())
                .bind("version", work.version())
                .bind("status", Parameter.fromOrEmpty(text == null ? null : text.status(), String.class))
                .bind("reason", Parameter.fromOrEmpty(text == null ? null : text.reason(), String.class))
                .bind("textKey", Parameter.fromOrEmpty(text == null ? null : text.key(), String.class))
                .bind("truncated", Parameter.fromOrEmpty(text == null ? null : text.truncated(), Boolean.class))
                .bind("title", Parameter.fromOrEmpty(text == null ? null : text.title(), String.class))
                .bind("author", Parameter.fromOrEmpty(text == null ? null : text.author(), String.class))
                .bind("pages", Parameter.fromOrEmpty(text == null ? null : text.pages(), Integer.class))
                .bind("language", Parameter.fromOrEmpty(text == null ? null : text.language(), String.class))
                .bind("thumbStatus", Parameter.fromOrEmpty(preview == null ? null : preview.status(), String.class))
                .bind("thumbReason", Parameter.fromOrEmpty(preview == null ? null : preview.reason(), String.class))
                .bind("thumbKey", Parameter.fromOrEmpty(preview == null ? null : preview.key(), String.class));
        String docTitle = text == null ? null : DocumentTitles.usable(text.title());
        Mono<Void> retitle = docTitle == null ? Mono.empty()
                : db.sql("update asset set title = :title where id = :id and title_from_file "
                                + "and current_version = :version")
                        .bind("title", docTitle)
                        .bind("id", work.assetId())
                        .bind("version", work.version())
                        .then();
        update.then()
                .then(retitle)
                .then(outbox.assetChanged(work.assetId()))
                .as(tx::transactional)
                .block(Duration.ofSeconds(30));
    }

    private void release(Claimed work) {
        try {
            releaseNow(work);
        } catch (RuntimeException e) {
            log.debug("Could not release a claim; trying again before the next claim", e);
            unreleased = work;
        }
    }

    private void releaseNow(Claimed work) {
        db.sql("update asset_version set claimed_by = null, claimed_at = null, thumbnail_drawing = false "
                        + "where asset_id = :id and version = :version and claimed_by = :node")
                .bind("id", work.assetId()).bind("version", work.version()).bind("node", node)
                .fetch().rowsUpdated()
                .block(Duration.ofSeconds(10));
    }

    private static String trim(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.isEmpty() ? null : clean.length() > max ? clean.substring(0, max) : clean;
    }

    /** This node's name in claims: the configured one, or host and data directory. */
    static String nodeName(String configured, DataDirectory dataDirectory) {
        return dataDirectory.nodeName(configured);
    }

    private record Claimed(UUID assetId, int version, String blobKey, String sha256, String mediaType,
            boolean extract, boolean thumbnail, int thumbnailInterruptions) {}

    private record Text(String status, String reason, String key, Boolean truncated, String title, String author,
            Integer pages, String language) {}

    private record Preview(String status, String reason, String key) {
        static Preview failed(String reason) {
            return new Preview("FAILED", reason, null);
        }
    }
}
