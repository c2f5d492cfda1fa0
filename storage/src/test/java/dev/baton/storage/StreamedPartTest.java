package dev.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamedPart} against an HTTP server that answers as a store would, or would not: the part is stored only
 * when the server takes exactly the declared bytes and answers with their MD5 as ETag; every other outcome leaves the
 * bytes read in the buffer for sending them again. (The S3 side is covered by {@code S3BlobStoreContractTest}.)
 */
class StreamedPartTest {

    private static final int SIZE = 300_000;

    private HttpServer server;
    private final AtomicReference<byte[]> received = new AtomicReference<>();
    private volatile Function<byte[], String> etag = StreamedPartTest::md5;
    private volatile int status = 200;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try {
                body = exchange.getRequestBody().readAllBytes();
            } catch (IOException e) {
                return; // the client gave up mid-body
            }
            received.set(body);
            if (status == 200) {
                exchange.getResponseHeaders().add("ETag", "\"" + etag.apply(body) + "\"");
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/bucket/key?partNumber=1&uploadId=u";
    }

    @Test
    void sendsWhatTheBufferHoldsThenTheStreamAndIsStoredWhenTheETagIsTheMd5() throws IOException {
        byte[] content = content(SIZE + 10);
        PartBuffer buffer = new PartBuffer(SIZE);
        InputStream in = new ByteArrayInputStream(content);
        assertThat(buffer.next(in)).isTrue(); // one byte read ahead, as between parts

        StreamedPart part = StreamedPart.send(http, url(), in, buffer, SIZE, true);

        assertThat(part.outcome()).isEqualTo(StreamedPart.Outcome.STORED);
        assertThat(received.get()).isEqualTo(Arrays.copyOf(content, SIZE));
        assertThat(part.etag()).isEqualTo(md5(received.get()));
        assertThat(buffer.filled()).isEqualTo(SIZE);
        assertThat(Arrays.copyOf(buffer.bytes(), SIZE)).isEqualTo(received.get());
        assertThat(in.available()).as("nothing read past the part").isEqualTo(10);
    }

    @Test
    void aStreamEndingBeforeThePartsEndIsNotStoredAndLeavesItsBytesInTheBuffer() throws IOException {
        byte[] content = content(SIZE - 1000);
        PartBuffer buffer = new PartBuffer(SIZE);

        StreamedPart part = StreamedPart.send(http, url(), new ByteArrayInputStream(content), buffer, SIZE, true);

        assertThat(part.outcome()).isEqualTo(StreamedPart.Outcome.ENDED_EARLY);
        assertThat(part.etag()).isNull();
        assertThat(buffer.ended()).isTrue();
        assertThat(Arrays.copyOf(buffer.bytes(), buffer.filled())).isEqualTo(content);
    }

    @Test
    void anETagThatIsNotTheMd5OfTheBytesSentIsAMismatch() throws IOException {
        etag = body -> "0123456789abcdef0123456789abcdef";
        PartBuffer buffer = new PartBuffer(SIZE);

        StreamedPart part = StreamedPart.send(http, url(), new ByteArrayInputStream(content(SIZE)), buffer, SIZE, true);

        assertThat(part.outcome()).isEqualTo(StreamedPart.Outcome.ETAG_MISMATCH);
        assertThat(part.etag()).isNull();
        assertThat(part.problem()).contains("0123456789abcdef0123456789abcdef");
        assertThat(buffer.filled()).as("the part is held for sending it again").isEqualTo(SIZE);
    }

    @Test
    void anETagIsTakenAsItIsWhenNotAskedToCheckIt() throws IOException {
        etag = body -> "0123456789abcdef0123456789abcdef";
        PartBuffer buffer = new PartBuffer(SIZE);

        StreamedPart part = StreamedPart.send(http, url(), new ByteArrayInputStream(content(SIZE)), buffer, SIZE,
                false);

        assertThat(part.outcome()).isEqualTo(StreamedPart.Outcome.STORED);
        assertThat(part.etag()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void aRefusalIsNotTakenAndSaysTheStatus() throws IOException {
        status = 403;
        PartBuffer buffer = new PartBuffer(SIZE);

        StreamedPart part = StreamedPart.send(http, url(), new ByteArrayInputStream(content(SIZE)), buffer, SIZE, true);

        assertThat(part.outcome()).isEqualTo(StreamedPart.Outcome.NOT_TAKEN);
        assertThat(part.status()).isEqualTo(403);
        assertThat(part.problem()).startsWith("HTTP 403");
    }

    @Test
    void aFailingSourceIsThrownAsTheCallersFailure() {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(content(1000)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });

        assertThatThrownBy(() -> StreamedPart.send(http, url(), failing, new PartBuffer(SIZE), SIZE, true))
                .isInstanceOf(IOException.class)
                .hasMessage("client went away");
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
