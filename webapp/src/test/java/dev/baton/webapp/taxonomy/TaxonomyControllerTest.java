package dev.baton.webapp.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.baton.webapp.ApiSlice;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.accounts.SignedIn;
import dev.baton.webapp.system.BatonException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The taxonomy API's mapping and error shapes, with the service mocked. The rules a value must meet (a definition, a
 * unique label) are {@link TaxonomyService}'s, shown through the whole application in {@code TaxonomyApiTest}.
 */
@ApiSlice(TaxonomyController.class)
class TaxonomyControllerTest {

    @MockitoBean
    TaxonomyService taxonomy;

    @Autowired
    WebTestClient client;

    private WebTestClient http;

    @BeforeEach
    void signIn() {
        http = SignedIn.as(client, SignedIn.user("taxonomy-admin", Role.ADMIN));
    }

    private static Taxonomy personas(Taxonomy.Value... values) {
        return new Taxonomy(List.of(new Taxonomy.Facet("persona", "Persona", "Who the asset speaks to",
                List.of(values))));
    }

    @Test
    void retiredValuesAreListedOnlyWhenAskedFor() {
        Taxonomy.Value cfo = new Taxonomy.Value("cfo", "CFO", "Owns the budget.", true);
        Taxonomy.Value retired = new Taxonomy.Value("webmaster", "Webmaster", "Ran the site.", false);
        given(taxonomy.taxonomy(false)).willReturn(Mono.just(personas(cfo)));
        given(taxonomy.taxonomy(true)).willReturn(Mono.just(personas(cfo, retired)));

        http.get().uri("/api/v1/taxonomy").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.facets[0].key").isEqualTo("persona")
                .jsonPath("$.facets[0].values[*].key").isEqualTo(List.of("cfo"))
                .jsonPath("$.facets[0].values[0].definition").isEqualTo("Owns the budget.");
        http.get().uri("/api/v1/taxonomy?includeInactive=true").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.facets[0].values[*].active").isEqualTo(List.of(true, false));
    }

    @Test
    void aParameterThatIsNotABooleanIsNamed() {
        http.get().uri("/api/v1/taxonomy?includeInactive=perhaps").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The parameter 'includeInactive' is missing or malformed");

        then(taxonomy).should(never()).taxonomy(anyBoolean());
    }

    @Test
    void aNewValueIsCreatedInItsFacetWithTheActorsName() {
        given(taxonomy.addValue(eq("persona"), any(), any(), any()))
                .willReturn(Mono.just(new Taxonomy.Value("procurement-lead", "Procurement lead", "Runs buying.",
                        true)));

        http.post().uri("/api/v1/taxonomy/persona/values").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "Procurement lead", "definition", "Runs buying."))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.key").isEqualTo("procurement-lead")
                .jsonPath("$.active").isEqualTo(true);

        ArgumentCaptor<TaxonomyService.NewValue> sent = ArgumentCaptor.forClass(TaxonomyService.NewValue.class);
        then(taxonomy).should().addValue(eq("persona"), sent.capture(), eq("taxonomy-admin"), any());
        assertThat(sent.getValue()).isEqualTo(new TaxonomyService.NewValue(null, "Procurement lead", "Runs buying."));
    }

    @Test
    void aChangeNamesTheFacetAndTheValue() {
        given(taxonomy.changeValue(eq("industry"), eq("retail"), any(), any(), any()))
                .willReturn(Mono.just(new Taxonomy.Value("retail", "Retail", "Shops.", false)));

        http.patch().uri("/api/v1/taxonomy/industry/values/retail").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("active", false))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.active").isEqualTo(false);

        then(taxonomy).should().changeValue(eq("industry"), eq("retail"),
                eq(new TaxonomyService.ValueChange(null, null, false)), eq("taxonomy-admin"), any());
    }

    @Test
    void serviceRefusalsBecomeProblemDocuments() {
        given(taxonomy.addValue(eq("persona"), any(), any(), any()))
                .willReturn(Mono.error(new BatonException.InvalidInput("definition", "must not be blank")));
        given(taxonomy.addValue(eq("colour"), any(), any(), any()))
                .willReturn(Mono.error(new BatonException.NotFound("No facet colour")));
        given(taxonomy.changeValue(eq("persona"), eq("cfo"), any(), any(), any()))
                .willReturn(Mono.error(new BatonException.Conflict("persona already has a value labelled CEO")));

        http.post().uri("/api/v1/taxonomy/persona/values").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "No definition"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").isEqualTo("definition: must not be blank")
                .jsonPath("$.errors[0].field").isEqualTo("definition")
                .jsonPath("$.errors[0].reason").isEqualTo("must not be blank");
        http.post().uri("/api/v1/taxonomy/colour/values").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "Blue", "definition", "Blue."))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No facet colour");
        http.patch().uri("/api/v1/taxonomy/persona/values/cfo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "CEO"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Conflict")
                .jsonPath("$.detail").isEqualTo("persona already has a value labelled CEO");
    }

    @Test
    void aBodyThatIsNotJsonIsExplained() {
        http.post().uri("/api/v1/taxonomy/persona/values").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"label\": \"Half")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The request body is not valid JSON for this endpoint");

        then(taxonomy).should(never()).addValue(any(), any(), any(), any());
    }
}
