package dev.baton.webapp.packs;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.content.AssetClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the pack tests do over the API: publish assets, call the packs API, read notifications. */
final class PackClient {

    private final WebTestClient http;

    PackClient(WebTestClient http) {
        this.http = http;
    }

    /** A published PDF of the marketer's; its id. */
    String publishedAsset(String marketer, String title) {
        return asset(marketer, title, "published");
    }

    String asset(String marketer, String title, String status) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("status", status);
        return (String) new AssetClient(http, marketer)
                .created(TestFiles.pdf(title, "Pack Test", List.of("enablement " + title)), UUID.randomUUID() + ".pdf",
                        metadata)
                .get("id");
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

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path, String authorization) {
        return http.get().uri(path).header("Authorization", authorization).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
    }

    /** The titles of a person's notifications of this kind, newest first. */
    @SuppressWarnings("unchecked")
    List<String> notificationTitles(String authorization, String kind) {
        Map<String, Object> list = json("GET", "/api/v1/notifications?limit=200", authorization, null, 200);
        return ((List<Map<String, Object>>) list.get("notifications")).stream()
                .filter(n -> kind.equals(n.get("kind"))).map(n -> (String) n.get("title")).toList();
    }

    /** The fields a problem document names. */
    @SuppressWarnings("unchecked")
    static List<String> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> (String) e.get("field")).toList();
    }
}
