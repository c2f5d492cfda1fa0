package dev.baton.webapp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo deals: deals of every outcome over the last 120 days, with links, buyers' visits and uses. */
class DemoDealsTest extends BatonTest {

    @Autowired
    DemoDeals demoDeals;

    @Autowired
    TestClock clock;

    @Test
    @SuppressWarnings("unchecked")
    void demoDealsShowTheirLinksAndVerifiedVisitsOnTheDealPage() throws Exception {
        users.user("rita.rep", "REP");
        users.user("ravi.rep", "REP");
        users.user("demo-deals-marketer", "MARKETER");
        String marketer = basic("demo-deals-marketer", TestUsers.PASSWORD);
        AssetClient assets = new AssetClient(http, marketer);
        // a few of the demo library's own files, published as the library step publishes them
        List<DemoAsset> files = DemoDocuments.generate().stream()
                .filter(a -> !a.internalOnly() && a.expiresInDays() == null).limit(6).toList();
        for (DemoAsset file : files) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("title", file.title() + " " + UUID.randomUUID());
            metadata.put("status", "published");
            metadata.put("contentType", file.contentType());
            metadata.put("facets", file.facets());
            assets.created(file.bytes(), file.fileName(), metadata);
        }

        int loaded = demoDeals.loadDeals();

        assertThat(loaded).isGreaterThan(0);
        assertThat(demoDeals.loadDeals()).as("a second run writes nothing").isZero();

        List<Map<String, Object>> deals = new ArrayList<>();
        for (String rep : List.of("rita.rep", "ravi.rep")) {
            Map<String, Object> page = http.get().uri("/api/v1/deals?size=100&owner=" + rep)
                    .header("Authorization", marketer).exchange().expectStatus().isOk()
                    .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
            for (Map<String, Object> deal : (List<Map<String, Object>>) page.get("items")) {
                // the demo deals (DemoPacks adds deals of its own, "pack-...", for the packs' funnels)
                if ("demo".equals(deal.get("crm")) && ((String) deal.get("externalId")).startsWith("demo-")) {
                    deals.add(deal);
                }
            }
        }
        assertThat(deals).hasSize(loaded);
        Set<Object> outcomes = new HashSet<>();
        Instant now = clock.instant();
        for (Map<String, Object> deal : deals) {
            outcomes.add(deal.get("outcome"));
            Instant created = Instant.parse((String) deal.get("createdAt"));
            assertThat(created).isBetween(now.minus(Duration.ofDays(120)), now);
            assertThat(deal.get("accountDomain")).asString().endsWith(".example");
            assertThat(deal.get("amount")).isNotNull();
            if (deal.get("decidedAt") != null) {
                assertThat(Instant.parse((String) deal.get("decidedAt"))).isBetween(created, now);
            }
        }
        assertThat(outcomes).containsExactlyInAnyOrder("OPEN", "WON", "LOST");

        Map<String, Object> won = deals.stream().filter(d -> "WON".equals(d.get("outcome"))).findFirst().orElseThrow();
        PageSession owner = PageSession.signIn(baseUrl(), (String) won.get("owner"), TestUsers.PASSWORD);
        String dealPage = owner.get("/deals/" + won.get("id")).body();
        assertThat(dealPage).contains((String) won.get("name"), "Customer", "Opportunity", "id=\"deal-used\"");
        String links = owner.get("/deals/" + won.get("id") + "/shares").body();
        assertThat(links).doesNotContain("Nothing shared for this deal yet.")
                .contains("@" + won.get("accountDomain"), "/shares/");

        boolean scanners = false;
        for (Map<String, Object> deal : deals) {
            String html = PageSession.signIn(baseUrl(), "demo-deals-marketer", TestUsers.PASSWORD)
                    .get("/deals/" + deal.get("id") + "/shares").body();
            scanners |= html.contains("by scanners or without reading");
        }
        assertThat(scanners).as("some links were opened by a mail scanner, kept apart").isTrue();
    }
}
