package dev.baton.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 server inside this JVM (S3Proxy 4.1.0), bound to 127.0.0.1: for a single-machine install without a separate
 * object store, and for tests.
 *
 * <p>With a base directory, blobs live under it as plain files (S3Proxy's {@code filesystem} store) and survive a
 * restart; without one they live in memory ({@code transient}). Requests must be signed (AWS V2 or V4) with the given
 * keys.
 *
 * <p>S3Proxy and its shaded Jetty log through SLF4J under {@code org.gaul.s3proxy} and {@code org.gaul.shaded}; set
 * those loggers to WARN to keep them quiet.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final String STARTED = "STARTED";
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final Path baseDir;
    private boolean closed;

    private EmbeddedS3Server(
            S3Proxy proxy, BlobStore blobStore, URI endpoint, String accessKey, String secretKey, Path baseDir) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.baseDir = baseDir;
    }

    /**
     * Starts a server and waits until it accepts requests.
     *
     * @param baseDirOrNull directory for a persistent store (created if missing), or null for an in-memory one
     * @param port TCP port on 127.0.0.1, or 0 for any free port (see {@link #endpoint()})
     */
    public static EmbeddedS3Server start(Path baseDirOrNull, String accessKey, String secretKey, int port) {
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("Access key and secret key are required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port must be 0..65535, got " + port);
        }
        Properties properties = new Properties();
        String provider;
        Path baseDir = null;
        if (baseDirOrNull != null) {
            baseDir = baseDirOrNull.toAbsolutePath().normalize();
            try {
                Files.createDirectories(baseDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the S3 data directory " + baseDir, e);
            }
            provider = "filesystem";
            properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        } else {
            provider = "transient";
        }
        BlobStore blobStore = BlobStores.create(provider, properties);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .stopTimeout(1000)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy);
            blobStore.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not start the embedded S3 server on 127.0.0.1:" + port, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        LOG.debug("Embedded S3 server ({}) listening on {}", provider, endpoint);
        return new EmbeddedS3Server(proxy, blobStore, endpoint, accessKey, secretKey, baseDir);
    }

    /** Starts an in-memory server on a free port. */
    public static EmbeddedS3Server startTransient(String accessKey, String secretKey) {
        return start(null, accessKey, secretKey, 0);
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!STARTED.equals(proxy.getState())) {
            String state = proxy.getState();
            if ("FAILED".equals(state) || "STOPPED".equals(state)) {
                throw new IllegalStateException("S3Proxy is " + state);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + state + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** {@code http://127.0.0.1:<actual port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The actual port. */
    public int port() {
        return endpoint.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The data directory, or null for an in-memory store. */
    public Path baseDir() {
        return baseDir;
    }

    /** Settings (defaults otherwise) for an {@link S3BlobStore} on this server. */
    public S3Settings settings(String bucket) {
        return S3Settings.of(endpoint, accessKey, secretKey, Objects.requireNonNull(bucket, "bucket"));
    }

    /** Stops the server; an in-memory store's contents are gone after this. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(proxy);
        blobStore.close();
    }

    @Override
    public String toString() {
        return "EmbeddedS3Server[" + endpoint + (baseDir == null ? ", in memory" : ", " + baseDir) + "]";
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Stopping the embedded S3 server failed: {}", e.toString());
        }
    }
}
