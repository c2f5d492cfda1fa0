package dev.baton.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.MinioException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BlobStore} on any S3-compatible server, through the MinIO Java SDK 9. A facade over package-private pieces,
 * each with one job: {@link S3Client} (one OkHttp client, one MinIO client over it, the bucket), {@link S3Errors}
 * (SDK failures to the port's exceptions), {@link BufferedUpload} (parts read whole, then sent), {@link
 * StreamedUpload} with {@link StreamedPart} (parts sent while they arrive, to presigned URLs), {@link
 * MultipartUpload} (a multipart upload's life, and the ones a killed process left) and {@link S3Listing}.
 *
 * <p>Share the instance, it is thread-safe; {@link #close()} shuts the HTTP client down. Each upload in flight holds one
 * part ({@link S3Settings#partSizeBytes()}) in memory; its parts are sent one after another.
 *
 * <p>No MinIO or OkHttp type appears in a public signature; SDK errors are translated: missing keys to {@link
 * BlobNotFoundException}, I/O failures, timeouts and 5xx answers to {@link BlobStoreUnavailableException}, anything
 * else to {@link BlobStoreException}.
 */
public final class S3BlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final StreamedUpload streamed;

    private S3BlobStore(S3Settings settings, boolean checkStreamedParts) {
        this.s3 = new S3Client(settings);
        this.streamed = new StreamedUpload(s3, checkStreamedParts);
    }

    /**
     * Connects to the store and creates the bucket if it is missing.
     *
     * @throws BlobStoreUnavailableException when the store does not answer
     * @throws BlobStoreException when the bucket can neither be found nor created (e.g. wrong credentials)
     */
    public static S3BlobStore create(S3Settings settings) {
        return create(settings, StreamedUpload.needsEtagCheck(settings));
    }

    /** As {@link #create(S3Settings)}, checking streamed parts' ETags or not whatever the endpoint (for tests). */
    static S3BlobStore create(S3Settings settings, boolean checkStreamedParts) {
        S3BlobStore store = new S3BlobStore(settings, checkStreamedParts);
        try {
            store.ensureBucket();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Builds the store without contacting the server, so an application can start while the store is down; call
     * {@link #ensureBucket()} once it is reachable.
     */
    public static S3BlobStore createUnchecked(S3Settings settings) {
        return new S3BlobStore(settings, StreamedUpload.needsEtagCheck(settings));
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() {
        s3.ensureOpen();
        try {
            if (s3.minio().bucketExists(BucketExistsArgs.builder().bucket(s3.bucket()).build()).get()) {
                return;
            }
            s3.minio().makeBucket(MakeBucketArgs.builder().bucket(s3.bucket()).build()).get();
            LOG.info("Created bucket {} at {}", s3.bucket(), s3.settings().endpoint());
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            if (S3Errors.hasCode(e, "BucketAlreadyOwnedByYou")) {
                return; // created concurrently
            }
            throw s3.errors().translate("create bucket", null, e, null);
        }
    }

    /** The settings this store was built with. */
    public S3Settings settings() {
        return s3.settings();
    }

    /**
     * {@inheritDoc}
     *
     * <p>A stream that may be longer than the smallest part goes as a multipart upload whose parts are sent while their
     * bytes arrive ({@link StreamedUpload}), the expected size choosing the parts' sizes so that only the bytes after
     * the last full part wait for the stream's end. Otherwise the bytes are read a part at a time and each part is sent
     * once it is whole ({@link BufferedUpload}). A multipart upload that fails is aborted; a process killed mid-upload
     * leaves an incomplete one, for {@link #abortIncompleteWrites(String, Instant)}.
     */
    @Override
    public PutResult put(String key, InputStream in, long expectedSize) {
        s3.ensureOpen();
        BlobKeys.requireValidKey(key);
        if (in == null) {
            throw new IllegalArgumentException("Content stream must not be null");
        }
        if (expectedSize < UNKNOWN_LENGTH) {
            throw new IllegalArgumentException(
                    "Expected size must be >= 0, or UNKNOWN_LENGTH (-1); got " + expectedSize);
        }
        DigestingInputStream digesting = new DigestingInputStream(in);
        try {
            if (streamed.takes(expectedSize)) {
                streamed.store(key, digesting, expectedSize);
            } else {
                BufferedUpload.store(s3, key, digesting);
            }
        } catch (IOException | MinioException | ExecutionException | InterruptedException | RuntimeException e) {
            throw s3.errors().translate("write", key, e, digesting);
        }
        return new PutResult(key, digesting.sha256Hex(), digesting.count());
    }

    @Override
    public InputStream open(String key) {
        s3.ensureOpen();
        BlobKeys.requireValidKey(key);
        try {
            return new BlobInputStream(
                    s3.minio().getObject(GetObjectArgs.builder().bucket(s3.bucket()).object(key).build()).get());
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            throw s3.errors().translate("read", key, e, null);
        }
    }

    @Override
    public void delete(String key) {
        s3.ensureOpen();
        BlobKeys.requireValidKey(key);
        try {
            s3.minio().removeObject(RemoveObjectArgs.builder().bucket(s3.bucket()).object(key).build()).get();
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            BlobStoreException translated = s3.errors().translate("delete", key, e, null);
            if (!(translated instanceof BlobNotFoundException)) {
                throw translated;
            }
        }
    }

    @Override
    public Stream<BlobStat> list(String prefix) {
        s3.ensureOpen();
        BlobKeys.requireValidPrefix(prefix);
        return S3Listing.of(s3, prefix);
    }

    /** {@inheritDoc} In S3 these are multipart uploads ({@link MultipartUpload#abortStartedBefore}). */
    @Override
    public int abortIncompleteWrites(String prefix, Instant startedBefore) {
        s3.ensureOpen();
        BlobKeys.requireValidPrefix(prefix);
        return MultipartUpload.abortStartedBefore(s3, prefix, startedBefore);
    }

    @Override
    public void checkAvailable() {
        s3.ensureOpen();
        boolean exists;
        try {
            exists = s3.minio().bucketExists(BucketExistsArgs.builder().bucket(s3.bucket()).build()).get();
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            BlobStoreException translated = s3.errors().translate("check", null, e, null);
            if (translated instanceof BlobStoreUnavailableException) {
                throw translated;
            }
            throw new BlobStoreUnavailableException(translated.getMessage(), translated);
        }
        if (!exists) {
            throw new BlobStoreUnavailableException(s3.errors().where() + ": bucket does not exist", null);
        }
    }

    /** Shuts the OkHttp dispatcher down and evicts pooled connections. Idempotent. */
    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + s3.settings().endpoint() + ", bucket " + s3.bucket() + "]";
    }

    /** How many parts were stored as streamed since this store was built (for tests). */
    long streamedParts() {
        return streamed.streamedParts();
    }

    /** Whether parts are still streamed: false once the store refused one (for tests). */
    boolean streamsParts() {
        return streamed.enabled();
    }

    /** Hides the SDK's response type from callers. */
    private static final class BlobInputStream extends FilterInputStream {
        BlobInputStream(InputStream in) {
            super(in);
        }
    }
}
