package dev.baton.webapp.content;

import dev.baton.indexer.preview.PageRenderException;
import dev.baton.indexer.preview.PageRenderer;
import dev.baton.indexer.preview.PageSettings;
import dev.baton.indexer.preview.RenderedPage;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * Draws the page images of decks and documents ({@link PageImages}) in the background, once per version: one worker
 * thread per node claims one pending version at a time ({@code for update skip locked}, a lease, a node's own claims
 * released at its start, as {@link DerivedWork} does), draws its pages with the indexer's {@link PageRenderer} and
 * stores each as a derived blob keyed by the file's SHA-256 and the page number as soon as it is drawn. A version
 * whose bytes another version already has drawn takes that version's pages without drawing. Current versions go
 * first, newest first, so a new upload is not kept waiting behind the backfill of an existing library (every version
 * starts pending). Files of other types are marked as having no pages without reading them.
 *
 * <p>Interrupted is not failed: work stopped by the service stopping is retried until it ends. Pages that cannot be
 * drawn or exceed their bounds fail at once, with the reason. Drawing runs in this JVM, so a file could take the
 * service down each time: before drawing, the worker records (and commits) that it is drawing, and clears that when
 * it records the outcome or lets the work go; a claim that finds the mark still set counts one interruption, and after
 * {@value #MAX_DRAWING_INTERRUPTIONS} of them the version's pages are marked failed. See docs/derived-work.md.
 */
@Component
class PageRendering extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(PageRendering.class);
    /** How many times the service may die while drawing one version's pages before they are given up. */
    static final int MAX_DRAWING_INTERRUPTIONS = 3;
    private static final Duration LEASE = Duration.ofMinutes(30);

    private final DatabaseClient db;
    private final BlobStore blobs;
    private final PageRenderer renderer;
    private final PageImages pageImages;
    private final String node;

    /** A claim whose release failed (the database was away): released before anything new is claimed. */
    private Claimed unreleased;

    PageRendering(DatabaseClient db, BlobStore blobs, BatonProperties properties, DataDirectory dataDirectory,
            PageImages pageImages) {
        super("baton-page-images", properties.extraction().poll());
        this.db = db;
        this.blobs = blobs;
        this.pageImages = pageImages;
        this.renderer = new PageRenderer(PageSettings.defaults()
                .withWidth(properties.pages().width())
                .withMaxPages(properties.pages().maxPages()));
        this.node = dataDirectory.nodeName(properties.nodeName());
    }

    @Override
    protected void releaseOwnClaims() {
        db.sql("update asset_version set pages_claimed_by = null, pages_claimed_at = null "
                        + "where pages_claimed_by = :node")
                .bind("node", node)
                .fetch()
                .rowsUpdated()
                .doOnNext(released -> {
                    if (released > 0) {
                        log.info("Resuming page images of {} version(s) interrupted by a stop", released);
                    }
                })
                .block(Duration.ofSeconds(30));
    }

    @Override
    protected String problem() {
        return "Background page images hit a problem; trying again shortly";
    }

    @Override
    protected boolean workOnce() {
        if (unreleased != null) {
            // the database is back (or this throws and the worker backs off): the claim goes now, not at its expiry
            releaseNow(unreleased);
            unreleased = null;
        }
        Optional<Claimed> next = claim();
        next.ifPresent(this::process);
        return next.isPresent();
    }

    private Optional<Claimed> claim() {
        return db.sql("update asset_version set pages_claimed_by = :node, pages_claimed_at = now(), "
                        + "pages_attempts = pages_attempts + 1, "
                        + "pages_interruptions = pages_interruptions + case when pages_drawing then 1 else 0 end, "
                        + "pages_drawing = false "
                        + "where (asset_id, version) = (select v.asset_id, v.version from asset_version v "
                        + "join asset a on a.id = v.asset_id "
                        + "where v.pages_status = 'PENDING' and (v.pages_claimed_at is null "
                        + "or v.pages_claimed_at < now() - make_interval(secs => :lease)) "
                        + "order by (v.version = a.current_version) desc, v.pages_attempts, v.created_at desc "
                        + "limit 1 for update of v skip locked) "
                        + "returning asset_id, version, blob_key, sha256, media_type, pages_interruptions")
                .bind("node", node)
                .bind("lease", (double) LEASE.toSeconds())
                .map(row -> new Claimed(row.get("asset_id", UUID.class), row.get("version", Integer.class),
                        row.get("blob_key", String.class), row.get("sha256", String.class),
                        row.get("media_type", String.class), row.get("pages_interruptions", Integer.class)))
                .one()
                .blockOptional(Duration.ofSeconds(30));
    }

    private void process(Claimed work) {
        if (!PageImages.applies(work.mediaType())) {
            finish(work, Outcome.none());
            return;
        }
        if (work.interruptions() >= MAX_DRAWING_INTERRUPTIONS) {
            String reason = "The service stopped " + work.interruptions()
                    + " times while drawing its pages, so they are not drawn again";
            log.warn("Page images of version {} of asset {}: {}", work.version(), work.assetId(), reason);
            finish(work, Outcome.failed(reason, 0));
            return;
        }
        Path file = null;
        try {
            if (copyFromSameBytes(work)) {
                return;
            }
            file = Files.createTempFile("baton-pages-", ".bin");
            try (InputStream in = blobs.open(work.blobKey())) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            markDrawing(work);
            finish(work, draw(work, file));
        } catch (IOException | RuntimeException e) {
            // the store or the database failed (or the node is stopping), not the file: try again later
            log.warn("Could not make the page images of version {} of asset {} yet: {}", work.version(),
                    work.assetId(), e.getMessage());
            release(work);
            if (running()) {
                pause();
            }
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

    private Outcome draw(Claimed work, Path file) throws IOException {
        List<Long> sizes = new ArrayList<>();
        int[] first = new int[2];
        String[] mediaType = new String[1];
        try {
            PageRenderer.Result result = renderer.render(file, work.mediaType(), (number, page) -> {
                if (!running()) {
                    throw new IOException("the node is stopping");
                }
                store(work, number, page);
                if (number == 1) {
                    first[0] = page.width();
                    first[1] = page.height();
                    mediaType[0] = page.mediaType();
                }
                sizes.add((long) page.bytes().length);
            });
            String note = null;
            if (result.truncated()) {
                note = result.total() > 0
                        ? "Only the first " + result.rendered() + " of its " + result.total() + " pages are shown"
                        : "Only the first " + result.rendered() + " pages are shown";
            }
            return new Outcome("DONE", note, result.rendered(), result.total() > 0 && result.truncated()
                    ? result.total() : null, mediaType[0], sizes.toArray(Long[]::new), first[0], first[1]);
        } catch (PageRenderException e) {
            log.info("No page images for version {} of asset {}: {}", work.version(), work.assetId(),
                    e.getMessage());
            String reason = e.reason().explanation();
            return Outcome.failed(Character.toUpperCase(reason.charAt(0)) + reason.substring(1), sizes.size());
        }
    }

    /**
     * Records, before the pages are drawn in this JVM, that they are being drawn: should the service die now, the
     * next claim counts it. Finishing or releasing the claim clears the mark.
     */
    private void markDrawing(Claimed work) {
        db.sql("update asset_version set pages_drawing = true "
                        + "where asset_id = :id and version = :version and pages_claimed_by = :node")
                .bind("id", work.assetId()).bind("version", work.version()).bind("node", node)
                .then()
                .block(Duration.ofSeconds(30));
    }

    private void store(Claimed work, int number, RenderedPage page) {
        byte[] bytes = page.bytes();
        blobs.put(PageImages.key(work.sha256(), number, page.mediaType()), new ByteArrayInputStream(bytes),
                bytes.length);
    }

    /** Takes the pages another version with the same bytes already has; {@code false} when none has them. */
    private boolean copyFromSameBytes(Claimed work) {
        Long copied = db.sql("update asset_version v set pages_status = d.pages_status, "
                        + "pages_reason = d.pages_reason, page_images = d.page_images, pages_total = d.pages_total, "
                        + "page_media_type = d.page_media_type, page_sizes = d.page_sizes, "
                        + "page_width = d.page_width, page_height = d.page_height, "
                        + "pages_claimed_by = null, pages_claimed_at = null, pages_drawing = false "
                        + "from (select * from asset_version where sha256 = :sha and pages_status = 'DONE' "
                        + "order by created_at limit 1) d "
                        + "where v.asset_id = :id and v.version = :version")
                .bind("sha", work.sha256()).bind("id", work.assetId()).bind("version", work.version())
                .fetch().rowsUpdated()
                .block(Duration.ofSeconds(30));
        return copied != null && copied > 0;
    }

    private void finish(Claimed work, Outcome outcome) {
        Long updated = db.sql("update asset_version set pages_status = :status, pages_reason = :reason, "
                        + "page_images = :count, "
                        + "pages_total = :total, page_media_type = :mediaType, page_sizes = :sizes, "
                        + "page_width = :width, page_height = :height, "
                        + "pages_claimed_by = null, pages_claimed_at = null, pages_drawing = false "
                        + "where asset_id = :id and version = :version")
                .bind("id", work.assetId())
                .bind("version", work.version())
                .bind("status", outcome.status())
                .bind("reason", Parameter.fromOrEmpty(outcome.reason(), String.class))
                .bind("count", outcome.count())
                .bind("total", Parameter.fromOrEmpty(outcome.total(), Integer.class))
                .bind("mediaType", Parameter.fromOrEmpty(outcome.mediaType(), String.class))
                .bind("sizes", Parameter.fromOrEmpty(outcome.sizes(), Long[].class))
                .bind("width", Parameter.fromOrEmpty(outcome.width() > 0 ? outcome.width() : null, Integer.class))
                .bind("height", Parameter.fromOrEmpty(outcome.height() > 0 ? outcome.height() : null,
                        Integer.class))
                .fetch()
                .rowsUpdated()
                .block(Duration.ofSeconds(30));
        if (outcome.count() > 0 && (updated == null || updated == 0)) {
            removeIfUnused(work);
        }
    }

    /**
     * The version was deleted while its pages were drawn: its deletion removed the digest's page images before these
     * were stored. Removes them again unless another version has the same bytes.
     */
    private void removeIfUnused(Claimed work) {
        Boolean used = db.sql("select exists (select 1 from asset_version where sha256 = :sha)")
                .bind("sha", work.sha256())
                .map(row -> row.get(0, Boolean.class))
                .one()
                .block(Duration.ofSeconds(30));
        if (!Boolean.TRUE.equals(used)) {
            pageImages.deleteAll(work.sha256());
        }
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
        db.sql("update asset_version set pages_claimed_by = null, pages_claimed_at = null, pages_drawing = false "
                        + "where asset_id = :id and version = :version and pages_claimed_by = :node")
                .bind("id", work.assetId()).bind("version", work.version()).bind("node", node)
                .then()
                .block(Duration.ofSeconds(10));
    }

    private record Claimed(UUID assetId, int version, String blobKey, String sha256, String mediaType,
            int interruptions) {}

    /** What a version's pages came to; {@code count} page images are stored (also part-way into a failure). */
    private record Outcome(String status, String reason, int count, Integer total, String mediaType, Long[] sizes,
            int width, int height) {

        static Outcome none() {
            return new Outcome("NONE", null, 0, null, null, null, 0, 0);
        }

        static Outcome failed(String reason, int stored) {
            return new Outcome("FAILED", reason, stored, null, null, null, 0, 0);
        }
    }
}
