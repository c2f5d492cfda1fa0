package dev.baton.storage;

import io.minio.Checksum;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one bucket that the pieces of {@link S3BlobStore} share: one OkHttp client (its own dispatcher
 * and connection pool, the timeouts of {@link S3Settings}, sockets with {@code TCP_NODELAY}), one MinIO client over
 * it, and the translation of their errors. Thread-safe; {@link #close()} shuts the HTTP client down.
 */
final class S3Client implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Client.class);

    /** What every blob is stored as: what the bytes are, the caller records. */
    static final String CONTENT_TYPE = "application/octet-stream";
    /**
     * The checksum sent with every part. The SDK's default, CRC32C, is computed byte by byte in Java (a table lookup
     * per byte, no intrinsic): in a profile of 16 MiB uploads it took more CPU than a SHA-256 pass. CRC32 is {@link
     * java.util.zip.CRC32}, which the JVM computes with CPU instructions. (Over plain HTTP the SDK also hashes each part
     * with SHA-256 to sign it; that it always does.)
     */
    static final Checksum.Algorithm CHECKSUM = Checksum.Algorithm.CRC32;
    /** The smallest part S3 accepts (all but the last): the first part of an upload. */
    static final int MIN_PART_BYTES = 5 * 1024 * 1024;
    /** Parts are held in a byte array: at most this large whatever the settings say. */
    private static final long MAX_PART_BYTES = 512L * 1024 * 1024;

    private final S3Settings settings;
    private final OkHttpClient http;
    private final MinioAsyncClient minio;
    private final S3Errors errors;
    private final AtomicBoolean closed = new AtomicBoolean();

    S3Client(S3Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.errors = new S3Errors(settings);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(128);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.writeTimeout())
                .protocols(List.of(Protocol.HTTP_1_1))
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool())
                .socketFactory(new NoDelaySocketFactory())
                .build();
        try {
            this.minio = MinioAsyncClient.builder()
                    .endpoint(settings.endpoint().toString())
                    .region(settings.region())
                    .credentials(settings.accessKey(), settings.secretKey())
                    .httpClient(http)
                    .build();
        } catch (RuntimeException e) {
            shutDownHttp();
            throw new IllegalArgumentException("Cannot build an S3 client for " + settings.endpoint() + ": " + e, e);
        }
    }

    S3Settings settings() {
        return settings;
    }

    String bucket() {
        return settings.bucket();
    }

    /** The HTTP client every S3 request goes through. */
    OkHttpClient http() {
        return http;
    }

    MinioAsyncClient minio() {
        return minio;
    }

    S3Errors errors() {
        return errors;
    }

    /** The size of the parts after the first: the configured size, within what a byte array holds. */
    int partSize() {
        return (int) Math.min(settings.partSizeBytes(), MAX_PART_BYTES);
    }

    /** Stores bytes held in memory with one PUT. */
    void putObject(String key, byte[] bytes, int length) throws ExecutionException, InterruptedException {
        minio.putObject(PutObjectArgs.builder()
                        .bucket(bucket())
                        .object(key)
                        .stream(new ByteArrayInputStream(bytes, 0, length), (long) length, -1L)
                        .contentType(CONTENT_TYPE)
                        .checksum(CHECKSUM)
                        .build())
                .get();
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("S3BlobStore[" + settings.endpoint() + ", bucket " + bucket()
                    + "] is closed");
        }
    }

    /** Shuts the OkHttp dispatcher down and evicts pooled connections. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutDownHttp();
        }
    }

    private void shutDownHttp() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        if (http.cache() != null) {
            try {
                http.cache().close();
            } catch (IOException e) {
                LOG.debug("Closing the HTTP cache failed", e);
            }
        }
    }
}
