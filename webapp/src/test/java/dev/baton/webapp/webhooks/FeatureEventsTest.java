package dev.baton.webapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events other features send: a deal changed through the API reaches a subscriber, signed, once per change; a
 * share link's creation and its first verified visit reach subscribers once each.
 */
class FeatureEventsTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};
    private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    @Autowired
    JsonMapper json;

    private Receiver receiver;
    private String subscription;
    private String admin;

    @AfterEach
    void cleanUp() {
        if (subscription != null) {
            http.delete().uri("/api/v1/webhooks/" + subscription).header("Authorization", admin).exchange();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aDealCreatedAndMovedIsSentAsDealUpdatedOncePerChange() {
        users.user("hook-deals-admin", "ADMIN");
        admin = basic("hook-deals-admin", TestUsers.PASSWORD);
        receiver = new Receiver(200);
        Map<String, Object> answer = http.post().uri("/api/v1/webhooks").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url(), "events", List.of("deal.updated")))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        String secret = (String) answer.get("secret");
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) answer.get("subscription");
        subscription = (String) created.get("id");

        Map<String, Object> deal = Map.of("name", "Hooked renewal", "accountName", "Hook Corp", "stage",
                "Consideration", "owner", "hook-deals-admin");
        for (int i = 0; i < 2; i++) {
            http.put().uri("/api/v1/deals/salesforce/HOOK-1").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(deal).exchange()
                    .expectStatus().is2xxSuccessful();
        }
        Map<String, Object> moved = new java.util.HashMap<>(deal);
        moved.put("stage", "Decision");
        http.put().uri("/api/v1/deals/salesforce/HOOK-1").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(moved).exchange()
                .expectStatus().isOk();

        List<Map<String, Object>> events = Awaitility.await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(this::dealEvents, list -> list.size() >= 2);
        assertThat(events.get(0)).containsEntry("externalId", "HOOK-1").containsEntry("created", true)
                .containsEntry("stage", "consideration");
        assertThat(events.get(1)).containsEntry("created", false).containsEntry("stage", "decision");
        // the same body sent twice changed nothing, so it sent nothing
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> dealEvents().size() == 2);
        assertThat(receiver.received()).allMatch(r -> r.signedWith(secret));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aShareLinkCreatedAndFirstReadIsSentAsShareCreatedAndOnceAsShareViewed() {
        users.user("hook-shares-admin", "ADMIN");
        admin = basic("hook-shares-admin", TestUsers.PASSWORD);
        users.user("hook-shares-marketer", "MARKETER");
        users.user("hook-shares-rep", "REP");
        String rep = basic("hook-shares-rep", TestUsers.PASSWORD);
        receiver = new Receiver(200);
        Map<String, Object> answer = http.post().uri("/api/v1/webhooks").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url(), "events", List.of("share.created", "share.viewed")))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        String secret = (String) answer.get("secret");
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) answer.get("subscription");
        subscription = (String) created.get("id");
        String asset = (String) new AssetClient(http, basic("hook-shares-marketer", TestUsers.PASSWORD))
                .created(TestFiles.pdf("Hooked guide " + System.nanoTime(), "Ann Author", List.of("One", "Two")),
                        "hooked.pdf", Map.of("title", "Hooked guide", "status", "published"))
                .get("id");

        Map<String, Object> share = http.post().uri("/api/v1/shares").header("Authorization", rep)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("assetIds", List.of(asset), "emailGate", true, "allowedDomains",
                        List.of("buyer.example")))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        Number shareId = (Number) share.get("id");
        Map<String, Object> createdEvent = Awaitility.await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> shareEvents("share.created", shareId), list -> !list.isEmpty()).getFirst();
        assertThat(createdEvent).containsEntry("owner", "hook-shares-rep").containsEntry("emailGate", true)
                .containsEntry("allowDownload", false).doesNotContainKeys("token", "url", "passcode");
        assertThat(createdEvent.get("assets")).asList().singleElement().satisfies(a -> assertThat((Map<String, Object>) a)
                .containsEntry("assetId", asset).containsEntry("title", "Hooked guide").containsEntry("version", 1));

        String url = (String) share.get("url");
        String token = url.substring(url.indexOf("/s/") + 3);
        String page = http.post().uri("/s/" + token).header("User-Agent", DESKTOP)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("email=ann%40buyer.example")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Matcher access = Pattern.compile("data-access=\"([A-Za-z0-9_-]+)\"").matcher(page);
        assertThat(access.find()).isTrue();
        for (int seq = 0; seq < 2; seq++) {
            http.post().uri("/s/" + token + "/beacon").header("User-Agent", DESKTOP)
                    .contentType(MediaType.TEXT_PLAIN)
                    .bodyValue("{\"access\":\"" + access.group(1) + "\",\"visitor\":\"hook-visitor\",\"seq\":" + seq
                            + ",\"webdriver\":false,\"pages\":[{\"item\":1,\"page\":" + (seq + 1)
                            + ",\"ms\":3000}]}")
                    .exchange().expectStatus().isNoContent();
        }

        Map<String, Object> viewed = Awaitility.await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> shareEvents("share.viewed", shareId), list -> !list.isEmpty()).getFirst();
        assertThat(viewed).containsEntry("visitorEmail", "ann@buyer.example").containsEntry("millis", 3000)
                .containsKey("dealId");
        assertThat(viewed.get("pages")).asList().singleElement().satisfies(p -> assertThat((Map<String, Object>) p)
                .containsEntry("position", 1).containsEntry("page", 1).containsEntry("millis", 3000));
        assertThat(viewed.get("assets")).asList().singleElement()
                .satisfies(a -> assertThat((Map<String, Object>) a).containsEntry("assetId", asset));
        // the second beacon is no first visit; the create and the view were each sent once
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> shareEvents("share.viewed", shareId).size() == 1
                        && shareEvents("share.created", shareId).size() == 1);
        assertThat(receiver.received()).allMatch(r -> r.signedWith(secret));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> shareEvents(String type, Number shareId) {
        return receiver.ofType(type).stream()
                .map(r -> (Map<String, Object>) json.readValue(r.body(), Map.class).get("data"))
                .filter(data -> data.get("shareId") instanceof Number n && n.longValue() == shareId.longValue())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> dealEvents() {
        return receiver.ofType("deal.updated").stream()
                .map(r -> (Map<String, Object>) json.readValue(r.body(), Map.class).get("data"))
                .filter(data -> "HOOK-1".equals(data.get("externalId")))
                .toList();
    }
}
