package dev.baton.webapp.reports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import dev.baton.webapp.web.BrowserTest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A marketer reads the influence, coverage and stage-drift reports in Chromium, and a rep may not. */
class InfluenceReportsBrowserTest extends BrowserTest {

    @Autowired
    DealHistory dealHistory;

    @Autowired
    ShareHistory shareHistory;

    @Autowired
    UsageService usage;

    @Autowired
    UsageRollup rollup;

    private InfluenceSeed seed(String marketer) {
        users.user(marketer, "MARKETER");
        return new InfluenceSeed(http, basic(marketer, TestUsers.PASSWORD), dealHistory, shareHistory, usage);
    }

    @Test
    void aMarketerReadsInfluenceForATeamWithTheAssociationNoteAndDownloadsIt() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        InfluenceSeed seed = seed("browser-influence");
        String rep = "browser-influence-rep-" + suffix;
        long repId = users.user(rep, "REP").id();
        String teamName = "Browser influence " + suffix;
        InfluenceSeed.team(http, basic("admin", ADMIN_PASSWORD), teamName, List.of(repId));
        String title = "Influence page " + suffix;
        UUID asset = seed.asset(title, Map.of("buyer_stage", List.of("decision")));
        for (int i = 0; i < 5; i++) {
            long won = seed.decided(rep, i < 4 ? Outcome.WON : Outcome.LOST, 5 + i, 20, new BigDecimal("1000"),
                    "USD");
            seed.share(repId, won, seed.daysAgo(6 + i), asset);
        }
        seed.decided(rep, Outcome.LOST, 3, 20, null, null);

        signIn("browser-influence", TestUsers.PASSWORD);
        page.navigate("/reports/influence");
        page.getByLabel("Team").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(teamName));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();

        assertThat(page.locator("#association")).containsText("Association, not cause");
        assertThat(page.locator("#association")).containsText("fewer than 5 decided deals");
        assertThat(page.locator("#decided")).hasText("6 (4 won, 2 lost)");
        var row = page.locator("#assets tr[data-key='" + asset + "']");
        assertThat(row.locator("th")).hasText(title);
        assertThat(row.locator(".with")).hasText("5 (4 / 1)");
        assertThat(row.locator(".rate-with")).hasText("80%");
        // one decided deal without it: below the minimum sample, no rate
        assertThat(row.locator(".rate-without")).hasText("–");
        assertThat(row.locator(".revenue")).hasText("USD 4000.00");
        assertThat(page.locator("#stages tr[data-key='decision'] .rate-with")).hasText("80%");

        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Download CSV")).click());
        String csv = Files.readString(download.path());
        org.assertj.core.api.Assertions.assertThat(csv).startsWith("\uFEFFscope,id,name")
                .contains("asset," + asset + "," + title + ",5,4,1,0.8000,20,1,0,1,,,0,,USD 4000.00");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Printable view")).click();
        assertThat(page.locator("body.printable")).isVisible();
        assertThat(page.locator("header.top")).hasCount(0);
        assertThat(page.locator("#assets tr[data-key='" + asset + "'] .rate-with")).hasText("80%");
    }

    @Test
    void aMarketerSeesEmptyAndUnusedCellsStandOutAndOpensOne() {
        InfluenceSeed seed = seed("browser-coverage");
        long rep = users.user("browser-coverage-rep", "REP").id();
        String product = CoverageApiTest.product(http, "browser");
        String used = "Coverage used " + product;
        String unused = "Coverage unused " + product;
        UUID usedId = seed.asset(used, Map.of("buyer_stage", List.of("awareness"), "persona", List.of("champion"),
                "product", List.of(product)));
        seed.asset(unused, Map.of("buyer_stage", List.of("decision"), "persona", List.of("champion"),
                "product", List.of(product)));
        seed.viewed(rep, usedId);
        rollup.catchUp();

        signIn("browser-coverage", TestUsers.PASSWORD);
        page.navigate("/reports/coverage");
        page.getByLabel("Product").selectOption(product);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();

        assertThat(page.locator("#published")).hasText("2");
        var awareness = page.locator("td[data-stage='awareness'][data-persona='champion']");
        var decision = page.locator("td[data-stage='decision'][data-persona='champion']");
        var consideration = page.locator("td[data-stage='consideration'][data-persona='champion']");
        assertThat(awareness).hasClass(java.util.regex.Pattern.compile("cell-used"));
        assertThat(decision).hasClass(java.util.regex.Pattern.compile("cell-unused"));
        assertThat(consideration).hasClass(java.util.regex.Pattern.compile("cell-empty"));
        assertThat(consideration.locator(".uses")).hasText("none");
        // the colours differ, so the gaps stand out
        String emptyColour = (String) consideration.evaluate("e => getComputedStyle(e).backgroundColor");
        String unusedColour = (String) decision.evaluate("e => getComputedStyle(e).backgroundColor");
        String usedColour = (String) awareness.evaluate("e => getComputedStyle(e).backgroundColor");
        org.assertj.core.api.Assertions.assertThat(List.of(emptyColour, unusedColour, usedColour)).doesNotHaveDuplicates();

        decision.locator("a").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Decision × Champion")))
                .isVisible();
        assertThat(page.locator("#cell-assets tbody tr")).hasCount(1);
        assertThat(page.locator("#cell-assets tbody tr")).containsText(unused);
        assertThat(page.locator("#cell-assets tbody tr")).containsText("Unused");
        assertThat(page.locator("#library-link")).hasAttribute("href",
                java.util.regex.Pattern.compile("buyer_stage=decision.*persona=champion"));
    }

    @Test
    void aMarketerSendsRetaggingSuggestionsAndTheOwnerFindsOneInTheInbox() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String owner = "browser-drift-" + suffix;
        InfluenceSeed seed = seed(owner);
        String rep = "browser-drift-rep-" + suffix;
        long repId = users.user(rep, "REP").id();
        String title = "Drift page " + suffix;
        UUID asset = seed.asset(title, Map.of("buyer_stage", List.of("awareness")));
        List<DealHistory.StageAt> stages = List.of(new DealHistory.StageAt("buyer_stage", "awareness",
                seed.daysAgo(60)), new DealHistory.StageAt("buyer_stage", "decision", seed.daysAgo(20)));
        for (int i = 0; i < 5; i++) {
            long deal = seed.deal(rep, stages, Outcome.OPEN, null, null, null);
            seed.share(repId, deal, seed.daysAgo(5 + i), asset);
        }

        signIn(owner, TestUsers.PASSWORD);
        page.navigate("/reports/stage-drift");
        var row = page.locator("#drifting tr[data-asset='" + asset + "']");
        assertThat(row.locator(".tagged")).hasText("Awareness");
        assertThat(row.locator(".seen")).hasText("Decision (5)");
        assertThat(row.locator(".other")).hasText("5 of 5");
        assertThat(row.locator(".suggested")).hasText("Decision");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send new suggestions to owners now"))
                .click();
        assertThat(page.locator("#flash")).isVisible();
        page.navigate("/notifications");
        assertThat(page.getByText("Retag “" + title + "”? It is mostly shared at Decision")).isVisible();
    }

    @Test
    void aRepIsRefusedTheReports() {
        users.user("browser-report-rep", "REP");
        signIn("browser-report-rep", TestUsers.PASSWORD);
        for (String path : List.of("/reports/influence", "/reports/coverage", "/reports/stage-drift")) {
            org.assertj.core.api.Assertions.assertThat(page.navigate(path).status()).as(path).isEqualTo(403);
        }
    }
}
