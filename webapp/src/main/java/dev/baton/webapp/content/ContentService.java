package dev.baton.webapp.content;

import dev.baton.indexer.AllowList;
import dev.baton.indexer.Detection;
import dev.baton.indexer.TypeDetector;
import dev.baton.storage.BlobStore;
import dev.baton.storage.PutResult;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import io.r2dbc.spi.Readable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Uploads: the type from the bytes, the bytes into the object store under their SHA-256, then the asset, its first
 * version and an outbox row for the index in one transaction. A blob stored before a crash and never recorded is
 * harmless: the next upload of the same bytes finds it and records it.
 */
@Service
public class ContentService {

    private static final String SUMMARY = "select a.id, a.title, a.status, a.internal_only, a.updated_at, "
            + "o.username as owner, v.version, v.file_name, v.media_type, v.size, v.extraction_status "
            + "from asset a join account o on o.id = a.owner_id "
            + "join asset_version v on v.asset_id = a.id and v.version = a.current_version ";

    private final DatabaseClient db;
    private final BlobStore blobs;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final TypeDetector detector = new TypeDetector();
    private final AllowList allowList = AllowList.defaults();

    ContentService(DatabaseClient db, BlobStore blobs, AuditLog audit, TransactionalOperator tx) {
        this.db = db;
        this.blobs = blobs;
        this.audit = audit;
        this.tx = tx;
    }

    /** Stores an uploaded file (already spooled to {@code file}) as a new asset. */
    public Mono<AssetSummary> upload(Path file, String originalName, NewAsset metadata, BatonUser owner,
            String remoteAddr) {
        String title = clean(metadata == null ? null : metadata.title(), "title", 200, true);
        String description = clean(metadata == null ? null : metadata.description(), "description", 5000, false);
        String fileName = FileNames.displayName(originalName);
        boolean internalOnly = metadata != null && Boolean.TRUE.equals(metadata.internalOnly());
        return Mono.fromCallable(() -> store(file, fileName))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(stored -> existingAssetWith(stored.put().sha256())
                        .flatMap(existing -> Mono.<AssetSummary>error(new AlreadyInLibrary(existing)))
                        .switchIfEmpty(Mono.defer(() -> insert(stored, title.isEmpty() ? fileName : title,
                                description, internalOnly, fileName, owner, remoteAddr))));
    }

    /**
     * Stores a file as the next version of an asset: the asset keeps its id and history, and everyone gets the new
     * file from now on. A file identical to the current version is refused (409).
     */
    public Mono<AssetSummary> addVersion(UUID assetId, Path file, String originalName, String note, BatonUser user,
            String remoteAddr) {
        String fileName = FileNames.displayName(originalName);
        String versionNote = clean(note, "note", 1000, false);
        return get(assetId, user)
                .flatMap(asset -> Mono.fromCallable(() -> store(file, fileName))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(stored -> currentSha(assetId)
                        .filter(current -> current.equals(stored.put().sha256()))
                        .flatMap(same -> Mono.<AssetSummary>error(new BatonException.Conflict(
                                "This file is identical to the current version of the asset")))
                        .switchIfEmpty(Mono.defer(() -> insertVersion(assetId, stored, fileName, versionNote, user,
                                remoteAddr))));
    }

    /** Every version of an asset, newest first. */
    public Mono<java.util.List<AssetVersion>> versions(UUID assetId, BatonUser user) {
        return get(assetId, user).then(db.sql("select v.version, v.file_name, v.media_type, v.size, v.sha256, "
                        + "v.note, v.extraction_status, v.created_at, u.username from asset_version v "
                        + "join account u on u.id = v.created_by where v.asset_id = :id order by v.version desc")
                .bind("id", assetId)
                .map(row -> new AssetVersion(
                        row.get("version", Integer.class),
                        row.get("file_name", String.class),
                        row.get("media_type", String.class),
                        row.get("size", Long.class),
                        row.get("sha256", String.class),
                        row.get("note", String.class),
                        row.get("extraction_status", String.class),
                        row.get("username", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList());
    }

    private Mono<String> currentSha(UUID assetId) {
        return db.sql("select v.sha256 from asset a join asset_version v on v.asset_id = a.id "
                        + "and v.version = a.current_version where a.id = :id")
                .bind("id", assetId)
                .map(row -> row.get(0, String.class))
                .one();
    }

    private Mono<AssetSummary> insertVersion(UUID assetId, Stored stored, String fileName, String note,
            BatonUser user, String remoteAddr) {
        // the row update takes the asset's lock, so concurrent uploads get consecutive numbers
        return db.sql("update asset set current_version = current_version + 1, updated_at = now() where id = :id "
                        + "returning current_version")
                .bind("id", assetId)
                .map(row -> row.get(0, Integer.class))
                .one()
                .flatMap(version -> db.sql("insert into asset_version (asset_id, version, blob_key, sha256, size, "
                                + "media_type, file_name, note, created_by) "
                                + "values (:id, :version, :key, :sha, :size, :type, :name, :note, :by)")
                        .bind("id", assetId).bind("version", version).bind("key", stored.put().key())
                        .bind("sha", stored.put().sha256()).bind("size", stored.put().size())
                        .bind("type", stored.mediaType()).bind("name", fileName).bind("note", note)
                        .bind("by", user.id())
                        .then()
                        .then(queueForIndex(assetId))
                        .then(audit.record(user.getUsername(), "asset.version-added", assetId.toString(),
                                "version " + version + " " + fileName, remoteAddr)))
                .as(tx::transactional)
                .then(Mono.defer(() -> get(assetId, user)));
    }

    /** Assets a user may see, newest first. Reps see only published, shareable ones. */
    public Mono<AssetPage> list(BatonUser user, int page, int size) {
        int safeSize = Math.clamp(size, 1, 100);
        int safePage = Math.max(page, 0);
        String where = seesDrafts(user) ? "" : "where a.status = 'PUBLISHED' ";
        Mono<Long> total = db.sql("select count(*) from asset a " + where).map(row -> row.get(0, Long.class)).one();
        Mono<java.util.List<AssetSummary>> items = db.sql(SUMMARY + where
                        + "order by a.updated_at desc, a.id limit :limit offset :offset")
                .bind("limit", safeSize)
                .bind("offset", (long) safePage * safeSize)
                .map(ContentService::summary)
                .all()
                .collectList();
        return Mono.zip(total, items).map(t -> new AssetPage(t.getT1(), safePage, safeSize, t.getT2()));
    }

    public Mono<AssetSummary> get(UUID id, BatonUser user) {
        return db.sql(SUMMARY + "where a.id = :id").bind("id", id)
                .map(ContentService::summary)
                .one()
                .filter(asset -> seesDrafts(user) || asset.status().equals("PUBLISHED"))
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No asset " + id)));
    }

    private static boolean seesDrafts(BatonUser user) {
        return user.role().includes().contains(Role.MARKETER);
    }

    private Stored store(Path file, String fileName) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new UnsupportedType("The file is empty");
        }
        Detection detection = detector.detect(file, fileName);
        AllowList.Verdict verdict = allowList.check(detection);
        if (!verdict.accepted()) {
            throw new UnsupportedType(verdict.message());
        }
        try (InputStream in = Files.newInputStream(file)) {
            PutResult put = blobs.putContentAddressed(in, size, detection.mediaType());
            return new Stored(put, detection.mediaType());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Mono<UUID> existingAssetWith(String sha256) {
        return db.sql("select asset_id from asset_version where sha256 = :sha order by created_at limit 1")
                .bind("sha", sha256)
                .map(row -> row.get(0, UUID.class))
                .one();
    }

    private Mono<AssetSummary> insert(Stored stored, String title, String description, boolean internalOnly,
            String fileName, BatonUser owner, String remoteAddr) {
        UUID id = UUID.randomUUID();
        return db.sql("insert into asset (id, title, description, internal_only, owner_id, current_version) "
                        + "values (:id, :title, :description, :internal, :owner, 1)")
                .bind("id", id).bind("title", title).bind("description", description)
                .bind("internal", internalOnly).bind("owner", owner.id())
                .then()
                .then(db.sql("insert into asset_version (asset_id, version, blob_key, sha256, size, media_type, "
                                + "file_name, created_by) values (:id, 1, :key, :sha, :size, :type, :name, :by)")
                        .bind("id", id).bind("key", stored.put().key()).bind("sha", stored.put().sha256())
                        .bind("size", stored.put().size()).bind("type", stored.mediaType())
                        .bind("name", fileName).bind("by", owner.id())
                        .then())
                .then(queueForIndex(id))
                .then(audit.record(owner.getUsername(), "asset.uploaded", id.toString(), fileName, remoteAddr))
                .as(tx::transactional)
                .then(Mono.defer(() -> get(id, owner)));
    }

    /** The outbox row that tells the indexer to (re)index the asset; written in the caller's transaction. */
    private Mono<Void> queueForIndex(UUID assetId) {
        return db.sql("insert into outbox (entity_type, entity_id, operation) values ('asset', :id, 'UPSERT')")
                .bind("id", assetId.toString())
                .then();
    }

    private static String clean(String value, String field, int max, boolean singleLine) {
        String text = value == null ? "" : value.strip();
        if (singleLine) {
            text = text.replaceAll("\\p{Cntrl}", " ");
        }
        if (text.length() > max) {
            throw new BatonException.InvalidInput(field, "use at most " + max + " characters");
        }
        return text;
    }

    private static AssetSummary summary(Readable row) {
        return new AssetSummary(
                row.get("id", UUID.class),
                row.get("title", String.class),
                row.get("status", String.class),
                Boolean.TRUE.equals(row.get("internal_only", Boolean.class)),
                row.get("owner", String.class),
                row.get("version", Integer.class),
                row.get("file_name", String.class),
                row.get("media_type", String.class),
                row.get("size", Long.class),
                row.get("extraction_status", String.class),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    private record Stored(PutResult put, String mediaType) {}

    /** Metadata sent with an upload. */
    public record NewAsset(String title, String description, Boolean internalOnly) {}

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

        @Override
        public Map<String, Object> properties() {
            return Map.of("existingAssetId", existing.toString(), "existingAsset", "/api/v1/assets/" + existing);
        }
    }
}
