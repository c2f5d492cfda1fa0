package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

/**
 * The influence report on a seeded team whose figures are known: twelve decided deals (six won, six lost) and two
 * open ones; asset A shared or used before the decision in five of them, asset B in two (below the minimum sample).
 */
class InfluenceApiTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    DealHistory dealHistory;

    @Autowired
    ShareHistory shareHistory;

    @Autowired
    UsageService usage;

    private String marketer;
    private InfluenceSeed seed;

    @BeforeEach
    void seed() {
        users.user("influence-marketer", "MARKETER");
        marketer = basic("influence-marketer", TestUsers.PASSWORD);
        seed = new InfluenceSeed(http, marketer, dealHistory, shareHistory, usage);
    }

    @Test
    void winRatesMediansPipelineAndRevenueAreTheKnownFiguresAndSmallSamplesShowNoRate() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String rep = "influence-rep-" + suffix;
        long repId = users.user(rep, "REP").id();
        long team = InfluenceSeed.team(http, basic("admin", ADMIN_PASSWORD), "Influence " + suffix, List.of(repId));
        UUID a = seed.asset("Influence A " + suffix, Map.of("buyer_stage", List.of("awareness")));
        UUID b = seed.asset("Influence B " + suffix, Map.of("buyer_stage", List.of("decision")));

        // won: W1 30 days, W2 40, W3 60 (with A); W4 20 (with B), W5 50, W6 70
        long w1 = seed.decided(rep, Outcome.WON, 10, 30, new BigDecimal("10000"), "USD");
        long w2 = seed.decided(rep, Outcome.WON, 12, 40, new BigDecimal("5000"), "USD");
        long w3 = seed.decided(rep, Outcome.WON, 14, 60, new BigDecimal("2000"), "EUR");
        long w4 = seed.decided(rep, Outcome.WON, 16, 20, new BigDecimal("700"), "USD");
        seed.decided(rep, Outcome.WON, 18, 50, null, null);
        seed.decided(rep, Outcome.WON, 20, 70, new BigDecimal("900"), "GBP");
        long l1 = seed.decided(rep, Outcome.LOST, 11, 35, new BigDecimal("3000"), "USD");
        long l2 = seed.decided(rep, Outcome.LOST, 13, 45, new BigDecimal("4000"), "USD");
        long l3 = seed.decided(rep, Outcome.LOST, 15, 25, null, null);
        seed.decided(rep, Outcome.LOST, 17, 25, null, null);
        seed.decided(rep, Outcome.LOST, 19, 25, null, null);
        long l6 = seed.decided(rep, Outcome.LOST, 21, 25, null, null);
        long o1 = seed.open(rep, new BigDecimal("1000"), "EUR");
        seed.open(rep, new BigDecimal("8000"), "EUR");

        seed.share(repId, w1, seed.daysAgo(20), a);
        seed.share(repId, w2, seed.daysAgo(30), a);
        seed.used(repId, w3, seed.daysAgo(40), a);
        seed.share(repId, l1, seed.daysAgo(12), a);
        seed.share(repId, l2, seed.daysAgo(20), a);
        // after the decision: not influence
        seed.share(repId, l6, seed.daysAgo(5), a);
        seed.share(repId, o1, seed.daysAgo(3), a);
        seed.share(repId, w4, seed.daysAgo(20), b);
        seed.share(repId, l3, seed.daysAgo(20), b);

        Map<String, Object> report = http.get().uri("/api/v1/reports/influence?team={team}", team)
                .header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        assertThat(report.get("minSample")).isEqualTo(5);
        assertThat(side(report, "all")).containsEntry("decided", 12).containsEntry("won", 6).containsEntry("lost", 6)
                .containsEntry("winRate", 0.5);
        assertThat(report.get("openDeals")).isEqualTo(2);

        Map<String, Object> rowA = row(report, "assets", a.toString());
        assertThat(side(rowA, "with")).containsEntry("decided", 5).containsEntry("won", 3).containsEntry("lost", 2)
                .containsEntry("winRate", 0.6).containsEntry("medianDaysToClose", 40);
        assertThat(side(rowA, "without")).containsEntry("decided", 7).containsEntry("won", 3)
                .containsEntry("lost", 4).containsEntry("winRate", 0.4286).containsEntry("medianDaysToClose", 50);
        assertThat(figures(rowA).get("openDeals")).isEqualTo(1);
        assertThat(figures(rowA).get("pipeline")).isEqualTo(List.of(Map.of("currency", "EUR", "amount", 1000.00)));
        assertThat(figures(rowA).get("revenue")).isEqualTo(List.of(Map.of("currency", "EUR", "amount", 2000.00),
                Map.of("currency", "USD", "amount", 15000.00)));

        // two decided deals with B: counts, but no rate or median
        Map<String, Object> rowB = row(report, "assets", b.toString());
        assertThat(side(rowB, "with")).containsEntry("decided", 2).containsEntry("won", 1)
                .containsEntry("winRate", null).containsEntry("medianDaysToClose", null);
        assertThat(side(rowB, "without")).containsEntry("decided", 10).containsEntry("winRate", 0.5);

        // stages: awareness is A's, decision B's
        assertThat(side(row(report, "stages", "awareness"), "with")).containsEntry("winRate", 0.6);
        assertThat(side(row(report, "stages", "decision"), "with")).containsEntry("winRate", null);
        assertThat((String) report.get("stageFacet")).isEqualTo("buyer_stage");
    }

    @Test
    void theCsvHasAByteOrderMarkAndTheSameNumbersAsTheJson() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String rep = "influence-csv-" + suffix;
        long repId = users.user(rep, "REP").id();
        long team = InfluenceSeed.team(http, basic("admin", ADMIN_PASSWORD), "Influence CSV " + suffix,
                List.of(repId));
        UUID a = seed.asset("=Influence CSV, \"quoted\" " + suffix, Map.of("buyer_stage", List.of("awareness")));
        for (int i = 0; i < 3; i++) {
            long won = seed.decided(rep, Outcome.WON, 5 + i, 10, new BigDecimal("100"), "USD");
            seed.share(repId, won, seed.daysAgo(7 + i), a);
        }
        for (int i = 0; i < 3; i++) {
            long lost = seed.decided(rep, Outcome.LOST, 5 + i, 10, null, null);
            seed.share(repId, lost, seed.daysAgo(7 + i), a);
        }

        byte[] body = http.get().uri("/api/v1/reports/influence?team={team}&format=csv", team)
                .header("Authorization", marketer).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectHeader().value("Content-Disposition", d -> assertThat(d).startsWith("attachment"))
                .expectBody().returnResult().getResponseBody();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        String csv = new String(body, StandardCharsets.UTF_8).substring(1);
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).startsWith("scope,id,name,decided_with,won_with,lost_with,win_rate_with,");
        assertThat(lines).contains("asset," + a + ",\"'=Influence CSV, \"\"quoted\"\" " + suffix
                + "\",6,3,3,0.5000,10,0,0,0,,,0,,USD 300.00");
        assertThat(csv).contains("\r\n");
    }

    @Test
    void aWrongFilterIsABadRequestThatSaysWhichAndARepIsForbidden() {
        http.get().uri("/api/v1/reports/influence?days=0").header("Authorization", marketer).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("days"));
        http.get().uri("/api/v1/reports/influence?team=999999999").header("Authorization", marketer).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("no team 999999999"));
        http.get().uri("/api/v1/reports/influence?stageFacet=colour").header("Authorization", marketer).exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/v1/reports/influence?format=xml").header("Authorization", marketer).exchange()
                .expectStatus().isBadRequest();
        users.user("influence-rep", "REP");
        http.get().uri("/api/v1/reports/influence").header("Authorization", basic("influence-rep", TestUsers.PASSWORD))
                .exchange().expectStatus().isForbidden();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> report, String list, String key) {
        return ((List<Map<String, Object>>) report.get(list)).stream().filter(r -> key.equals(r.get("key")))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + key + " in " + list));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figures(Map<String, Object> row) {
        return (Map<String, Object>) row.get("figures");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> side(Map<String, Object> map, String side) {
        Map<String, Object> holder = map.containsKey("figures") ? figures(map) : map;
        return (Map<String, Object>) holder.get(side);
    }
}
