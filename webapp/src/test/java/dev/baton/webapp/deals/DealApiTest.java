package dev.baton.webapp.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.system.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Deals through the API as a CRM sync and reps use it: the idempotent upsert, its checks, who may touch which deal,
 * the stage history and decision time, the list and the CSV import with line numbers. Every test uses external ids
 * of its own, since the application is shared with other test classes.
 */
class DealApiTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    AuditLog audit;

    private String rep;
    private String otherRep;
    private String marketer;

    @BeforeEach
    void people() {
        users.user("deal-rep", "REP");
        users.user("deal-rep2", "REP");
        users.user("deal-marketer", "MARKETER");
        rep = basic("deal-rep", TestUsers.PASSWORD);
        otherRep = basic("deal-rep2", TestUsers.PASSWORD);
        marketer = basic("deal-marketer", TestUsers.PASSWORD);
    }

    @Test
    void theSameBodyTwiceIsOneDealWithOneHistoryRow() {
        String ext = unique("OPP");
        Map<String, Object> body = Map.of("name", "Northwind renewal", "accountName", "Northwind Traders",
                "accountDomain", "https://www.Northwind.example/about", "stage", "Consideration", "amount", 125000,
                "currency", "eur", "closeDate", "2026-12-15", "industry", "retail",
                "personas", List.of("Champion", "economic-buyer"));

        Map<String, Object> created = put("salesforce", ext, body, rep).expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/deals/\\d+")
                .expectBody(JSON).returnResult().getResponseBody();
        Map<String, Object> again = put("salesforce", ext, body, rep).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();

        assertThat(again.get("id")).isEqualTo(created.get("id"));
        assertThat(created).containsEntry("accountDomain", "northwind.example")
                .containsEntry("stageFacet", "buyer_stage").containsEntry("stage", "consideration")
                .containsEntry("currency", "EUR").containsEntry("owner", "deal-rep")
                .containsEntry("industry", "retail").containsEntry("outcome", "OPEN")
                .containsEntry("personas", List.of("champion", "economic-buyer"));
        assertThat(((Number) created.get("amount")).doubleValue()).isEqualTo(125000.0);
        assertThat(stages(created.get("id"), rep)).hasSize(1);
        assertThat(audit.latest(500).collectList().block())
                .filteredOn(e -> ("deal/" + created.get("id")).equals(e.target()))
                .extracting(AuditLog.Entry::action).containsExactly("deal.created");
    }

    @Test
    void everyStageChangeIsKeptAndTheDecisionTimeFollowsTheOutcome() {
        String ext = unique("OPP");
        Map<String, Object> first = Map.of("name", "Contoso rollout", "accountName", "Contoso", "stage", "awareness");
        Object id = put("hubspot", ext, first, marketer).expectStatus().isCreated().expectBody(JSON).returnResult()
                .getResponseBody().get("id");
        put("hubspot", ext, Map.of("name", "Contoso rollout", "accountName", "Contoso", "stage", "SQL"), marketer)
                .expectStatus().isOk();
        Map<String, Object> won = put("hubspot", ext, Map.of("name", "Contoso rollout", "accountName", "Contoso",
                "stage", "SQL", "outcome", "Won"), marketer).expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody();
        Map<String, Object> reopened = put("hubspot", ext, Map.of("name", "Contoso rollout", "accountName",
                "Contoso", "stage", "SQL", "outcome", "open"), marketer).expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();

        List<Map<String, Object>> history = stages(id, marketer);
        assertThat(history).extracting(h -> h.get("stageFacet") + "/" + h.get("stage"))
                .containsExactly("buyer_stage/awareness", "funnel_stage/sql");
        assertThat(won).containsEntry("outcome", "WON");
        assertThat(won.get("decidedAt")).isNotNull();
        assertThat(reopened).containsEntry("outcome", "OPEN");
        assertThat(reopened.get("decidedAt")).isNull();
    }

    @Test
    void wrongValuesAreRefusedWithEveryFieldAndItsReason() {
        Map<String, Object> body = Map.of("name", "", "accountName", "Initech", "stage", "Almost there",
                "amount", "12,000", "currency", "EURO", "accountDomain", "not a domain", "closeDate", "31.12.2026",
                "personas", List.of("Wizard"), "colour", "blue");

        Map<String, Object> problem = put("salesforce", unique("OPP"), body, marketer).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON).returnResult().getResponseBody();

        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("field")).contains("colour", "name", "stage", "amount", "currency",
                "accountDomain", "closeDate", "personas");
        assertThat(errors).filteredOn(e -> e.get("field").equals("stage")).first()
                .satisfies(e -> assertThat(e.get("reason")).contains("'Almost there' is not a stage", "Decision"));
        assertThat(errors).filteredOn(e -> e.get("field").equals("currency")).first()
                .satisfies(e -> assertThat(e.get("reason")).contains("ISO 4217"));
    }

    @Test
    void anUnknownOwnerIsRefused() {
        Map<String, Object> problem = put("salesforce", unique("OPP"), Map.of("name", "Globex", "accountName",
                "Globex", "owner", "nobody-here"), marketer).expectStatus().isBadRequest().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(problem.get("detail").toString()).contains("owner: no active user 'nobody-here'");
    }

    @Test
    void aRepCannotTouchAnotherRepsDeal() {
        String ext = unique("OPP");
        Map<String, Object> body = Map.of("name", "Umbrella pilot", "accountName", "Umbrella", "stage", "Decision");
        Object id = put("salesforce", ext, body, rep).expectStatus().isCreated().expectBody(JSON).returnResult()
                .getResponseBody().get("id");

        put("salesforce", ext, body, otherRep).expectStatus().isForbidden();
        put("salesforce", unique("OPP"), Map.of("name", "Umbrella two", "accountName", "Umbrella", "owner",
                "deal-rep"), otherRep).expectStatus().isForbidden();
        http.get().uri("/api/v1/deals/" + id).header("Authorization", otherRep).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/deals/" + id + "/stages").header("Authorization", otherRep).exchange()
                .expectStatus().isNotFound();
        assertThat(list("q=Umbrella pilot", otherRep)).isEmpty();
        assertThat(list("q=Umbrella pilot", rep)).extracting(d -> d.get("id")).containsExactly(id);
        assertThat(list("q=Umbrella pilot&owner=deal-rep", marketer)).extracting(d -> d.get("id"))
                .containsExactly(id);
        http.get().uri("/api/v1/deals/" + id).header("Authorization", marketer).exchange()
                .expectStatus().isOk();
    }

    @Test
    void theListFiltersByOutcomeAndStage() {
        String word = unique("Zephyr");
        put("salesforce", unique("OPP"), Map.of("name", word + " won", "accountName", "A", "stage", "decision",
                "outcome", "won"), marketer).expectStatus().isCreated();
        put("salesforce", unique("OPP"), Map.of("name", word + " open", "accountName", "A", "stage", "awareness"),
                marketer).expectStatus().isCreated();

        assertThat(list("q=" + word + "&outcome=won", marketer)).extracting(d -> d.get("name"))
                .containsExactly(word + " won");
        assertThat(list("q=" + word + "&stage=Awareness", marketer)).extracting(d -> d.get("name"))
                .containsExactly(word + " open");
        http.get().uri("/api/v1/deals?outcome=maybe").header("Authorization", marketer).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void aCsvImportAppliesGoodRowsAndNamesTheLineOfEachBadOne() {
        String a = unique("CSV");
        String b = unique("CSV");
        String c = unique("CSV");
        String csv = "external_id,name,Account Name,stage,amount,currency,personas\n"
                + a + ",Alpha deal,Alpha,Decision,1000,EUR,Champion;End user\n"
                + "\n"
                + b + ",\"Beta deal,\nsecond line\",Beta,Decision,1000,EURO,\n"
                + c + ",Gamma deal,Gamma,Nowhere,,,\n";

        Map<String, Object> report = http.post().uri("/api/v1/deals/import?crm=csvtest")
                .header("Authorization", rep).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv).exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        assertThat(report).containsEntry("rows", 3).containsEntry("created", 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) report.get("problems");
        assertThat(problems).extracting(p -> p.get("line") + " " + p.get("externalId"))
                .containsExactly("4 " + b, "6 " + c);
        assertThat(problems.get(0).get("reason").toString()).contains("currency");
        assertThat(problems.get(1).get("reason").toString()).contains("stage");
        assertThat(list("q=Beta deal", rep)).isEmpty();
        assertThat(list("q=Alpha deal", rep)).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("crm", "csvtest").containsEntry("owner", "deal-rep")
                        .containsEntry("personas", List.of("champion", "end-user")));

        Map<String, Object> again = http.post().uri("/api/v1/deals/import?crm=csvtest")
                .header("Authorization", rep).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv).exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(again).containsEntry("created", 0).containsEntry("unchanged", 1);
    }

    @Test
    void aCsvWithoutTheRequiredColumnsIsRefusedWhole() {
        Map<String, Object> problem = http.post().uri("/api/v1/deals/import?crm=csvtest")
                .header("Authorization", rep).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,stage\nDelta,Decision\n").exchange().expectStatus().isBadRequest()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(problem.get("detail").toString()).contains("no 'external_id' column");
    }

    private WebTestClient.ResponseSpec put(String crm, String ext, Map<String, Object> body, String auth) {
        return http.put().uri("/api/v1/deals/{crm}/{ext}", crm, ext).header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<Map<String, Object>> stages(Object id, String auth) {
        return http.get().uri("/api/v1/deals/" + id + "/stages").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String query, String auth) {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/deals?" + query).header("Authorization", auth)
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("items");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
