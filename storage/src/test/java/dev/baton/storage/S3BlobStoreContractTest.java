package dev.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.CreateMultipartUploadArgs;
import io.minio.MinioAsyncClient;
import java.net.URI;
import java.time.Instant;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link BlobStoreContract} against {@link S3BlobStore}: by default on an {@link EmbeddedS3Server} with a
 * filesystem store in a temporary directory; against any S3 endpoint when {@code BATON_TEST_S3_ENDPOINT},
 * {@code BATON_TEST_S3_ACCESS_KEY}, {@code BATON_TEST_S3_SECRET_KEY} and {@code BATON_TEST_S3_BUCKET} are given as
 * system properties or environment variables ({@code BATON_TEST_S3_REGION} optional). See storage/README.md.
 */
class S3BlobStoreContractTest extends BlobStoreContract {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStoreContractTest.class);

    @TempDir
    static Path dataDir;

    private static EmbeddedS3Server server;
    private static S3BlobStore store;

    @BeforeAll
    static void startStore() {
        S3Settings settings = externalSettings();
        if (settings == null) {
            server = EmbeddedS3Server.start(dataDir, "contract-access", "contract-secret-key", 0);
            settings = server.settings("baton-contract");
        } else {
            LOG.info("Running the blob-store contract against {}", settings);
        }
        // small parts, so the multipart paths of the kit run
        store = S3BlobStore.create(settings.withPartSizeBytes(S3Settings.MIN_PART_SIZE));
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    /** What a process killed mid-upload leaves: a started multipart upload with a part, never completed. */
    @Test
    void abortIncompleteWritesAbortsTheMultipartUploadsStartedBeforeTheCutoff() throws Exception {
        S3Settings settings = store.settings();
        String key = key("killed-mid-upload");
        try (MinioAsyncClient client = MinioAsyncClient.builder()
                .endpoint(settings.endpoint().toString())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build()) {
            String uploadId = client.createMultipartUpload(CreateMultipartUploadArgs.builder()
                            .bucket(settings.bucket())
                            .object(key)
                            .build())
                    .get()
                    .result()
                    .uploadId();
            assertThat(uploadId).isNotBlank();

            assertThat(store.abortIncompleteWrites(root(), Instant.now().minusSeconds(3600)))
                    .as("started within the grace period: left alone")
                    .isZero();
            assertThat(store.abortIncompleteWrites(root(), Instant.now().plusSeconds(60)))
                    .isEqualTo(1);
            assertThat(store.abortIncompleteWrites(root(), Instant.now().plusSeconds(60)))
                    .as("nothing left to abort")
                    .isZero();
            assertThatThrownBy(() -> store.open(key)).isInstanceOf(BlobNotFoundException.class);
        }
    }

    /**
     * With an expected size, the parts of a stream are streamed (sent while they arrive) rather than read whole first:
     * a 12 MiB stream expected to be at most its length plus a form's envelope goes as two streamed 5 MiB parts and a
     * last part read whole and sent to its presigned URL as well, and the store keeps taking streamed parts.
     */
    @Test
    void putWithAnExpectedSizeStreamsItsParts() throws Exception {
        long seed = 42;
        long before = store.streamedParts();

        PutResult result = store.put(key("streamed"), new GeneratedInputStream(MULTIPART_SIZE, seed),
                MULTIPART_SIZE + 2000);

        assertThat(store.streamedParts() - before).as("two streamed parts and the last one").isEqualTo(3);
        assertThat(store.streamsParts()).isTrue();
        assertThat(result.size()).isEqualTo(MULTIPART_SIZE);
        try (var in = store.open(result.key())) {
            assertThat(GeneratedInputStream.sha256Hex(in))
                    .isEqualTo(GeneratedInputStream.sha256Hex(new GeneratedInputStream(MULTIPART_SIZE, seed)));
        }
    }

    /**
     * Where streamed parts are checked (plain HTTP to another machine), the store's part ETags are the MD5s of the
     * bytes sent, so the parts stay streamed; a store whose ETags were not would fall back to signed parts, stored
     * whole all the same.
     */
    @Test
    void streamedPartsWithTheirETagsCheckedAreStoredAsStreamed() throws Exception {
        long seed = 7;
        try (S3BlobStore checking = S3BlobStore.create(store.settings(), true)) {
            PutResult result = checking.put(key("checked"), new GeneratedInputStream(MULTIPART_SIZE, seed),
                    MULTIPART_SIZE + 2000);

            assertThat(checking.streamedParts()).isEqualTo(3);
            assertThat(checking.streamsParts()).isTrue();
            try (var in = checking.open(result.key())) {
                assertThat(GeneratedInputStream.sha256Hex(in)).isEqualTo(
                        GeneratedInputStream.sha256Hex(new GeneratedInputStream(MULTIPART_SIZE, seed)));
            }
        }
    }

    /** Settings for an external endpoint, or null when none is configured. */
    static S3Settings externalSettings() {
        String endpoint = setting("BATON_TEST_S3_ENDPOINT");
        if (endpoint == null) {
            return null;
        }
        return new S3Settings(
                URI.create(endpoint),
                setting("BATON_TEST_S3_REGION"),
                required("BATON_TEST_S3_ACCESS_KEY"),
                required("BATON_TEST_S3_SECRET_KEY"),
                required("BATON_TEST_S3_BUCKET"),
                null,
                null,
                null,
                0);
    }

    private static String required(String name) {
        String value = setting(name);
        if (value == null) {
            throw new IllegalStateException("BATON_TEST_S3_ENDPOINT is set, so " + name + " must be set too");
        }
        return value;
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
