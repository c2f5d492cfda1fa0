package dev.baton.webapp.content;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What the background work made of an asset's current version (its text, thumbnail and page images), and trying again
 * what failed: one asset (a marketer, from its page or the API) or every asset at once (an admin). A retry puts each
 * failed part back to pending with its counts cleared and wakes the workers ({@link DerivedWork}, {@link
 * PageRendering}); it is audited. Parts that are done, pending or not applicable are left as they are.
 */
@Service
class DerivedRetry {

    /** The most failed assets one listing names; the count says how many there are in all. */
    static final int LIST_LIMIT = 500;

    private static final String FAILED_PART = "(v.extraction_status = 'FAILED' or v.thumbnail_status = 'FAILED' "
            + "or v.pages_status = 'FAILED')";
    private static final String RESET = "extraction_status = case when v.extraction_status = 'FAILED' then 'PENDING' "
            + "else v.extraction_status end, "
            + "extraction_reason = case when v.extraction_status = 'FAILED' then null else v.extraction_reason end, "
            + "extraction_attempts = 0, "
            + "thumbnail_status = case when v.thumbnail_status = 'FAILED' then 'PENDING' else v.thumbnail_status end, "
            + "thumbnail_reason = case when v.thumbnail_status = 'FAILED' then null else v.thumbnail_reason end, "
            + "thumbnail_interruptions = 0, "
            + "pages_status = case when v.pages_status = 'FAILED' then 'PENDING' else v.pages_status end, "
            + "pages_reason = case when v.pages_status = 'FAILED' then null else v.pages_reason end, "
            + "pages_attempts = 0, pages_interruptions = 0 ";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final ContentService content;
    private final DerivedWork derivedWork;
    private final PageRendering pageRendering;

    DerivedRetry(DatabaseClient db, TransactionalOperator tx, AuditLog audit, ContentService content,
            DerivedWork derivedWork, PageRendering pageRendering) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.content = content;
        this.derivedWork = derivedWork;
        this.pageRendering = pageRendering;
    }

    /**
     * Where one part of the derived work stands.
     *
     * @param status {@code PENDING}, {@code DONE}, {@code FAILED} or {@code NONE} (the file's type has none)
     * @param reason why it failed (or a note on what was done), a sentence for people; otherwise {@code null}
     * @param failed whether the status is {@code FAILED}
     */
    record Part(String status, String reason, boolean failed) {

        static Part of(String status, String reason) {
            return new Part(status, reason, "FAILED".equals(status));
        }
    }

    /**
     * The derived work of an asset's current version.
     *
     * @param retryable whether any part failed, so that a retry has something to do
     */
    record Derived(UUID assetId, String title, int version, String fileName, Part text, Part thumbnail, Part pages,
            Instant updatedAt, boolean retryable) {

        static Derived of(UUID assetId, String title, int version, String fileName, Part text, Part thumbnail,
                Part pages, Instant updatedAt) {
            return new Derived(assetId, title, version, fileName, text, thumbnail, pages, updatedAt,
                    text.failed() || thumbnail.failed() || pages.failed());
        }
    }

    /**
     * What a retry put back to pending.
     *
     * @param retried the parts: {@code text}, {@code thumbnail}, {@code pages}
     */
    record Retried(UUID assetId, int version, List<String> retried) {}

    /** The assets whose work failed, and how many there are in all. */
    record Failed(int total, List<Derived> assets) {}

    /** The derived work of an asset's current version; not-found unless the user may see the asset. */
    Mono<Derived> state(UUID assetId, BatonUser user) {
        return content.get(assetId, user).then(db.sql(select("where v.asset_id = :id"))
                .bind("id", assetId)
                .map(DerivedRetry::derived)
                .one());
    }

    /**
     * Puts the failed parts of an asset's current version back to pending, audited. Not-found unless the user may see
     * the asset; a conflict when nothing failed (done, still being made, or not made for its type).
     */
    Mono<Retried> retry(UUID assetId, BatonUser user, String remoteAddr) {
        Mono<Retried> retried = db.sql(select("where v.asset_id = :id for update of v"))
                .bind("id", assetId)
                .map(DerivedRetry::derived)
                .one()
                .flatMap(derived -> {
                    List<String> parts = failedParts(derived);
                    if (parts.isEmpty()) {
                        return Mono.error(nothingToRetry());
                    }
                    return db.sql("update asset_version v set " + RESET
                                    + "where v.asset_id = :id and v.version = :version")
                            .bind("id", assetId)
                            .bind("version", derived.version())
                            .then()
                            .then(audit.record(user.getUsername(), "asset.derived_retried", assetId.toString(),
                                    "version " + derived.version() + ": " + String.join(", ", parts), remoteAddr))
                            .thenReturn(new Retried(assetId, derived.version(), parts));
                })
                .as(tx::transactional);
        return content.get(assetId, user).then(retried).doOnNext(done -> wakeWorkers());
    }

    /** The assets whose current version has a failed part (text unavailable first, then the latest changed). */
    Mono<Failed> failed() {
        Mono<Long> total = db.sql("select count(*) from asset_version v join asset a on a.id = v.asset_id "
                        + "and v.version = a.current_version where " + FAILED_PART)
                .map(row -> row.get(0, Long.class))
                .one();
        Mono<List<Derived>> assets = db.sql(select("where " + FAILED_PART
                        + " order by (v.extraction_status = 'FAILED') desc, a.updated_at desc, v.asset_id "
                        + "limit :limit"))
                .bind("limit", LIST_LIMIT)
                .map(DerivedRetry::derived)
                .all()
                .collectList();
        return Mono.zip(total, assets).map(both -> new Failed(both.getT1().intValue(), both.getT2()));
    }

    /**
     * Puts every failed part of every asset's current version back to pending; one audit record says how many assets.
     *
     * @return how many assets were retried
     */
    Mono<Integer> retryAll(BatonUser user, String remoteAddr) {
        return db.sql("update asset_version v set " + RESET + "from asset a where a.id = v.asset_id "
                        + "and v.version = a.current_version and " + FAILED_PART)
                .fetch()
                .rowsUpdated()
                .flatMap(count -> count == 0 ? Mono.just(0)
                        : audit.record(user.getUsername(), "derived.retried_all", null,
                                count + (count == 1 ? " asset" : " assets"), remoteAddr)
                                .thenReturn(count.intValue()))
                .as(tx::transactional)
                .doOnNext(count -> {
                    if (count > 0) {
                        wakeWorkers();
                    }
                });
    }

    private void wakeWorkers() {
        derivedWork.wake();
        pageRendering.wake();
    }

    private static String select(String where) {
        return "select v.asset_id, a.title, v.version, v.file_name, v.extraction_status, v.extraction_reason, "
                + "v.thumbnail_status, v.thumbnail_reason, v.pages_status, v.pages_reason, a.updated_at "
                + "from asset_version v join asset a on a.id = v.asset_id and v.version = a.current_version "
                + where;
    }

    private static Derived derived(io.r2dbc.spi.Readable row) {
        OffsetDateTime updated = row.get("updated_at", OffsetDateTime.class);
        return Derived.of(row.get("asset_id", UUID.class), row.get("title", String.class),
                row.get("version", Integer.class), row.get("file_name", String.class),
                Part.of(row.get("extraction_status", String.class), row.get("extraction_reason", String.class)),
                Part.of(row.get("thumbnail_status", String.class), row.get("thumbnail_reason", String.class)),
                Part.of(row.get("pages_status", String.class), row.get("pages_reason", String.class)),
                updated == null ? null : updated.toInstant());
    }

    static List<String> failedParts(Derived derived) {
        List<String> parts = new ArrayList<>();
        if (derived.text().failed()) {
            parts.add("text");
        }
        if (derived.thumbnail().failed()) {
            parts.add("thumbnail");
        }
        if (derived.pages().failed()) {
            parts.add("pages");
        }
        return parts;
    }

    private static BatonException nothingToRetry() {
        return new BatonException.Conflict("Nothing to retry: the text, thumbnail and page images of this asset are "
                + "made, still being made, or not made for its type");
    }
}
