package dev.baton.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash soak: the packaged {@code baton.jar} is killed with {@code kill -9} twenty times during a bulk import and
 * uploads, and started again each time, as an operator would. The moments are random, and some are chosen so that at
 * least one kill lands while a file's text is being extracted and one while a thumbnail or page image is being drawn
 * (seen in the database before the kill). At the end: every file is stored once, every asset's file is served, every
 * extraction ended with text (none given up), and the index check finds nothing missing, stale or extra.
 */
class CrashSoakIT {

    private static final int KILLS = 20;
    private static final int IMPORTED = 24;
    private static final String PASSWORD = "soak-admin-password";
    /** Drawing operations on a slow upload's page: about half a second to draw (and to parse). */
    private static final int SLOW_OPERATIONS = 200_000;
    /**
     * Whether the JDK running the soak (and so Baton) makes and reads AOT caches in one step ({@code
     * -XX:AOTCacheOutput}, JDK 25). Baton runs on 21 and later; on an earlier JDK the restarts start without one.
     */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final List<Process> started = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Random random = new Random(Long.getLong("soak.seed", System.nanoTime()));

    @AfterEach
    void stopAll() throws Exception {
        for (Process process : started) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        // the extracted application and its cache are beside the data directory, out of JUnit's cleaning
        org.springframework.util.FileSystemUtils.deleteRecursively(appDir());
        Files.deleteIfExists(aotCache());
    }

    @Test
    void twentyKillsDuringAnImportAndUploadsLoseNoFileAndNoText() throws Exception {
        int port = freePort();
        Map<String, String> expected = new TreeMap<>();
        Path zip = dataDir.resolveSibling(dataDir.getFileName() + "-soak.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 1; i <= IMPORTED; i++) {
                String words = "Soak customer " + i + " saved " + (1000 + i) + " hours.";
                byte[] bytes;
                String name;
                if (i % 6 == 0) {
                    bytes = dev.baton.indexer.TestFiles.pptx("Soak deck " + i, "Author " + i, List.of(words, "Slide two of " + i));
                    name = String.format("soak/deck-%02d.pptx", i);
                } else if (i % 6 == 3) {
                    bytes = dev.baton.indexer.TestFiles.docx("Soak brief " + i, "Author " + i, 2, List.of(words, "Part two of " + i));
                    name = String.format("soak/brief-%02d.docx", i);
                } else {
                    bytes = dev.baton.indexer.TestFiles.pdf("Soak study " + i, "Author " + i, List.of(words, "Page two of " + i));
                    name = String.format("soak/study-%02d.pdf", i);
                }
                out.putNextEntry(new ZipEntry(name));
                out.write(bytes);
                out.closeEntry();
                expected.put(sha256(bytes), name);
            }
        }

        // the training start: the first Baton on this data directory, stopped gracefully, leaves the AOT cache that
        // makes the twenty restarts fast (their classes loaded and linked from it, not read from the jars again)
        extractApp();
        Process server = start(port, 0, Map.of("BATON_ADMIN_PASSWORD", PASSWORD), true);
        // the first start also makes the database, migrates it and records the cache
        awaitUp(port, Duration.ofMinutes(5));
        String token = JSON.readTree(post(port, "/api/v1/tokens", "{\"username\":\"admin\",\"name\":\"soak\"}")
                .body()).get("secret").asString();
        server.destroy();
        assertThat(server.waitFor(10, TimeUnit.MINUTES)).isTrue();
        started.remove(server);
        System.out.println("Soak: AOT cache " + (Files.exists(aotCache()) ? Files.size(aotCache()) + " bytes"
                : AOT_CACHE ? "not made; the restarts start without it"
                : "not made on JDK " + Runtime.version().feature() + "; the restarts start without it"));
        server = start(port, 1, Map.of());
        awaitUp(port);
        Process cli = new ProcessBuilder(java(), "-jar", jar(), "import", zip.toString(),
                "--url", "http://127.0.0.1:" + port, "--token", token)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-soak-cli.log").toFile())
                .start();
        started.add(cli);
        String importId = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> json(get(port, "/api/v1/imports")), jobs -> !jobs.isEmpty())
                .get(0).get("id").asString();

        Map<String, byte[]> uploads = new LinkedHashMap<>();
        Set<String> confirmed = new HashSet<>();
        Map<String, Integer> moments = new TreeMap<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            if (kill > 1) {
                server = start(port, kill, Map.of());
                awaitUp(port);
            }
            String name = "upload-" + kill + ".pdf";
            // before a kill that waits for a thumbnail being drawn, the upload is a page of many drawing operations
            // (as many as no other upload has): its thumbnail takes a moment to draw, so the kill lands while it is
            // drawn, not just after
            byte[] bytes = kill % 4 == 2 ? dev.baton.indexer.TestFiles.slowPdf(1, SLOW_OPERATIONS + kill)
                    : dev.baton.indexer.TestFiles.pdf("Soak upload " + kill, "Uploader",
                            List.of("Uploaded file " + kill + " of the soak, " + (5000 + kill) + " words."));
            uploads.put(name, bytes);
            expected.put(sha256(bytes), name);
            CompletableFuture<HttpResponse<String>> upload = client.sendAsync(upload(port, name, bytes),
                    HttpResponse.BodyHandlers.ofString());
            upload.thenAccept(response -> {
                if (response.statusCode() == 201) {
                    synchronized (confirmed) {
                        confirmed.add(name);
                    }
                }
            });
            String moment = awaitMoment(kill);
            moments.merge(moment, 1, Integer::sum);
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            started.remove(server);
            upload.handle((response, error) -> null).get(30, TimeUnit.SECONDS);
        }
        cli.waitFor(60, TimeUnit.SECONDS);
        System.out.println("Soak: kills by moment " + moments);
        assertThat(moments).as("kills while text was extracted, while a thumbnail was drawn and mid-commit")
                .containsKeys("extracting", "thumbnail", "index-commit");

        // the last start sweeps what killed uploads left in the store (no grace period), before anything new comes
        Path lastLog = log(KILLS + 1);
        server = start(port, KILLS + 1, Map.of("BATON_BLOB_SWEEP_GRACE", "0s",
                "BATON_BLOB_SWEEP_MULTIPART_GRACE", "0s"));
        awaitUp(port);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.readString(lastLog).contains("Swept orphaned uploads"));
        // an upload whose answer the kill cut off is sent again, as its sender would: stored once either way
        for (Map.Entry<String, byte[]> upload : uploads.entrySet()) {
            if (!confirmed.contains(upload.getKey())) {
                int status = client.send(upload(port, upload.getKey(), upload.getValue()),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
                assertThat(status).as("resent " + upload.getKey()).isIn(201, 409);
            }
        }

        tools.jackson.databind.JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> json(get(port, "/api/v1/imports/" + importId)),
                        job -> job.get("status").asString().equals("DONE"));
        assertThat(done.get("imported").asInt() + done.get("skipped").asInt()).isEqualTo(IMPORTED);
        assertThat(done.get("failed").asInt()).isZero();

        int total = IMPORTED + KILLS;
        tools.jackson.databind.JsonNode items = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> json(get(port, "/api/v1/assets?size=100")).get("items"),
                        list -> list.size() == total && list.valueStream().noneMatch(a ->
                                a.get("extractionStatus").asString().equals("PENDING")
                                        || a.get("thumbnailStatus").asString().equals("PENDING")));
        Set<String> served = new HashSet<>();
        for (tools.jackson.databind.JsonNode asset : items) {
            assertThat(asset.get("extractionStatus").asString()).as("text of " + asset.get("fileName"))
                    .isEqualTo("DONE");
            HttpResponse<byte[]> file = client.send(request(port, "/api/v1/assets/" + asset.get("id").asString()
                    + "/file").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            String sha = sha256(file.body());
            assertThat(expected).containsKey(sha);
            served.add(sha);
        }
        assertThat(served).as("every file once").hasSize(total).isEqualTo(expected.keySet());
        try (var files = Files.walk(dataDir.resolve("objects"))) {
            assertThat(files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains("/originals/")).count())
                    .as("one original per asset in the store, nothing of the killed uploads").isEqualTo(total);
        }
        System.out.println("Soak: thumbnails given up after dying while drawing: " + items.valueStream()
                .filter(a -> a.get("thumbnailStatus").asString().equals("FAILED")).count());
        // kills landed while a thumbnail and while page images were being drawn, as Baton itself counted them: the
        // mark it commits before drawing was still set when the next start claimed the version (derived-work.md)
        try (Connection db = database(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select coalesce(sum(thumbnail_interruptions), 0), "
                        + "coalesce(sum(pages_interruptions), 0) from asset_version")) {
            assertThat(rows.next()).isTrue();
            System.out.println("Soak: deaths counted while drawing: thumbnails " + rows.getLong(1) + ", pages "
                    + rows.getLong(2));
            assertThat(rows.getLong(1)).as("kills while a thumbnail was being drawn").isPositive();
            assertThat(rows.getLong(2)).as("kills while page images were being drawn").isPositive();
        }

        tools.jackson.databind.JsonNode report = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> json(post(port, "/api/v1/search/index/check", "{}")),
                        check -> check.get("missing").asLong() == 0 && check.get("stale").asLong() == 0
                                && check.get("extra").asLong() == 0);
        assertThat(report.get("assets").asLong()).isEqualTo(total);
        assertThat(report.get("documents").asLong()).isEqualTo(total);
        assertThat(json(get(port, "/api/v1/search?scope=all&q=%22saved+1017+hours%22")).get("total").asLong())
                .isEqualTo(1);
        assertThat(json(get(port, "/api/v1/search?scope=all&q=%225011+words%22")).get("total").asLong())
                .isEqualTo(1);
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        started.remove(server);
    }

    /**
     * Waits for the moment of the {@code kill}th kill and names it: {@code random} (0 to 3 s after the start is up),
     * or, by turns, until the database shows a version whose text is being extracted ({@code extracting}) or whose
     * thumbnail is being drawn ({@link #awaitLongDrawing}; a thumbnail is drawn in far less time than a deck's pages,
     * so these kills aim at it: kills at the other moments land while pages are drawn often enough), or the index
     * directory shows a Lucene commit being written ({@code index-commit}: the forked Baton pauses 300 ms in every
     * commit after writing its pending segments file, so the kill lands inside it); when that does not come within
     * 15 s, {@code late}.
     */
    private String awaitMoment(int kill) throws Exception {
        int kind = kill % 4;
        if (kind == 0) {
            await().pollDelay(Duration.ofMillis(random.nextInt(3000))).until(() -> true);
            return "random";
        }
        if (kind == 3) {
            try {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(1)).until(this::committing);
                return "index-commit";
            } catch (ConditionTimeoutException e) {
                return "late";
            }
        }
        if (kind == 2) {
            return awaitLongDrawing();
        }
        String sql = "select count(*) from asset_version where claimed_by is not null "
                + "and extraction_status = 'PENDING' and not thumbnail_drawing";
        try (Connection db = database(); Statement statement = db.createStatement()) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5)).until(() -> {
                try (ResultSet rows = statement.executeQuery(sql)) {
                    return rows.next() && rows.getLong(1) > 0;
                }
            });
            return "extracting";
        } catch (ConditionTimeoutException e) {
            return "late";
        }
    }

    /**
     * Waits until the database shows the same claimed version's thumbnail being drawn for 100 ms ({@code
     * thumbnail}): most thumbnails are drawn in less time than a kill takes to land after it is seen, so only a longer
     * drawing (a slow upload's, a deck's) is one the kill surely interrupts; {@code late} when none comes within 45 s.
     */
    private String awaitLongDrawing() throws Exception {
        Map<String, Long> drawingSince = new java.util.HashMap<>();
        try (Connection db = database(); Statement statement = db.createStatement()) {
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(5)).until(() -> {
                long now = System.nanoTime();
                Set<String> drawing = new HashSet<>();
                // claimed: a mark that an earlier kill left stays set until the version is claimed again, and a
                // start lets go of what its node held, so only a claimed version is being drawn now
                try (ResultSet rows = statement.executeQuery("select asset_id::text || '/' || version "
                        + "from asset_version where thumbnail_drawing and claimed_by is not null")) {
                    while (rows.next()) {
                        drawing.add(rows.getString(1));
                    }
                }
                drawingSince.keySet().retainAll(drawing);
                drawing.forEach(version -> drawingSince.putIfAbsent(version, now));
                return drawingSince.values().stream()
                        .anyMatch(since -> now - since >= TimeUnit.MILLISECONDS.toNanos(100));
            });
            return "thumbnail";
        } catch (ConditionTimeoutException e) {
            return "late";
        }
    }

    /** Whether Lucene is writing a commit of the index: its {@code pending_segments_N} file exists. */
    private boolean committing() {
        try (var files = Files.walk(dataDir.resolve("index"))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("pending_segments"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private Connection database() throws Exception {
        String pgPort = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres",
                Files.readString(dataDir.resolve("postgres-password")).strip());
    }

    private HttpRequest upload(int port, String name, byte[] bytes) {
        String boundary = "soak-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        return request(port, "/api/v1/assets")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private Path log(int run) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-soak-" + run + ".log");
    }

    /**
     * Starts Baton from the packaged jar, extracted as Spring Boot's {@code tools} jar mode does for class data
     * sharing (the same classes and libraries, in plain jars, since a JVM can cache classes only from those), with its
     * AOT cache once the training start has made it. C1 alone compiles: a short run spends its CPU starting, not
     * optimizing, and the machine's two cores are shared with PostgreSQL and the parser.
     */
    private Process start(int port, int run, Map<String, String> extraEnv) throws IOException {
        return start(port, run, extraEnv, false);
    }

    /**
     * @param training whether this is the first start, which leaves the AOT cache when it stops (JDK 25 and later;
     *     the flags are unknown to earlier JDKs, which would not start with them)
     */
    private Process start(int port, int run, Map<String, String> extraEnv, boolean training) throws IOException {
        // every index commit waits 300 ms with its pending segments file written (LuceneIndex.COMMIT_PAUSE_MILLIS), so
        // the kills aimed at a commit land in the middle of one
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "-Xlog:cds=off", "-Dbaton.index.commit-pause-millis=300"));
        if (AOT_CACHE) {
            command.add("-Xlog:aot=off");
        }
        if (training) {
            // the training start: the JVM cannot make an AOT cache when only C1 compiles
            if (AOT_CACHE) {
                command.add("-XX:AOTCacheOutput=" + aotCache());
            }
        } else {
            command.add("-XX:TieredStopAtLevel=1");
            if (AOT_CACHE && Files.exists(aotCache())) {
                command.add("-XX:AOTCache=" + aotCache());
            }
        }
        command.addAll(List.of("-jar", appDir().resolve("baton.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(run).toFile());
        Map<String, String> env = builder.environment();
        env.put("BATON_DATA_DIR", dataDir.toString());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("BATON_DEMO_ENABLED", "false");
        env.put("BATON_EXTRACTION_POLL", "500ms");
        env.remove("BATON_ADMIN_PASSWORD");
        env.remove("BATON_DB_URL");
        env.remove("BATON_S3_ENDPOINT");
        env.putAll(extraEnv);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private Path appDir() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-soak-app");
    }

    private Path aotCache() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-soak.aot");
    }

    /** {@code java -Djarmode=tools -jar baton.jar extract}: the application jar and its libraries, side by side. */
    private void extractApp() throws Exception {
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar(), "extract", "--destination",
                appDir().toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-soak-extract.log").toFile())
                .start();
        started.add(extract);
        assertThat(extract.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(extract.exitValue()).isZero();
        started.remove(extract);
    }

    private void awaitUp(int port) {
        awaitUp(port, Duration.ofMinutes(3));
    }

    private void awaitUp(int port, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\""));
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(request(port, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return client.send(request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static tools.jackson.databind.JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return System.getProperty("baton.jar", "target/baton.jar");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
