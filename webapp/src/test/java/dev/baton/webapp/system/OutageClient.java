package dev.baton.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the outage tests ({@link DatabaseOutageTest}, {@link ObjectStoreOutageTest}) share: a client of a Baton they
 * started by themselves, holding an admin's API token, and how they tell the 503 of an engine that does not answer.
 */
final class OutageClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DATABASE = "The database does not answer";
    static final String OBJECT_STORE = "The object store does not answer";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String bearer;

    private OutageClient(String base) {
        this.base = base;
    }

    /** A client of {@code app}, signed in as its first admin with an API token made for the test. */
    static OutageClient of(ConfigurableApplicationContext app, String adminPassword)
            throws IOException, InterruptedException {
        OutageClient outage =
                new OutageClient("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = outage.send(HttpRequest.newBuilder(URI.create(outage.base + "/api/v1/tokens"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"name\":\"outage\"}")).build());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        outage.bearer = "Bearer " + JSON.readTree(token.body()).get("secret").asString();
        return outage;
    }

    String base() {
        return base;
    }

    /** A GET with the admin's token. */
    HttpRequest get(String path) {
        return request(path).header("Authorization", bearer).build();
    }

    /** A GET without credentials (health). */
    HttpRequest anonymous(String path) {
        return request(path).build();
    }

    HttpRequest post(String path, String type, byte[] body) {
        return request(path).header("Authorization", bearer).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** A new asset of one file, through the API's multipart upload. */
    HttpRequest upload(String name, String type, byte[] content) {
        return post("/api/v1/assets", "multipart/form-data; boundary=b", multipart(name, type, content));
    }

    /** A bulk import of a ZIP. */
    HttpRequest startImport(String name, byte[] zip) {
        return post("/api/v1/imports", "multipart/form-data; boundary=b", multipart(name, "application/zip", zip));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A 2xx answer's JSON. */
    JsonNode json(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 202);
        return JSON.readTree(response.body());
    }

    /** The status of {@code GET /actuator/health}. */
    int health() throws IOException, InterruptedException {
        return send(anonymous("/actuator/health")).statusCode();
    }

    /** How many assets the index check finds missing, stale or extra. */
    long indexDifferences() throws IOException, InterruptedException {
        JsonNode check = json(post("/api/v1/search/index/check", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)));
        return check.get("missing").asLong() + check.get("stale").asLong() + check.get("extra").asLong();
    }

    /**
     * A 503 problem document saying that {@code engine} ({@link #DATABASE}, {@link #OBJECT_STORE}) does not answer,
     * with a Retry-After and nothing internal (no exception, driver or address).
     */
    static boolean isUnavailable(HttpResponse<?> answer, String body, String engine) {
        return answer.statusCode() == 503
                && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                && answer.headers().firstValue("Retry-After").orElse("").equals("30")
                && body.contains(engine)
                && !body.contains("Exception") && !body.contains("R2dbc") && !body.contains("minio")
                && !body.contains("127.0.0.1");
    }

    static boolean isUnavailable(HttpResponse<String> answer, String engine) {
        return isUnavailable(answer, answer.body(), engine);
    }

    static byte[] multipart(String name, String type, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A copy of counts by status, to wait for more of one later. */
    static Map<Integer, Integer> snapshot(Map<Integer, AtomicInteger> statuses) {
        Map<Integer, Integer> copy = new ConcurrentHashMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A signed-in browser's session: its cookie kept, redirects not followed. */
    record PageSession(HttpClient browser, String base) {

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
