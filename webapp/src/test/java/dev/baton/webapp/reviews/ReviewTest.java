package dev.baton.webapp.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the review API tests share: a marketer, two reviewers and a rep, the rules a test adds (removed after it), and
 * small helpers over the HTTP API.
 */
abstract class ReviewTest extends BatonTest {

    @Autowired
    TestClock clock;

    @Autowired
    ReviewService reviews;

    final List<Long> rules = new ArrayList<>();
    String admin;
    String marketer;
    String reviewer;
    String secondReviewer;
    String rep;

    @BeforeEach
    void people() {
        users.user("rv-marketer", "MARKETER");
        users.user("rv-reviewer", "REVIEWER");
        users.user("rv-reviewer2", "REVIEWER");
        users.user("rv-rep", "REP");
        admin = basic("admin", ADMIN_PASSWORD);
        marketer = basic("rv-marketer", TestUsers.PASSWORD);
        reviewer = basic("rv-reviewer", TestUsers.PASSWORD);
        secondReviewer = basic("rv-reviewer2", TestUsers.PASSWORD);
        rep = basic("rv-rep", TestUsers.PASSWORD);
    }

    @AfterEach
    void removeRules() {
        clock.release();
        rules.forEach(id -> send("DELETE", "/api/v1/reviews/rules/" + id, admin, null).expectStatus().isNoContent());
        rules.clear();
    }

    void rule(Map<String, Object> rule) {
        rules.add(((Number) json("POST", "/api/v1/reviews/rules", admin, rule, 201).get("id")).longValue());
    }

    String upload(byte[] pdf, Map<String, Object> metadata) {
        return (String) new AssetClient(http, marketer).created(pdf, UUID.randomUUID() + ".pdf", metadata).get("id");
    }

    Map<String, Object> addVersion(String id, byte[] bytes, String name) {
        org.springframework.http.client.MultipartBodyBuilder body = new org.springframework.http.client
                .MultipartBodyBuilder();
        body.part("file", new org.springframework.core.io.ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return http.post().uri("/api/v1/assets/" + id + "/versions").header("Authorization", marketer)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(body.build()))
                .exchange().expectStatus().is2xxSuccessful().expectBody(AssetClient.JSON_MAP).returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    void awaitExtracted(String id, int version) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<Map<String, Object>> versions = (List<Map<String, Object>>) (List<?>) http.get()
                    .uri("/api/v1/assets/" + id + "/versions").header("Authorization", marketer).exchange()
                    .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody();
            return versions.stream().anyMatch(v -> v.get("version").equals(version)
                    && "DONE".equals(v.get("extractionStatus")));
        });
    }

    String search(String authorization, String query) {
        return json("GET", "/api/v1/search?q=" + query, authorization, null, 200).get("hits").toString();
    }

    void awaitFound(String authorization, String words, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> search(authorization, words).contains(id));
    }

    byte[] file(String authorization, String path) {
        return http.get().uri(path).header("Authorization", authorization).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    List<Long> queueIds(String authorization) {
        return http.get().uri("/api/v1/reviews/queue").header("Authorization", authorization).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(r -> ((Number) ((Map<String, Object>) r).get("id")).longValue()).toList();
    }

    @SuppressWarnings("unchecked")
    List<String> titles(String authorization, String kind) {
        Map<String, Object> list = json("GET", "/api/v1/notifications?limit=200", authorization, null, 200);
        return ((List<Map<String, Object>>) list.get("notifications")).stream()
                .filter(n -> kind.equals(n.get("kind"))).map(n -> (String) n.get("title")).toList();
    }

    WebTestClient.ResponseSpec send(String method, String path, String authorization, Object body) {
        WebTestClient.RequestBodySpec spec = http.method(HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", authorization);
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<String, Object> json(String method, String path, String authorization, Object body, int status) {
        return send(method, path, authorization, body).expectStatus().isEqualTo(status)
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    /** A made-up word of ten letters that no other asset has. */
    static String word() {
        StringBuilder word = new StringBuilder("qz");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    /** Submits version {@code version} of the asset for review as the marketer; the review's id. */
    long submit(String id, int version) {
        return ((Number) json("POST", "/api/v1/reviews", marketer, Map.of("assetId", id, "version", version), 201)
                .get("id")).longValue();
    }

    /** The reviewer approves the review. */
    void approve(long review) {
        assertThat(json("POST", "/api/v1/reviews/" + review + "/decision", reviewer, Map.of("decision", "approve"),
                200)).containsEntry("state", "APPROVED");
    }

    /** A share request's body: one item pinned to the version. */
    static Map<String, Object> pinned(String id, int version) {
        return Map.of("items", List.of(Map.of("assetId", id, "version", version)));
    }
}
