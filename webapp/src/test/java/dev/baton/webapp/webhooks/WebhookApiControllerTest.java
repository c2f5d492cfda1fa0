package dev.baton.webapp.webhooks;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

import dev.baton.webapp.ApiSlice;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.accounts.SignedIn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The webhooks API's mapping and error shapes, with the subscriptions mocked; the flows (signing, retries, the target
 * guard on real addresses) are {@code WebhooksApiTest}'s.
 */
@ApiSlice(WebhookApiController.class)
class WebhookApiControllerTest {

    @MockitoBean
    Subscriptions subscriptions;

    @Autowired
    WebTestClient client;

    private WebTestClient http;

    @BeforeEach
    void signIn() {
        http = SignedIn.as(client, SignedIn.user("hook-admin", Role.ADMIN));
    }

    private static Subscriptions.Subscription subscription(UUID id) {
        Instant now = Instant.parse("2026-12-07T09:00:00Z");
        return new Subscriptions.Subscription(id, "https://crm.example.com/hook", "CRM", List.of("deal.updated"),
                "ACTIVE", "whsec_abcd…", null, null, null, now, "hook-admin", now);
    }

    @Test
    void aNewSubscriptionReachesTheServiceAsSentAndTheSecretIsInTheAnswer() {
        UUID id = UUID.randomUUID();
        given(subscriptions.create(any(), any(), any()))
                .willReturn(Mono.just(new Subscriptions.WithSecret(subscription(id), "whsec_c2VjcmV0")));

        http.post().uri("/api/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "https://crm.example.com/hook", "events", List.of("deal.updated"),
                        "description", "CRM"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.secret").isEqualTo("whsec_c2VjcmV0")
                .jsonPath("$.subscription.id").isEqualTo(id.toString())
                .jsonPath("$.subscription.secretStart").isEqualTo("whsec_abcd…");
        then(subscriptions).should().create(eq(new Subscriptions.Request("https://crm.example.com/hook",
                List.of("deal.updated"), "CRM", null)), eq("hook-admin"), any());
    }

    @Test
    void aRefusedTargetIsABadRequestNamingTheUrlAndWhy() {
        given(subscriptions.create(any(), any(), any())).willReturn(Mono.error(new TargetGuard.RefusedTarget(
                "'10.0.0.1' resolves to 10.0.0.1, a private address")));

        http.post().uri("/api/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "http://10.0.0.1/hook", "events", List.of("deal.updated")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("url")
                .jsonPath("$.errors[0].reason").isEqualTo("'10.0.0.1' resolves to 10.0.0.1, a private address");
    }

    @Test
    void anIdThatIsNotOneIsABadRequestAndReachesNothing() {
        http.get().uri("/api/v1/webhooks/42").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/webhooks/" + UUID.randomUUID() + "/deliveries/latest/redeliver").exchange()
                .expectStatus().isBadRequest();
        Mockito.verifyNoInteractions(subscriptions);
    }

    @Test
    void aRedeliveryIsAcceptedForTheDeliveryNamed() {
        UUID id = UUID.randomUUID();
        given(subscriptions.redeliver(any(), anyLong(), any(), any())).willReturn(Mono.empty());

        http.post().uri("/api/v1/webhooks/" + id + "/deliveries/17/redeliver").exchange()
                .expectStatus().isAccepted();
        then(subscriptions).should().redeliver(eq(id), eq(17L), eq("hook-admin"), any());
    }

    @Test
    void theEventTypesAreListed() {
        http.get().uri("/api/v1/webhooks/event-types").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.types.length()").isEqualTo(6)
                .jsonPath("$.types[0]").isEqualTo("share.created");
    }
}
