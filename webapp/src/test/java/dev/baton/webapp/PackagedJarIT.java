package dev.baton.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code baton.jar}, run with {@code java -jar} exactly as a person would: first start with the embedded
 * defaults, the admin password printed once, a second start on the same data, a clean stop on SIGTERM with nothing
 * left running, and recovery after {@code kill -9} with no data lost.
 */
class PackagedJarIT {

    private static final Pattern ADMIN_PASSWORD =
            Pattern.compile("Created the admin account 'admin' with the password: (\\S+)");

    @TempDir
    Path dataDir;

    private final List<Process> started = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() throws Exception {
        for (Process process : started) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void runsStopsCleanlyAndRecoversFromKillMinusNine() throws Exception {
        Path log1 = dataDir.resolveSibling(dataDir.getFileName() + "-run1.log");
        int port = freePort();
        long t0 = System.nanoTime();
        Process first = start(port, log1);
        awaitUp(port);
        System.out.printf("first start to UP: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        Matcher matcher = ADMIN_PASSWORD.matcher(Files.readString(log1));
        assertThat(matcher.find()).as("the log prints the generated admin password").isTrue();
        String adminPassword = matcher.group(1);
        assertThat(get(port, "/api/v1/me", "admin", adminPassword).statusCode()).isEqualTo(200);
        HttpResponse<String> created = post(port, "/api/v1/users", "admin", adminPassword,
                "{\"username\":\"survivor\",\"password\":\"survivor-password\",\"role\":\"REP\"}");
        assertThat(created.statusCode()).isEqualTo(201);

        // the demo library loads by itself on the empty data directory, with demo users whose passwords the log
        // prints; text extraction works from the Boot jar (its forked parser gets the jar's nested libraries)
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> Files.readString(log1).contains("Loaded the demo library"));
        Matcher demo = Pattern.compile("maria\\.marketer \\(marketer\\) password: (\\S+)").matcher(Files.readString(log1));
        assertThat(demo.find()).as("the log prints the demo users' passwords").isTrue();
        var library = json(get(port, "/api/v1/assets?size=100", "maria.marketer", demo.group(1)));
        assertThat(library.get("total").asInt()).isGreaterThanOrEqualTo(40);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> json(get(port, "/api/v1/assets?size=100", "admin", adminPassword)).get("items")
                        .valueStream().filter(a -> a.get("extractionStatus").asString().equals("DONE")
                                && a.get("thumbnailStatus").asString().equals("DONE")).count() >= 5);

        // Ctrl-C / SIGTERM: everything stops, nothing is left running
        stop(first);
        assertThat(processesUsing(dataDir)).isEmpty();
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

        // a second start reuses the data and does not make a new admin
        Path log2 = dataDir.resolveSibling(dataDir.getFileName() + "-run2.log");
        long t1 = System.nanoTime();
        Process second = start(port, log2);
        awaitUp(port);
        System.out.printf("second start to UP: %d ms%n", (System.nanoTime() - t1) / 1_000_000);
        assertThat(get(port, "/api/v1/me", "survivor", "survivor-password").statusCode()).isEqualTo(200);
        assertThat(Files.readString(log2)).doesNotContain("Created the admin account");

        // the embedded PostgreSQL asks for a password that only the data directory's owner can read
        Path passwordFile = dataDir.resolve("postgres-password");
        assertThat(Files.getPosixFilePermissions(passwordFile)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String pgPort = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip();
        String pgUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
        assertThatThrownBy(() -> DriverManager.getConnection(pgUrl, "postgres", "").close())
                .isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(pgUrl, "postgres", Files.readString(passwordFile).strip())) {
            assertThat(c.isValid(5)).isTrue();
        }

        // written just before the kill: committed, so it must survive
        assertThat(post(port, "/api/v1/users", "admin", adminPassword,
                "{\"username\":\"last-write\",\"password\":\"last-write-password\",\"role\":\"TRAINER\"}")
                .statusCode()).isEqualTo(201);

        // kill -9 leaves PostgreSQL running; the next start deals with it by itself
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
        assertThat(processesUsing(dataDir)).as("the killed run's PostgreSQL is still running").isNotEmpty();

        Path log3 = dataDir.resolveSibling(dataDir.getFileName() + "-run3.log");
        Process third = start(port, log3);
        awaitUp(port);
        assertThat(get(port, "/api/v1/me", "survivor", "survivor-password").statusCode()).isEqualTo(200);
        assertThat(get(port, "/api/v1/me", "admin", adminPassword).statusCode()).isEqualTo(200);
        assertThat(get(port, "/api/v1/me", "last-write", "last-write-password").statusCode()).isEqualTo(200);
        assertThat(Files.readString(log3)).contains("left running by a previous run");

        stop(third);
        assertThat(processesUsing(dataDir)).isEmpty();
    }

    /**
     * {@code kill -9} in the middle of a bulk import and in the middle of an upload: after a restart the import
     * resumes and ends with every file in exactly once, each asset has its file, the killed upload left nothing, and
     * text extraction of what was pending finishes by itself. The import is started with the {@code import} command,
     * as a person would.
     */
    @Test
    void aKilledImportResumesAndLeavesNoHalfStoredAsset() throws Exception {
        int port = freePort();
        Path zip = dataDir.resolveSibling(dataDir.getFileName() + "-import.zip");
        Map<String, String> shas = new java.util.TreeMap<>();
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 1; i <= FILES; i++) {
                byte[] pdf = dev.baton.indexer.TestFiles.pdf("Case study " + i, "Author " + i,
                        List.of("Customer " + i + " cut costs by " + i + " percent.", "Page two of " + i));
                String name = String.format("case-studies/case-study-%02d.pdf", i);
                out.putNextEntry(new java.util.zip.ZipEntry(name));
                out.write(pdf);
                out.closeEntry();
                shas.put(sha256(pdf), name);
            }
        }
        Process server = start(port, dataDir.resolveSibling(dataDir.getFileName() + "-crash1.log"),
                Map.of("BATON_ADMIN_PASSWORD", "crash-admin-password", "BATON_DEMO_ENABLED", "false"));
        awaitUp(port);
        String token = tools.jackson.databind.json.JsonMapper.builder().build().readTree(post(port, "/api/v1/tokens",
                "admin", "crash-admin-password", "{\"username\":\"admin\",\"name\":\"import\"}").body())
                .get("secret").asString();

        Path cliLog = dataDir.resolveSibling(dataDir.getFileName() + "-cli.log");
        Process cli = new ProcessBuilder(java(), "-jar", jar(), "import", zip.toString(),
                "--url", "http://127.0.0.1:" + port, "--token", token)
                .redirectErrorStream(true).redirectOutput(cliLog.toFile()).start();
        started.add(cli);
        String importId = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> latestImport(port), job -> job != null
                        && job.get("processed").asInt() >= 5).get("id").asString();

        // the index is being fed at the same time: imported assets and their extracted text reach it row by row
        var indexBefore = json(get(port, "/api/v1/search/index", "admin", "crash-admin-password"));
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
        cli.waitFor(60, TimeUnit.SECONDS);

        Process restarted = start(port, dataDir.resolveSibling(dataDir.getFileName() + "-crash2.log"),
                Map.of("BATON_DEMO_ENABLED", "false"));
        awaitUp(port);
        var done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> json(get(port, "/api/v1/imports/" + importId, "admin", "crash-admin-password")),
                        job -> job.get("status").asString().equals("DONE"));
        assertThat(done.get("imported").asInt() + done.get("skipped").asInt()).isEqualTo(FILES);
        assertThat(done.get("failed").asInt()).isZero();

        // a big upload killed half-way leaves nothing behind
        long before = json(get(port, "/api/v1/assets?size=1", "admin", "crash-admin-password")).get("total").asLong();
        assertThat(before).as("every file of the import once, none twice").isEqualTo(FILES);
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        var upload = client.sendAsync(bigUpload(port, sent), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofMinutes(1)).until(() -> sent.get() > 64L << 20);
        restarted.destroyForcibly();
        restarted.waitFor(30, TimeUnit.SECONDS);
        upload.handle((response, error) -> null).get(30, TimeUnit.SECONDS);

        // no grace periods for the sweep this time, so what the killed upload left in the store goes at this start
        Path crash3Log = dataDir.resolveSibling(dataDir.getFileName() + "-crash3.log");
        Process third = start(port, crash3Log, Map.of("BATON_DEMO_ENABLED", "false",
                "BATON_BLOB_SWEEP_GRACE", "0s", "BATON_BLOB_SWEEP_MULTIPART_GRACE", "0s"));
        awaitUp(port);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.readString(crash3Log).contains("Swept orphaned uploads"));
        assertThat(Files.readString(crash3Log)).as("the killed upload's multipart upload was aborted")
                .containsPattern("aborted [1-9][0-9]* incomplete multipart upload");
        try (var files = Files.walk(dataDir.resolve("objects"))) {
            assertThat(files.filter(Files::isRegularFile)
                            .filter(f -> f.toString().contains(java.io.File.separator + "originals"
                                    + java.io.File.separator))
                            .count())
                    .as("one original per asset in the store, nothing of the killed upload")
                    .isEqualTo(FILES);
        }
        var assets = json(get(port, "/api/v1/assets?size=100", "admin", "crash-admin-password"));
        assertThat(assets.get("total").asLong()).isEqualTo(FILES);
        for (var asset : assets.get("items")) {
            HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/assets/" + asset.get("id").asString() + "/file"))
                    .header("Authorization", basic("admin", "crash-admin-password")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(shas).containsKey(sha256(file.body()));
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    var items = json(get(port, "/api/v1/assets?size=100", "admin", "crash-admin-password"))
                            .get("items");
                    for (var item : items) {
                        if (!item.get("extractionStatus").asString().equals("DONE")
                                || !item.get("thumbnailStatus").asString().equals("DONE")) {
                            return false;
                        }
                    }
                    return true;
                });

        // after two kills the index replayed the outbox from the position in its last commit and matches the
        // database: every asset once, with its text
        assertThat(Files.readString(dataDir.resolveSibling(dataDir.getFileName() + "-crash2.log")))
                .contains("replaying the outbox after position");
        assertThat(indexBefore.get("state").asString()).isEqualTo("READY");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> json(get(port, "/api/v1/search?scope=all&size=1&q=customer", "admin",
                        "crash-admin-password")).get("total").asLong() == FILES);
        var report = json(post(port, "/api/v1/search/index/check", "admin", "crash-admin-password", "{}"));
        assertThat(report.get("assets").asLong()).isEqualTo(FILES);
        assertThat(report.get("documents").asLong()).isEqualTo(FILES);
        assertThat(report.get("missing").asLong()).isZero();
        assertThat(report.get("stale").asLong()).isZero();
        assertThat(report.get("extra").asLong()).isZero();
        var hit = json(get(port, "/api/v1/search?scope=all&q=%22cut+costs+by+17+percent%22", "admin",
                "crash-admin-password"));
        assertThat(hit.get("total").asLong()).isEqualTo(1);
        // imported without a title: named by the PDF's own title once its text was read
        assertThat(hit.get("hits").get(0).get("title").asString()).isEqualTo("Case study 17");
        stop(third);
    }

    private static final int FILES = 40;

    private HttpRequest bigUpload(int port, java.util.concurrent.atomic.AtomicLong sent) {
        String boundary = "crash-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long size = 512L << 20;
        java.io.InputStream body = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                new java.io.ByteArrayInputStream(head),
                new java.io.InputStream() {
                    private long left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'a' + (int) (left % 26) : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, left);
                        for (int i = 0; i < n; i++) {
                            b[off + i] = (byte) ('a' + (int) ((left - i) % 26));
                        }
                        left -= n;
                        sent.addAndGet(n);
                        return n;
                    }
                },
                new java.io.ByteArrayInputStream(tail))));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/assets"))
                .header("Authorization", basic("admin", "crash-admin-password"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
    }

    private tools.jackson.databind.JsonNode latestImport(int port) throws Exception {
        var jobs = json(get(port, "/api/v1/imports", "admin", "crash-admin-password"));
        return jobs.isEmpty() ? null : jobs.get(0);
    }

    private static tools.jackson.databind.JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return System.getProperty("baton.jar", "target/baton.jar");
    }

    private Process start(int port, Path log) throws IOException {
        return start(port, log, Map.of());
    }

    private Process start(int port, Path log, Map<String, String> extraEnv) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "-jar", System.getProperty("baton.jar", "target/baton.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("BATON_DATA_DIR", dataDir.toString());
        env.put("SERVER_PORT", Integer.toString(port));
        env.remove("BATON_ADMIN_PASSWORD");
        env.remove("BATON_DB_URL");
        env.remove("BATON_S3_ENDPOINT");
        env.putAll(extraEnv);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops within a minute of SIGTERM").isTrue();
        started.remove(process);
    }

    private void awaitUp(int port) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get(port, "/actuator/health", null, null).body().contains("\"UP\""));
    }

    private static List<ProcessHandle> processesUsing(Path dir) {
        String path = dir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(path)).orElse(false))
                .toList();
    }

    private HttpResponse<String> get(int port, String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String user, String password, String json)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
