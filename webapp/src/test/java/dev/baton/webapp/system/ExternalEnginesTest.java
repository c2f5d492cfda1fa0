package dev.baton.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStore;
import dev.baton.storage.EmbeddedS3Server;
import dev.baton.storage.PutResult;
import dev.baton.storage.S3BlobStore;
import dev.baton.storage.S3Settings;
import dev.baton.webapp.BatonApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With the database and the object store configured, Baton starts neither of its embedded engines and uses the
 * configured ones: a PostgreSQL and an S3 server this test starts by itself, each in its own process or server.
 */
class ExternalEnginesTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path s3Dir;

    @Test
    void configuredEnginesAreUsedAndNothingEmbeddedStarts() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create user baton_ext with password 'ext-db-secret'");
                s.execute("create database baton_ext owner baton_ext");
            }
            EmbeddedS3Server s3 = EmbeddedS3Server.start(s3Dir, "external-access", "external-secret-key-1", 0);
            URI endpoint = s3.endpoint();
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BatonApplication.class).run(
                    "--server.port=0",
                    "--baton.data-dir=" + dataDir,
                    "--baton.admin-password=external-admin-pw",
                    "--baton.db.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/baton_ext",
                    "--baton.db.user=baton_ext",
                    "--baton.db.password=ext-db-secret",
                    "--baton.s3.endpoint=" + endpoint,
                    "--baton.s3.access-key=external-access",
                    "--baton.s3.secret-key=external-secret-key-1",
                    "--baton.s3.bucket=external-bucket",
                    "--baton.s3.connect-timeout=1s",
                    "--baton.s3.read-timeout=2s")) {

                // nothing embedded under the data directory
                try (var entries = Files.list(dataDir)) {
                    assertThat(entries.map(p -> p.getFileName().toString()).toList())
                            .doesNotContain("postgres", "objects", "pg-binaries", "s3-credentials.properties");
                }

                // the schema and the first admin live in the external database
                try (Connection c = postgres.getDatabase("baton_ext", "baton_ext").getConnection();
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select username, role from account")) {
                    List<String> accounts = new ArrayList<>();
                    while (rs.next()) {
                        accounts.add(rs.getString(1) + ":" + rs.getString(2));
                    }
                    assertThat(accounts).containsExactly("admin:ADMIN");
                }

                // blobs land in the external bucket
                PutResult put = app.getBean(BlobStore.class).put(BlobKeys.unique(),
                        new ByteArrayInputStream("external bytes".getBytes(StandardCharsets.UTF_8)), 14);
                try (BlobStore direct = S3BlobStore.create(new S3Settings(endpoint, "us-east-1", "external-access",
                        "external-secret-key-1", "external-bucket", Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 16L * 1024 * 1024))) {
                    try (var in = direct.open(put.key())) {
                        assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("external bytes");
                    }
                }

                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                        .responseTimeout(Duration.ofSeconds(30)).build();
                http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.status").isEqualTo("UP");

                // an upload is stored there, its text extracted into the bucket, and found by search
                String admin = "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("admin:external-admin-pw".getBytes(StandardCharsets.UTF_8));
                http.post().uri(uri -> uri.path("/api/v1/assets").queryParam("fileName", "external.txt")
                                .queryParam("metadata", "{metadata}").build("{\"status\":\"published\"}"))
                        .header("Authorization", admin)
                        .contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
                        .bodyValue("Quarterly heliotrope rollout notes for external engines.".getBytes(
                                StandardCharsets.UTF_8))
                        .exchange().expectStatus().isCreated();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> http.get().uri("/api/v1/search?q=heliotrope")
                                .header("Authorization", admin).exchange().expectStatus().isOk()
                                .expectBody().jsonPath("$.total").isEqualTo(1)
                                .jsonPath("$.hits[0].snippetHtml").value(snippet ->
                                        assertThat((String) snippet).contains("<mark>heliotrope</mark>")));

                // the object store goes away: DOWN, 503
                s3.close();
                http.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503)
                        .expectBody().jsonPath("$.status").isEqualTo("DOWN");

                // it comes back on the same address: UP again
                s3 = EmbeddedS3Server.start(s3Dir, "external-access", "external-secret-key-1", endpoint.getPort());
                http.get().uri("/actuator/health").exchange().expectStatus().isOk();

                // the database goes away: DOWN, 503
                postgres.close();
                http.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503)
                        .expectBody().jsonPath("$.status").isEqualTo("DOWN");
            } finally {
                s3.close();
            }
        }
    }
}
