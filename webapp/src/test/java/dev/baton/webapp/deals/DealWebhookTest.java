package dev.baton.webapp.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A CRM posting to the inbound webhook, as Salesforce and HubSpot would with the worked payloads of docs/crm.md: a
 * good signature stores the deal; a wrong secret, a missing signature and an old timestamp are 401; a delivery id
 * sent again is acknowledged and ignored; the doc's worked signatures are what its openssl line computes.
 */
class DealWebhookTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Pattern FIXTURE = Pattern.compile("<!-- fixture: ([a-z-]+) -->\\s*```json\\n(.*?)\\n```",
            Pattern.DOTALL);
    private static final Pattern SIGNATURE = Pattern.compile("<!-- signature: ([a-z-]+) -->\\s*```sh\\n"
            + "secret='([^']+)'; ts=(\\d+);.*?\\n# ([0-9a-f]{64})\\n", Pattern.DOTALL);

    @Autowired
    CrmIntegrations integrations;

    @Autowired
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void theSalesforceWorkedPayloadMakesTheDealTheDocDescribes() {
        users.user("dana", "REP");
        String crm = unique("sf");
        String secret = integrations.create(crm, "salesforce", "test", null).block().secret();
        String body = fixture("salesforce-opportunity");

        Map<String, Object> answer = post(crm, secret, now(), UUID.randomUUID().toString(), body)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        assertThat(answer).containsEntry("status", "created");
        Map<String, Object> deal = deal(answer.get("dealId"));
        assertThat(deal).containsEntry("crm", crm).containsEntry("externalId", "0065g00000XyZabAAB")
                .containsEntry("name", "Northwind Traders - platform renewal")
                .containsEntry("accountName", "Northwind Traders").containsEntry("accountDomain", "northwind.example")
                .containsEntry("stage", "decision").containsEntry("currency", "EUR")
                .containsEntry("closeDate", "2026-12-15").containsEntry("outcome", "OPEN")
                .containsEntry("industry", "retail").containsEntry("owner", "dana");
        assertThat(((Number) deal.get("amount")).doubleValue()).isEqualTo(125000.0);
    }

    @Test
    void theHubspotWorkedPayloadMakesTheDealTheDocDescribes() {
        users.user("dana", "REP");
        String crm = unique("hs");
        String secret = integrations.create(crm, "hubspot", "test", null).block().secret();

        Map<String, Object> answer = post(crm, secret, now(), "hs-evt-" + UUID.randomUUID(), fixture("hubspot-deal"))
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        Map<String, Object> deal = deal(answer.get("dealId"));
        assertThat(deal).containsEntry("externalId", "9876543210")
                .containsEntry("name", "Contoso - analytics expansion").containsEntry("accountName", "Contoso")
                .containsEntry("accountDomain", "contoso.example").containsEntry("stage", "decision")
                .containsEntry("currency", "USD").containsEntry("closeDate", "2026-11-30")
                .containsEntry("outcome", "OPEN").containsEntry("industry", "technology")
                .containsEntry("owner", "dana");
        assertThat(((Number) deal.get("amount")).doubleValue()).isEqualTo(48000.0);
    }

    @Test
    void theWorkedSignaturesOfTheDocAreWhatOpensslComputes() {
        Matcher signatures = SIGNATURE.matcher(doc());
        int found = 0;
        while (signatures.find()) {
            found++;
            String body = fixture(signatures.group(1));
            assertThat(CrmIntegrations.sign(signatures.group(2), signatures.group(3), body))
                    .as("the worked signature of " + signatures.group(1)).isEqualTo(signatures.group(4));
        }
        assertThat(found).isEqualTo(2);
    }

    @Test
    void theDocsWorkedDeliveryIsAcceptedAtItsOwnTime() {
        Matcher signature = SIGNATURE.matcher(doc());
        assertThat(signature.find()).isTrue();
        String crm = unique("sfdoc");
        integrations.create(crm, "salesforce", "test", null).block();
        // the doc's secret is not this integration's: the worked signature must not be accepted here
        clock.pin(Instant.ofEpochSecond(Long.parseLong(signature.group(3))));
        http.post().uri("/api/v1/crm/{crm}/webhook", crm).contentType(MediaType.APPLICATION_JSON)
                .header(CrmWebhookController.DELIVERY, "7c1e1f3e-sf-0001")
                .header(CrmWebhookController.TIMESTAMP, signature.group(3))
                .header(CrmWebhookController.SIGNATURE, "sha256=" + signature.group(4))
                .bodyValue(fixture(signature.group(1))).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aWrongSecretAMissingSignatureAndAnOldTimestampAreRefused() {
        String crm = unique("sf");
        String secret = integrations.create(crm, "salesforce", "test", null).block().secret();
        String body = fixture("salesforce-opportunity");

        Map<String, Object> wrong = post(crm, secret + "x", now(), UUID.randomUUID().toString(), body)
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(wrong.get("detail").toString()).contains("signature does not match");

        http.post().uri("/api/v1/crm/{crm}/webhook", crm).contentType(MediaType.APPLICATION_JSON)
                .header(CrmWebhookController.DELIVERY, "d-1").bodyValue(body).exchange()
                .expectStatus().isUnauthorized();

        long old = Instant.now().minusSeconds(6 * 60).getEpochSecond();
        Map<String, Object> late = post(crm, secret, old, UUID.randomUUID().toString(), body)
                .expectStatus().isUnauthorized().expectBody(JSON).returnResult().getResponseBody();
        assertThat(late.get("detail").toString()).contains("more than 5 minutes");

        post("no-such-crm", secret, now(), UUID.randomUUID().toString(), body).expectStatus().isUnauthorized();
        http.get().uri("/api/v1/deals?q=Northwind Traders - platform").header("Authorization",
                basic("admin", ADMIN_PASSWORD)).exchange().expectStatus().isOk().expectBody(JSON)
                .value(page -> assertThat(page.get("items").toString()).doesNotContain(crm));
    }

    @Test
    void aRepeatedDeliveryIdIsAcknowledgedAndIgnored() {
        String crm = unique("sf");
        String secret = integrations.create(crm, "salesforce", "test", null).block().secret();
        String delivery = UUID.randomUUID().toString();
        String first = fixture("salesforce-opportunity");
        String changed = first.replace("\"Negotiation/Review\"", "\"Closed Won\"")
                .replace("\"IsClosed\": false", "\"IsClosed\": true").replace("\"IsWon\": false", "\"IsWon\": true");

        Object id = post(crm, secret, now(), delivery, first).expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody().get("dealId");
        Map<String, Object> again = post(crm, secret, now(), delivery, changed).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();

        assertThat(again.get("status").toString()).startsWith("duplicate");
        assertThat(deal(id)).containsEntry("outcome", "OPEN");

        post(crm, secret, now(), UUID.randomUUID().toString(), changed).expectStatus().isOk();
        assertThat(deal(id)).containsEntry("outcome", "WON");
    }

    @Test
    void anUnmappedStageIsRefusedAndStoresNothingSoTheRetryWorksOnceMapped() {
        String crm = unique("sf");
        String secret = integrations.create(crm, "salesforce", "test", null).block().secret();
        String delivery = UUID.randomUUID().toString();
        String body = fixture("salesforce-opportunity").replace("Negotiation/Review", "Custom Pilot");

        Map<String, Object> problem = post(crm, secret, now(), delivery, body).expectStatus().isBadRequest()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(problem.get("detail").toString()).contains("'Custom Pilot' has no mapping");

        integrations.changeStageMap(crm, Map.of("Custom Pilot", "Consideration"), "test", null).block();
        Map<String, Object> answer = post(crm, secret, now(), delivery, body).expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(deal(answer.get("dealId"))).containsEntry("stage", "consideration");
    }

    private WebTestClient.ResponseSpec post(String crm, String secret, long timestamp, String delivery, String body) {
        String ts = Long.toString(timestamp);
        return http.post().uri("/api/v1/crm/{crm}/webhook", crm).contentType(MediaType.APPLICATION_JSON)
                .header(CrmWebhookController.DELIVERY, delivery)
                .header(CrmWebhookController.TIMESTAMP, ts)
                .header(CrmWebhookController.SIGNATURE, "sha256=" + CrmIntegrations.sign(secret, ts, body))
                .bodyValue(body).exchange();
    }

    private Map<String, Object> deal(Object id) {
        return http.get().uri("/api/v1/deals/" + id).header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** A worked payload of docs/crm.md, as the doc's shell line sends it (without the final newline). */
    static String fixture(String name) {
        Matcher m = FIXTURE.matcher(doc());
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("docs/crm.md has no fixture " + name);
    }

    private static String doc() {
        Path path = Path.of("..", "docs", "crm.md");
        if (!Files.exists(path)) {
            path = Path.of("docs", "crm.md");
        }
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("docs/crm.md cannot be read", e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
