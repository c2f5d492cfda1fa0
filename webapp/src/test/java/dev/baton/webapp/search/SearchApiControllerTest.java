package dev.baton.webapp.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.baton.indexer.search.SearchRequest;
import dev.baton.webapp.ApiSlice;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.accounts.SignedIn;
import dev.baton.webapp.content.ContentService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The search API's parameters, read at the edge against the taxonomy's facets: what is wrong with them is named field
 * by field before anything is searched, and what is right reaches {@link SearchService} as criteria. The search
 * itself (the index, visibility, highlights) is {@code SearchApiTest}'s, through the whole application.
 */
@ApiSlice(SearchApiController.class)
class SearchApiControllerTest {

    @MockitoBean
    SearchService search;

    @MockitoBean
    ContentService content;

    @Autowired
    WebTestClient client;

    private final BatonUser rep = SignedIn.user("search-slice-rep", Role.REP);
    private WebTestClient http;

    @BeforeEach
    void signIn() {
        http = SignedIn.as(client, rep);
        given(search.facetKeys()).willReturn(Mono.just(
                SearchCriteria.facetKeys(List.of("buyer_stage", "funnel_stage", "persona", "industry"))));
    }

    private static SearchService.Response answer(SearchCriteria criteria) {
        return new SearchService.Response("s-1", criteria.query(), 0, criteria.page(), criteria.size(), 0,
                criteria.sortName(), false, 0, criteria.filters(), criteria.updatedWithin(), "published", List.of(),
                List.of(), "READY", List.of(), null, null);
    }

    @Test
    void badParametersAreNamedEachWithItsReasonAndNothingIsSearched() {
        http.get().uri("/api/v1/search?sort=loudest&page=0&size=1000&colour=red&updated_within=soon")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Invalid request")
                .jsonPath("$.errors[?(@.field == 'sort')].reason").isEqualTo(List.of("use relevance, newest or most_used"))
                .jsonPath("$.errors[?(@.field == 'page')]").exists()
                .jsonPath("$.errors[?(@.field == 'size')]").exists()
                .jsonPath("$.errors[?(@.field == 'colour')].reason").value(reasons -> assertThat(reasons.toString())
                        .contains("not a search parameter").contains("persona"))
                .jsonPath("$.errors[?(@.field == 'updated_within')]").exists()
                .jsonPath("$.errors.length()").isEqualTo(5);

        then(search).should(never()).search(any(SearchCriteria.class), any(), anyString());
    }

    @Test
    void aPageSizeOutsideOneToAHundredIsRefused() {
        for (String size : List.of("0", "101", "twenty")) {
            http.get().uri("/api/v1/search?q=pricing&size=" + size)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("size");
        }

        then(search).should(never()).search(any(SearchCriteria.class), any(), anyString());
    }

    @Test
    void goodParametersReachTheSearchAsCriteria() {
        given(search.search(any(SearchCriteria.class), any(), eq("API")))
                .willAnswer(call -> Mono.just(answer(call.getArgument(0))));

        http.get().uri("/api/v1/search?q=pricing&sort=newest&size=5&page=2&persona=cfo&persona=cto")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.query").isEqualTo("pricing")
                .jsonPath("$.sort").isEqualTo("newest")
                .jsonPath("$.size").isEqualTo(5);

        ArgumentCaptor<SearchCriteria> criteria = ArgumentCaptor.forClass(SearchCriteria.class);
        then(search).should().search(criteria.capture(), eq(rep), eq("API"));
        assertThat(criteria.getValue().query()).isEqualTo("pricing");
        assertThat(criteria.getValue().sort()).isEqualTo(SearchRequest.Sort.NEWEST);
        assertThat(criteria.getValue().page()).isEqualTo(2);
        assertThat(criteria.getValue().size()).isEqualTo(5);
        assertThat(criteria.getValue().filters()).isEqualTo(Map.of("persona", List.of("cfo", "cto")));
        assertThat(criteria.getValue().everything()).isFalse();
    }

    @Test
    void suggestionsTakeTheirCountAsANumber() {
        given(search.suggest(anyString(), anyInt(), anyBoolean(), any()))
                .willReturn(Mono.just(new SearchService.Completions("pri", List.of("pricing"), List.of())));

        http.get().uri("/api/v1/search/suggest?q=pri&n=3").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.queries").isEqualTo(List.of("pricing"));
        http.get().uri("/api/v1/search/suggest?q=pri&n=three").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("The parameter 'n' is missing or malformed");

        then(search).should().suggest("pri", 3, false, rep);
    }

    @Test
    void anOpenedResultNeedsTheAssetsIdAndASearchId() {
        UUID searchId = UUID.randomUUID();
        UUID assetId = UUID.randomUUID();

        http.post().uri("/api/v1/search/" + searchId + "/opened").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("rank", 3))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("assetId")
                .jsonPath("$.errors[0].reason").isEqualTo("give the opened asset's id");
        http.post().uri("/api/v1/search/not-a-search/opened").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("assetId", assetId.toString()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("The parameter 'searchId' is missing or malformed");
        http.post().uri("/api/v1/search/" + searchId + "/opened").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("assetId", assetId.toString(), "rank", 3))
                .exchange()
                .expectStatus().isAccepted();

        then(search).should().opened(searchId, assetId, 3, rep);
    }
}
