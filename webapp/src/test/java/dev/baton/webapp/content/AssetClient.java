package dev.baton.webapp.content;

import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Uploads and reads assets through the HTTP API, as a client would. */
public final class AssetClient {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {};

    private final WebTestClient http;
    private final String authorization;

    public AssetClient(WebTestClient http, String authorization) {
        this.http = http;
        this.authorization = authorization;
    }

    public WebTestClient.ResponseSpec upload(byte[] bytes, String fileName, Object metadata) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        if (metadata != null) {
            body.part("metadata", metadata).contentType(MediaType.APPLICATION_JSON);
        }
        return http.post().uri("/api/v1/assets").header("Authorization", authorization)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    /** Uploads and returns the new asset's JSON, failing the test unless it was created. */
    public Map<String, Object> created(byte[] bytes, String fileName, Object metadata) {
        return upload(bytes, fileName, metadata).expectStatus().isCreated()
                .expectBody(JSON_MAP).returnResult().getResponseBody();
    }

    public Map<String, Object> get(String id) {
        return http.get().uri("/api/v1/assets/" + id).header("Authorization", authorization).exchange()
                .expectStatus().isOk().expectBody(JSON_MAP).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec request(String method, String path, Object json) {
        var spec = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", authorization);
        return json == null ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    /** Waits until text extraction and the thumbnail of the current version are no longer pending. */
    public Map<String, Object> derived(String id) {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(id), asset -> !"PENDING".equals(asset.get("extractionStatus"))
                        && !"PENDING".equals(asset.get("thumbnailStatus")));
    }
}
