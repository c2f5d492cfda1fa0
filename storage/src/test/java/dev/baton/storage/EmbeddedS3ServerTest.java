package dev.baton.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3ServerTest {

    private static final String ACCESS = "embedded-access";
    private static final String SECRET = "embedded-secret";

    @TempDir
    Path dataDir;

    private static String read(BlobStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @Test
    void filesystemStoreKeepsBlobsAcrossRestarts() throws IOException {
        byte[] content = "kept across a restart".getBytes(UTF_8);
        PutResult stored;
        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDir, ACCESS, SECRET, 0);
                S3BlobStore store = S3BlobStore.create(server.settings("persistent"))) {
            stored = store.put(BlobKeys.unique(), new ByteArrayInputStream(content), content.length);
            store.put("derived/a/text", new ByteArrayInputStream(content), content.length);
        }

        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDir, ACCESS, SECRET, 0);
                S3BlobStore store = S3BlobStore.create(server.settings("persistent"))) {
            assertThat(read(store, stored.key())).isEqualTo("kept across a restart");
            assertThat(read(store, "derived/a/text")).isEqualTo("kept across a restart");
        }
    }

    @Test
    void transientStoreStartsEmptyEachTime() {
        try (EmbeddedS3Server server = EmbeddedS3Server.startTransient(ACCESS, SECRET);
                S3BlobStore store = S3BlobStore.create(server.settings("memory"))) {
            store.put("a", new ByteArrayInputStream(new byte[1]), 1);
            assertThat(store.list("a").map(BlobStat::key)).containsExactly("a");
            assertThat(server.baseDir()).isNull();
        }
        try (EmbeddedS3Server server = EmbeddedS3Server.startTransient(ACCESS, SECRET);
                S3BlobStore store = S3BlobStore.create(server.settings("memory"))) {
            assertThat(store.list("a").map(BlobStat::key)).isEmpty();
        }
    }

    @Test
    void anyFreePortIsReportedInTheEndpoint() {
        try (EmbeddedS3Server server = EmbeddedS3Server.startTransient(ACCESS, SECRET)) {
            assertThat(server.port()).isPositive();
            assertThat(server.endpoint().toString()).isEqualTo("http://127.0.0.1:" + server.port());
        }
    }

    @Test
    void givenPortIsUsed() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        try (EmbeddedS3Server server = EmbeddedS3Server.start(null, ACCESS, SECRET, port)) {
            assertThat(server.port()).isEqualTo(port);
        }
    }

    @Test
    void requestsSignedWithOtherKeysAreRefused() {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDir, ACCESS, SECRET, 0)) {
            S3Settings wrong = S3Settings.of(server.endpoint(), ACCESS, "not-the-secret", "refused");

            assertThatThrownBy(() -> S3BlobStore.create(wrong))
                    .isExactlyInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("403");
            try (S3BlobStore store = S3BlobStore.createUnchecked(wrong)) {
                assertThatThrownBy(store::checkAvailable).isInstanceOf(BlobStoreUnavailableException.class);
            }
        }
    }

    @Test
    void storeCreatesItsBucketAndReportsAvailable() {
        try (EmbeddedS3Server server = EmbeddedS3Server.startTransient(ACCESS, SECRET);
                S3BlobStore unchecked = S3BlobStore.createUnchecked(server.settings("lazy-bucket"))) {
            assertThatThrownBy(unchecked::checkAvailable)
                    .isInstanceOf(BlobStoreUnavailableException.class)
                    .hasMessageContaining("bucket does not exist");

            unchecked.ensureBucket();
            unchecked.ensureBucket();

            unchecked.checkAvailable();
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        EmbeddedS3Server server = EmbeddedS3Server.startTransient(ACCESS, SECRET);
        server.close();
        server.close();

        assertThat(server.toString()).contains("in memory");
    }

    @Test
    void missingKeysAreRejected() {
        assertThatThrownBy(() -> EmbeddedS3Server.start(null, "", SECRET, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedS3Server.start(null, ACCESS, SECRET, 70000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
