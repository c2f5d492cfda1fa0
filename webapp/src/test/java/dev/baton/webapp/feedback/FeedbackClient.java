package dev.baton.webapp.feedback;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the feedback tests do over the API: publish assets, read notifications, search. */
final class FeedbackClient {

    private final WebTestClient http;

    FeedbackClient(WebTestClient http) {
        this.http = http;
    }

    /** A published PDF of the marketer's, with these words on its page; its id. */
    String publish(String marketer, String title, String text) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("status", "published");
        return (String) new AssetClient(http, marketer)
                .created(TestFiles.pdf(title, "Feedback Test", List.of(text)), UUID.randomUUID() + ".pdf", metadata)
                .get("id");
    }

    /** The titles of a person's notifications, newest first. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> notifications(String authorization) {
        Map<String, Object> list = http.get().uri("/api/v1/notifications?limit=200")
                .header("Authorization", authorization).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        return (List<Map<String, Object>>) list.get("notifications");
    }

    List<String> titles(String authorization, String kind) {
        return notifications(authorization).stream().filter(n -> kind.equals(n.get("kind")))
                .map(n -> (String) n.get("title")).toList();
    }

    Map<String, Object> search(String authorization, String query) {
        return http.get().uri(b -> b.path("/api/v1/search").query(query).build())
                .header("Authorization", authorization).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    /** Waits until a rep's search for these words finds the asset. */
    /**
     * Waits until searching {@code words} finds {@code id} among the hits with every word: its text is indexed. A
     * semantic match on the title alone (before the text is read) is not enough.
     */
    @SuppressWarnings("unchecked")
    void awaitFoundByEveryWord(String authorization, String words, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Object> result = search(authorization, "q=" + words);
            List<Map<String, Object>> hits = (List<Map<String, Object>>) result.get("hits");
            int allWords = (int) Math.min(hits.size(), ((Number) result.get("allWords")).longValue());
            return hits.subList(0, allWords).stream().anyMatch(hit -> id.equals(hit.get("id")));
        });
    }

    WebTestClient.ResponseSpec send(String method, String path, String authorization, Object body) {
        WebTestClient.RequestBodySpec spec = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", authorization);
        return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
    }

    Map<String, Object> json(String method, String path, String authorization, Object body, int status) {
        return send(method, path, authorization, body).expectStatus().isEqualTo(status)
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }
}
