package dev.baton.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link S3BlobStore} reports a store that is down, slow or refusing: a closed port, a server that never answers,
 * and canned error answers from a stand-in HTTP server.
 */
class S3BlobStoreFailureMappingTest {

    private static final Duration SHORT = Duration.ofMillis(500);
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private HttpServer fake;
    private ExecutorService fakeThreads;
    private final CountDownLatch releaseStalledRequests = new CountDownLatch(1);

    @AfterEach
    void stopFake() {
        releaseStalledRequests.countDown();
        if (fake != null) {
            fake.stop(0);
            fakeThreads.shutdownNow();
        }
    }

    private static S3Settings settings(URI endpoint) {
        return S3Settings.of(endpoint, "access", "secret-key", "baton").withTimeouts(SHORT, SHORT, SHORT);
    }

    /** Starts a stand-in server answering every request with the given status and body (none for HEAD). */
    private URI fakeAnswering(int status, String contentType, String body) throws IOException {
        return fake(exchange -> {
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
    }

    private URI fake(Handler handler) throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fakeThreads = Executors.newCachedThreadPool();
        fake.setExecutor(fakeThreads);
        fake.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            handler.handle(exchange);
        });
        fake.start();
        return URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
    }

    private static String s3Error(String code) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>canned " + code
                + "</Message><RequestId>1</RequestId></Error>";
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    @Test
    void closedPortMakesChecksAndReadsUnavailablePromptly() {
        URI endpoint;
        try (EmbeddedS3Server server = EmbeddedS3Server.start(null, "access", "secret-key", 0)) {
            endpoint = server.endpoint();
        }

        try (S3BlobStore store = S3BlobStore.createUnchecked(settings(endpoint))) {
            assertTimeoutPreemptively(PROMPTLY, () -> {
                assertThatThrownBy(store::checkAvailable).isInstanceOf(BlobStoreUnavailableException.class)
                        .hasMessageContaining(endpoint.toString());
                assertThatThrownBy(() -> store.open("blobs/x")).isInstanceOf(BlobStoreUnavailableException.class);
                assertThatThrownBy(() -> store.delete("blobs/x")).isInstanceOf(BlobStoreUnavailableException.class);
                assertThatThrownBy(() -> store.put("k", new ByteArrayInputStream(new byte[3]), 3))
                        .isInstanceOf(BlobStoreUnavailableException.class);
                assertThatThrownBy(() -> store.list("").count()).isInstanceOf(BlobStoreUnavailableException.class);
                assertThatThrownBy(() -> store.abortIncompleteWrites("", java.time.Instant.now()))
                        .isInstanceOf(BlobStoreUnavailableException.class);
            });
        }
    }

    @Test
    void creatingAStoreOnAClosedPortFailsUnavailable() {
        URI endpoint;
        try (EmbeddedS3Server server = EmbeddedS3Server.start(null, "access", "secret-key", 0)) {
            endpoint = server.endpoint();
        }

        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(() -> S3BlobStore.create(settings(endpoint)))
                .isInstanceOf(BlobStoreUnavailableException.class));
    }

    @Test
    void serverThatNeverAnswersTimesOutAsUnavailable() throws IOException {
        URI endpoint = fake(exchange -> {
            try {
                releaseStalledRequests.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });

        try (S3BlobStore store = S3BlobStore.createUnchecked(settings(endpoint))) {
            assertTimeoutPreemptively(PROMPTLY, () -> {
                assertThatThrownBy(store::checkAvailable).isInstanceOf(BlobStoreUnavailableException.class)
                        .hasMessageContaining("no answer")
                        .hasMessageContaining("read PT0.5S");
                assertThatThrownBy(() -> store.open("blobs/x")).isInstanceOf(BlobStoreUnavailableException.class);
            });
        }
    }

    @Test
    void serviceUnavailableAnswerMapsToUnavailable() throws IOException {
        URI endpoint = fakeAnswering(503, "application/xml", s3Error("ServiceUnavailable"));

        try (S3BlobStore store = S3BlobStore.createUnchecked(settings(endpoint))) {
            assertTimeoutPreemptively(PROMPTLY, () -> {
                assertThatThrownBy(() -> store.open("blobs/x")).isInstanceOf(BlobStoreUnavailableException.class);
                assertThatThrownBy(() -> store.delete("blobs/x")).isInstanceOf(BlobStoreUnavailableException.class);
                assertThatThrownBy(store::checkAvailable).isInstanceOf(BlobStoreUnavailableException.class);
            });
        }
    }

    @Test
    void internalErrorAnswerMapsToUnavailable() throws IOException {
        URI endpoint = fakeAnswering(500, "application/xml", s3Error("InternalError"));

        try (S3BlobStore store = S3BlobStore.createUnchecked(settings(endpoint))) {
            assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(() -> store.open("blobs/x"))
                    .isInstanceOf(BlobStoreUnavailableException.class)
                    .hasMessageContaining("500"));
        }
    }

    @Test
    void answerThatIsNotS3MapsToUnavailable() throws IOException {
        URI endpoint = fakeAnswering(502, "text/html", "<html><body>Bad gateway</body></html>");

        try (S3BlobStore store = S3BlobStore.createUnchecked(settings(endpoint))) {
            assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(() -> store.open("blobs/x"))
                    .isInstanceOf(BlobStoreUnavailableException.class));
        }
    }

    @Test
    void accessDeniedIsAPlainStoreErrorWithTheCodeInTheMessage() throws IOException {
        URI endpoint = fakeAnswering(403, "application/xml", s3Error("AccessDenied"));

        try (S3BlobStore store = S3BlobStore.createUnchecked(settings(endpoint))) {
            assertThatThrownBy(() -> store.open("blobs/x"))
                    .isExactlyInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("AccessDenied")
                    .hasMessageContaining("blobs/x");
            assertThatThrownBy(store::checkAvailable).isInstanceOf(BlobStoreUnavailableException.class);
        }
    }

    @Test
    void missingBucketIsAPlainStoreErrorNotAMissingBlob() throws IOException {
        URI endpoint = fakeAnswering(404, "application/xml", s3Error("NoSuchBucket"));

        try (S3BlobStore store = S3BlobStore.createUnchecked(settings(endpoint))) {
            assertThatThrownBy(() -> store.open("blobs/x"))
                    .isExactlyInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("bucket");
        }
    }

    @Test
    void missingKeyAnswerMapsToNotFound() throws IOException {
        URI endpoint = fakeAnswering(404, "application/xml", s3Error("NoSuchKey"));

        try (S3BlobStore store = S3BlobStore.createUnchecked(settings(endpoint))) {
            assertThatThrownBy(() -> store.open("blobs/x")).isInstanceOf(BlobNotFoundException.class);
            assertThatCode(() -> store.delete("blobs/x")).as("deleting a missing key is fine")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void closedStoreRefusesWork() {
        S3BlobStore store = S3BlobStore.createUnchecked(settings(URI.create("http://127.0.0.1:9")));
        store.close();
        store.close();

        assertThatThrownBy(() -> store.open("a")).isInstanceOf(IllegalStateException.class);
    }
}
