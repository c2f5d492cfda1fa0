package dev.baton.webapp.content;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Outbox;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The library as review before publish reads and changes it (the reviews package): the facts review rules match on,
 * the versions held for review, promoting an approved held version to the live one, and the day an approval lapses
 * ({@code asset.approval_expires_on}, which {@link AssetVisibility} treats as an expiry). Applies no visibility: the
 * reviews package checks who may do what.
 */
@Component
public class ReviewedContent {

    private static final String SUBJECT = "select a.id, a.title, a.status, a.content_type, a.tags, a.owner_id, "
            + "a.current_version, a.published_at, a.approval_expires_on, "
            + "coalesce((select max(v.version) from asset_version v where v.asset_id = a.id), a.current_version) "
            + "as newest from asset a ";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final AuditLog audit;

    ReviewedContent(DatabaseClient db, TransactionalOperator tx, Outbox outbox, AuditLog audit) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * An asset as review rules see it.
     *
     * @param liveVersion the current version: what everyone gets (reps only while the asset is published)
     * @param newestVersion the newest version; above {@code liveVersion} when versions are held for review
     * @param approvalExpiresOn the day the live version's approval lapses, if it does
     */
    public record Subject(UUID id, String title, String status, String contentType, List<String> tags, long ownerId,
            int liveVersion, int newestVersion, Instant publishedAt, LocalDate approvalExpiresOn) {

        public boolean published() {
            return "PUBLISHED".equals(status);
        }

        /** Whether a version is held: newer than the live one, waiting for approval. */
        public boolean held(int version) {
            return version > liveVersion && version <= newestVersion;
        }
    }

    /** The asset with this id; 404 when there is none. */
    public Mono<Subject> subject(UUID assetId) {
        return db.sql(SUBJECT + "where a.id = :id").bind("id", assetId).map(row -> subject(row)).one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No asset " + assetId)));
    }

    /** Every published asset (for the report of assets published without the review their rules ask for). */
    public Flux<Subject> published() {
        return db.sql(SUBJECT + "where a.status = 'PUBLISHED' order by a.title, a.id").map(row -> subject(row))
                .all();
    }

    /** Whether the asset has this version. */
    public Mono<Boolean> hasVersion(UUID assetId, int version) {
        return db.sql("select exists (select 1 from asset_version where asset_id = :id and version = :version)")
                .bind("id", assetId).bind("version", version)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one();
    }

    /**
     * Makes an approved held version the live one (reps, search and links following the latest get it from now on)
     * and sets the day its approval lapses; in the caller's transaction, with an outbox row and an audit record.
     * A version that is already live only gets its approval's date.
     */
    public Mono<Void> promote(UUID assetId, int version, LocalDate approvalExpiresOn, String actor,
            String remoteAddr) {
        return db.sql("update asset set current_version = greatest(current_version, :version), "
                        + "approval_expires_on = :expires, "
                        + "updated_at = now() "
                        + "where id = :id returning current_version")
                .bind("id", assetId).bind("version", version)
                .bind("expires", Parameter.fromOrEmpty(approvalExpiresOn, LocalDate.class))
                .map(row -> row.get(0, Integer.class))
                .one()
                .flatMap(live -> ContentService.markLive(db, assetId).then(outbox.assetChanged(assetId))
                        .then(live == version
                                ? audit.record(actor, "asset.version-approved", assetId.toString(),
                                        "version " + version + " is live"
                                                + (approvalExpiresOn == null ? "" : ", approved until "
                                                        + approvalExpiresOn), remoteAddr)
                                : Mono.empty()))
                .as(tx::transactional);
    }

    /**
     * Records the latest review decision on a version: {@code sentBack} when it asked for changes, from when no link
     * serves the version to a buyer (even one that was live: {@link ContentService#sharedFile}); an approval clears it.
     * In the caller's transaction.
     */
    public Mono<Void> decided(UUID assetId, int version, boolean sentBack) {
        return db.sql("update asset_version set sent_back_at = case when :back then now() end "
                        + "where asset_id = :id and version = :version "
                        + "and (sent_back_at is null) = :back")
                .bind("id", assetId).bind("version", version).bind("back", sentBack)
                .then();
    }

    /** When each version of the asset that went live first did (the live one, and earlier ones), by version. */
    public Mono<java.util.Map<Integer, Instant>> wentLive(UUID assetId) {
        return db.sql("select version, live_at from asset_version where asset_id = :id and live_at is not null")
                .bind("id", assetId)
                .map(row -> java.util.Map.entry(row.get("version", Integer.class),
                        row.get("live_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    /** Who uploaded (or restored) this version of the asset; empty when it has no such version. */
    public Mono<Long> uploader(UUID assetId, int version) {
        return db.sql("select created_by from asset_version where asset_id = :id and version = :version")
                .bind("id", assetId).bind("version", version)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** The assets whose approval has a lapse date (to clear those no rule covers any more). */
    public Flux<Subject> withApprovalExpiry() {
        return db.sql(SUBJECT + "where a.approval_expires_on is not null order by a.id").map(row -> subject(row))
                .all();
    }

    /** Sets the day the live version's approval lapses ({@code null}: never), when it differs. */
    public Mono<Void> approvalExpires(UUID assetId, LocalDate approvalExpiresOn) {
        return db.sql("update asset set approval_expires_on = :expires, updated_at = now() where id = :id "
                        + "and approval_expires_on is distinct from :expires")
                .bind("id", assetId).bind("expires", Parameter.fromOrEmpty(approvalExpiresOn, LocalDate.class))
                .fetch().rowsUpdated()
                .flatMap(n -> n > 0 ? outbox.assetChanged(assetId) : Mono.empty());
    }

    /** Clears the lapse date of an asset's approval (its live version needs no review any more). */
    public Mono<Void> clearApprovalExpiry(UUID assetId) {
        return db.sql("update asset set approval_expires_on = null, updated_at = now() where id = :id and approval_expires_on is not null")
                .bind("id", assetId).fetch().rowsUpdated()
                .flatMap(n -> n > 0 ? outbox.assetChanged(assetId) : Mono.empty());
    }

    private static Subject subject(io.r2dbc.spi.Readable row) {
        String[] tags = row.get("tags", String[].class);
        OffsetDateTime published = row.get("published_at", OffsetDateTime.class);
        return new Subject(row.get("id", UUID.class), row.get("title", String.class), row.get("status", String.class),
                row.get("content_type", String.class), tags == null ? List.of() : Arrays.asList(tags),
                row.get("owner_id", Long.class), row.get("current_version", Integer.class),
                row.get("newest", Integer.class), published == null ? null : published.toInstant(),
                row.get("approval_expires_on", LocalDate.class));
    }
}
