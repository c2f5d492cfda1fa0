package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.baton.webapp.ApiSlice;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.accounts.SignedIn;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.usage.UsageService;
import java.time.LocalDate;
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
 * The asset API's mapping, validation and error shapes, with {@link ContentService} and the upload receiver mocked:
 * a request that is wrong is answered with a problem document saying what was wrong, before anything is stored or
 * changed; a right one reaches the service as it was sent. Uploads, versions and visibility as flows are the
 * full-stack tests' ({@code AssetUploadApiTest}, {@code ContentLibraryApiTest}).
 */
@ApiSlice(AssetApiController.class)
class AssetApiControllerTest {

    @MockitoBean
    ContentService content;

    @MockitoBean
    UploadReceiver receiver;

    @MockitoBean
    AssetFiles assetFiles;

    @MockitoBean
    UsageService usage;

    @Autowired
    WebTestClient client;

    private final BatonUser marketer = SignedIn.user("asset-slice-marketer", Role.MARKETER);
    private WebTestClient http;

    @BeforeEach
    void signIn() {
        http = SignedIn.as(client, marketer);
    }

    private static AssetSummary asset(UUID id, String title) {
        return new AssetSummary(id, title, null, "DRAFT", false, "asset-slice-marketer", "case-study",
                Map.of("persona", List.of("cfo")), List.of(), null, null, null, false, 1, "a.pdf", "application/pdf",
                1234, "PENDING", null, "PENDING", null, null, null);
    }

    @Test
    void anUnknownAssetIsA404ProblemSayingWhichOne() {
        UUID id = UUID.randomUUID();
        given(content.get(id, marketer)).willReturn(Mono.error(new BatonException.NotFound("No asset " + id)));

        http.get().uri("/api/v1/assets/" + id).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Not found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("No asset " + id)
                .jsonPath("$.instance").isEqualTo("/api/v1/assets/" + id);
    }

    @Test
    void anAssetIdThatIsNotAUuidIsA400NamingTheParameter() {
        for (String path : List.of("/api/v1/assets/not-a-uuid", "/api/v1/assets/not-a-uuid/versions",
                "/api/v1/assets/12345/usage")) {
            http.get().uri(path).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.title").isEqualTo("Invalid request")
                    .jsonPath("$.detail").isEqualTo("The parameter 'id' is missing or malformed");
        }

        then(content).should(never()).get(any(), any());
        then(content).should(never()).versions(any(), any());
    }

    @Test
    void metadataThatIsNotJsonIsExplainedBeforeTheFileIsRead() {
        http.post().uri(uri -> uri.path("/api/v1/assets").queryParam("fileName", "a.pdf")
                        .queryParam("metadata", "{metadata}").build("{title"))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[] {1, 2, 3})
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("metadata")
                .jsonPath("$.errors[0].reason").value(reason -> assertThat((String) reason)
                        .startsWith("is not valid JSON for asset metadata"));

        then(receiver).shouldHaveNoInteractions();
    }

    @Test
    void metadataOfTheWrongShapeIsExplainedToo() {
        http.post().uri(uri -> uri.path("/api/v1/assets").queryParam("fileName", "a.pdf")
                        .queryParam("metadata", "{metadata}").build("{\"publishDate\":\"next week\"}"))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[] {1, 2, 3})
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("metadata");

        then(receiver).shouldHaveNoInteractions();
    }

    @Test
    void aFileSentAsTheBodyNeedsItsName() {
        http.post().uri("/api/v1/assets")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[] {1, 2, 3})
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("The parameter 'fileName' is missing or malformed");

        then(receiver).shouldHaveNoInteractions();
    }

    @Test
    void aChangeReachesTheServiceAsSent() {
        UUID id = UUID.randomUUID();
        given(content.update(eq(id), any(), eq(marketer), any())).willReturn(Mono.just(asset(id, "Renamed")));

        http.patch().uri("/api/v1/assets/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Renamed", "facets", Map.of("persona", List.of("cfo")),
                        "expiresOn", "2027-03-31"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(id.toString())
                .jsonPath("$.title").isEqualTo("Renamed")
                .jsonPath("$.facets.persona").isEqualTo(List.of("cfo"));

        ArgumentCaptor<AssetMetadata> change = ArgumentCaptor.forClass(AssetMetadata.class);
        then(content).should().update(eq(id), change.capture(), eq(marketer), any());
        assertThat(change.getValue().title()).isEqualTo("Renamed");
        assertThat(change.getValue().facets()).isEqualTo(Map.of("persona", List.of("cfo")));
        assertThat(change.getValue().expiresOn()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(change.getValue().description()).as("not given: left as it is").isNull();
    }

    @Test
    void aChangeThatIsNotJsonIsExplained() {
        http.patch().uri("/api/v1/assets/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The request body is not valid JSON for this endpoint");

        then(content).should(never()).update(any(), any(), any(), any());
    }

    @Test
    void aListTakesItsPageAndFilters() {
        given(content.list(any(), anyInt(), anyInt(), any(Boolean.class), any()))
                .willReturn(Mono.just(new AssetPage(0, 2, 5, List.of())));

        http.get().uri("/api/v1/assets?page=2&size=5&mine=true&status=DRAFT").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.page").isEqualTo(2);
        http.get().uri("/api/v1/assets?page=two").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("The parameter 'page' is missing or malformed");

        then(content).should().list(marketer, 2, 5, true, "DRAFT");
    }

    @Test
    void anUnknownUsageActionIsExplainedAndNotRecorded() {
        UUID id = UUID.randomUUID();

        http.post().uri("/api/v1/assets/" + id + "/usage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "shout"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("action")
                .jsonPath("$.errors[0].reason").isEqualTo("use view, preview or download");

        then(usage).should(never()).record(anyLong(), any(), anyInt(), any(), any());
    }

    @Test
    void aDeleteAnswers204AndServiceRefusalsAreProblems() {
        UUID gone = UUID.randomUUID();
        UUID shared = UUID.randomUUID();
        given(content.delete(eq(gone), eq(marketer), any())).willReturn(Mono.empty());
        given(content.delete(eq(shared), eq(marketer), any()))
                .willReturn(Mono.error(new BatonException.Conflict("Archive the asset before deleting it")));

        http.delete().uri("/api/v1/assets/" + gone).exchange().expectStatus().isNoContent();
        http.delete().uri("/api/v1/assets/" + shared).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Archive the asset before deleting it");
    }

    @Test
    void thePagesOfAnAssetAreAnsweredAsTheirStateAndAPageAsItsImage() {
        UUID id = UUID.randomUUID();
        given(assetFiles.pages(id, marketer))
                .willReturn(Mono.just(new AssetFiles.AssetPages(2, "READY", 12, null)));

        http.get().uri("/api/v1/assets/" + id + "/pages").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.version").isEqualTo(2)
                .jsonPath("$.status").isEqualTo("READY")
                .jsonPath("$.count").isEqualTo(12);

        given(assetFiles.page(id, 3, marketer)).willReturn(Mono.error(
                new BatonException.NotFound("Version 2 of asset " + id + " has no page 13 (it has 12)")));
        http.get().uri("/api/v1/assets/" + id + "/pages/3").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aPageThatIsNotANumberIsRefusedWithoutReachingTheService() {
        http.get().uri("/api/v1/assets/" + UUID.randomUUID() + "/pages/first").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        then(assetFiles).should(never()).page(any(), anyInt(), any());
    }
}
