package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.deals.DealHistory.StageAt;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

/**
 * Stage-fit drift: an asset tagged Awareness but shared mostly while its deals were at Decision is suggested for
 * retagging, and its owner is told once; an asset with too few shares is not judged.
 */
class StageDriftApiTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    DealHistory dealHistory;

    @Autowired
    ShareHistory shareHistory;

    @Autowired
    UsageService usage;

    @Test
    void anAssetSharedMostlyAtOtherStagesIsSuggestedForRetaggingAndItsOwnerIsToldOnce() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String owner = "drift-owner-" + suffix;
        users.user(owner, "MARKETER");
        String ownerAuth = basic(owner, TestUsers.PASSWORD);
        String rep = "drift-rep-" + suffix;
        long repId = users.user(rep, "REP").id();
        InfluenceSeed seed = new InfluenceSeed(http, ownerAuth, dealHistory, shareHistory, usage);
        UUID drifting = seed.asset("Drifting " + suffix, Map.of("buyer_stage", List.of("awareness")));
        UUID few = seed.asset("Few shares " + suffix, Map.of("buyer_stage", List.of("awareness")));

        // each deal: Awareness from 60 days ago, Consideration from 40, Decision from 20
        List<StageAt> stages = List.of(new StageAt("buyer_stage", "awareness", seed.daysAgo(60)),
                new StageAt("buyer_stage", "consideration", seed.daysAgo(40)),
                new StageAt("buyer_stage", "decision", seed.daysAgo(20)));
        // shared at Decision four times, at Consideration once, at Awareness once: 5 of 6 elsewhere
        for (int days : new int[] {10, 12, 15, 18, 30, 50}) {
            long deal = seed.deal(rep, stages, Outcome.OPEN, null, null, null);
            seed.share(repId, deal, seed.daysAgo(days), drifting);
        }
        // four shares, all elsewhere: too few to judge
        for (int days : new int[] {10, 12, 15, 18}) {
            long deal = seed.deal(rep, stages, Outcome.OPEN, null, null, null);
            seed.share(repId, deal, seed.daysAgo(days), few);
        }

        String marketer = basic(owner, TestUsers.PASSWORD);
        Map<String, Object> report = http.get().uri("/api/v1/reports/stage-drift").header("Authorization", marketer)
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        Map<String, Object> fit = fit(report, drifting);
        assertThat(fit).containsEntry("shares", 6).containsEntry("matching", 1).containsEntry("drifting", true)
                .containsEntry("otherShare", 0.8333).containsEntry("stageFacet", "buyer_stage");
        assertThat(fit.get("seen")).isEqualTo(List.of(
                Map.of("key", "decision", "label", "Decision", "shares", 4),
                Map.of("key", "awareness", "label", "Awareness", "shares", 1),
                Map.of("key", "consideration", "label", "Consideration", "shares", 1)));
        assertThat(fit.get("suggested")).isEqualTo(List.of(Map.of("key", "decision", "label", "Decision")));
        assertThat(fit(report, few)).containsEntry("shares", 4).containsEntry("matching", 0)
                .containsEntry("drifting", false).containsEntry("suggested", List.of());

        // the CSV: the same numbers, UTF-8 with a byte-order mark, a download named for the window
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        byte[] csv = http.get().uri("/api/v1/reports/stage-drift?format=csv").header("Authorization", marketer)
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectHeader().value("Content-Disposition", d -> assertThat(d).startsWith(
                        "attachment; filename=\"stage-drift-" + today.minusDays(364) + "-" + today + ".csv\""))
                .expectBody().returnResult().getResponseBody();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFasset_id,title,owner,stage_facet,tagged,shares,matching,other_share,seen,"
                + "suggested,drifting\r\n");
        assertThat(text).contains(drifting + ",Drifting " + suffix + "," + fit.get("owner") + ",buyer_stage,awareness,6,1,"
                + "0.8333,decision:4;awareness:1;consideration:1,decision,true\r\n");
        assertThat(text).contains(few + ",Few shares " + suffix + "," + fit.get("owner") + ",buyer_stage,awareness,4,0,");
        http.get().uri("/api/v1/reports/stage-drift?format=xml").header("Authorization", marketer).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[?(@.field == 'format')]").exists();

        // told once, however often suggestions are sent
        http.post().uri("/api/v1/reports/stage-drift/notify").header("Authorization", marketer).exchange()
                .expectStatus().isOk();
        http.post().uri("/api/v1/reports/stage-drift/notify").header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.notified").isNumber();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inbox = (List<Map<String, Object>>) http.get().uri("/api/v1/notifications")
                .header("Authorization", ownerAuth).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody().get("notifications");
        assertThat(inbox).filteredOn(n -> "report.stage_drift".equals(n.get("kind"))).singleElement()
                .satisfies(n -> {
                    assertThat((String) n.get("title")).contains("Drifting " + suffix).contains("Decision");
                    assertThat((String) n.get("body")).contains("tagged Awareness").contains("Decision (4)");
                    assertThat(n.get("link")).isEqualTo("/assets/" + drifting);
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fit(Map<String, Object> report, UUID asset) {
        return ((List<Map<String, Object>>) report.get("fits")).stream()
                .filter(f -> asset.toString().equals(f.get("assetId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no fit for " + asset));
    }
}
