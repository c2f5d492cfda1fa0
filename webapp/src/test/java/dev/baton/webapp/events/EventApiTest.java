package dev.baton.webapp.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.usage.UsageService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code POST /api/v1/events} as another tool (a CRM, an email add-in) uses it, through real HTTP. */
class EventApiTest extends BatonTest {

    @Autowired
    UsageService usage;

    @Autowired
    DatabaseClient db;

    private String rep;
    private String marketer;
    private String published;
    private String draft;

    @BeforeEach
    void assets() {
        users.user("events-rep", "REP");
        users.user("events-other-rep", "REP");
        users.user("events-marketer", "MARKETER");
        rep = basic("events-rep", TestUsers.PASSWORD);
        marketer = basic("events-marketer", TestUsers.PASSWORD);
        AssetClient library = new AssetClient(http, marketer);
        published = (String) library.created(text("published"), "published.txt",
                Map.of("title", "Events published " + UUID.randomUUID(), "status", "published")).get("id");
        draft = (String) library.created(text("draft"), "draft.txt",
                Map.of("title", "Events draft " + UUID.randomUUID())).get("id");
    }

    @Test
    void aBatchOf500IsRecordedOnceAndItsRetryOnlyFindsDuplicates() {
        List<Map<String, Object>> events = new ArrayList<>();
        String prefix = UUID.randomUUID().toString();
        for (int i = 0; i < 500; i++) {
            events.add(event(published, i % 2 == 0 ? "used_in_email" : "presented", prefix + "-" + i));
        }

        post(rep, events).expectStatus().isOk().expectBody()
                .jsonPath("$.recorded").isEqualTo(500)
                .jsonPath("$.duplicates").isEqualTo(0)
                .jsonPath("$.events.length()").isEqualTo(500)
                .jsonPath("$.events[499].index").isEqualTo(499)
                .jsonPath("$.events[499].idempotencyKey").isEqualTo(prefix + "-499")
                .jsonPath("$.events[499].outcome").isEqualTo("recorded");
        post(rep, events).expectStatus().isOk().expectBody()
                .jsonPath("$.recorded").isEqualTo(0)
                .jsonPath("$.duplicates").isEqualTo(500)
                .jsonPath("$.events[0].outcome").isEqualTo("duplicate");

        assertThat(uses(published)).isEqualTo(500);
        assertThat(actions(published)).containsEntry("EMAIL", 250L).containsEntry("MEETING", 250L);
    }

    @Test
    void aBatchOf501IsRefusedAndNothingOfItStored() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(event(published, "email", UUID.randomUUID().toString()));
        }

        post(rep, events).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("events")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("1 to 500 events"));

        assertThat(uses(published)).isZero();
    }

    @Test
    void aKeyGivenTwiceInABatchCountsOnceAndTheSecondIsADuplicate() {
        String key = UUID.randomUUID().toString();

        post(rep, List.of(event(published, "email", key), event(published, "meeting", key),
                        event(published, "view", key + "-b")))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.recorded").isEqualTo(2)
                .jsonPath("$.events[0].outcome").isEqualTo("recorded")
                .jsonPath("$.events[1].outcome").isEqualTo("duplicate")
                .jsonPath("$.events[2].outcome").isEqualTo("recorded");
        // keys are per caller: another person's identical key is their own event
        post(basic("events-other-rep", TestUsers.PASSWORD), List.of(event(published, "email", key)))
                .expectStatus().isOk().expectBody().jsonPath("$.events[0].outcome").isEqualTo("recorded");

        assertThat(actions(published)).containsEntry("EMAIL", 2L).containsEntry("VIEW", 1L);
    }

    @Test
    void badEventsAreNamedByTheirIndexAndNothingOfTheBatchIsStored() {
        Map<String, Object> good = event(published, "email", UUID.randomUUID().toString());
        Map<String, Object> badAction = event(published, "faxed", UUID.randomUUID().toString());
        Map<String, Object> unknownAsset = event(UUID.randomUUID().toString(), "email", "k-unknown");
        Map<String, Object> future = event(published, "email", "k-future");
        future.put("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        Map<String, Object> ancient = event(published, "email", "k-ancient");
        ancient.put("occurredAt", Instant.now().minus(400, ChronoUnit.DAYS).toString());
        Map<String, Object> noKey = event(published, "email", null);
        Map<String, Object> badTime = event(published, "email", "k-bad-time");
        badTime.put("occurredAt", "yesterday");

        post(rep, List.of(good, badAction, good, future, ancient, noKey, badTime))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.title").isEqualTo("Invalid events")
                .jsonPath("$.errors.length()").isEqualTo(5)
                .jsonPath("$.errors[0].index").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("action")
                .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r).contains("'faxed'"))
                .jsonPath("$.errors[1].index").isEqualTo(3)
                .jsonPath("$.errors[1].field").isEqualTo("occurredAt")
                .jsonPath("$.errors[1].reason").value(r -> assertThat((String) r).contains("future"))
                .jsonPath("$.errors[2].index").isEqualTo(4)
                .jsonPath("$.errors[3].index").isEqualTo(5)
                .jsonPath("$.errors[3].field").isEqualTo("idempotencyKey")
                .jsonPath("$.errors[4].index").isEqualTo(6);
        post(rep, List.of(good, unknownAsset)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].index").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("assetId");

        assertThat(uses(published)).isZero();
        // the good event was not recorded with its bad batch: sent alone, it is new
        post(rep, List.of(good)).expectStatus().isOk().expectBody()
                .jsonPath("$.events[0].outcome").isEqualTo("recorded");
    }

    @Test
    void aRepCannotPostEventsForAnAssetTheyCannotSeeButAMarketerCan() {
        post(rep, List.of(event(published, "email", "ok-1"), event(draft, "email", "draft-1")))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].index").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("assetId")
                .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r).contains("that you may see"));
        assertThat(uses(draft)).isZero();

        post(marketer, List.of(event(draft, "meeting", "draft-1"))).expectStatus().isOk();
        assertThat(actions(draft)).containsEntry("MEETING", 1L);
    }

    @Test
    void aDealIsFoundByItsCrmIdentityAndARepMayUseOnlyTheirOwn() {
        long repId = users.user("events-rep", "REP").id();
        long otherId = users.user("events-other-rep", "REP").id();
        String external = "opp-" + UUID.randomUUID();
        long own = deal("salesforce", external, repId);
        long others = deal("salesforce", external + "-x", otherId);

        Map<String, Object> byCrm = event(published, "email", UUID.randomUUID().toString());
        byCrm.put("deal", Map.of("crm", "Salesforce", "externalId", external));
        byCrm.put("source", "outlook-addin");
        byCrm.put("note", "Sent to the CFO");
        Map<String, Object> byId = event(published, "meeting", UUID.randomUUID().toString());
        byId.put("deal", Map.of("id", own));
        post(rep, List.of(byCrm, byId)).expectStatus().isOk().expectBody().jsonPath("$.recorded").isEqualTo(2);

        Map<String, Object> notMine = event(published, "email", UUID.randomUUID().toString());
        notMine.put("deal", Map.of("id", others));
        Map<String, Object> unknown = event(published, "email", UUID.randomUUID().toString());
        unknown.put("deal", Map.of("crm", "hubspot", "externalId", "nobody"));
        post(rep, List.of(notMine, unknown)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].index").isEqualTo(0)
                .jsonPath("$.errors[0].field").isEqualTo("deal")
                .jsonPath("$.errors[1].index").isEqualTo(1);

        List<Map<String, Object>> rows = db.sql("select deal_id, source, note from usage_event "
                        + "where asset_id = :asset order by id")
                .bind("asset", UUID.fromString(published))
                .fetch().all().collectList().block();
        assertThat(rows).extracting(r -> r.get("deal_id")).containsExactly(own, own);
        assertThat(rows.getFirst()).containsEntry("source", "outlook-addin").containsEntry("note", "Sent to the CFO");
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoEventsIsABadRequest() {
        http.post().uri("/api/v1/events").header("Authorization", rep).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        http.post().uri("/api/v1/events").header("Authorization", rep).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"events\": []}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("events");
    }

    private WebTestClient.ResponseSpec post(String authorization, List<Map<String, Object>> events) {
        return http.post().uri("/api/v1/events").header("Authorization", authorization)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("events", events)).exchange();
    }

    private static Map<String, Object> event(String asset, String action, String key) {
        Map<String, Object> event = new HashMap<>();
        event.put("assetId", asset);
        event.put("action", action);
        event.put("occurredAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
        if (key != null) {
            event.put("idempotencyKey", key);
        }
        return event;
    }

    private long uses(String asset) {
        return usage.useCounts(List.of(UUID.fromString(asset))).block().getOrDefault(UUID.fromString(asset), 0L);
    }

    private Map<String, Long> actions(String asset) {
        return db.sql("select action, count(*) as n from usage_event where asset_id = :asset group by action")
                .bind("asset", UUID.fromString(asset))
                .map(row -> Map.entry(row.get("action", String.class), row.get("n", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }

    private long deal(String crm, String external, long owner) {
        return db.sql("insert into deal (crm, external_id, name, account_name, owner_id) "
                        + "values (:crm, :external, :name, 'Example Corp', :owner) returning id")
                .bind("crm", crm).bind("external", external).bind("name", "Deal " + external).bind("owner", owner)
                .map(row -> row.get("id", Long.class)).one().block();
    }

    private static byte[] text(String what) {
        return ("Events test file, " + what + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    }
}
