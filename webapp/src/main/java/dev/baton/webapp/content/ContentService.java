package dev.baton.webapp.content;

import dev.baton.storage.BlobStore;
import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Outbox;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.TaxonomyService;
import io.r2dbc.spi.Readable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The content library: uploads, versions, metadata, lifecycle and deletion.
 *
 * <p>Every file comes in through the {@link Intake}: stored once under a fresh key while its SHA-256 is computed, typed
 * from its first bytes, then recorded (asset, version, facets, an outbox row for the index, an audit record) in one
 * transaction that holds the lock of its digest. A blob stored before a crash and never recorded is harmless: nothing
 * points at it, and {@link BlobSweep} removes it. Text extraction and the thumbnail follow in the background ({@link
 * DerivedWork}).
 *
 * <p>Reps see published assets whose expiry date has not come; marketers and admins see everything
 * ({@link AssetVisibility}, which also says what "today" is).
 */
@Service
public class ContentService {

    private static final Logger log = LoggerFactory.getLogger(ContentService.class);

    private static final String SUMMARY = "select a.id, a.title, a.description, a.status, a.internal_only, "
            + "a.content_type, a.tags, a.publish_date, a.review_by, a.expires_on, a.created_at, a.updated_at, "
            + "a.owner_id, a.approval_expires_on, v.version, v.file_name, v.media_type, v.size, v.extraction_status, "
            + "v.extraction_reason, v.thumbnail_status, v.doc_title, v.doc_author, v.page_count, v.language, "
            + "v.text_truncated, "
            // the facet values as facet:value (a facet key has no ':'): no second query; the taxonomy orders them
            + "array(select f.facet_key || ':' || f.value_key from asset_facet f where f.asset_id = a.id) "
            + "as facet_values "
            + "from asset a join asset_version v on v.asset_id = a.id and v.version = a.current_version ";

    private final DatabaseClient db;
    private final BlobStore blobs;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final MetadataRules rules;
    private final DerivedWork derived;
    private final Intake intake;
    private final Outbox outbox;
    private final AssetVisibility visibility;
    private final AccountDirectory accounts;
    private final TaxonomyService taxonomy;
    private final PageRendering pageRendering;
    private final PageImages pageImages;
    private final ObjectProvider<ReviewGate> reviewGate;

    ContentService(DatabaseClient db, BlobStore blobs, AuditLog audit, TransactionalOperator tx, MetadataRules rules,
            DerivedWork derived, Intake intake, Outbox outbox, AssetVisibility visibility, AccountDirectory accounts,
            TaxonomyService taxonomy, PageRendering pageRendering, PageImages pageImages,
            ObjectProvider<ReviewGate> reviewGate) {
        this.reviewGate = reviewGate;
        this.pageRendering = pageRendering;
        this.pageImages = pageImages;
        this.visibility = visibility;
        this.accounts = accounts;
        this.taxonomy = taxonomy;
        this.db = db;
        this.blobs = blobs;
        this.audit = audit;
        this.tx = tx;
        this.rules = rules;
        this.derived = derived;
        this.intake = intake;
        this.outbox = outbox;
    }

    /** Stores a file on disk (an import's, the demo library's) as a new asset, a draft unless said otherwise. */
    public Mono<AssetSummary> upload(Path file, String originalName, AssetMetadata metadata, BatonUser user,
            String remoteAddr) {
        return intake.store(file, originalName).flatMap(arrival -> upload(arrival, metadata, user, remoteAddr));
    }

    /**
     * Records bytes that arrived already stored ({@link Intake}) as a new asset, a draft unless said otherwise; bytes
     * the library refuses, or metadata it refuses, leave nothing behind.
     */
    Mono<AssetSummary> upload(Intake.Arrival arrival, AssetMetadata metadata, BatonUser user, String remoteAddr) {
        String fileName = FileNames.displayName(arrival.fileName());
        return intake.orDiscard(arrival, rules.check(metadata)
                .flatMap(checked -> intake.mediaType(arrival)
                        .flatMap(mediaType -> insert(arrival, mediaType, checked, fileName, user, remoteAddr))));
    }

    /**
     * Stores a file on disk (a form's, spooled) as the next version of an asset: the asset keeps its id and history,
     * and everyone gets the new file from now on. A file identical to the current version is refused (409).
     */
    public Mono<AssetSummary> addVersion(UUID assetId, Path file, String originalName, String note, BatonUser user,
            String remoteAddr) {
        return get(assetId, user)
                .then(intake.store(file, originalName))
                .flatMap(arrival -> addVersion(assetId, arrival, note, user, remoteAddr));
    }

    /**
     * Records bytes that arrived already stored ({@link Intake}) as the next version of an asset. When another version
     * anywhere already has the same bytes, the new version points at that version's blob and the arrival's own copy is
     * removed: identical bytes are stored once.
     */
    Mono<AssetSummary> addVersion(UUID assetId, Intake.Arrival arrival, String note, BatonUser user,
            String remoteAddr) {
        String fileName = FileNames.displayName(arrival.fileName());
        return intake.orDiscard(arrival, get(assetId, user)
                .then(intake.mediaType(arrival))
                .flatMap(mediaType -> {
                    String versionNote = clean(note, "note", 1000);
                    return intake.recordVersion(assetId, arrival, key -> versionRows(assetId, key, arrival.sha256(),
                            arrival.size(), mediaType, fileName, versionNote, null, user, remoteAddr,
                            "asset.version-added"));
                })
                .then(Mono.defer(() -> get(assetId, user)))
                .doFinally(signal -> wakeWorkers()));
    }

    /**
     * Makes an old version current again as a new version (history is never rewritten): same file, same derived
     * text and thumbnail, a note that says where it came from.
     */
    public Mono<AssetSummary> restoreVersion(UUID assetId, int version, String note, BatonUser user,
            String remoteAddr) {
        String versionNote = clean(note, "note", 1000);
        return get(assetId, user)
                .then(file(assetId, version, user))
                .flatMap(old -> currentFile(assetId)
                        .filter(current -> current.version() == version)
                        .flatMap(same -> Mono.<AssetSummary>error(new BatonException.Conflict(
                                "Version " + version + " is already the current version")))
                        .switchIfEmpty(Mono.defer(() -> versionRows(assetId, old.blobKey(), old.sha256(),
                                        old.size(), old.mediaType(), old.fileName(),
                                        versionNote.isEmpty() ? "Restored version " + version : versionNote, version,
                                        user, remoteAddr, "asset.version-restored")
                                .as(tx::transactional)
                                .then(Mono.defer(() -> get(assetId, user)))
                                .doFinally(signal -> wakeWorkers()))));
    }

    /** Tells the background workers (text and thumbnail, page images) there is a new version. */
    private void wakeWorkers() {
        derived.wake();
        pageRendering.wake();
    }

    /** Every version of an asset, newest first. */
    public Mono<List<AssetVersion>> versions(UUID assetId, BatonUser user) {
        return get(assetId, user).flatMap(asset -> db.sql("select v.version, v.file_name, v.media_type, v.size, "
                        + "v.sha256, v.note, v.extraction_status, v.extraction_reason, v.created_at, v.created_by "
                        + "from asset_version v where v.asset_id = :id order by v.version desc")
                .bind("id", assetId)
                .map(row -> Map.entry(row.get("created_by", Long.class), new AssetVersion(
                        row.get("version", Integer.class),
                        row.get("file_name", String.class),
                        row.get("media_type", String.class),
                        row.get("size", Long.class),
                        row.get("sha256", String.class),
                        row.get("note", String.class),
                        row.get("extraction_status", String.class),
                        row.get("extraction_reason", String.class),
                        null,
                        row.get("created_at", OffsetDateTime.class).toInstant(),
                        row.get("version", Integer.class) == asset.version())))
                .all()
                .collectList()
                .flatMap(rows -> accounts.people(rows.stream().map(Map.Entry::getKey).toList())
                        .map(people -> rows.stream().map(row -> {
                            AssetVersion v = row.getValue();
                            Person by = people.get(row.getKey());
                            return new AssetVersion(v.version(), v.fileName(), v.mediaType(), v.size(), v.sha256(),
                                    v.note(), v.extractionStatus(), v.extractionReason(),
                                    by == null ? null : by.username(), v.createdAt(), v.current());
                        }).toList())));
    }

    /**
     * The file of an asset's version ({@code null}: the current one). Reps get only the current version of what they
     * may see; old versions are for marketers.
     */
    public Mono<StoredFile> file(UUID assetId, Integer version, BatonUser user) {
        if (version != null && !user.canReadAllContent()) {
            return get(assetId, user).then(Mono.error(() -> new BatonException.NotFound(
                    "Old versions are for marketers; reps always get the latest")));
        }
        return get(assetId, user).flatMap(asset -> version == null ? currentFile(assetId)
                : db.sql(FILE + "where v.asset_id = :id and v.version = :version")
                        .bind("id", assetId).bind("version", version)
                        .map(ContentService::storedFile)
                        .one()
                        .switchIfEmpty(Mono.error(() -> new BatonException.NotFound(
                                "Asset " + assetId + " has no version " + version))));
    }

    /**
     * The file of an asset's version ({@code null}: the current one) for a caller that has judged access itself: the
     * buyer's viewer of a share link, which holds the asset and checks it is still shareable (sharing). Empty when the
     * asset or the version does not exist.
     */
    public Mono<StoredFile> sharedFile(UUID assetId, Integer version) {
        // a pinned version reaches a buyer only when it is the live one or was live once: never a version held for
        // review, sent back for changes or never published (review before publish); and no version, live or not,
        // whose latest review decision asked for changes
        return version == null
                ? db.sql(FILE + "join asset a on a.id = v.asset_id and v.version = a.current_version where a.id = :id "
                                + "and v.sent_back_at is null")
                        .bind("id", assetId)
                        .map(ContentService::storedFile)
                        .one()
                : db.sql(FILE + "join asset a on a.id = v.asset_id where v.asset_id = :id and v.version = :version "
                                + "and (v.live_at is not null or v.version = a.current_version) "
                                + "and v.sent_back_at is null")
                        .bind("id", assetId).bind("version", version)
                        .map(ContentService::storedFile)
                        .one();
    }

    /**
     * Why a link may not be pinned to this version of an asset (or, for the live version, carry the asset at all),
     * or empty when it may: the version must be the live one or one that was live before ({@link #sharedFile}), and
     * its latest review decision must not have asked for changes. A version the asset does not have is a
     * {@link BatonException.NotFound}.
     */
    public Mono<String> unpinnable(UUID assetId, int version) {
        return db.sql("select v.live_at is not null as was_live, a.current_version, v.sent_back_at is not null "
                        + "as sent_back from asset_version v "
                        + "join asset a on a.id = v.asset_id where v.asset_id = :id and v.version = :version")
                .bind("id", assetId).bind("version", version)
                .map(row -> new Object[] {Boolean.TRUE.equals(row.get("was_live", Boolean.class)),
                    row.get("current_version", Integer.class), Boolean.TRUE.equals(row.get("sent_back",
                            Boolean.class))})
                .one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("Asset " + assetId + " has no version "
                        + version)))
                .flatMap(row -> {
                    int live = (Integer) row[1];
                    if (version == live || (Boolean) row[0]) {
                        return (Boolean) row[2] ? Mono.just("version " + version + " was sent back for changes in "
                                + "its latest review") : Mono.empty();
                    }
                    return Mono.just(version > live
                            ? "version " + version + " is held for review; buyers may get the live version " + live
                            : "version " + version + " was never live (it was not approved for buyers); buyers may "
                                    + "get the live version " + live);
                });
    }

    /**
     * Marks the current version of a published asset as live from now, if it was not before: from then on a link
     * pinned to it may serve it ({@link #sharedFile}). In the caller's transaction; does nothing to a draft or an
     * archived asset.
     */
    static Mono<Void> markLive(DatabaseClient db, UUID assetId) {
        return db.sql("update asset_version v set live_at = now() from asset a where a.id = :id "
                        + "and v.asset_id = a.id and v.version = a.current_version and a.status = 'PUBLISHED' "
                        + "and v.live_at is null")
                .bind("id", assetId)
                .then();
    }

    /** The thumbnail of the current version, when there is one. */
    public Mono<String> thumbnailKey(UUID assetId, BatonUser user) {
        return get(assetId, user).flatMap(asset -> db.sql("select v.thumbnail_key from asset a "
                        + "join asset_version v on v.asset_id = a.id and v.version = a.current_version "
                        + "where a.id = :id and v.thumbnail_status = 'DONE'")
                .bind("id", assetId)
                .map(row -> row.get(0, String.class))
                .one())
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("Asset " + assetId + " has no thumbnail")));
    }

    private static final String FILE = "select v.asset_id, v.version, v.blob_key, v.sha256, v.size, v.media_type, "
            + "v.file_name from asset_version v ";

    private Mono<StoredFile> currentFile(UUID assetId) {
        return db.sql(FILE + "join asset a on a.id = v.asset_id and v.version = a.current_version where a.id = :id")
                .bind("id", assetId)
                .map(ContentService::storedFile)
                .one();
    }

    private static StoredFile storedFile(Readable row) {
        return new StoredFile(row.get("asset_id", UUID.class), row.get("version", Integer.class),
                row.get("blob_key", String.class), row.get("sha256", String.class), row.get("size", Long.class),
                row.get("media_type", String.class), row.get("file_name", String.class));
    }

    /** Changes what is said about an asset; members left out stay as they are. */
    public Mono<AssetSummary> update(UUID assetId, AssetMetadata change, BatonUser user, String remoteAddr) {
        return get(assetId, user).flatMap(before -> rules.check(change).flatMap(checked -> {
            if (checked.title() != null && checked.title().isEmpty()) {
                return Mono.error(new BatonException.InvalidInput("title", "must not be blank"));
            }
            // a title given that differs from the one made from the file name is the marketer's from now on
            return db.sql("update asset set title_from_file = title_from_file "
                            + "and (cast(:title as text) is null or :title = title), title = coalesce(:title, title), "
                            + "description = coalesce(:description, description), "
                            + "content_type = case when :setType then :type else content_type end, "
                            + "tags = coalesce(:tags, tags), owner_id = coalesce(:owner, owner_id), "
                            + "publish_date = case when :setPublish then :publish else publish_date end, "
                            + "review_by = case when :setReview then :review else review_by end, "
                            + "expires_on = case when :setExpires then :expires else expires_on end, "
                            + "internal_only = coalesce(:internal, internal_only), updated_at = now() "
                            + "where id = :id")
                    .bind("id", assetId)
                    .bind("title", Parameter.fromOrEmpty(checked.title(), String.class))
                    .bind("description", Parameter.fromOrEmpty(checked.description(), String.class))
                    .bind("setType", change.contentType() != null)
                    .bind("type", Parameter.fromOrEmpty(checked.contentType(), String.class))
                    .bind("tags", Parameter.fromOrEmpty(
                            checked.tags() == null ? null : checked.tags().toArray(String[]::new), String[].class))
                    .bind("owner", Parameter.fromOrEmpty(checked.ownerId(), Long.class))
                    .bind("setPublish", change.publishDate() != null)
                    .bind("publish", Parameter.fromOrEmpty(checked.publishDate(), LocalDate.class))
                    .bind("setReview", change.reviewBy() != null)
                    .bind("review", Parameter.fromOrEmpty(checked.reviewBy(), LocalDate.class))
                    .bind("setExpires", change.expiresOn() != null)
                    .bind("expires", Parameter.fromOrEmpty(checked.expiresOn(), LocalDate.class))
                    .bind("internal", Parameter.fromOrEmpty(checked.internalOnly(), Boolean.class))
                    .then()
                    .then(replaceFacets(assetId, checked.facets()))
                    // publishing in the same request as a change of content type or tags: the rules covering the
                    // old metadata or the new one all apply, so dropping a covering tag cannot skip the review
                    .then("PUBLISHED".equals(checked.status())
                            ? mayPublish(assetId).then(mayPublishAs(assetId, before.contentType(), before.tags()))
                            : Mono.empty())
                    .then(checked.status() == null ? Mono.empty() : setStatus(assetId, checked.status()))
                    .then(markLive(db, assetId))
                    .then(change.contentType() != null || checked.tags() != null
                            ? gate().coverageChanged(assetId) : Mono.empty())
                    .then(outbox.assetChanged(assetId))
                    .then(audit.record(user.getUsername(), "asset.updated", assetId.toString(),
                            coverageDetail(before, checked, change), remoteAddr))
                    .as(tx::transactional)
                    .then(Mono.defer(() -> get(assetId, user)));
        }));
    }

    /** The audit detail of a change of content type or tags (what review rules match on); {@code null} otherwise. */
    private static String coverageDetail(AssetSummary before, MetadataRules.Checked checked, AssetMetadata change) {
        List<String> parts = new ArrayList<>();
        if (change.contentType() != null && !Objects.equals(before.contentType(), checked.contentType())) {
            parts.add("content type " + before.contentType() + " -> " + checked.contentType());
        }
        if (checked.tags() != null && !Set.copyOf(before.tags()).equals(Set.copyOf(checked.tags()))) {
            parts.add("tags " + before.tags() + " -> " + checked.tags());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Clears an expiry or review date: {@link #update} cannot tell "leave" from "clear" for a missing date. */
    public Mono<AssetSummary> clearDate(UUID assetId, String column, BatonUser user, String remoteAddr) {
        if (!List.of("expires_on", "review_by", "publish_date").contains(column)) {
            return Mono.error(new BatonException.InvalidInput("date", "no such date"));
        }
        return get(assetId, user)
                .then(db.sql("update asset set " + column + " = null, updated_at = now() where id = :id")
                        .bind("id", assetId).then())
                .then(outbox.assetChanged(assetId))
                .then(audit.record(user.getUsername(), "asset.updated", assetId.toString(), column + " cleared",
                        remoteAddr))
                .as(tx::transactional)
                .then(Mono.defer(() -> get(assetId, user)));
    }

    /** Publishes a draft or an archived asset: reps see it from now on (unless it has expired). */
    public Mono<AssetSummary> publish(UUID assetId, BatonUser user, String remoteAddr) {
        return lifecycle(assetId, user, remoteAddr, "asset.published", "PUBLISHED");
    }

    /** Takes an asset out of use; it keeps its id, history and links, and can be restored. */
    public Mono<AssetSummary> archive(UUID assetId, BatonUser user, String remoteAddr) {
        return get(assetId, user).flatMap(asset -> asset.archived()
                ? Mono.error(new BatonException.Conflict("The asset is already archived"))
                : db.sql("update asset set archived_from = status, status = 'ARCHIVED', updated_at = now() "
                                + "where id = :id")
                        .bind("id", assetId).then()
                        .then(outbox.assetChanged(assetId))
                        .then(audit.record(user.getUsername(), "asset.archived", assetId.toString(), null,
                                remoteAddr))
                        .as(tx::transactional)
                        .then(Mono.defer(() -> get(assetId, user))));
    }

    /** Brings an archived asset back to the state it was archived from. */
    public Mono<AssetSummary> unarchive(UUID assetId, BatonUser user, String remoteAddr) {
        return get(assetId, user).flatMap(asset -> !asset.archived()
                ? Mono.error(new BatonException.Conflict("The asset is not archived"))
                // the asset's row is locked before its current version is checked: an upload waits, or commits
                // first and its version is the one checked (never made live unchecked)
                : lockRow(assetId)
                        .then(archivedFromPublished(assetId))
                        // back to published is publishing: its review rules are asked as for a draft
                        .flatMap(published -> published ? mayPublish(assetId) : Mono.<Void>empty())
                        .then(db.sql("update asset set status = coalesce(archived_from, 'DRAFT'), "
                                        + "archived_from = null, updated_at = now() where id = :id")
                                .bind("id", assetId).then())
                        .then(markLive(db, assetId))
                        .then(outbox.assetChanged(assetId))
                        .then(audit.record(user.getUsername(), "asset.restored", assetId.toString(), null,
                                remoteAddr))
                        .as(tx::transactional)
                        .then(Mono.defer(() -> get(assetId, user))));
    }

    private Mono<AssetSummary> lifecycle(UUID assetId, BatonUser user, String remoteAddr, String action,
            String status) {
        return get(assetId, user)
                // the asset's row is locked before its current version is checked: an upload waits, or commits
                // first and its version is the one checked (never made live unchecked)
                .then(lockRow(assetId))
                .then("PUBLISHED".equals(status) ? mayPublish(assetId) : Mono.empty())
                .then(setStatus(assetId, status))
                .then(markLive(db, assetId))
                .then(outbox.assetChanged(assetId))
                .then(audit.record(user.getUsername(), action, assetId.toString(), null, remoteAddr))
                .as(tx::transactional)
                .then(Mono.defer(() -> get(assetId, user)));
    }

    /**
     * Locks the asset's row until the transaction ends (an upload takes the same lock). The row alone: a join would
     * be re-checked against the version rows read before the wait, and miss a version committed during it.
     */
    private Mono<Void> lockRow(UUID assetId) {
        return db.sql("select id from asset where id = :id for update")
                .bind("id", assetId)
                .map(row -> row.get(0, UUID.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No asset " + assetId)))
                .then();
    }

    private Mono<Void> setStatus(UUID assetId, String status) {
        return db.sql("update asset set status = :status, archived_from = null, updated_at = now(), "
                        + "published_at = case when :status = 'PUBLISHED' then coalesce(published_at, now()) "
                        + "else published_at end, "
                        + "publish_date = case when :status = 'PUBLISHED' then coalesce(publish_date, :today) "
                        + "else publish_date end where id = :id")
                .bind("id", assetId).bind("status", status).bind("today", visibility.today())
                .then();
    }

    /**
     * Deletes an asset with its history, and the files (and their text, thumbnails and page images) that no other
     * asset uses.
     * Usage events stay: they are history. The rows go in one transaction that locks the asset's row, then the locks
     * of its versions' digests ({@link Intake}), and decides, before it commits, which blobs no version points at any
     * more: a new version that shares those bytes either committed before (and keeps its blob) or finds no version to
     * share with after. The bytes go only after the commit; a crash before they are gone leaves only unreferenced
     * blobs, which nothing shows.
     */
    public Mono<Void> delete(UUID assetId, BatonUser user, String remoteAddr) {
        return get(assetId, user)
                .flatMap(asset -> intake.lockAsset(assetId)
                        .then(intake.lockDigestsOf(assetId))
                        .thenMany(db.sql("select blob_key, text_key, thumbnail_key, sha256 from asset_version "
                                        + "where asset_id = :id")
                                .bind("id", assetId)
                                .map(row -> new VersionKeys(row.get("sha256", String.class),
                                        row.get("blob_key", String.class), row.get("text_key", String.class),
                                        row.get("thumbnail_key", String.class)))
                                .all())
                        .collectList()
                        .flatMap(keys -> db.sql("delete from asset where id = :id").bind("id", assetId).then()
                                .then(outbox.assetChanged(assetId))
                                .then(audit.record(user.getUsername(), "asset.deleted", assetId.toString(),
                                        asset.title(), remoteAddr))
                                .then(unusedKeys(keys)))
                        .as(tx::transactional))
                .flatMapMany(Flux::fromIterable)
                .concatMap(key -> Mono.fromRunnable(() -> removeBlob(key))
                        .subscribeOn(Schedulers.boundedElastic())
                        .onErrorResume(e -> {
                            log.warn("Could not delete blob {} of a deleted asset: {}", key, e.getMessage());
                            return Mono.empty();
                        }))
                .then();
    }

    /** Removes a blob, or every page image under a page-image prefix ({@link PageImages#prefix}). */
    private void removeBlob(String key) {
        if (key.endsWith("/" + PageImages.KIND_PREFIX)) {
            String sha256 = key.substring(0, key.length() - PageImages.KIND_PREFIX.length() - 1);
            pageImages.deleteAll(sha256.substring(sha256.lastIndexOf('/') + 1));
        } else {
            blobs.delete(key);
        }
    }

    /** The keys of one deleted version. */
    private record VersionKeys(String sha256, String blobKey, String textKey, String thumbnailKey) {}

    /**
     * Of the deleted versions' keys, those no remaining version uses: a file when no version names its key (every
     * version naming it has its digest), its text and thumbnail when no version has its digest. Runs in the deleting
     * transaction, under the digests' locks.
     */
    private Mono<List<String>> unusedKeys(List<VersionKeys> deleted) {
        return Flux.fromIterable(deleted.stream().map(VersionKeys::sha256).distinct().toList())
                .concatMap(sha -> db.sql("select distinct blob_key from asset_version where sha256 = :sha")
                        .bind("sha", sha)
                        .map(row -> row.get(0, String.class))
                        .all()
                        .collectList()
                        .flatMapIterable(inUse -> unused(deleted, sha, inUse)))
                .distinct()
                .collectList();
    }

    /**
     * Of the deleted versions with this digest, the files no remaining version names, and when no version has the
     * digest any more, their text, thumbnail and page images too (the page images as their prefix).
     */
    private static List<String> unused(List<VersionKeys> deleted, String sha256, List<String> blobsInUse) {
        List<String> unused = new ArrayList<>();
        for (VersionKeys version : deleted) {
            if (!version.sha256().equals(sha256)) {
                continue;
            }
            if (!blobsInUse.contains(version.blobKey())) {
                unused.add(version.blobKey());
            }
            if (blobsInUse.isEmpty()) {
                Stream.of(version.textKey(), version.thumbnailKey()).filter(Objects::nonNull).forEach(unused::add);
                // the page images: all of the digest's, whatever was drawn of them
                unused.add(PageImages.prefix(sha256));
            }
        }
        return unused;
    }

    /** A page of assets a user may see, newest first; {@code mine} keeps those the user owns. */
    public Mono<AssetPage> list(BatonUser user, int page, int size, boolean mine, String status) {
        int safeSize = Math.clamp(size, 1, 100);
        int safePage = Math.max(page, 0);
        List<String> conditions = new ArrayList<>();
        LocalDate today = visibility.today();
        String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (wanted != null && !List.of("DRAFT", "PUBLISHED", "ARCHIVED", "LIVE").contains(wanted)) {
            return Mono.error(new BatonException.InvalidInput("status",
                    "use draft, published, live (published and not expired: what reps can find) or archived"));
        }
        // reps see only what is live; "live" asks the same of a marketer's list
        boolean repView = !user.canManageContent() || "LIVE".equals(wanted);
        if (repView) {
            conditions.add(AssetVisibility.REP_SQL);
        }
        if (mine) {
            conditions.add("a.owner_id = :me");
        }
        if (wanted != null && !"LIVE".equals(wanted)) {
            conditions.add("a.status = '" + wanted + "'");
        }
        String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + " ";
        DatabaseClient.GenericExecuteSpec count = db.sql("select count(*) from asset a " + where);
        DatabaseClient.GenericExecuteSpec items = db.sql(SUMMARY + where
                        + "order by a.updated_at desc, a.id limit :limit offset :offset")
                .bind("limit", safeSize)
                .bind("offset", (long) safePage * safeSize);
        if (mine) {
            count = count.bind("me", user.id());
            items = items.bind("me", user.id());
        }
        if (repView) {
            count = count.bind(AssetVisibility.TODAY, today);
            items = items.bind(AssetVisibility.TODAY, today);
        }
        Mono<Long> total = count.map(row -> row.get(0, Long.class)).one();
        return Mono.zip(total, items.map(row -> summaryRow(row, today)).all().collectList().flatMap(this::named))
                .map(t -> new AssetPage(t.getT1(), safePage, safeSize, t.getT2()));
    }

    /**
     * What expires soon or has expired, for the owner's notice: assets the user owns that are not archived and whose
     * expiry date is within {@code days} days or past.
     */
    public Mono<List<AssetSummary>> expiring(BatonUser user, int days) {
        LocalDate today = visibility.today();
        return db.sql(SUMMARY + "where a.owner_id = :me and a.status <> 'ARCHIVED' "
                        + "and a.expires_on is not null and a.expires_on <= :until "
                        + "order by a.expires_on, a.title limit 200")
                .bind("me", user.id())
                .bind("until", today.plusDays(Math.clamp(days, 0, 3650)))
                .map(row -> summaryRow(row, today))
                .all()
                .collectList()
                .flatMap(this::named);
    }

    /** An asset the user may see ({@link AssetVisibility}); 404 for one that does not exist or that they may not. */
    public Mono<AssetSummary> get(UUID id, BatonUser user) {
        LocalDate today = visibility.today();
        return db.sql(SUMMARY + "where a.id = :id").bind("id", id).map(row -> summaryRow(row, today)).one()
                .filter(row -> user.canReadAllContent()
                        || row.asset().published() && !row.asset().expired())
                .flatMap(row -> named(List.of(row)))
                .map(List::getFirst)
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No asset " + id)));
    }

    /**
     * What decides whether a person may use an asset, and its current version: for checks of many assets at once
     * by several people (events from other tools check a whole batch, or several batches, in one query).
     */
    public record AssetState(String status, LocalDate expiresOn, int currentVersion) {

        /** Whether this user may see the asset on {@code today} ({@link AssetVisibility}). */
        public boolean visibleTo(BatonUser user, LocalDate today) {
            return user.canManageContent() || AssetVisibility.visibleToRep(status, expiresOn, today);
        }
    }

    /** The state of each asset among {@code ids} that exists, by id, in one query; applies no visibility. */
    public Mono<Map<UUID, AssetState>> states(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select id, current_version, status, least(expires_on, approval_expires_on) as expires_on "
                        + "from asset where id = any(:ids)")
                .bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("id", UUID.class), new AssetState(row.get("status", String.class),
                        row.get("expires_on", LocalDate.class), row.get("current_version", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Dates an asset's history as it happened before it came into Baton (the demo library, a library moved from
     * another tool): created, its first version added and (when published) published at {@code published}, last
     * updated at {@code updated}. "Newest", "updated within" and the recency boost then say something.
     */
    public Mono<Void> backdate(UUID assetId, Instant published, Instant updated) {
        OffsetDateTime from = published.atOffset(ZoneOffset.UTC);
        OffsetDateTime last = (updated.isBefore(published) ? published : updated).atOffset(ZoneOffset.UTC);
        return db.sql("update asset set created_at = :from, updated_at = :last, "
                        + "published_at = case when published_at is null then null else :from end where id = :id")
                .bind("from", from).bind("last", last).bind("id", assetId)
                .then()
                .then(db.sql("update asset_version set created_at = :from where asset_id = :id and version = 1")
                        .bind("from", from).bind("id", assetId).then())
                .then(outbox.assetChanged(assetId))
                .as(tx::transactional);
    }

    /**
     * What review before publish says of the asset's live version ("Version 2 approved by ... on ..."); empty when it
     * has no approval. Applies no visibility: the caller has read the asset.
     */
    public Mono<String> approvalStatement(UUID assetId) {
        return gate().approvalStatement(assetId);
    }

    /** The day visibility is judged on ({@link AssetVisibility#today()}). */
    public LocalDate today() {
        return visibility.today();
    }

    private static Map<String, List<String>> emptyFacets() {
        Map<String, List<String>> facets = new LinkedHashMap<>();
        Facets.MULTI_VALUED.forEach(f -> facets.put(f, new ArrayList<>()));
        return facets;
    }


    /** A new asset with the arrival as its first version, unless an asset has these bytes already (409). */
    private Mono<AssetSummary> insert(Intake.Arrival arrival, String mediaType, MetadataRules.Checked m,
            String fileName, BatonUser user, String remoteAddr) {
        String status = m.status() == null ? "DRAFT" : m.status();
        if ("PUBLISHED".equals(status)) {
            // a new asset whose review rules ask for an approval cannot be published at once: it has none yet
            return gate().requiresReview(m.contentType(), m.tags() == null ? List.of() : m.tags())
                    .flatMap(required -> required
                            ? Mono.<AssetSummary>error(new BatonException.Conflict("Assets like this one must be "
                                    + "approved before they are published: upload it as a draft and submit it for "
                                    + "review"))
                            : insertChecked(arrival, mediaType, m, fileName, status, user, remoteAddr));
        }
        return insertChecked(arrival, mediaType, m, fileName, status, user, remoteAddr);
    }

    private Mono<AssetSummary> insertChecked(Intake.Arrival arrival, String mediaType, MetadataRules.Checked m,
            String fileName, String status, BatonUser user, String remoteAddr) {
        UUID id = UUID.randomUUID();
        String title = m.title() == null || m.title().isEmpty() ? titleFrom(fileName) : m.title();
        // the asset and its first version in one statement (one round trip instead of two). No other
        // version has these bytes (checked under the digest's lock), so there are no derived results to copy from one.
        return intake.recordAsset(arrival, key -> db.sql("with a as (insert into asset (id, title, description, internal_only, owner_id, "
                        + "current_version, content_type, tags, publish_date, review_by, expires_on, status, "
                        + "published_at, title_from_file) "
                        + "values (:id, :title, :description, :internal, :owner, 1, :type, :tags, :publish, "
                        + ":review, :expires, :status, case when :status = 'PUBLISHED' then now() end, :fromFile)), "
                        + "v as (insert into asset_version (asset_id, version, blob_key, sha256, size, media_type, "
                        + "file_name, note, created_by) values (:id, 1, :key, :sha, :size, :mediaType, :name, '', "
                        + ":by)) "
                        + "select 1")
                .bind("id", id).bind("title", title)
                .bind("fromFile", m.title() == null || m.title().isEmpty())
                .bind("description", m.description() == null ? "" : m.description())
                .bind("internal", Boolean.TRUE.equals(m.internalOnly()))
                .bind("owner", m.ownerId() == null ? user.id() : m.ownerId())
                .bind("type", Parameter.fromOrEmpty(m.contentType(), String.class))
                .bind("tags", m.tags() == null ? new String[0] : m.tags().toArray(String[]::new))
                .bind("publish", Parameter.fromOrEmpty(m.publishDate() == null && status.equals("PUBLISHED")
                        ? visibility.today() : m.publishDate(), LocalDate.class))
                .bind("review", Parameter.fromOrEmpty(m.reviewBy(), LocalDate.class))
                .bind("expires", Parameter.fromOrEmpty(m.expiresOn(), LocalDate.class))
                .bind("status", status)
                .bind("key", key).bind("sha", arrival.sha256()).bind("size", arrival.size())
                .bind("mediaType", mediaType).bind("name", fileName).bind("by", user.id())
                .then()
                .then(markLive(db, id))
                .then(outbox.assetChanged(id))
                .then(replaceFacets(id, m.facets()))
                .then(audit.record(user.getUsername(), "asset.uploaded", id.toString(), fileName, remoteAddr)))
                .then(Mono.defer(() -> get(id, user)))
                // the background work (text, thumbnail) starts once the answer is ready, not during its last query
                .doFinally(signal -> wakeWorkers());
    }

    /** The next version of an asset, its outbox row and audit record; in the caller's transaction. */
    private Mono<Void> versionRows(UUID assetId, String blobKey, String sha256, long size, String mediaType,
            String fileName, String note, Integer copyDerivedFrom, BatonUser user, String remoteAddr, String action) {
        // a published asset that must be reviewed keeps its live version: the new one is held until approved
        return held(assetId).flatMap(held -> held
                ? db.sql("select max(version) + 1 from asset_version where asset_id = :id")
                        .bind("id", assetId)
                        .map(row -> row.get(0, Integer.class))
                        .one()
                        .flatMap(version -> insertVersionRow(assetId, version, blobKey, sha256, size, mediaType,
                                        fileName, note, copyDerivedFrom, user)
                                .then(audit.record(user.getUsername(), "asset.version-held", assetId.toString(),
                                        "version " + version + " " + fileName + " held for review", remoteAddr)))
                // the row update takes the asset's lock, so concurrent uploads get consecutive numbers (after any
                // held version: numbers are never reused)
                // (an approval's lapse date was the approved version's: the new version has none)
                : db.sql("update asset set current_version = (select max(version) from asset_version "
                                + "where asset_id = :id) + 1, approval_expires_on = null, updated_at = now() "
                                + "where id = :id "
                                + "returning current_version")
                        .bind("id", assetId)
                        .map(row -> row.get(0, Integer.class))
                        .one()
                        .flatMap(version -> insertVersionRow(assetId, version, blobKey, sha256, size, mediaType,
                                        fileName, note, copyDerivedFrom, user)
                                .then(markLive(db, assetId))
                                .then(outbox.assetChanged(assetId))
                                .then(audit.record(user.getUsername(), action, assetId.toString(),
                                        "version " + version + " " + fileName, remoteAddr))));
    }

    /** The review gate, or one that asks for nothing when no package implements it. */
    private ReviewGate gate() {
        ReviewGate gate = reviewGate.getIfAvailable();
        return gate != null ? gate : NO_REVIEW;
    }

    private static final ReviewGate NO_REVIEW = new ReviewGate() {
        @Override
        public Mono<Boolean> requiresReview(String contentType, List<String> tags) {
            return Mono.just(false);
        }

        @Override
        public Mono<Void> mayPublish(UUID assetId, int version, String contentType, List<String> tags) {
            return Mono.empty();
        }
    };

    /**
     * Whether a new version of this asset is held for review: it is published, or archived from published (it would
     * come back with that version), and its review rules ask for it.
     */
    private Mono<Boolean> held(UUID assetId) {
        return db.sql("select status = 'PUBLISHED' or (status = 'ARCHIVED' and archived_from = 'PUBLISHED') "
                        + "as published, content_type, tags from asset where id = :id")
                .bind("id", assetId)
                .map(row -> new Object[] {row.get("published", Boolean.class), row.get("content_type", String.class),
                    row.get("tags", String[].class)})
                .one()
                .flatMap(row -> Boolean.TRUE.equals(row[0])
                        ? gate().requiresReview((String) row[1], row[2] == null ? List.of() : List.of((String[]) row[2]))
                        : Mono.just(false));
    }

    /** Whether an archived asset goes back to published when it is restored. */
    private Mono<Boolean> archivedFromPublished(UUID assetId) {
        return db.sql("select archived_from = 'PUBLISHED' as published from asset where id = :id")
                .bind("id", assetId)
                .map(row -> Boolean.TRUE.equals(row.get("published", Boolean.class)))
                .one();
    }

    /**
     * Refuses to publish this asset's current version when the review rules of an asset with this content type and
     * these tags (its metadata before a change) ask for an approval it lacks.
     */
    private Mono<Void> mayPublishAs(UUID assetId, String contentType, List<String> tags) {
        return db.sql("select current_version, status from asset where id = :id")
                .bind("id", assetId)
                .map(row -> new Object[] {row.get("current_version", Integer.class), row.get("status", String.class)})
                .one()
                .flatMap(row -> "PUBLISHED".equals(row[1]) ? Mono.empty()
                        : gate().mayPublish(assetId, (Integer) row[0], contentType, tags == null ? List.of() : tags));
    }

    /** Refuses to publish this asset's current version when its review rules ask for an approval it lacks. */
    private Mono<Void> mayPublish(UUID assetId) {
        return db.sql("select current_version, status, content_type, tags from asset where id = :id")
                .bind("id", assetId)
                .map(row -> new Object[] {row.get("current_version", Integer.class), row.get("status", String.class),
                    row.get("content_type", String.class), row.get("tags", String[].class)})
                .one()
                .flatMap(row -> "PUBLISHED".equals(row[1]) ? Mono.empty()
                        : gate().mayPublish(assetId, (Integer) row[0], (String) row[2],
                                row[3] == null ? List.of() : List.of((String[]) row[3])));
    }

    /**
     * One version row. Derived results (text, thumbnail) are copied from another version with the same bytes when
     * one has them, so identical bytes are never parsed twice.
     */
    private Mono<Void> insertVersionRow(UUID assetId, int version, String blobKey, String sha256, long size,
            String mediaType, String fileName, String note, Integer copyDerivedFrom, BatonUser user) {
        return db.sql("insert into asset_version (asset_id, version, blob_key, sha256, size, media_type, file_name, "
                        + "note, created_by) values (:id, :version, :key, :sha, :size, :type, :name, :note, :by)")
                .bind("id", assetId).bind("version", version).bind("key", blobKey).bind("sha", sha256)
                .bind("size", size).bind("type", mediaType).bind("name", fileName).bind("note", note)
                .bind("by", user.id())
                .then()
                .then(db.sql("update asset_version v set extraction_status = d.extraction_status, "
                                + "extraction_reason = d.extraction_reason, text_key = d.text_key, "
                                + "text_truncated = d.text_truncated, doc_title = d.doc_title, "
                                + "doc_author = d.doc_author, page_count = d.page_count, language = d.language, "
                                + "thumbnail_status = d.thumbnail_status, thumbnail_reason = d.thumbnail_reason, "
                                + "thumbnail_key = d.thumbnail_key "
                                + "from (select * from asset_version where sha256 = :sha "
                                + "and extraction_status <> 'PENDING' and thumbnail_status <> 'PENDING' "
                                + "order by created_at limit 1) d "
                                + "where v.asset_id = :id and v.version = :version")
                        .bind("sha", sha256).bind("id", assetId).bind("version", version)
                        .then());
    }

    private Mono<Void> replaceFacets(UUID assetId, Map<String, List<String>> facets) {
        if (facets == null || facets.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(facets.entrySet())
                .concatMap(entry -> db.sql("delete from asset_facet where asset_id = :id and facet_key = :facet")
                        .bind("id", assetId).bind("facet", entry.getKey())
                        .then()
                        .thenMany(Flux.fromIterable(entry.getValue())
                                .concatMap(value -> db.sql("insert into asset_facet (asset_id, facet_key, value_key) "
                                                + "values (:id, :facet, :value)")
                                        .bind("id", assetId).bind("facet", entry.getKey()).bind("value", value)
                                        .then())))
                .then();
    }

    /** "Q3 pricing sheet.pdf" becomes "Q3 pricing sheet". */
    static String titleFrom(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        base = base.replace('_', ' ').strip();
        return base.isEmpty() ? fileName : base.length() > 200 ? base.substring(0, 200) : base;
    }

    private static String clean(String value, String field, int max) {
        String text = value == null ? "" : value.strip();
        if (text.length() > max) {
            throw new BatonException.InvalidInput(field, "use at most " + max + " characters");
        }
        return text;
    }

    /**
     * An asset read by {@link #SUMMARY}, before {@link #named} gives it its owner's user name and puts its facet values
     * in the taxonomy's order: the {@code account} and taxonomy tables are other packages', read through their APIs.
     */
    private record SummaryRow(AssetSummary asset, long ownerId) {}

    /** The assets with their owners' user names and their facet values in the taxonomy's order. */
    private Mono<List<AssetSummary>> named(List<SummaryRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        Map<String, Set<String>> values = new HashMap<>();
        rows.forEach(row -> row.asset().facets().forEach(
                (facet, keys) -> values.computeIfAbsent(facet, k -> new HashSet<>()).addAll(keys)));
        return Mono.zip(accounts.people(rows.stream().map(SummaryRow::ownerId).toList()), taxonomy.valueOrder(values))
                .map(both -> rows.stream().map(row -> {
                    AssetSummary a = row.asset();
                    Person owner = both.getT1().get(row.ownerId());
                    Map<String, List<String>> facets = new LinkedHashMap<>();
                    a.facets().forEach((facet, keys) -> facets.put(facet, both.getT2().sorted(facet, keys)));
                    return a.withOwnerAndFacets(owner == null ? null : owner.username(), facets);
                }).toList());
    }

    /** An asset's row of {@link #SUMMARY}; {@code today} says whether it has expired. */
    private static SummaryRow summaryRow(Readable row, LocalDate today) {
        String[] tags = row.get("tags", String[].class);
        Map<String, List<String>> facets = emptyFacets();
        String[] facetValues = row.get("facet_values", String[].class);
        for (String pair : facetValues == null ? new String[0] : facetValues) {
            int colon = pair.indexOf(':');
            facets.computeIfAbsent(pair.substring(0, colon), k -> new ArrayList<>()).add(pair.substring(colon + 1));
        }
        facets.replaceAll((facet, values) -> List.copyOf(values));
        return new SummaryRow(new AssetSummary(
                row.get("id", UUID.class),
                row.get("title", String.class),
                row.get("description", String.class),
                row.get("status", String.class),
                Boolean.TRUE.equals(row.get("internal_only", Boolean.class)),
                null,
                row.get("content_type", String.class),
                facets,
                tags == null ? List.of() : List.of(tags),
                row.get("publish_date", LocalDate.class),
                row.get("review_by", LocalDate.class),
                row.get("expires_on", LocalDate.class),
                AssetVisibility.expired(row.get("expires_on", LocalDate.class), today)
                        || AssetVisibility.expired(row.get("approval_expires_on", LocalDate.class), today),
                row.get("version", Integer.class),
                row.get("file_name", String.class),
                row.get("media_type", String.class),
                row.get("size", Long.class),
                row.get("extraction_status", String.class),
                row.get("extraction_reason", String.class),
                row.get("thumbnail_status", String.class),
                new AssetSummary.Document(
                        row.get("doc_title", String.class),
                        row.get("doc_author", String.class),
                        row.get("page_count", Integer.class),
                        row.get("language", String.class),
                        Boolean.TRUE.equals(row.get("text_truncated", Boolean.class))),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant()), row.get("owner_id", Long.class));
    }

    /** One version's file in the object store. */
    public record StoredFile(UUID assetId, int version, String blobKey, String sha256, long size, String mediaType,
            String fileName) {}

    /** The bytes are not a type the library accepts (415), with what was found. */
    static final class UnsupportedType extends BatonException {
        UnsupportedType(String detail) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported file type", detail);
        }
    }

    /** Identical bytes are already in the library (409), naming the asset that has them. */
    static final class AlreadyInLibrary extends BatonException {
        private final UUID existing;

        AlreadyInLibrary(UUID existing) {
            super(HttpStatus.CONFLICT, "Already in the library",
                    "This file is already in the library as asset " + existing);
            this.existing = existing;
        }

        UUID existing() {
            return existing;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("existingAssetId", existing.toString(), "existingAsset", "/api/v1/assets/" + existing);
        }
    }
}
