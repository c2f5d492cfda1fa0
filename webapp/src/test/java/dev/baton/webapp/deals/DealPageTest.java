package dev.baton.webapp.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.usage.UsageService;
import dev.baton.webapp.usage.UsageService.UsageEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The deal page as a rep reads it: the assets used for the deal, suggestions that fit its stage, industry and
 * personas, and what was shared in won deals like it; another rep's deal is not found. The deal's industry is one
 * this test adds to the taxonomy, so the suggestions are this test's asset whatever else the shared index holds.
 */
class DealPageTest extends BatonTest {

    @Autowired
    UsageService usage;

    @Test
    void theDealPageShowsUsesSuggestionsAndSharesInWonDealsLikeIt() {
        long repId = users.user("page-deal-rep", "REP").id();
        users.user("page-deal-rep2", "REP");
        long marketerId = users.user("page-deal-marketer", "MARKETER").id();
        String rep = basic("page-deal-rep", TestUsers.PASSWORD);
        String marketer = basic("page-deal-marketer", TestUsers.PASSWORD);
        String admin = basic("admin", ADMIN_PASSWORD);
        String word = "Quokka" + UUID.randomUUID().toString().substring(0, 6);

        String industry = (String) http.post().uri("/api/v1/taxonomy/industry/values").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", word + " industry", "definition", "Made up for a deal page test"))
                .exchange().expectStatus().isCreated().expectBody(AssetClient.JSON_MAP).returnResult()
                .getResponseBody().get("key");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", word + " battlecard");
        metadata.put("facets", Map.of("industry", List.of(industry), "buyer_stage", List.of("decision")));
        metadata.put("status", "published");
        String assetId = (String) new AssetClient(http, marketer).created(TestFiles.pdf(word + " battlecard",
                "Deal Test", List.of("How " + word + " wins")), UUID.randomUUID() + ".pdf", metadata).get("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> http.get()
                .uri("/api/v1/search?industry=" + industry).header("Authorization", rep).exchange()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("total").equals(1));

        long open = dealId(rep, Map.of("name", word + " open deal", "accountName", "Open Co", "stage", "Decision",
                "industry", industry));
        long won = dealId(marketer, Map.of("name", word + " won deal", "accountName", "Won Co", "industry", industry,
                "outcome", "won"));
        usage.append(List.of(
                new UsageEvent(repId, UUID.fromString(assetId), 1, UsageService.Action.DOWNLOAD, null, open, null,
                        null, null, null, null, null, null),
                new UsageEvent(marketerId, UUID.fromString(assetId), 1, UsageService.Action.SHARE, null, won, null,
                        null, null, null, null, null, null))).block();

        HttpResponse<String> page = PageSession.signIn(baseUrl(), "page-deal-rep", TestUsers.PASSWORD)
                .get("/deals/" + open);

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(section(html, "deal-used")).contains(word + " battlecard", "download × 1");
        assertThat(section(html, "deal-suggestions")).contains(word + " battlecard");
        assertThat(section(html, "deal-won-shared")).contains(word + " battlecard", "shared once");
        assertThat(section(html, "stage-history")).contains("Decision");
        assertThat(html).contains("href=\"/shares/new?deal=" + open + "\"", "id=\"deal-shares\"",
                "hx-get=\"/deals/" + open + "/shares\"");

        assertThat(PageSession.signIn(baseUrl(), "page-deal-rep2", TestUsers.PASSWORD).get("/deals/" + open)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aMarketerAndAnAdminReadARepsDealPageWithItsLinks() {
        users.user("page-deal-owner", "REP");
        users.user("page-deal-reader", "MARKETER");
        String word = "Wombat" + UUID.randomUUID().toString().substring(0, 6);
        long deal = dealId(basic("page-deal-owner", TestUsers.PASSWORD), Map.of("name", word + " expansion",
                "accountName", word + " Holdings", "accountDomain", "wombat.example", "stage", "Decision"));

        for (PageSession reader : List.of(PageSession.signIn(baseUrl(), "page-deal-reader", TestUsers.PASSWORD),
                PageSession.signIn(baseUrl(), "admin", ADMIN_PASSWORD))) {
            HttpResponse<String> page = reader.get("/deals/" + deal);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(word + " expansion", word + " Holdings");
            assertThat(section(page.body(), "stage-history")).contains("Decision");
            HttpResponse<String> links = reader.get("/deals/" + deal + "/shares");
            assertThat(links.statusCode()).isEqualTo(200);
            assertThat(links.body()).contains("Shared links");
        }
    }

    private long dealId(String auth, Map<String, Object> body) {
        return ((Number) http.put().uri("/api/v1/deals/baton/{ext}", "page-" + UUID.randomUUID())
                .header("Authorization", auth).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody()
                .get("id")).longValue();
    }

    /** The element with this id, up to the end of its list. */
    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("the page has #" + id).isGreaterThanOrEqualTo(0);
        int end = html.indexOf("</o", start) >= 0 && html.indexOf("</o", start) < html.indexOf("</section", start)
                ? html.indexOf("</o", start) : html.indexOf("</section", start);
        return html.substring(start, Math.max(end, start));
    }
}
