package dev.baton.webapp.content;

import dev.baton.indexer.preview.PageRenderer;
import dev.baton.indexer.preview.PageSettings;
import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStat;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.system.BatonException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The page images of a version's file: every slide of a deck (PPTX, PPT) and every page of a document (DOCX), drawn
 * in the background once per version ({@link PageRendering}) and kept as derived blobs. PDFs are not drawn (viewers
 * show them with PDF.js) and neither are images (shown as they are): both are {@link Status#NOT_APPLICABLE}, as is
 * every other type.
 *
 * <p>No access checks: callers decide who may see which asset and version (the library's own viewer through {@link
 * ContentService#get}, the sharing package through its links).
 */
@Service
public final class PageImages {

    /** The start of every page image's kind in its derived key: {@code page-0001.jpg}. */
    static final String KIND_PREFIX = "page-";

    private static final int CHUNK = 64 * 1024;
    private static final String PDF = "application/pdf";
    /** Only asks which types it can draw: drawing is {@link PageRendering}'s, with the configured settings. */
    private static final PageRenderer TYPES = new PageRenderer(PageSettings.defaults());

    private final DatabaseClient db;
    private final BlobStore blobs;

    PageImages(DatabaseClient db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    /** Where a version's page images stand. */
    public enum Status {
        /** Not drawn yet: the background work has not reached the version, or is drawing it. */
        PENDING,
        /** Drawn: {@link Pages#count()} page images can be had. */
        READY,
        /** The file's pages could not be drawn; {@link Pages#reason()} says why. */
        UNAVAILABLE,
        /** Files of this type get no page images (PDFs, images and every type that is not a deck or document). */
        NOT_APPLICABLE
    }

    /**
     * A version's page images.
     *
     * @param count how many page images there are (0 unless {@link Status#READY})
     * @param reason why they are unavailable, or, when ready, that pages past the limit were left out; otherwise
     *     {@code null}. A sentence for people
     */
    public record Pages(Status status, int count, String reason) {}

    /**
     * One page image.
     *
     * @param mediaType {@code image/jpeg}
     * @param size the number of bytes
     * @param bytes the bytes, read from the object store when subscribed to
     */
    public record PageImage(String mediaType, long size, Flux<DataBuffer> bytes) {}

    /** Whether files of this media type get page images: decks and documents, not PDFs or images. */
    static boolean applies(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String type = mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return !PDF.equals(type) && TYPES.supports(type);
    }

    /** The page images of version {@code version} of an asset; not-found when the asset has no such version. */
    public Mono<Pages> pages(UUID assetId, int version) {
        return state(assetId, version).map(State::pages);
    }

    /**
     * Page {@code page} (1-based) of version {@code version} of an asset; not-found ({@link BatonException.NotFound})
     * when the asset has no such version, the version's pages are not drawn (yet), or it has no such page.
     */
    public Mono<PageImage> page(UUID assetId, int version, int page) {
        return state(assetId, version).flatMap(state -> {
            Pages pages = state.pages();
            if (pages.status() != Status.READY) {
                return Mono.error(new BatonException.NotFound("Version " + version + " of asset " + assetId
                        + " has no page images" + (pages.status() == Status.PENDING ? " yet" : "")));
            }
            if (page < 1 || page > pages.count()) {
                return Mono.error(new BatonException.NotFound("Version " + version + " of asset " + assetId
                        + " has no page " + page + " (it has " + pages.count() + ")"));
            }
            String key = key(state.sha256(), page, state.mediaType());
            Flux<DataBuffer> bytes = DataBufferUtils.readInputStream(() -> blobs.open(key),
                            DefaultDataBufferFactory.sharedInstance, CHUNK)
                    .subscribeOn(Schedulers.boundedElastic());
            long size = state.sizes() != null && state.sizes().length >= page && state.sizes()[page - 1] != null
                    ? state.sizes()[page - 1] : -1;
            return Mono.just(new PageImage(state.mediaType(), size, bytes));
        });
    }

    /** Where a version's pages stand, with the first page's pixel size (the viewer's placeholder), when drawn. */
    Mono<State> state(UUID assetId, int version) {
        return db.sql("select media_type, sha256, pages_status, pages_reason, page_images, page_media_type, "
                        + "page_sizes, page_width, page_height from asset_version "
                        + "where asset_id = :id and version = :version")
                .bind("id", assetId)
                .bind("version", version)
                .map(row -> {
                    String fileType = row.get("media_type", String.class);
                    String status = row.get("pages_status", String.class);
                    Integer count = row.get("page_images", Integer.class);
                    Pages pages = !applies(fileType) || "NONE".equals(status)
                            ? new Pages(Status.NOT_APPLICABLE, 0, null)
                            : switch (status) {
                                case "DONE" -> new Pages(Status.READY, count == null ? 0 : count,
                                        row.get("pages_reason", String.class));
                                case "FAILED" -> new Pages(Status.UNAVAILABLE, 0,
                                        row.get("pages_reason", String.class));
                                default -> new Pages(Status.PENDING, 0, null);
                            };
                    Integer width = row.get("page_width", Integer.class);
                    Integer height = row.get("page_height", Integer.class);
                    return new State(pages, row.get("sha256", String.class),
                            row.get("page_media_type", String.class), row.get("page_sizes", Long[].class),
                            width == null ? 0 : width, height == null ? 0 : height);
                })
                .one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound(
                        "Asset " + assetId + " has no version " + version)));
    }

    /** A version's pages as the store and the viewer need them. */
    record State(Pages pages, String sha256, String mediaType, Long[] sizes, int width, int height) {}

    /** The key of page {@code page} of the file with this digest: {@code derived/sha256/.../page-0001.jpg}. */
    static String key(String sha256, int page, String mediaType) {
        String extension = "image/png".equals(mediaType) ? "png" : "jpg";
        return BlobKeys.derived(sha256, String.format(Locale.ROOT, "%s%04d.%s", KIND_PREFIX, page, extension));
    }

    /** The prefix every page image of the file with this digest has. */
    static String prefix(String sha256) {
        return BlobKeys.derived(sha256, "x").replaceFirst("/x$", "/" + KIND_PREFIX);
    }

    /** Removes every page image stored for the file with this digest (blocking). */
    void deleteAll(String sha256) {
        List<String> keys;
        try (Stream<BlobStat> listing = blobs.list(prefix(sha256))) {
            keys = listing.map(BlobStat::key).toList();
        }
        keys.forEach(blobs::delete);
    }
}
