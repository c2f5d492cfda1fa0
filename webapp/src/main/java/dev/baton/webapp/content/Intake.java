package dev.baton.webapp.content;

import dev.baton.indexer.AllowList;
import dev.baton.indexer.Detection;
import dev.baton.indexer.TypeDetector;
import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStore;
import dev.baton.storage.PutResult;
import dev.baton.webapp.system.BatonException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one way in for a file's bytes, whoever brings them: an upload through the API or the library page (streamed as
 * it arrives, {@link UploadReceiver}), a new version (API or asset page), a bulk import and the demo library (files on
 * disk). Every way in takes the same steps:
 *
 * <ol>
 *   <li><b>store</b>: the bytes are written once under a fresh key ({@link BlobKeys#unique()}) while their SHA-256 is
 *       computed; their first bytes (as many as type detection reads) are kept in memory and typed while the
 *       rest is still being stored;
 *   <li><b>accept</b>: the type must be one the library takes ({@link AllowList}; 415 otherwise, and for an empty file);
 *   <li><b>record</b>: in one transaction holding the advisory lock of the digest, a new asset is refused (409, naming
 *       the asset) when an asset has these bytes already; a new version is refused when it is identical to the
 *       current one, and points at the blob of a version that has the same bytes, if one does (identical bytes are
 *       kept once);
 *   <li><b>discard</b>: bytes that are refused, that fail to be recorded, or that a new version does not point at
 *       are removed again. What a crash leaves behind, {@link BlobSweep} removes after its grace period.
 * </ol>
 *
 * <p>The digest's lock is what keeps a version from pointing at a removed blob: a new version takes it before it looks
 * for a blob to share, and a deletion takes the locks of the digests it deletes before it decides, in the same
 * transaction, which blobs no version points at any more ({@link ContentService#delete}); their bytes go only after
 * that commit. A transaction that locks an asset's row does so before it takes any digest lock, and one that takes
 * several digest locks takes them in one order, so none of them waits for another in a circle.
 */
@Component
class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    /** As many first bytes of a file as type detection reads. */
    private static final int PREFIX_BYTES = TypeDetector.DEFAULT_MAX_PREFIX_BYTES;

    private final BlobStore blobs;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final TypeDetector detector = new TypeDetector();
    private final AllowList allowList = AllowList.defaults();

    Intake(BlobStore blobs, DatabaseClient db, TransactionalOperator tx) {
        this.blobs = blobs;
        this.db = db;
        this.tx = tx;
    }

    // --- store -----------------------------------------------------------------------------------------------------

    /**
     * Stores a stream under a fresh key, typing its first bytes while the rest is stored. Blocking.
     *
     * @param atMost at most how long the stream is ({@link BlobStore#UNKNOWN_LENGTH} when not known): the store may
     *     use it to send the bytes on while they arrive
     * @param fileName the name the sender gave the file (only checked against the bytes' type)
     */
    Arrival store(InputStream in, long atMost, String fileName) {
        // typed while the rest is stored: as soon as the prefix is complete (at once for a smaller file)
        CompletableFuture<byte[]> typable = new CompletableFuture<>();
        CompletableFuture<Detection> detection = typable.thenApplyAsync(bytes -> detect(bytes, fileName),
                task -> Schedulers.boundedElastic().schedule(task));
        Prefix prefixed = new Prefix(in, PREFIX_BYTES, typable);
        try {
            PutResult put = blobs.put(BlobKeys.unique(), prefixed, atMost);
            typable.complete(prefixed.bytes());
            return new Arrival(put.key(), put.sha256(), put.size(), fileName, detection);
        } catch (RuntimeException e) {
            typable.cancel(false);
            throw e;
        }
    }

    /** Stores a file on disk (an import's, the demo library's, a spooled form's), off the event loop. */
    Mono<Arrival> store(Path file, String fileName) {
        return Mono.fromCallable(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                return store(in, Files.size(file), fileName);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Detection detect(byte[] prefix, String fileName) {
        try {
            return detector.detect(new ByteArrayInputStream(prefix), fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- accept ----------------------------------------------------------------------------------------------------

    /** The media type the library takes the bytes as, or why it refuses them ({@link ContentService.UnsupportedType}). */
    Mono<String> mediaType(Arrival arrival) {
        if (arrival.size() == 0) {
            return Mono.error(new ContentService.UnsupportedType("The file is empty"));
        }
        // usually typed while the file was stored: nothing to wait for, no thread to wake
        return Mono.fromFuture(arrival.detection(), true).map(this::accepted);
    }

    private String accepted(Detection detection) {
        AllowList.Verdict verdict = allowList.check(detection);
        if (!verdict.accepted()) {
            throw new ContentService.UnsupportedType(verdict.message());
        }
        return detection.mediaType();
    }

    // --- record ----------------------------------------------------------------------------------------------------

    /**
     * Records the bytes as a new asset's first version: in one transaction holding the digest's lock, refuses them
     * ({@link ContentService.AlreadyInLibrary}) when an asset has them already, else writes {@code rows} with the
     * arrival's key.
     */
    Mono<Void> recordAsset(Arrival arrival, Function<String, Mono<Void>> rows) {
        return lockDigest(arrival.sha256())
                .then(assetWith(arrival.sha256())
                        .flatMap(existing -> Mono.<Void>error(new ContentService.AlreadyInLibrary(existing))))
                .then(Mono.defer(() -> rows.apply(arrival.key())))
                .as(tx::transactional);
    }

    /**
     * Records the bytes as the next version of an asset: in one transaction holding the asset's row and then the
     * digest's lock, refuses them when they are the current version's, and writes {@code rows} with the key of the
     * blob the version points at: that of a version (of any asset) with the same bytes if there is one, else the
     * arrival's own. After the commit the arrival's blob is removed when another was taken.
     */
    Mono<Void> recordVersion(UUID assetId, Arrival arrival, Function<String, Mono<Void>> rows) {
        String sha256 = arrival.sha256();
        AtomicReference<String> taken = new AtomicReference<>();
        return lockAsset(assetId)
                .flatMap(current -> current.equals(sha256)
                        ? Mono.error(new BatonException.Conflict(
                                "This file is identical to the current version of the asset"))
                        : lockDigest(sha256).then(blobWith(sha256).defaultIfEmpty(arrival.key())))
                .flatMap(key -> {
                    taken.set(key);
                    return rows.apply(key);
                })
                .as(tx::transactional)
                .then(Mono.defer(() -> arrival.key().equals(taken.get()) ? Mono.<Void>empty() : discard(arrival)));
    }

    /**
     * Locks an asset's row for the rest of the transaction (taken before any digest lock) and gives the digest of its
     * current version; {@link BatonException.NotFound} when the asset is gone.
     */
    Mono<String> lockAsset(UUID assetId) {
        return db.sql("select v.sha256 from asset a join asset_version v on v.asset_id = a.id "
                        + "and v.version = a.current_version where a.id = :id for update of a")
                .bind("id", assetId)
                .map(row -> row.get(0, String.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No asset " + assetId)));
    }

    /**
     * Serialises the transactions that record or remove the same bytes (two uploads of one file, a new version and
     * the deletion of another asset with those bytes); released at commit or rollback.
     */
    Mono<Void> lockDigest(String sha256) {
        return db.sql("select pg_advisory_xact_lock(hashtextextended(:sha, 0))").bind("sha", sha256).then();
    }

    /**
     * Takes the locks of the digests of every version of an asset, in the order of the lock keys (so two deletions
     * sharing digests cannot wait for each other). Call with the asset's row locked.
     */
    Mono<Void> lockDigestsOf(UUID assetId) {
        // a volatile function in the select list is evaluated after the sort, row by row
        return db.sql("select pg_advisory_xact_lock(l.k) from (select distinct hashtextextended(sha256, 0) as k "
                        + "from asset_version where asset_id = :id) l order by l.k")
                .bind("id", assetId)
                .then();
    }

    /** The asset that already has these bytes in any of its versions, if one does. */
    private Mono<UUID> assetWith(String sha256) {
        return db.sql("select asset_id from asset_version where sha256 = :sha order by created_at limit 1")
                .bind("sha", sha256)
                .map(row -> row.get(0, UUID.class))
                .one();
    }

    /** The blob of a version that already has these bytes, if one does. */
    private Mono<String> blobWith(String sha256) {
        return db.sql("select blob_key from asset_version where sha256 = :sha order by created_at limit 1")
                .bind("sha", sha256)
                .map(row -> row.get(0, String.class))
                .one();
    }

    // --- discard ---------------------------------------------------------------------------------------------------

    /**
     * Runs {@code work} (accepting and recording the bytes); when it fails, the arrival's blob is removed before the
     * failure goes on, unless a version row points at it (the failure came after the commit).
     */
    <T> Mono<T> orDiscard(Arrival arrival, Mono<T> work) {
        return work.onErrorResume(e -> discardUnlessRecorded(arrival).then(Mono.error(e)));
    }

    private Mono<Void> discardUnlessRecorded(Arrival arrival) {
        // every version naming the key has the key's digest: the digest's index finds them
        return db.sql("select 1 from asset_version where sha256 = :sha and blob_key = :key limit 1")
                .bind("sha", arrival.sha256())
                .bind("key", arrival.key())
                .map(row -> Boolean.TRUE)
                .one()
                .hasElement()
                .onErrorResume(e -> {
                    log.warn("Could not tell whether the blob {} was recorded; keeping it for the sweep: {}",
                            arrival.key(), e.toString());
                    return Mono.just(Boolean.TRUE);
                })
                .flatMap(recorded -> recorded ? Mono.<Void>empty() : discard(arrival));
    }

    /**
     * Removes the blob of bytes that were not recorded under their own key. Its key is fresh: nothing else points at
     * it. What cannot be removed now (the store is down) the sweep removes later.
     */
    Mono<Void> discard(Arrival arrival) {
        return Mono.<Void>fromRunnable(() -> blobs.delete(arrival.key()))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    log.warn("Could not remove the blob {} of a file that was not recorded (the sweep will): {}",
                            arrival.key(), e.toString());
                    return Mono.empty();
                });
    }

    /**
     * Bytes that arrived: stored under {@code key} (a fresh one), with their digest and size, the name the sender gave
     * them, and their type as detected from their first bytes (the detection may still be running).
     */
    record Arrival(String key, String sha256, long size, String fileName, CompletableFuture<Detection> detection) {}

    /** Keeps the first bytes read, for type detection, and hands them over as soon as there are enough. */
    private static final class Prefix extends FilterInputStream {
        private final int keep;
        private final CompletableFuture<byte[]> complete;
        private byte[] prefix = new byte[1024];
        private int kept;

        Prefix(InputStream in, int keep, CompletableFuture<byte[]> complete) {
            super(in);
            this.keep = keep;
            this.complete = complete;
        }

        byte[] bytes() {
            return Arrays.copyOf(prefix, kept);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && kept < keep) {
                int take = Math.min(n, keep - kept);
                if (kept + take > prefix.length) {
                    prefix = Arrays.copyOf(prefix, Math.min(keep, Math.max(kept + take, prefix.length * 2)));
                }
                System.arraycopy(b, off, prefix, kept, take);
                kept += take;
                if (kept == keep) {
                    complete.complete(bytes());
                }
            }
            return n;
        }
    }
}
