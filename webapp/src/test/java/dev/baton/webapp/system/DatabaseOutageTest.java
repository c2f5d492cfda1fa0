package dev.baton.webapp.system;

import static dev.baton.webapp.system.OutageClient.DATABASE;
import static dev.baton.webapp.system.OutageClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.webapp.BatonApplication;
import dev.baton.webapp.system.OutageClient.PageSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The database goes away for 30 s under a running Baton (issue 19, point 5, the database part), on a PostgreSQL of
 * this test's own (the suite's shared one stays undisturbed), while a bulk import runs and four clients search and
 * list: every answer meanwhile is a 503 problem document (or the 503 page) with a Retry-After, never a 500 or a stack
 * trace, and health says DOWN. PostgreSQL is then started again on the same address, and without restarting Baton:
 * the same clients get answers again, the upload refused during the outage succeeds, the import ends with every file,
 * every text is extracted and indexed, and the store holds exactly one original per asset (what the refused writes
 * left is swept).
 */
class DatabaseOutageTest {

    private static final String PASSWORD = "outage-admin-password";
    private static final int IMPORTED = 40;
    private static final int CLIENTS = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @TempDir
    Path pgDir;

    @Test
    void aDatabaseOutageAnswers503AndEverythingResumesWhenItReturns() throws Exception {
        int pgPort = OutageClient.freePort();
        EmbeddedPostgres postgres = startPostgres(pgPort);
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BatonApplication.class).run(
                "--server.port=0",
                "--baton.data-dir=" + dataDir,
                "--baton.admin-password=" + PASSWORD,
                "--baton.demo.enabled=false",
                "--baton.db.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "--baton.db.user=postgres",
                "--baton.extraction.poll=500ms",
                // what writes refused during the outage leave in the store goes within seconds, not an hour
                "--baton.blob-sweep.interval=2s",
                "--baton.blob-sweep.grace=10s")) {
            OutageClient baton = OutageClient.of(app, PASSWORD);
            PageSession page = PageSession.signIn(baton.base(), "admin", PASSWORD);
            assertThat(baton.send(upload(baton, "before.txt", "Written before the outage: quillwort.")).statusCode())
                    .isEqualTo(201);

            // a bulk import runs, and four clients search and list, while the database goes away
            HttpResponse<String> queued = baton.send(baton.startImport("outage.zip", zip()));
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            String importId = JSON.readTree(queued.body()).get("id").asString();
            AtomicBoolean loading = new AtomicBoolean(true);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<String> leaks = new CopyOnWriteArrayList<>();
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String path = i % 2 == 0 ? "/api/v1/search?q=tamarind" : "/api/v1/assets?size=20";
                clients.add(load.submit(() -> {
                    while (loading.get()) {
                        HttpResponse<String> answer = baton.send(baton.get(path));
                        statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() != 200 && !OutageClient.isUnavailable(answer, DATABASE)) {
                            leaks.add(answer.statusCode() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> baton.json(baton.get("/api/v1/imports/" + importId)).get("processed").asInt() > 0);

            postgres.close();
            Instant stopped = Instant.now();
            try {
                HttpResponse<String> refused =
                        baton.send(upload(baton, "during.txt", "Written during the outage: bergamot."));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(OutageClient.isUnavailable(refused, DATABASE)).as(refused.body()).isTrue();

                HttpResponse<String> library = page.get("/library");
                assertThat(library.statusCode()).isEqualTo(503);
                assertThat(library.headers().firstValue("Retry-After")).hasValue("30");
                assertThat(library.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/html"));
                assertThat(library.body()).doesNotContain("Exception", "R2dbc", "127.0.0.1:" + pgPort);

                assertThat(baton.health()).isEqualTo(503);
                await().atMost(OUTAGE.multipliedBy(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                        Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0
                                && OutageClient.count(statuses, 503) >= CLIENTS);
            } finally {
                postgres = startPostgres(pgPort);
            }

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                    .until(() -> baton.health() == 200);
            // the clients that kept asking get answers again, on the same Baton
            Map<Integer, Integer> before = OutageClient.snapshot(statuses);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() ->
                    OutageClient.count(statuses, 200) >= before.getOrDefault(200, 0) + 10 * CLIENTS);
            loading.set(false);
            for (Future<?> each : clients) {
                each.get();
            }
            assertThat(leaks).as("answers other than 200 or the database's 503 problem").isEmpty();
            assertThat(statuses.keySet()).containsOnly(200, 503);
            // and a burst of them all succeeds
            List<Future<Integer>> burst = new ArrayList<>();
            for (int i = 0; i < CLIENTS * 10; i++) {
                String path = i % 2 == 0 ? "/api/v1/search?q=tamarind" : "/api/v1/assets?size=20";
                burst.add(load.submit(() -> baton.send(baton.get(path)).statusCode()));
            }
            for (Future<Integer> each : burst) {
                assertThat(each.get()).isEqualTo(200);
            }
            assertThat(page.get("/library").statusCode()).isEqualTo(200);

            // the upload refused during the outage succeeds now
            assertThat(baton.send(upload(baton, "during.txt", "Written during the outage: bergamot.")).statusCode())
                    .isEqualTo(201);
            // the import resumed by itself and ended with every file
            JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> baton.json(baton.get("/api/v1/imports/" + importId)),
                            job -> job.get("status").asString().equals("DONE"));
            assertThat(done.get("imported").asInt() + done.get("skipped").asInt()).isEqualTo(IMPORTED);
            assertThat(done.get("failed").asInt()).isZero();

            // text extraction and the index feed resumed: every text extracted and found
            int total = IMPORTED + 2;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JsonNode items = baton.json(baton.get("/api/v1/assets?size=100")).get("items");
                return items.size() == total && items.valueStream()
                        .allMatch(a -> a.get("extractionStatus").asString().equals("DONE"));
            });
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(baton.json(baton.get("/api/v1/search?scope=all&q=tamarind&size=50")).get("total").asInt())
                        .isEqualTo(IMPORTED);
                assertThat(baton.json(baton.get("/api/v1/search?scope=all&q=bergamot")).get("total").asInt())
                        .isOne();
                assertThat(baton.indexDifferences()).isZero();
            });
            // nothing half-written: one original per asset in the store, each served
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> originals() == total);
            for (JsonNode asset : baton.json(baton.get("/api/v1/assets?size=100")).get("items")) {
                assertThat(baton.send(baton.get("/api/v1/assets/" + asset.get("id").asString() + "/file"))
                        .statusCode()).isEqualTo(200);
            }
        } finally {
            load.shutdownNow();
            postgres.close();
        }
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private long originals() throws IOException {
        try (var files = Files.walk(dataDir.resolve("objects"))) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/originals/")).count();
        }
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 1; i <= IMPORTED; i++) {
                out.putNextEntry(new ZipEntry(String.format("outage/note-%02d.txt", i)));
                out.write(("Imported note " + i + " about tamarind, number " + (7000 + i) + ".")
                        .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static HttpRequest upload(OutageClient baton, String name, String text) {
        return baton.upload(name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }
}
