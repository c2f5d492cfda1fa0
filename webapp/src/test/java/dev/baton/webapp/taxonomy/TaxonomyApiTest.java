package dev.baton.webapp.taxonomy;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The shared taxonomy: the defaults DESIGN.md names, each with a definition, and what an admin may change. */
class TaxonomyApiTest extends BatonTest {

    private String admin() {
        return basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void everyoneReadsTheDefaultStagesWithTheirDefinitions() {
        users.user("taxonomy-rep", "REP");
        http.get().uri("/api/v1/taxonomy").header("Authorization", basic("taxonomy-rep", TestUsers.PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.facets[0].key").isEqualTo("buyer_stage")
                .jsonPath("$.facets[?(@.key == 'buyer_stage')].values[*].label")
                .isEqualTo(List.of("Awareness", "Consideration", "Decision", "Onboarding", "Expansion"))
                .jsonPath("$.facets[?(@.key == 'funnel_stage')].values[*].label")
                .isEqualTo(List.of("Inquiry", "MQL", "SAL", "SQL", "Opportunity", "Customer"))
                .jsonPath("$.facets[?(@.key == 'funnel_stage')].values[?(@.key == 'mql')].definition")
                .value(definitions -> org.assertj.core.api.Assertions.assertThat(definitions.toString())
                        .contains("Marketing qualified lead"))
                .jsonPath("$.facets[*].values[?(@.definition == '')]").isEmpty();
    }

    @Test
    void anAdminAddsRenamesAndRetiresAValue() {
        http.post().uri("/api/v1/taxonomy/persona/values").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "Procurement lead", "definition", "Runs the purchasing process and terms."))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.key").isEqualTo("procurement-lead")
                .jsonPath("$.active").isEqualTo(true);

        http.post().uri("/api/v1/taxonomy/persona/values").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "procurement LEAD", "definition", "Twice"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);

        http.patch().uri("/api/v1/taxonomy/persona/values/procurement-lead").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("definition", "Runs the purchase: vendor forms, terms, and the final paperwork."))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.definition")
                .isEqualTo("Runs the purchase: vendor forms, terms, and the final paperwork.");

        http.patch().uri("/api/v1/taxonomy/persona/values/procurement-lead").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("active", false))
                .exchange()
                .expectStatus().isOk();
        http.get().uri("/api/v1/taxonomy").header("Authorization", admin())
                .exchange()
                .expectBody()
                .jsonPath("$.facets[?(@.key == 'persona')].values[?(@.key == 'procurement-lead')]").isEmpty();
        http.get().uri("/api/v1/taxonomy?includeInactive=true").header("Authorization", admin())
                .exchange()
                .expectBody()
                .jsonPath("$.facets[?(@.key == 'persona')].values[?(@.key == 'procurement-lead')].active")
                .isEqualTo(List.of(false));
    }

    @Test
    void badValuesAreExplained() {
        http.post().uri("/api/v1/taxonomy/persona/values").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "No definition"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("definition")
                .jsonPath("$.errors[0].reason").isEqualTo("must not be blank");
        http.post().uri("/api/v1/taxonomy/colour/values").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "Blue", "definition", "Blue."))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No facet colour");
        http.patch().uri("/api/v1/taxonomy/persona/values/nobody").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "Nobody"))
                .exchange()
                .expectStatus().isNotFound();
    }
}
