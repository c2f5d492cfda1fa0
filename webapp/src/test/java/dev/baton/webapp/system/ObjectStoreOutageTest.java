package dev.baton.webapp.system;

import static dev.baton.webapp.system.OutageClient.JSON;
import static dev.baton.webapp.system.OutageClient.OBJECT_STORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.indexer.TestFiles;
import dev.baton.storage.EmbeddedS3Server;
import dev.baton.webapp.BatonApplication;
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
import java.util.Arrays;
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
 * The object store goes away for 30 s under a running Baton (issue 19, point 5, the object-store part), as {@link
 * DatabaseOutageTest} does with the database: a Baton of this test's own (its own data directory and PostgreSQL)
 * uses an S3 server of this test's own on a fixed port as its external store (the suite's shared store stays
 * undisturbed), while a bulk import runs and four clients search, list, download files and upload new ones.
 * Meanwhile uploads and downloads end with a 503 problem document with a Retry-After, searches and listings still
 * answer, health says DOWN, and nothing is a 500. The server is then started again on the same port and directory,
 * and without restarting Baton: the clients get answers again, the upload refused during the outage succeeds, the
 * import ends with every file and none failed, every text and thumbnail is made and indexed, and the store holds
 * exactly one original per version (what the refused writes left is swept), each served byte for byte.
 */
class ObjectStoreOutageTest {

    private static final String PASSWORD = "outage-admin-password";
    private static final String ACCESS_KEY = "outage-access";
    private static final String SECRET_KEY = "outage-secret-key-1";
    private static final String BUCKET = "outage-bucket";
    private static final int IMPORTED = 40;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final List<String> CLIENTS = List.of("search", "list", "download", "upload");

    @TempDir
    Path dataDir;

    @TempDir
    Path s3Dir;

    /** Every file this test sent, by its name (each has a name of its own): what Baton must serve back. */
    private final Map<String, byte[]> sent = new ConcurrentHashMap<>();

    /** The files of the assets the clients download, by the asset's id. */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    private volatile EmbeddedS3Server s3;

    @Test
    void anObjectStoreOutageAnswers503AndEverythingResumesWhenItReturns() throws Exception {
        int s3Port = OutageClient.freePort();
        s3 = EmbeddedS3Server.start(s3Dir, ACCESS_KEY, SECRET_KEY, s3Port);
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS.size());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                ConfigurableApplicationContext app = new SpringApplicationBuilder(BatonApplication.class).run(
                        "--server.port=0",
                        "--baton.data-dir=" + dataDir,
                        "--baton.admin-password=" + PASSWORD,
                        "--baton.demo.enabled=false",
                        "--baton.db.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                        "--baton.db.user=postgres",
                        "--baton.s3.endpoint=http://127.0.0.1:" + s3Port,
                        "--baton.s3.access-key=" + ACCESS_KEY,
                        "--baton.s3.secret-key=" + SECRET_KEY,
                        "--baton.s3.bucket=" + BUCKET,
                        // a store that is away is told within seconds, not after a minute's read timeout
                        "--baton.s3.connect-timeout=1s",
                        "--baton.s3.read-timeout=5s",
                        "--baton.s3.write-timeout=5s",
                        "--baton.extraction.poll=500ms",
                        // what writes refused during the outage leave in the store goes within seconds
                        "--baton.blob-sweep.interval=2s",
                        "--baton.blob-sweep.grace=10s",
                        "--baton.blob-sweep.multipart-grace=10s")) {
            OutageClient baton = OutageClient.of(app, PASSWORD);
            HttpResponse<String> first = baton.send(upload(baton, "before.pdf"));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            List<String> served = new CopyOnWriteArrayList<>(List.of(id(first, "before.pdf")));

            // a bulk import runs, and four clients search, list, download and upload, while the store goes away
            HttpResponse<String> queued = baton.send(baton.startImport("outage.zip", zip()));
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            String importId = JSON.readTree(queued.body()).get("id").asString();
            AtomicBoolean loading = new AtomicBoolean(true);
            Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
            List<String> leaks = new CopyOnWriteArrayList<>();
            AtomicInteger uploaded = new AtomicInteger();
            List<Future<?>> clients = new ArrayList<>();
            for (String kind : CLIENTS) {
                Map<Integer, AtomicInteger> counts = statuses.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
                clients.add(load.submit(() -> {
                    for (int n = 0; loading.get(); n++) {
                        int status = switch (kind) {
                            case "search" -> answered(baton.send(baton.get("/api/v1/search?q=tamarind")), leaks);
                            case "list" -> answered(baton.send(baton.get("/api/v1/assets?size=20")), leaks);
                            case "download" -> downloaded(baton, served.get(n % served.size()), leaks);
                            default -> {
                                HttpResponse<String> answer = baton.send(upload(baton, "load-" + n + ".pdf"));
                                if (answer.statusCode() == 201) {
                                    uploaded.incrementAndGet();
                                    served.add(id(answer, "load-" + n + ".pdf"));
                                } else if (!OutageClient.isUnavailable(answer, OBJECT_STORE)) {
                                    leaks.add("upload: " + answer.statusCode() + " " + answer.body());
                                }
                                Thread.sleep(100);
                                yield answer.statusCode();
                            }
                        };
                        counts.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            int processed = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> importStatus(baton, importId).get("processed").asInt(), p -> p > 0);
            assertThat(processed).as("files imported when the store goes away").isLessThan(IMPORTED);

            s3.close();
            Instant stopped = Instant.now();
            Map<String, Map<Integer, Integer>> atStop = snapshot(statuses);
            try {
                HttpResponse<String> refused = baton.send(upload(baton, "during.pdf"));
                assertThat(OutageClient.isUnavailable(refused, OBJECT_STORE)).as(refused.body()).isTrue();
                HttpResponse<byte[]> download = baton.sendForBytes(baton.get("/api/v1/assets/" + served.getFirst()
                        + "/file"));
                assertThat(OutageClient.isUnavailable(download, new String(download.body(), StandardCharsets.UTF_8),
                        OBJECT_STORE)).as(new String(download.body(), StandardCharsets.UTF_8)).isTrue();
                assertThat(baton.send(baton.get("/api/v1/search?q=tamarind")).statusCode()).isEqualTo(200);
                HttpResponse<String> health = baton.send(baton.anonymous("/actuator/health"));
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("DOWN");

                // 30 s away, every client asking all along: searches and listings answered, the rest refused
                await().atMost(OUTAGE.multipliedBy(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                        Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0
                                && more(statuses, atStop, "search", 200) && more(statuses, atStop, "list", 200)
                                && more(statuses, atStop, "download", 503) && more(statuses, atStop, "upload", 503));
                assertThat(baton.health()).isEqualTo(503);
                JsonNode waiting = importStatus(baton, importId);
                assertThat(waiting.get("status").asString()).isEqualTo("RUNNING");
                assertThat(waiting.get("processed").asInt()).isLessThan(IMPORTED);
                assertThat(waiting.get("failed").asInt()).as(waiting.toString()).isZero();
            } finally {
                s3 = EmbeddedS3Server.start(s3Dir, ACCESS_KEY, SECRET_KEY, s3Port);
            }

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                    .until(() -> baton.health() == 200);
            // the clients that kept asking get their files and store new ones again, on the same Baton
            Map<String, Map<Integer, Integer>> atReturn = snapshot(statuses);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() ->
                    more(statuses, atReturn, "download", 200) && more(statuses, atReturn, "upload", 201)
                            && more(statuses, atReturn, "search", 200) && more(statuses, atReturn, "list", 200));
            loading.set(false);
            for (Future<?> each : clients) {
                each.get();
            }
            assertThat(leaks).as("answers other than 2xx or the object store's 503 problem").isEmpty();
            assertThat(statuses.get("search").keySet()).containsOnly(200);
            assertThat(statuses.get("list").keySet()).containsOnly(200);
            assertThat(statuses.get("download").keySet()).containsOnly(200, 503);
            assertThat(statuses.get("upload").keySet()).containsOnly(201, 503);

            // the upload refused during the outage succeeds now
            HttpResponse<String> retried = baton.send(upload(baton, "during.pdf"));
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
            // the import resumed by itself and ended with every file, none failed for the store's absence
            JsonNode done = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> importStatus(baton, importId), job -> job.get("status").asString().equals("DONE"));
            assertThat(done.get("imported").asInt()).as(done.toString()).isEqualTo(IMPORTED);
            assertThat(done.get("failed").asInt()).as(done.toString()).isZero();

            // every text and thumbnail made, and the index equal to the database
            int total = IMPORTED + 2 + uploaded.get();
            List<JsonNode> assets = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> assets(baton), all -> all.size() == total && all.stream().allMatch(a ->
                            a.get("extractionStatus").asString().equals("DONE")
                                    && a.get("thumbnailStatus").asString().equals("DONE")));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(baton.json(baton.get("/api/v1/search?scope=all&q=tamarind&size=50")).get("total")
                        .asInt()).isEqualTo(IMPORTED);
                assertThat(baton.indexDifferences()).isZero();
            });
            // one original per version in the store (what refused writes left is swept), each served as it was sent
            assertThat(assets).allSatisfy(asset -> assertThat(asset.get("version").asInt()).isOne());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> originals() == total);
            for (JsonNode asset : assets) {
                HttpResponse<byte[]> file = baton.sendForBytes(baton.get("/api/v1/assets/"
                        + asset.get("id").asString() + "/file"));
                assertThat(file.statusCode()).isEqualTo(200);
                assertThat(file.body()).as(asset.get("fileName").asString())
                        .isEqualTo(sent.get(asset.get("fileName").asString()));
            }
        } finally {
            load.shutdownNow();
            s3.close();
        }
    }

    /** A search's or a listing's answer: only a 200 is right, the store being away or not. */
    private static int answered(HttpResponse<String> answer, List<String> leaks) {
        if (answer.statusCode() != 200) {
            leaks.add(answer.statusCode() + " " + answer.body());
        }
        return answer.statusCode();
    }

    /** A file's download: its bytes as sent, or the store's 503 problem. */
    private int downloaded(OutageClient baton, String assetId, List<String> leaks)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = baton.sendForBytes(baton.get("/api/v1/assets/" + assetId + "/file"));
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        if (answer.statusCode() == 200) {
            if (!Arrays.equals(answer.body(), files.get(assetId))) {
                leaks.add("download of " + assetId + ": not the bytes sent");
            }
        } else if (!OutageClient.isUnavailable(answer, text, OBJECT_STORE)) {
            leaks.add("download: " + answer.statusCode() + " " + text);
        }
        return answer.statusCode();
    }

    /** The new asset's id, its file remembered for the downloads. */
    private String id(HttpResponse<String> created, String name) {
        String id = JSON.readTree(created.body()).get("id").asString();
        files.put(id, sent.get(name));
        return id;
    }

    private static JsonNode importStatus(OutageClient baton, String importId)
            throws IOException, InterruptedException {
        return baton.json(baton.get("/api/v1/imports/" + importId));
    }

    /** Every asset of this Baton's library (its own database: no other test's). */
    private static List<JsonNode> assets(OutageClient baton) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode items = baton.json(baton.get("/api/v1/assets?size=100&page=" + page)).get("items");
            items.valueStream().forEach(all::add);
            if (items.size() < 100) {
                return all;
            }
        }
    }

    private long originals() throws IOException {
        try (var files = Files.walk(s3Dir.resolve(BUCKET))) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/originals/")).count();
        }
    }

    private static Map<String, Map<Integer, Integer>> snapshot(Map<String, Map<Integer, AtomicInteger>> statuses) {
        Map<String, Map<Integer, Integer>> copy = new ConcurrentHashMap<>();
        statuses.forEach((kind, counts) -> copy.put(kind, OutageClient.snapshot(counts)));
        return copy;
    }

    /** Whether the client of {@code kind} had more answers of {@code status} than at {@code then}. */
    private static boolean more(Map<String, Map<Integer, AtomicInteger>> statuses,
            Map<String, Map<Integer, Integer>> then, String kind, int status) {
        return OutageClient.count(statuses.get(kind), status) > then.get(kind).getOrDefault(status, 0);
    }

    /** A PDF of its own (a thumbnail, a text) for an upload, remembered to compare with what is served. */
    private HttpRequest upload(OutageClient baton, String name) {
        byte[] pdf = sent.computeIfAbsent(name, n -> TestFiles.pdf(n, "Outage tests",
                List.of("Uploaded file " + n + " about quince.")));
        return baton.upload(name, "application/pdf", pdf);
    }

    private byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 1; i <= IMPORTED; i++) {
                String name = String.format("note-%02d.pdf", i);
                byte[] pdf = TestFiles.pdf(name, "Outage tests",
                        List.of("Imported note " + i + " about tamarind, number " + (7000 + i) + "."));
                sent.put(name, pdf);
                out.putNextEntry(new ZipEntry("outage/" + name));
                out.write(pdf);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
