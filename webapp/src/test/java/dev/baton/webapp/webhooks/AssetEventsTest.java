package dev.baton.webapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.json.JsonMapper;

/**
 * The asset events come from what marketers really do through the API (uploads, edits, publishing, new versions,
 * archiving) and from the calendar (an expiry date that comes), with content knowing nothing of webhooks.
 */
class AssetEventsTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};

    @Autowired
    TestClock clock;

    @Autowired
    JsonMapper json;

    @Autowired
    DatabaseClient db;

    private Receiver receiver;
    private String subscription;
    private String admin;

    @AfterEach
    void cleanUp() {
        clock.release();
        if (subscription != null) {
            http.delete().uri("/api/v1/webhooks/" + subscription).header("Authorization", admin).exchange();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void uploadsEditsAndVersionsOfPublishedAssetsAreSentAsPublishedAndUpdated() {
        subscribe();
        users.user("hook-marketer", "MARKETER");
        AssetClient marketer = new AssetClient(http, basic("hook-marketer", TestUsers.PASSWORD));

        String live = (String) marketer.created(pdf("live"), "live.pdf",
                Map.of("title", "Webhook live", "status", "published")).get("id");
        Map<String, Object> published = awaitEvent("asset.published", live, 1).getFirst();
        assertThat(published).containsEntry("title", "Webhook live").containsEntry("status", "PUBLISHED")
                .containsEntry("version", 1).containsEntry("path", "/assets/" + live);

        String draft = (String) marketer.created(pdf("draft"), "draft.pdf", Map.of("title", "Webhook draft"))
                .get("id");
        marketer.request("PATCH", "/api/v1/assets/" + draft, Map.of("title", "Webhook draft, edited"))
                .expectStatus().isOk();
        marketer.request("POST", "/api/v1/assets/" + draft + "/publish", null).expectStatus().isOk();
        assertThat(awaitEvent("asset.published", draft, 1).getFirst())
                .containsEntry("title", "Webhook draft, edited");

        marketer.request("PATCH", "/api/v1/assets/" + live, Map.of("title", "Webhook live, renamed"))
                .expectStatus().isOk();
        assertThat(awaitEvent("asset.updated", live, 1).getFirst()).containsEntry("title", "Webhook live, renamed");

        newVersion(live, pdf("live, second version"), "live-v2.pdf").expectStatus().isCreated();
        assertThat(awaitEvent("asset.updated", live, 2).get(1)).containsEntry("version", 2)
                .containsEntry("fileName", "live-v2.pdf");

        marketer.request("POST", "/api/v1/assets/" + live + "/archive", null).expectStatus().isOk();
        assertThat(awaitEvent("asset.updated", live, 3).get(2)).containsEntry("status", "ARCHIVED");

        // a draft's edits are nobody's news; only becoming published is
        assertThat(events("asset.updated", draft)).isEmpty();
        assertThat(events("asset.published", live)).hasSize(1);
        assertThat(receiver.received()).allMatch(r -> r.signedWith(secret));
    }

    @Test
    void anExpiryDateThatComesIsSentOnceForEachAssetAndDate() {
        subscribe();
        users.user("hook-expiry", "MARKETER");
        AssetClient marketer = new AssetClient(http, basic("hook-expiry", TestUsers.PASSWORD));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String asset = (String) marketer.created(pdf("expiring"), "expiring.pdf", Map.of("title", "Webhook expiring",
                "status", "published", "expiresOn", today.plusDays(5).toString())).get("id");
        awaitEvent("asset.published", asset, 1);
        assertThat(events("asset.expired", asset)).isEmpty();

        clock.pin(today.plusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60));
        Map<String, Object> expired = awaitEvent("asset.expired", asset, 1).getFirst();
        assertThat(expired).containsEntry("expiresOn", today.plusDays(5).toString())
                .containsEntry("title", "Webhook expiring");

        // a new expiry date that comes later is news again; the same one is not
        marketer.request("PATCH", "/api/v1/assets/" + asset, Map.of("expiresOn", today.plusDays(9).toString()))
                .expectStatus().isOk();
        awaitEvent("asset.updated", asset, 1);
        clock.pin(today.plusDays(9).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60));
        assertThat(awaitEvent("asset.expired", asset, 2).get(1)).containsEntry("expiresOn",
                today.plusDays(9).toString());
        marketer.request("PATCH", "/api/v1/assets/" + asset, Map.of("title", "Webhook expired, renamed"))
                .expectStatus().isOk();
        awaitEvent("asset.updated", asset, 2);
        assertThat(events("asset.expired", asset)).hasSize(2);
    }

    @Test
    void aPrunedMarkAboveTheNewestRowDoesNotLeaveTheFeedWaitingForRowsThatNeverCome() {
        subscribe();
        users.user("hook-pruned", "MARKETER");
        AssetClient marketer = new AssetClient(http, basic("hook-pruned", TestUsers.PASSWORD));
        long pruned = db.sql("select position from outbox_pruned").map(row -> row.get(0, Long.class)).one().block();
        long last = db.sql("select coalesce(max(position), 0) from outbox").map(row -> row.get(0, Long.class)).one()
                .block();
        try {
            // as another reader's test or a restore from backup may leave it for a moment
            db.sql("update outbox_pruned set position = :position").bind("position", last + 1_000_000).then().block();
            // a change while the mark stands makes the feed look
            marketer.created(pdf("while the mark stands"), "during.pdf", Map.of("title", "Webhook during a mark"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> db.sql("select position from webhook_feed").map(row -> row.get(0, Long.class)).one()
                            .block(), position -> position > last);
        } finally {
            db.sql("update outbox_pruned set position = :position").bind("position", pruned).then().block();
        }
        String asset = (String) marketer.created(pdf("after the mark"), "after.pdf",
                Map.of("title", "Webhook after a pruned mark", "status", "published")).get("id");
        assertThat(awaitEvent("asset.published", asset, 1).getFirst())
                .containsEntry("title", "Webhook after a pruned mark");
    }

    private String secret;

    private void subscribe() {
        users.user("hook-assets-admin", "ADMIN");
        admin = basic("hook-assets-admin", TestUsers.PASSWORD);
        receiver = new Receiver(200);
        Map<String, Object> answer = http.post().uri("/api/v1/webhooks").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url(), "events",
                        List.of("asset.published", "asset.updated", "asset.expired")))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        secret = (String) answer.get("secret");
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) answer.get("subscription");
        subscription = (String) created.get("id");
    }

    /** The {@code data} of the events of this type about this asset, in the order received. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String type, String assetId) {
        return receiver.ofType(type).stream()
                .map(r -> (Map<String, Object>) json.readValue(r.body(), Map.class).get("data"))
                .filter(data -> assetId.equals(data.get("id")))
                .toList();
    }

    private List<Map<String, Object>> awaitEvent(String type, String assetId, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> events(type, assetId), list -> list.size() >= count);
    }

    private WebTestClient.ResponseSpec newVersion(String id, byte[] bytes, String fileName) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return http.post().uri("/api/v1/assets/" + id + "/versions")
                .header("Authorization", basic("hook-marketer", TestUsers.PASSWORD))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    private static byte[] pdf(String text) {
        return TestFiles.pdf("Webhook " + text + " " + System.nanoTime(), "Ann Author", List.of(text));
    }
}
