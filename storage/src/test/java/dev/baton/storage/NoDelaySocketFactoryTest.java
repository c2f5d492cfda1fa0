package dev.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The S3 client's sockets send small writes at once instead of waiting for the previous one's acknowledgement. */
class NoDelaySocketFactoryTest {

    @Test
    void everySocketHasNaglesAlgorithmOff() throws Exception {
        NoDelaySocketFactory factory = new NoDelaySocketFactory();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Socket unconnected = factory.createSocket();
                Socket byName = factory.createSocket("127.0.0.1", server.getLocalPort());
                Socket byAddress = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(unconnected.getTcpNoDelay()).isTrue();
            assertThat(byName.getTcpNoDelay()).isTrue();
            assertThat(byName.isConnected()).isTrue();
            assertThat(byAddress.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void theS3ClientsHttpClientUsesIt() {
        S3Settings settings = S3Settings.of(java.net.URI.create("http://127.0.0.1:9"), "access", "secret-key", "baton");
        try (S3Client client = new S3Client(settings)) {
            assertThat(client.http().socketFactory()).isInstanceOf(NoDelaySocketFactory.class);
        }
    }
}
