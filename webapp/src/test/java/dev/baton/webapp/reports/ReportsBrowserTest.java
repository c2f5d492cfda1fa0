package dev.baton.webapp.reports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.web.BrowserTest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The report pages in Chromium: the reports index (and the admin's switch), the usage report with its charts drawn,
 * the unused-content report with its bulk actions, the printable view, and the marketing home's headline figures.
 */
class ReportsBrowserTest extends BrowserTest {

    private static final String PIXELS = "id => { const c = document.getElementById(id);"
            + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + " for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n; }";

    @Autowired
    UsageRollup rollup;

    private String publish(AssetClient client, String title) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("status", "published");
        metadata.put("facets", Map.of("buyer_stage", List.of("consideration")));
        return (String) client.created(TestFiles.pdf(title, "Browser Test", List.of("Body of " + title)),
                UUID.randomUUID() + ".pdf", metadata).get("id");
    }

    private void use(String authorization, String asset) {
        http.post().uri("/api/v1/assets/" + asset + "/usage").header("Authorization", authorization)
                .bodyValue(Map.of("action", "view")).exchange().expectStatus().isCreated();
    }

    @Test
    void withRepNamesHiddenTheUsagePageShowsTheFiguresByTeam() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        users.user("team-page-marketer", "MARKETER");
        long both = users.user("team-page-both-" + suffix, "REP").id();
        long east = users.user("team-page-east-" + suffix, "REP").id();
        String admin = basic("admin", ADMIN_PASSWORD);
        String eastName = "Page East " + suffix;
        String westName = "Page West " + suffix;
        InfluenceSeed.team(http, admin, eastName, List.of(both, east));
        InfluenceSeed.team(http, admin, westName, List.of(both));
        AssetClient marketer = new AssetClient(http, basic("team-page-marketer", TestUsers.PASSWORD));
        String asset = publish(marketer, "Team page asset " + suffix);
        String bothAuth = basic("team-page-both-" + suffix, TestUsers.PASSWORD);
        use(bothAuth, asset);
        use(bothAuth, asset);
        use(basic("team-page-east-" + suffix, TestUsers.PASSWORD), asset);
        rollup.catchUp();
        try {
            http.put().uri("/api/v1/reports/settings").header("Authorization", admin)
                    .bodyValue(Map.of("hideRepNames", true)).exchange().expectStatus().isOk();
            signIn("team-page-marketer", TestUsers.PASSWORD);
            page.navigate(baseUrl() + "/reports/usage?window=30&by=rep");
            // rep names hidden: the page shows the same figures by team, a rep in both teams counted in each
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("By team"))).isVisible();
            assertThat(page.locator("#usage-table tr", new Page.LocatorOptions().setHasText(eastName)))
                    .containsText("3");
            assertThat(page.locator("#usage-table tr", new Page.LocatorOptions().setHasText(westName)))
                    .containsText("2");
            assertThat(page.locator("#usage-table")).not().containsText("team-page-both-" + suffix);
            assertThat(page.locator("select[name=by] option[value=rep]")).hasCount(0);
            assertThat(page.locator("#usage-by-team")).isVisible();
        } finally {
            http.put().uri("/api/v1/reports/settings").header("Authorization", admin)
                    .bodyValue(Map.of("hideRepNames", false)).exchange().expectStatus().isOk();
        }
    }

    @Test
    void theUsageReportDrawsItsChartsBesideTheTablesAndPrints() {
        users.user("report-page-marketer", "MARKETER");
        users.user("report-page-rep", "REP");
        AssetClient marketer = new AssetClient(http, basic("report-page-marketer", TestUsers.PASSWORD));
        String title = "Charted battlecard " + UUID.randomUUID().toString().substring(0, 6);
        String asset = publish(marketer, title);
        String rep = basic("report-page-rep", TestUsers.PASSWORD);
        use(rep, asset);
        use(rep, asset);
        rollup.catchUp();

        signIn("report-page-marketer", TestUsers.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reports").setExact(true)).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Usage").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Usage").setExact(true)))
                .isVisible();
        page.getByLabel("Window").selectOption("30");
        page.getByLabel("Over").selectOption("day");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*window=30.*grain=day.*"));
        assertThat(page.locator("#usage-table tr", new Page.LocatorOptions().setHasText(title))).containsText("2");

        // both charts are drawn (Chart.js from its WebJar): their canvases hold painted pixels
        assertThat(page.locator("#usage-series[data-rendered=true]")).hasCount(1);
        assertThat(page.locator("#usage-rows[data-rendered=true]")).hasCount(1);
        assertThat(((Number) page.evaluate(PIXELS, "usage-series")).intValue()).isGreaterThan(500);
        assertThat(((Number) page.evaluate(PIXELS, "usage-rows")).intValue()).isGreaterThan(500);
        page.locator(".report-grid").first().screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(Path.of("target", "screenshots", "usage-charts.png")));

        // the printable view leaves out navigation, filters and buttons, and keeps the charts and tables
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(page.locator("header.top")).isHidden();
        assertThat(page.locator("form.report-filters")).isHidden();
        assertThat(page.locator("#usage-series")).isVisible();
        assertThat(page.locator("#usage-table")).isVisible();
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

        // a rep sees their own usage only
        context.clearCookies();
        signIn("report-page-rep", TestUsers.PASSWORD);
        page.navigate(baseUrl() + "/reports");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My usage")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My usage"))).isVisible();
        assertThat(page.locator("#usage-table")).containsText(title);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Unused content")))
                .hasCount(0);
    }

    @Test
    void theUnusedReportSaysWhyAndNotifiesTheOwnerOfTheChosenAssets() {
        users.user("unused-page-owner", "MARKETER");
        AssetClient owner = new AssetClient(http, basic("unused-page-owner", TestUsers.PASSWORD));
        long ownerId = users.user("unused-page-owner", "MARKETER").id();
        String title = "Forgotten whitepaper " + UUID.randomUUID().toString().substring(0, 6);
        publish(owner, title);
        rollup.catchUp();

        signIn("unused-page-owner", TestUsers.PASSWORD);
        page.navigate(baseUrl() + "/reports/unused?window=30&owner=" + ownerId);
        assertThat(page.locator("#share-used")).hasText("0.0%");
        assertThat(page.locator("#unused-assets tr", new Page.LocatorOptions().setHasText(title)))
                .containsText("Never surfaced");
        assertThat(page.locator("#unused-trend[data-rendered=true]")).hasCount(1);
        assertThat(((Number) page.evaluate(PIXELS, "unused-causes")).intValue()).isGreaterThan(500);

        page.getByLabel("Choose " + title).check();
        page.getByLabel("Message (optional)").fill("Retag or archive");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Notify their owners")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Told 1 owner(s).");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*owner=" + ownerId + ".*"));
        assertThat(page.locator(".bell-count")).hasText("1");

        page.getByLabel("Choose " + title).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Archive")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Archived 1 asset(s).");
        assertThat(page.locator("#unused-assets")).not().containsText(title);
    }

    @Test
    void anAdminHidesRepNamesOnTheReportsPage() {
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(baseUrl() + "/reports");
        try {
            page.getByLabel("Hide rep names in reports").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
            assertThat(page.getByLabel("Hide rep names in reports")).isChecked();
            page.navigate(baseUrl() + "/reports/usage");
            assertThat(page.getByLabel("By").locator("option[value=rep]")).hasCount(0);
            assertThat(page.getByText("An admin has hidden rep names")).isVisible();
        } finally {
            page.navigate(baseUrl() + "/reports");
            page.getByLabel("Hide rep names in reports").uncheck();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        }
        assertThat(page.getByLabel("Hide rep names in reports")).not().isChecked();
        page.navigate(baseUrl() + "/reports/usage");
        assertThat(page.getByLabel("By").locator("option[value=rep]")).hasCount(1);
    }

    @Test
    void theMarketingHomeShowsTheShareOfTheLibraryUsedAndLinksIntoTheReports() {
        users.user("home-marketer", "MARKETER");
        signIn("home-marketer", TestUsers.PASSWORD);
        page.navigate(baseUrl() + "/marketing");
        assertThat(page.locator("#headline-share")).containsText("%");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Top assets")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/reports/usage\\?window=30"));
        page.goBack();
        page.locator("#headline a").first().click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/reports/unused\\?window=90"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Unused content")))
                .isVisible();
    }
}
