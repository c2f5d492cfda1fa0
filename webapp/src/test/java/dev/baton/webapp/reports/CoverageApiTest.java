package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * The coverage heatmap for a product of its own: a used cell, a cell whose assets are all unused (the owner's own
 * views do not count), empty cells, and a draft that is not counted.
 */
class CoverageApiTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    DealHistory dealHistory;

    @Autowired
    ShareHistory shareHistory;

    @Autowired
    UsageService usage;

    @Autowired
    UsageRollup rollup;

    @Test
    void eachCellCountsPublishedAssetsAndTheirUseByOthersAndStandsOutWhenEmptyOrUnused() {
        long owner = users.user("coverage-marketer", "MARKETER").id();
        long rep = users.user("coverage-rep", "REP").id();
        String marketer = basic("coverage-marketer", TestUsers.PASSWORD);
        String product = product(http, "cov");
        InfluenceSeed seed = new InfluenceSeed(http, marketer, dealHistory, shareHistory, usage);
        UUID used = seed.asset("Coverage used " + product, Map.of("buyer_stage", List.of("awareness"),
                "persona", List.of("champion"), "product", List.of(product)));
        UUID ownersOnly = seed.asset("Coverage owner's only " + product, Map.of("buyer_stage", List.of("awareness"),
                "persona", List.of("champion"), "product", List.of(product)));
        UUID unused = seed.asset("Coverage unused " + product, Map.of("buyer_stage", List.of("decision"),
                "persona", List.of("economic-buyer", "champion"), "product", List.of(product)));
        seed.asset("Coverage draft " + product, Map.of("buyer_stage", List.of("consideration"),
                "persona", List.of("champion"), "product", List.of(product)), "draft");
        seed.viewed(rep, used);
        seed.viewed(rep, used);
        seed.viewed(owner, ownersOnly);
        // coverage reads the usage rollups: the events folded in first
        rollup.catchUp();

        Map<String, Object> report = http.get().uri("/api/v1/reports/coverage?product={p}", product)
                .header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        assertThat(report.get("publishedAssets")).isEqualTo(3);
        assertThat(cell(report, "awareness", "champion")).containsEntry("assets", 2).containsEntry("usedAssets", 1)
                .containsEntry("uses", 2).containsEntry("state", "USED");
        assertThat(cell(report, "decision", "economic-buyer")).containsEntry("assets", 1)
                .containsEntry("usedAssets", 0).containsEntry("state", "UNUSED");
        assertThat(cell(report, "decision", "champion")).containsEntry("state", "UNUSED");
        // the draft is not published: its cell is empty
        assertThat(cell(report, "consideration", "champion")).containsEntry("assets", 0)
                .containsEntry("state", "EMPTY");
        assertThat(cell(report, "-", "champion")).containsEntry("state", "EMPTY");

        // a window the trailing windows do not keep (months and edge days of the rollups): the same figures
        Map<String, Object> tenDays = http.get().uri("/api/v1/reports/coverage?product={p}&days=10", product)
                .header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(cell(tenDays, "awareness", "champion")).containsEntry("assets", 2).containsEntry("usedAssets", 1)
                .containsEntry("uses", 2).containsEntry("state", "USED");
        assertThat(cell(tenDays, "decision", "economic-buyer")).containsEntry("state", "UNUSED");

        // a click lists the cell's assets, the least used first
        List<Map<String, Object>> assets = http.get()
                .uri("/api/v1/reports/coverage/cell?product={p}&stage=awareness&persona=champion", product)
                .header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult().getResponseBody();
        assertThat(assets).extracting(m -> m.get("id")).containsExactly(ownersOnly.toString(), used.toString());
        assertThat(assets).extracting(m -> m.get("uses")).containsExactly(0, 2);

        String csv = new String(http.get().uri("/api/v1/reports/coverage?product={p}&format=csv", product)
                .header("Authorization", marketer).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFstage,stage_label,persona,persona_label,published_assets,used_assets,uses,"
                + "state\r\n");
        assertThat(csv).contains("awareness,Awareness,champion,Champion,2,1,2,USED\r\n",
                "decision,Decision,economic-buyer,Economic buyer,1,0,0,UNUSED\r\n",
                "consideration,Consideration,champion,Champion,0,0,0,EMPTY\r\n");
    }

    @Test
    void anUnknownFilterValueOrAMissingCellIsABadRequest() {
        users.user("coverage-marketer", "MARKETER");
        String marketer = basic("coverage-marketer", TestUsers.PASSWORD);
        http.get().uri("/api/v1/reports/coverage?industry=no-such-industry").header("Authorization", marketer)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("no-such-industry"));
        http.get().uri("/api/v1/reports/coverage/cell?stage=awareness").header("Authorization", marketer)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("persona"));
    }

    /** A new product value in the taxonomy, so the test's assets are the only ones carrying it; its key. */
    static String product(org.springframework.test.web.reactive.server.WebTestClient http, String prefix) {
        String key = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/api/v1/taxonomy/product/values")
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("key", key, "label", "Product " + key, "definition", "A product of a report test."))
                .exchange().expectStatus().isCreated();
        return key;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cell(Map<String, Object> report, String stage, String persona) {
        List<Map<String, Object>> stages = (List<Map<String, Object>>) report.get("stages");
        List<Map<String, Object>> personas = (List<Map<String, Object>>) report.get("personas");
        int i = stages.stream().map(s -> s.get("key")).toList().indexOf(stage);
        int j = personas.stream().map(p -> p.get("key")).toList().indexOf(persona);
        assertThat(i).as("row " + stage).isNotNegative();
        assertThat(j).as("column " + persona).isNotNegative();
        return ((List<List<Map<String, Object>>>) report.get("grid")).get(i).get(j);
    }
}
