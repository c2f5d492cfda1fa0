package dev.baton.webapp.content;

import dev.baton.indexer.AllowList;
import dev.baton.indexer.Detection;
import dev.baton.indexer.TypeDetector;
import dev.baton.storage.BlobStore;
import dev.baton.storage.PutResult;
import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.TaxonomyService;
import io.r2dbc.spi.Readable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>An upload is typed from its bytes, stored in the object store under its SHA-256, then recorded (asset, version,
 * facets, an outbox row for the index, an audit record) in one transaction. A blob stored before a crash and never
 * recorded is harmless: nothing points at it, and the next upload of the same bytes finds it. Text extraction and the
 * thumbnail follow in the background ({@link DerivedWork}).
 *
 * <p>Reps see published assets whose expiry date has not come; marketers and admins see everything
 * ({@link AssetVisibility}, which also says what "today" is).
 */
@Service
public class ContentService {

    private static final Logger log = LoggerFactory.getLogger(ContentService.class);

    private static final String SUMMARY = "select a.id, a.title, a.description, a.status, a.internal_only, "
            + "a.content_type, a.tags, a.publish_date, a.review_by, a.expires_on, a.created_at, a.updated_at, "
            + "a.owner_id, v.version, v.file_name, v.media_type, v.size, v.extraction_status, "
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
    private final UploadReceiver receiver;
    private final TypeDetector detector;
    private final AssetVisibility visibility;
    private final AccountDirectory accounts;
    private final TaxonomyService taxonomy;
    private final AllowList allowList = AllowList.defaults();

    ContentService(DatabaseClient db, BlobStore blobs, AuditLog audit, TransactionalOperator tx, MetadataRules rules,
            DerivedWork derived, UploadReceiver receiver, AssetVisibility visibility, AccountDirectory accounts,
            TaxonomyService taxonomy) {
        this.detector = receiver.detector();
        this.visibility = visibility;
        this.accounts = accounts;
        this.taxonomy = taxonomy;
        this.db = db;
        this.blobs = blobs;
        this.audit = audit;
        this.tx = tx;
        this.rules = rules;
        this.derived = derived;
        this.receiver = receiver;
    }

    /** Stores an uploaded file (already spooled to {@code file}) as a new asset, a draft unless said otherwise. */
    public Mono<AssetSummary> upload(Path file, String originalName, AssetMetadata metadata, BatonUser user,
            String remoteAddr) {
        String fileName = FileNames.displayName(originalName);
        return rules.check(metadata).flatMap(checked -> Mono.fromCallable(() -> store(file, fileName))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(stored -> record(stored, checked, fileName, user, remoteAddr)));
    }

    /**
     * Records an upload whose bytes arrived already stored ({@link UploadReceiver}) as a new asset; bytes the library
     * refuses, or metadata it refuses, leave nothing behind.
     */
    Mono<AssetSummary> upload(UploadReceiver.Received received, AssetMetadata metadata, BatonUser user,
            String remoteAddr) {
        String fileName = FileNames.displayName(received.fileName());
        return rules.check(metadata)
                .flatMap(checked -> typedOffLoop(received, fileName)
                        .flatMap(stored -> record(stored, checked, fileName, user, remoteAddr)))
                .onErrorResume(e -> discardUnlessRecorded(received).then(Mono.error(e)));
    }

    /**
     * A new version from bytes that arrived already stored, as {@link #addVersion(UUID, Path, String, ...)}. When
     * another version anywhere already has the same bytes, the new version points at that version's blob and the
     * upload's own copy is removed: identical bytes are stored once.
     */
    Mono<AssetSummary> addVersion(UUID assetId, UploadReceiver.Received received, String note, BatonUser user,
            String remoteAddr) {
        String fileName = FileNames.displayName(received.fileName());
        return get(assetId, user)
                .flatMap(asset -> typedOffLoop(received, fileName))
                .flatMap(stored -> newVersion(assetId, stored, fileName, clean(note, "note", 1000), user,
                        remoteAddr))
                .onErrorResume(e -> discardUnlessRecorded(received).then(Mono.error(e)));
    }

    /**
     * Removes the blob of an upload that failed or was refused, unless a version row points at it (the failure came
     * after the commit). What this cannot remove (the store is down, the process dies) {@link BlobSweep} removes later.
     */
    private Mono<Void> discardUnlessRecorded(UploadReceiver.Received received) {
        String key = received.put().key();
        return db.sql("select 1 from asset_version where blob_key = :key limit 1")
                .bind("key", key)
                .map(row -> Boolean.TRUE)
                .one()
                .hasElement()
                .flatMap(recorded -> recorded ? Mono.<Void>empty()
                        : Mono.<Void>fromRunnable(() -> receiver.discard(received))
                                .subscribeOn(Schedulers.boundedElastic()))
                .onErrorResume(e -> {
                    log.warn("Could not remove the blob {} of a refused upload (the sweep will): {}", key,
                            e.toString());
                    return Mono.empty();
                });
    }

    /** Records a new asset, unless an asset has these bytes already (409, checked in the inserting transaction). */
    private Mono<AssetSummary> record(Stored stored, MetadataRules.Checked checked, String fileName, BatonUser user,
            String remoteAddr) {
        return insert(stored, checked, fileName, user, remoteAddr);
    }

    /**
     * Stores a file as the next version of an asset: the asset keeps its id and history, and everyone gets the new
     * file from now on. A file identical to the current version is refused (409).
     */
    public Mono<AssetSummary> addVersion(UUID assetId, Path file, String originalName, String note, BatonUser user,
            String remoteAddr) {
        String fileName = FileNames.displayName(originalName);
        String versionNote = clean(note, "note", 1000);
        return get(assetId, user)
                .flatMap(asset -> Mono.fromCallable(() -> store(file, fileName))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(stored -> newVersion(assetId, stored, fileName, versionNote, user, remoteAddr));
    }

    private Mono<AssetSummary> newVersion(UUID assetId, Stored stored, String fileName, String note, BatonUser user,
            String remoteAddr) {
        String ours = stored.put().key();
        return currentFile(assetId)
                .filter(current -> current.sha256().equals(stored.put().sha256()))
                .flatMap(same -> Mono.<AssetSummary>error(new BatonException.Conflict(
                        "This file is identical to the current version of the asset")))
                .switchIfEmpty(Mono.defer(() -> (stored.fresh() ? existingBlobWith(stored.put().sha256())
                                : Mono.<String>empty())
                        .defaultIfEmpty(ours)
                        .flatMap(key -> insertVersion(assetId, key, stored.put().sha256(), stored.put().size(),
                                        stored.mediaType(), fileName, note, null, user, remoteAddr,
                                        "asset.version-added")
                                .flatMap(asset -> key.equals(ours) ? Mono.just(asset)
                                        : Mono.fromRunnable(() -> blobs.delete(ours))
                                                .subscribeOn(Schedulers.boundedElastic())
                                                .onErrorResume(e -> {
                                                    log.warn("Could not remove the duplicate blob {} (the sweep "
                                                            + "will): {}", ours, e.toString());
                                                    return Mono.empty();
                                                })
                                                .thenReturn(asset)))));
    }

    /** The blob of a version that already has these bytes, if one does. */
    private Mono<String> existingBlobWith(String sha256) {
        return db.sql("select blob_key from asset_version where sha256 = :sha order by created_at limit 1")
                .bind("sha", sha256)
                .map(row -> row.get(0, String.class))
                .one();
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
                        .switchIfEmpty(Mono.defer(() -> insertVersion(assetId, old.blobKey(), old.sha256(),
                                old.size(), old.mediaType(), old.fileName(),
                                versionNote.isEmpty() ? "Restored version " + version : versionNote, version, user,
                                remoteAddr, "asset.version-restored"))));
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
        if (version != null && !user.canManageContent()) {
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
        return get(assetId, user).then(rules.check(change)).flatMap(checked -> {
            if (checked.title() != null && checked.title().isEmpty()) {
                return Mono.error(new BatonException.InvalidInput("title", "must not be blank"));
            }
            return db.sql("update asset set title = coalesce(:title, title), "
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
                    .then(checked.status() == null ? Mono.empty() : setStatus(assetId, checked.status()))
                    .then(queueForIndex(assetId, "UPSERT"))
                    .then(audit.record(user.getUsername(), "asset.updated", assetId.toString(), null, remoteAddr))
                    .as(tx::transactional)
                    .then(Mono.defer(() -> get(assetId, user)));
        });
    }

    /** Clears an expiry or review date: {@link #update} cannot tell "leave" from "clear" for a missing date. */
    public Mono<AssetSummary> clearDate(UUID assetId, String column, BatonUser user, String remoteAddr) {
        if (!List.of("expires_on", "review_by", "publish_date").contains(column)) {
            return Mono.error(new BatonException.InvalidInput("date", "no such date"));
        }
        return get(assetId, user)
                .then(db.sql("update asset set " + column + " = null, updated_at = now() where id = :id")
                        .bind("id", assetId).then())
                .then(queueForIndex(assetId, "UPSERT"))
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
                        .then(queueForIndex(assetId, "UPSERT"))
                        .then(audit.record(user.getUsername(), "asset.archived", assetId.toString(), null,
                                remoteAddr))
                        .as(tx::transactional)
                        .then(Mono.defer(() -> get(assetId, user))));
    }

    /** Brings an archived asset back to the state it was archived from. */
    public Mono<AssetSummary> unarchive(UUID assetId, BatonUser user, String remoteAddr) {
        return get(assetId, user).flatMap(asset -> !asset.archived()
                ? Mono.error(new BatonException.Conflict("The asset is not archived"))
                : db.sql("update asset set status = coalesce(archived_from, 'DRAFT'), archived_from = null, "
                                + "updated_at = now() where id = :id")
                        .bind("id", assetId).then()
                        .then(queueForIndex(assetId, "UPSERT"))
                        .then(audit.record(user.getUsername(), "asset.restored", assetId.toString(), null,
                                remoteAddr))
                        .as(tx::transactional)
                        .then(Mono.defer(() -> get(assetId, user))));
    }

    private Mono<AssetSummary> lifecycle(UUID assetId, BatonUser user, String remoteAddr, String action,
            String status) {
        return get(assetId, user)
                .then(setStatus(assetId, status))
                .then(queueForIndex(assetId, "UPSERT"))
                .then(audit.record(user.getUsername(), action, assetId.toString(), null, remoteAddr))
                .as(tx::transactional)
                .then(Mono.defer(() -> get(assetId, user)));
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
     * Deletes an asset with its history, and the files (and their text and thumbnails) that no other asset uses.
     * Usage events stay: they are history. The rows go first, in one transaction; a crash before the blobs are gone
     * leaves only unreferenced blobs, which nothing shows.
     */
    public Mono<Void> delete(UUID assetId, BatonUser user, String remoteAddr) {
        return get(assetId, user)
                .flatMap(asset -> db.sql("select blob_key, text_key, thumbnail_key, sha256 from asset_version "
                                + "where asset_id = :id")
                        .bind("id", assetId)
                        .map(row -> new String[] {row.get("blob_key", String.class),
                                row.get("text_key", String.class), row.get("thumbnail_key", String.class),
                                row.get("sha256", String.class)})
                        .all()
                        .collectList()
                        .flatMap(keys -> db.sql("delete from asset where id = :id").bind("id", assetId).then()
                                .then(queueForIndex(assetId, "DELETE"))
                                .then(audit.record(user.getUsername(), "asset.deleted", assetId.toString(),
                                        asset.title(), remoteAddr))
                                .as(tx::transactional)
                                .then(deleteUnusedBlobs(keys))));
    }

    private Mono<Void> deleteUnusedBlobs(List<String[]> keys) {
        return Flux.fromIterable(keys)
                .filterWhen(row -> db.sql("select count(*) from asset_version where sha256 = :sha")
                        .bind("sha", row[3])
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .map(count -> count == 0))
                .flatMapIterable(row -> Arrays.stream(row, 0, 3).filter(k -> k != null).distinct().toList())
                .distinct()
                .concatMap(key -> Mono.fromRunnable(() -> blobs.delete(key))
                        .subscribeOn(Schedulers.boundedElastic())
                        .onErrorResume(e -> {
                            log.warn("Could not delete blob {} of a deleted asset: {}", key, e.getMessage());
                            return Mono.empty();
                        }))
                .then();
    }

    /** A page of assets a user may see, newest first; {@code mine} keeps those the user owns. */
    public Mono<AssetPage> list(BatonUser user, int page, int size, boolean mine, String status) {
        int safeSize = Math.clamp(size, 1, 100);
        int safePage = Math.max(page, 0);
        List<String> conditions = new ArrayList<>();
        LocalDate today = visibility.today();
        boolean repView = !user.canManageContent();
        if (repView) {
            conditions.add(AssetVisibility.REP_SQL);
        }
        if (mine) {
            conditions.add("a.owner_id = :me");
        }
        if (status != null && !status.isBlank()) {
            String wanted = status.strip().toUpperCase(java.util.Locale.ROOT);
            if (!List.of("DRAFT", "PUBLISHED", "ARCHIVED").contains(wanted)) {
                return Mono.error(new BatonException.InvalidInput("status", "use draft, published or archived"));
            }
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
                .filter(row -> user.canManageContent()
                        || AssetVisibility.visibleToRep(row.asset().status(), row.asset().expiresOn(), today))
                .flatMap(row -> named(List.of(row)))
                .map(List::getFirst)
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No asset " + id)));
    }

    private static Map<String, List<String>> emptyFacets() {
        Map<String, List<String>> facets = new LinkedHashMap<>();
        Facets.MULTI_VALUED.forEach(f -> facets.put(f, new ArrayList<>()));
        return facets;
    }


    /** Types the file from its bytes, refuses what the library does not take, and stores it under its SHA-256. */
    private Stored store(Path file, String fileName) throws IOException {
        long size = Files.size(file);
        String mediaType = verdict(file, size, fileName).mediaType();
        try (InputStream in = Files.newInputStream(file)) {
            PutResult put = blobs.putContentAddressed(in, size, mediaType);
            return new Stored(put, mediaType, false);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Types bytes that are already stored, from their first bytes (all that detection reads), in memory. The caller
     * removes refused bytes.
     */
    private Stored typed(UploadReceiver.Received received, String fileName) {
        if (received.put().size() == 0) {
            throw new UnsupportedType("The file is empty");
        }
        try {
            return new Stored(received.put(), accepted(received.detection().join()).mediaType(), true);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Mono<Stored> typedOffLoop(UploadReceiver.Received received, String fileName) {
        if (received.detection().isDone()) {
            // typed while the file was stored (the usual case): nothing to wait for, no thread to wake
            return Mono.fromCallable(() -> typed(received, fileName));
        }
        return Mono.fromCallable(() -> typed(received, fileName)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The file's type from its bytes, or why the library refuses it (415). */
    private Verdict verdict(Path file, long size, String fileName) throws IOException {
        if (size == 0) {
            throw new UnsupportedType("The file is empty");
        }
        return accepted(detector.detect(file, fileName));
    }

    private Verdict accepted(Detection detection) {
        AllowList.Verdict verdict = allowList.check(detection);
        if (!verdict.accepted()) {
            throw new UnsupportedType(verdict.message());
        }
        return new Verdict(detection.mediaType());
    }

    private record Verdict(String mediaType) {}

    /**
     * Serialises the transactions that record the same bytes, so two concurrent uploads of one file cannot both pass
     * the duplicate check; released at commit or rollback.
     */
    private Mono<Void> lockDigest(String sha256) {
        return db.sql("select pg_advisory_xact_lock(hashtextextended(:sha, 0))").bind("sha", sha256).then();
    }

    /** The asset that already has these bytes in any of its versions, if one does. */
    Mono<UUID> existingAssetWith(String sha256) {
        return db.sql("select asset_id from asset_version where sha256 = :sha order by created_at limit 1")
                .bind("sha", sha256)
                .map(row -> row.get(0, UUID.class))
                .one();
    }

    private Mono<AssetSummary> insert(Stored stored, MetadataRules.Checked m, String fileName, BatonUser user,
            String remoteAddr) {
        UUID id = UUID.randomUUID();
        String title = m.title() == null || m.title().isEmpty() ? titleFrom(fileName) : m.title();
        String status = m.status() == null ? "DRAFT" : m.status();
        String sha256 = stored.put().sha256();
        return lockDigest(sha256)
                .then(existingAssetWith(sha256).flatMap(existing -> Mono.error(new AlreadyInLibrary(existing))))
                // the asset, its first version and the outbox row in one statement (one round trip instead of
                // four). No other version has these bytes (checked above under the digest's lock), so there are no
                // derived results to copy from one.
                .then(db.sql("with a as (insert into asset (id, title, description, internal_only, owner_id, "
                        + "current_version, content_type, tags, publish_date, review_by, expires_on, status, "
                        + "published_at) "
                        + "values (:id, :title, :description, :internal, :owner, 1, :type, :tags, :publish, "
                        + ":review, :expires, :status, case when :status = 'PUBLISHED' then now() end)), "
                        + "v as (insert into asset_version (asset_id, version, blob_key, sha256, size, media_type, "
                        + "file_name, note, created_by) values (:id, 1, :key, :sha, :size, :mediaType, :name, '', "
                        + ":by)), "
                        + "o as (insert into outbox (entity_type, entity_id, operation) "
                        + "values ('asset', :entity, 'UPSERT')) "
                        + "select 1")
                .bind("id", id).bind("title", title)
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
                .bind("key", stored.put().key()).bind("sha", sha256).bind("size", stored.put().size())
                .bind("mediaType", stored.mediaType()).bind("name", fileName).bind("by", user.id())
                .bind("entity", id.toString())
                .then())
                .then(replaceFacets(id, m.facets()))
                .then(audit.record(user.getUsername(), "asset.uploaded", id.toString(), fileName, remoteAddr))
                .as(tx::transactional)
                .then(Mono.defer(() -> get(id, user)))
                // the background work (text, thumbnail) starts once the answer is ready, not during its last query
                .doFinally(signal -> derived.wake());
    }

    private Mono<AssetSummary> insertVersion(UUID assetId, String blobKey, String sha256, long size, String mediaType,
            String fileName, String note, Integer copyDerivedFrom, BatonUser user, String remoteAddr, String action) {
        // the row update takes the asset's lock, so concurrent uploads get consecutive numbers
        return db.sql("update asset set current_version = current_version + 1, updated_at = now() where id = :id "
                        + "returning current_version")
                .bind("id", assetId)
                .map(row -> row.get(0, Integer.class))
                .one()
                .flatMap(version -> insertVersionRow(assetId, version, blobKey, sha256, size, mediaType, fileName,
                                note, copyDerivedFrom, user)
                        .then(queueForIndex(assetId, "UPSERT"))
                        .then(audit.record(user.getUsername(), action, assetId.toString(),
                                "version " + version + " " + fileName, remoteAddr)))
                .as(tx::transactional)
                .then(Mono.defer(() -> get(assetId, user)))
                .doFinally(signal -> derived.wake());
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

    /** The outbox row that tells the indexer to (re)index or drop the asset; written in the caller's transaction. */
    private Mono<Void> queueForIndex(UUID assetId, String operation) {
        return db.sql("insert into outbox (entity_type, entity_id, operation) values ('asset', :id, :op)")
                .bind("id", assetId.toString())
                .bind("op", operation)
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
                AssetVisibility.expired(row.get("expires_on", LocalDate.class), today),
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

    /** Stored bytes with their type; {@code fresh}: under a key of their own ({@link BlobStore#putNew}). */
    private record Stored(PutResult put, String mediaType, boolean fresh) {}

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
