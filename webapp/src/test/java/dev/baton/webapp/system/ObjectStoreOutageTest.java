package dev.baton.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.storage.EmbeddedS3Server;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The object store goes away while Baton serves (issue 19, point 5, the object-store part): an upload then ends with
 * a clear 503 problem document and stores nothing, searches go on, health says DOWN; when the store is back on its
 * address, the same upload succeeds and its file is served, without restarting Baton.
 */
class ObjectStoreOutageTest extends BatonTest {

    @Autowired
    StorageConfiguration.ObjectStoreServer store;

    @Autowired
    DataDirectory dataDirectory;

    @Test
    void anUploadWhileTheStoreIsAwayIsA503AndSucceedsOnceItIsBack() {
        users.user("outage-marketer", "MARKETER");
        String marketer = basic("outage-marketer", TestUsers.PASSWORD);
        byte[] file = "Outage notes: the store went away and came back.\n".getBytes(StandardCharsets.UTF_8);
        int port = store.endpoint().getPort();

        store.embedded().close();
        EmbeddedS3Server restarted = null;
        try {
            EntityExchangeResult<String> refused = upload(marketer, file);
            assertThat(refused.getStatus().value()).isEqualTo(503);
            assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("30");
            assertThat(refused.getResponseBody()).contains("The object store does not answer")
                    .doesNotContain("Exception", "127.0.0.1");
            http.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503);
            http.get().uri("/api/v1/search?q=outage").header("Authorization", marketer).exchange()
                    .expectStatus().isOk();
        } finally {
            restarted = EmbeddedS3Server.start(dataDirectory.directory("objects"), store.accessKey(),
                    store.secretKey(), port);
            Runtime.getRuntime().addShutdownHook(new Thread(restarted::close));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health").exchange().expectStatus().isOk());
        EntityExchangeResult<String> stored = upload(marketer, file);
        assertThat(stored.getStatus().value()).as(stored.getResponseBody()).isEqualTo(201);
        String location = stored.getResponseHeaders().getLocation().getPath();
        byte[] served = http.get().uri(location + "/file").header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(served).isEqualTo(file);
    }

    private EntityExchangeResult<String> upload(String authorization, byte[] file) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "outage-notes.txt";
            }
        }).contentType(MediaType.TEXT_PLAIN);
        return http.post().uri("/api/v1/assets").header("Authorization", authorization)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(form.build()))
                .exchange().expectBody(String.class).returnResult();
    }
}
