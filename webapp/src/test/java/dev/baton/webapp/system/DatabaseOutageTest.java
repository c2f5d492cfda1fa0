package dev.baton.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.webapp.BatonApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dataDir;

    @TempDir
    Path pgDir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private String bearer;

    @Test
    void aDatabaseOutageAnswers503AndEverythingResumesWhenItReturns() throws Exception {
        int pgPort = freePort();
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
            base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            String admin = "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            bearer = "Bearer " + JSON.readTree(send(post("/api/v1/tokens", admin, "application/json",
                    "{\"username\":\"admin\",\"name\":\"outage\"}".getBytes(StandardCharsets.UTF_8))).body())
                    .get("secret").asString();
            PageSession page = PageSession.signIn(base, "admin", PASSWORD);
            assertThat(send(upload("before.txt", "Written before the outage: quillwort.")).statusCode())
                    .isEqualTo(201);

            // a bulk import runs, and four clients search and list, while the database goes away
            HttpResponse<String> queued = send(post("/api/v1/imports", bearer, "multipart/form-data; boundary=b",
                    multipart("outage.zip", "application/zip", zip())));
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
                        HttpResponse<String> answer = send(get(path, bearer));
                        statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() != 200 && !isDatabaseProblem(answer)) {
                            leaks.add(answer.statusCode() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> json(get("/api/v1/imports/" + importId, bearer)).get("processed").asInt() > 0);

            postgres.close();
            Instant stopped = Instant.now();
            try {
                HttpResponse<String> refused = send(upload("during.txt", "Written during the outage: bergamot."));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(isDatabaseProblem(refused)).as(refused.body()).isTrue();

                HttpResponse<String> library = page.get("/library");
                assertThat(library.statusCode()).isEqualTo(503);
                assertThat(library.headers().firstValue("Retry-After")).hasValue("30");
                assertThat(library.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/html"));
                assertThat(library.body()).doesNotContain("Exception", "R2dbc", "127.0.0.1:" + pgPort);

                assertThat(send(get("/actuator/health", null)).statusCode()).isEqualTo(503);
                await().atMost(OUTAGE.multipliedBy(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                        Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0
                                && statuses.getOrDefault(503, new AtomicInteger()).get() >= CLIENTS);
            } finally {
                postgres = startPostgres(pgPort);
            }

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                    .until(() -> send(get("/actuator/health", null)).statusCode() == 200);
            // the clients that kept asking get answers again, on the same Baton
            Map<Integer, Integer> before = snapshot(statuses);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() ->
                    statuses.getOrDefault(200, new AtomicInteger()).get() >= before.getOrDefault(200, 0) + 10 * CLIENTS);
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
                burst.add(load.submit(() -> send(get(path, bearer)).statusCode()));
            }
            for (Future<Integer> each : burst) {
                assertThat(each.get()).isEqualTo(200);
            }
            assertThat(page.get("/library").statusCode()).isEqualTo(200);

            // the upload refused during the outage succeeds now
            assertThat(send(upload("during.txt", "Written during the outage: bergamot.")).statusCode())
                    .isEqualTo(201);
            // the import resumed by itself and ended with every file
            JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> json(get("/api/v1/imports/" + importId, bearer)),
                            job -> job.get("status").asString().equals("DONE"));
            assertThat(done.get("imported").asInt() + done.get("skipped").asInt()).isEqualTo(IMPORTED);
            assertThat(done.get("failed").asInt()).isZero();

            // text extraction and the index feed resumed: every text extracted and found
            int total = IMPORTED + 2;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JsonNode items = json(get("/api/v1/assets?size=100", bearer)).get("items");
                return items.size() == total && items.valueStream()
                        .allMatch(a -> a.get("extractionStatus").asString().equals("DONE"));
            });
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(json(get("/api/v1/search?scope=all&q=tamarind&size=50", bearer)).get("total").asInt())
                        .isEqualTo(IMPORTED);
                assertThat(json(get("/api/v1/search?scope=all&q=bergamot", bearer)).get("total").asInt()).isOne();
                JsonNode check = json(post("/api/v1/search/index/check", bearer, "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8)));
                assertThat(check.get("missing").asLong() + check.get("stale").asLong() + check.get("extra").asLong())
                        .isZero();
            });
            // nothing half-written: one original per asset in the store, each served
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> originals() == total);
            for (JsonNode asset : json(get("/api/v1/assets?size=100", bearer)).get("items")) {
                assertThat(send(get("/api/v1/assets/" + asset.get("id").asString() + "/file", bearer))
                        .statusCode()).isEqualTo(200);
            }
        } finally {
            load.shutdownNow();
            postgres.close();
        }
    }

    /** A 503 problem document that says the database does not answer, with a Retry-After and nothing internal. */
    private static boolean isDatabaseProblem(HttpResponse<String> answer) {
        return answer.statusCode() == 503
                && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                && answer.headers().firstValue("Retry-After").orElse("").equals("30")
                && answer.body().contains("The database does not answer")
                && !answer.body().contains("Exception") && !answer.body().contains("R2dbc")
                && !answer.body().contains("127.0.0.1");
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

    private HttpRequest upload(String name, String text) {
        return post("/api/v1/assets", bearer, "multipart/form-data; boundary=b",
                multipart(name, "text/plain", text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] multipart(String name, String type, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private HttpRequest get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private HttpRequest post(String path, String authorization, String type, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 202);
        return JSON.readTree(response.body());
    }

    private static Map<Integer, Integer> snapshot(Map<Integer, AtomicInteger> statuses) {
        Map<Integer, Integer> copy = new ConcurrentHashMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A signed-in browser's session: its cookie kept, redirects not followed. */
    private record PageSession(HttpClient browser, String base) {

        static PageSession signIn(String base, String username, String password)
                throws IOException, InterruptedException {
            PageSession session = new PageSession(HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build(), base);
            Matcher csrf = CSRF.matcher(session.get("/login").body());
            assertThat(csrf.find()).isTrue();
            String form = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&username="
                    + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpResponse<String> signedIn = session.browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            return session;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return browser.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
