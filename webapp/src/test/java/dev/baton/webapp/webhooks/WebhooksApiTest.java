package dev.baton.webapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end: an admin subscribes a real HTTP receiver through the API, events are published through
 * {@link Webhooks#publish}, and the receiver checks what arrives. Time is driven with the {@link TestClock}.
 */
class WebhooksApiTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    @Autowired
    Webhooks webhooks;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    TestClock clock;

    @Autowired
    DatabaseClient db;

    @Autowired
    JsonMapper json;

    private final List<String> created = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private String admin;

    @BeforeEach
    void admin() {
        users.user("webhook-admin", "ADMIN");
        admin = basic("webhook-admin", TestUsers.PASSWORD);
    }

    @AfterEach
    void cleanUp() {
        clock.release();
        for (String id : created) {
            http.delete().uri("/api/v1/webhooks/" + id).header("Authorization", admin).exchange();
        }
        receivers.forEach(Receiver::close);
    }

    @Test
    void theSecretIsShownOnceAndEveryDeliveryIsSignedAsStandardWebhooksSays() {
        Receiver receiver = receiver(200);
        Map<String, Object> subscribed = subscribe(receiver.url(), List.of("share.created", "deal.updated"));
        String id = id(subscribed);
        String secret = (String) subscribed.get("secret");
        assertThat(secret).startsWith("whsec_");
        http.get().uri("/api/v1/webhooks/" + id).header("Authorization", admin).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.secret").doesNotExist()
                .jsonPath("$.secretStart").isEqualTo(secret.substring(0, 10) + "…")
                .jsonPath("$.events[0]").isEqualTo("share.created")
                .jsonPath("$.status").isEqualTo("ACTIVE");

        webhooks.publish(Webhooks.SHARE_CREATED, Map.of("shareId", "s-1", "assetIds", List.of("a", "b"))).block();
        webhooks.publish(Webhooks.ASSET_PUBLISHED, Map.of("id", "not subscribed")).block();

        Receiver.Received got = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.received(), list -> !list.isEmpty()).getFirst();
        assertThat(got.id()).startsWith("msg_");
        assertThat(got.contentType()).isEqualTo("application/json");
        assertThat(got.signedWith(secret)).isTrue();
        assertThat(got.signedWith(WebhookSigner.newSecret())).isFalse();
        assertThat(Math.abs(got.epochSeconds() - Instant.now().getEpochSecond())).isLessThan(300);
        Map<String, Object> body = json.readValue(got.body(), Map.class);
        assertThat(body).containsEntry("type", "share.created").containsKey("timestamp");
        assertThat(Instant.parse((String) body.get("timestamp"))).isBeforeOrEqualTo(Instant.now());
        assertThat(body.get("data")).isEqualTo(Map.of("shareId", "s-1", "assetIds", List.of("a", "b")));

        Map<String, Object> delivery = awaitDelivery(id, "SUCCEEDED");
        assertThat(delivery).containsEntry("eventId", got.id()).containsEntry("eventType", "share.created")
                .containsEntry("attempts", 1).containsEntry("lastStatus", 200);
        List<Map<String, Object>> attempts = attempts(delivery);
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.get("statusCode")).isEqualTo(200);
            assertThat(a.get("attemptedAt")).isNotNull();
            assertThat(a.get("durationMillis")).isNotNull();
        });
        assertThat(receiver.ofType("asset.published")).isEmpty();
    }

    @Test
    void aFailedDeliveryIsRetriedWithGrowingWaitsUntilTheReceiverTakesIt() {
        Receiver receiver = receiver(500, 500, 200);
        Map<String, Object> subscribed = subscribe(receiver.url(), List.of("deal.updated"));
        String id = id(subscribed);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(start);
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("dealId", "d-1", "stage", "sql")).block();

        awaitReceived(receiver, 1);
        Map<String, Object> first = awaitDelivery(id, d -> ((Integer) d.get("attempts")) == 1);
        assertThat(first).containsEntry("status", "PENDING").containsEntry("lastStatus", 500);
        assertThat(Instant.parse((String) first.get("nextAttemptAt"))).isEqualTo(start.plusSeconds(30));

        clock.pin(start.plusSeconds(31));
        worker.wake();
        awaitReceived(receiver, 2);
        Map<String, Object> second = awaitDelivery(id, d -> ((Integer) d.get("attempts")) == 2);
        assertThat(Instant.parse((String) second.get("nextAttemptAt"))).isEqualTo(start.plusSeconds(31 + 60));

        clock.pin(start.plusSeconds(120));
        worker.wake();
        awaitReceived(receiver, 3);
        Map<String, Object> done = awaitDelivery(id, "SUCCEEDED");
        assertThat(attempts(done)).extracting(a -> a.get("statusCode")).containsExactly(500, 500, 200);
        assertThat(attempts(done).get(0).get("error")).isEqualTo("the receiver answered HTTP 500");
        List<Receiver.Received> all = receiver.received();
        assertThat(all).extracting(Receiver.Received::id).containsOnly(all.getFirst().id());
        assertThat(all).extracting(Receiver.Received::epochSeconds)
                .containsExactly(start.getEpochSecond(), start.getEpochSecond() + 31, start.getEpochSecond() + 120);
        assertThat(all).allMatch(r -> r.signedWith((String) subscribed.get("secret")));
    }

    @Test
    void aDeliveryStillFailingAfterADayIsGivenUpAndCanBeRedelivered() {
        Receiver receiver = receiver(503);
        String id = id(subscribe(receiver.url(), List.of("deal.updated")));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(start);
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("dealId", "d-2")).block();
        awaitReceived(receiver, 1);
        awaitDelivery(id, d -> ((Integer) d.get("attempts")) == 1);

        clock.pin(start.plus(Duration.ofHours(25)));
        worker.wake();
        awaitReceived(receiver, 2);
        Map<String, Object> failed = awaitDelivery(id, "FAILED");
        assertThat(failed).containsEntry("attempts", 2).containsEntry("nextAttemptAt", null);
        assertThat((String) failed.get("lastError")).contains("HTTP 503").contains("given up after 2 attempts");

        receiver.answer(204);
        http.post().uri("/api/v1/webhooks/" + id + "/deliveries/" + failed.get("id") + "/redeliver")
                .header("Authorization", admin).exchange().expectStatus().isAccepted();
        awaitReceived(receiver, 3);
        Map<String, Object> redelivered = awaitDelivery(id, "SUCCEEDED");
        assertThat(redelivered).containsEntry("attempts", 3).containsEntry("lastStatus", 204);
        assertThat(receiver.received().get(2).id()).isEqualTo(receiver.received().getFirst().id());
    }

    @Test
    void aSubscriptionWhoseDeliveriesAllFailedForThreeDaysIsPausedWithANoticeForAdmins() {
        Receiver receiver = receiver(500);
        String id = id(subscribe(receiver.url(), List.of("deal.updated")));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(start);
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("day", 0)).block();
        awaitReceived(receiver, 1);

        clock.pin(start.plus(Duration.ofDays(2)));
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("day", 2)).block();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.ofType("deal.updated").stream()
                .anyMatch(r -> r.body().contains("\"day\":2")));
        assertThat(subscription(id)).containsEntry("status", "ACTIVE");

        clock.pin(start.plus(Duration.ofDays(3)).plusSeconds(60));
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("day", 3)).block();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> subscription(id).get("status"),
                "PAUSED"::equals);
        Map<String, Object> paused = subscription(id);
        assertThat((String) paused.get("pausedReason")).contains("every delivery since " + start).contains("3 days");
        List<Map<String, Object>> notices = http.get().uri("/api/v1/webhooks/notices").header("Authorization", admin)
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(notices).anySatisfy(n -> {
            assertThat(n.get("subscriptionId")).isEqualTo(id);
            assertThat((String) n.get("message")).contains("Paused: every delivery since");
        });
        assertThat(deliveries(id)).allSatisfy(d -> assertThat(d.get("status")).isEqualTo("FAILED"));
        // and every admin is told in Baton, with a link to the subscription
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> told = (List<Map<String, Object>>) Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get().uri("/api/v1/notifications").header("Authorization", admin).exchange()
                                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody()
                                .get("notifications"),
                        list -> ((List<?>) list).stream().anyMatch(n -> ("/admin/webhooks/" + id)
                                .equals(((Map<?, ?>) n).get("link"))));
        assertThat(told).anySatisfy(n -> {
            assertThat(n).containsEntry("kind", "webhook.paused").containsEntry("link", "/admin/webhooks/" + id);
            assertThat((String) n.get("body")).contains("every delivery since").contains(receiver.url());
        });

        // paused: a new event is not even queued for it
        int before = deliveries(id).size();
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("day", 4)).block();
        assertThat(deliveries(id)).hasSize(before);

        // resuming clears the notice and sends new events again
        receiver.answer(200);
        http.patch().uri("/api/v1/webhooks/" + id).header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("paused", false)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
        assertThat(http.get().uri("/api/v1/webhooks/notices").header("Authorization", admin).exchange()
                .expectBody(LIST).returnResult().getResponseBody())
                .noneSatisfy(n -> assertThat(n.get("subscriptionId")).isEqualTo(id));
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("day", 5)).block();
        awaitDelivery(id, "SUCCEEDED");
    }

    @Test
    void internalTargetsAreRefusedWithAProblemThatSaysWhy() {
        Map<String, String> refused = Map.of(
                "http://10.1.2.3/hook", "resolves to 10.1.2.3, a private address",
                "http://192.168.0.10:8080/hook", "a private address",
                "http://169.254.169.254/latest/meta-data/", "a cloud metadata address",
                "http://[::1]:8080/hook", "a loopback address",
                "http://127.0.0.2/hook", "a loopback address",
                "http://[fd00::1]/hook", "a private address (fc00::/7)",
                "http://0.0.0.0/hook", "an unspecified address",
                "http://224.0.0.1/hook", "a multicast address",
                "ftp://example.com/hook", "only http and https",
                "http://user:secret@127.0.0.1/hook", "must not carry a user name or password");
        refused.forEach((url, reason) -> http.post().uri("/api/v1/webhooks").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", url, "events", List.of("asset.published")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("url")
                .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r).as(url).contains(reason)));
        http.post().uri("/api/v1/webhooks").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "http://127.0.0.1:1/hook", "events", List.of("asset.deleted")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("events")
                .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r).contains("asset.deleted"));
        assertThat(http.get().uri("/api/v1/webhooks").header("Authorization", admin).exchange()
                .expectBody(LIST).returnResult().getResponseBody())
                .noneSatisfy(s -> assertThat((String) s.get("url")).contains("10.1.2.3"));
    }

    @Test
    void aTargetThatBecameInternalAfterItWasSavedIsNotSentTo() {
        Receiver receiver = receiver(200);
        String id = id(subscribe(receiver.url(), List.of("deal.updated")));
        // as if its name now resolved elsewhere: what was checked at saving is checked again before sending
        db.sql("update webhook_subscription set url = 'http://10.9.8.7/hook' where id = :id")
                .bind("id", java.util.UUID.fromString(id)).then().block();
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("dealId", "d-3")).block();
        Map<String, Object> delivery = awaitDelivery(id, d -> ((Integer) d.get("attempts")) >= 1);
        assertThat((String) delivery.get("lastError")).startsWith("not sent:").contains("a private address");
        assertThat(attempts(delivery).getFirst().get("statusCode")).isNull();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aRotatedSecretSignsAndThePreviousOneStillSignsForADay() {
        Receiver receiver = receiver(200);
        Map<String, Object> subscribed = subscribe(receiver.url(), List.of("deal.updated"));
        String id = id(subscribed);
        String previous = (String) subscribed.get("secret");
        Map<String, Object> rotated = http.post().uri("/api/v1/webhooks/" + id + "/secret")
                .header("Authorization", admin).exchange().expectStatus().isOk().expectBody(MAP).returnResult()
                .getResponseBody();
        String next = (String) rotated.get("secret");
        assertThat(next).startsWith("whsec_").isNotEqualTo(previous);

        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("id", "x")).block();
        Receiver.Received got = awaitReceived(receiver, 1).getFirst();
        assertThat(got.signedWith(next)).isTrue();
        assertThat(got.signedWith(previous)).isTrue();

        clock.pin(Instant.now().plus(Duration.ofHours(25)));
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("id", "y")).block();
        Receiver.Received later = awaitReceived(receiver, 2).get(1);
        assertThat(later.signedWith(next)).isTrue();
        assertThat(later.signedWith(previous)).isFalse();
    }

    @Test
    void finishedDeliveriesAreForgottenAfterTheRetention() {
        Receiver receiver = receiver(200);
        String id = id(subscribe(receiver.url(), List.of("deal.updated")));
        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("dealId", "d-old")).block();
        awaitDelivery(id, "SUCCEEDED");

        clock.pin(Instant.now().plus(Duration.ofDays(31)));
        worker.wake();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(id), List::isEmpty);
        assertThat(subscription(id)).containsEntry("status", "ACTIVE");
    }

    // ---- helpers ----

    private Receiver receiver(Integer... statuses) {
        Receiver receiver = new Receiver(statuses);
        receivers.add(receiver);
        return receiver;
    }

    private Map<String, Object> subscribe(String url, List<String> events) {
        Map<String, Object> answer = http.post().uri("/api/v1/webhooks").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", url, "events", events, "description", "test receiver"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        created.add(id(answer));
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static String id(Map<String, Object> withSecret) {
        return (String) ((Map<String, Object>) withSecret.get("subscription")).get("id");
    }

    private Map<String, Object> subscription(String id) {
        return http.get().uri("/api/v1/webhooks/" + id).header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    private List<Map<String, Object>> deliveries(String id) {
        WebTestClient.ResponseSpec response = http.get().uri("/api/v1/webhooks/" + id + "/deliveries")
                .header("Authorization", admin).exchange();
        return response.expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
    }

    private Map<String, Object> awaitDelivery(String id, String status) {
        return awaitDelivery(id, d -> status.equals(d.get("status")));
    }

    private Map<String, Object> awaitDelivery(String id, java.util.function.Predicate<Map<String, Object>> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> deliveries(id).stream().filter(condition).findFirst().orElse(null),
                        java.util.Objects::nonNull);
    }

    private static List<Receiver.Received> awaitReceived(Receiver receiver, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(receiver::received, list -> list.size() >= count);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(Map<String, Object> delivery) {
        return (List<Map<String, Object>>) delivery.get("attemptLog");
    }
}
