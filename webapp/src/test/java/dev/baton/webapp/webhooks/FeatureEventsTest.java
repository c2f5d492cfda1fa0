package dev.baton.webapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** The events other features send: a deal changed through the API reaches a subscriber, signed, once per change. */
class FeatureEventsTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};

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

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> dealEvents() {
        return receiver.ofType("deal.updated").stream()
                .map(r -> (Map<String, Object>) json.readValue(r.body(), Map.class).get("data"))
                .filter(data -> "HOOK-1".equals(data.get("externalId")))
                .toList();
    }
}
