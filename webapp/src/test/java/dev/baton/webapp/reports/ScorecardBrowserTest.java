package dev.baton.webapp.reports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import dev.baton.webapp.web.BrowserTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The joint scorecard in Chromium: reached from the reports index and the marketing home, every figure with its
 * definition, this period against the last, the trend lines drawn (Chart.js), the printable view; an admin edits a
 * definition in the page, a rep reads the scorecard without the editing forms.
 */
class ScorecardBrowserTest extends BrowserTest {

    private static final String PIXELS = "id => { const c = document.getElementById(id);"
            + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + " for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n; }";

    @Autowired
    TestClock clock;

    @Autowired
    UsageRollup rollup;

    @Autowired
    UsageService usage;

    @Autowired
    ShareHistory shares;

    @Autowired
    DealHistory deals;

    @Autowired
    ContentService content;

    @Test
    void theScorecardShowsEveryFigureWithItsDefinitionAndTrendAndAnAdminEditsADefinition() {
        String admin = basic("admin", ADMIN_PASSWORD);
        ScorecardSeed seed = new ScorecardSeed(http, users, admin, clock, content, usage, shares, deals,
                LocalDate.parse("2012-06-30"));
        String original = null;
        try {
            seed.seed();
            rollup.catchUp();

            // a marketer finds it on the marketing home
            signIn("scorecard-2012-marketer", TestUsers.PASSWORD);
            page.navigate(baseUrl() + "/marketing");
            // beside what reps use: what they searched for (the last 30 days: six searches of words no asset has)
            // and what helps win deals (the last 365 days: ten decided deals where A1 was used, five won)
            assertThat(page.locator("#headline-no-results")).hasText("6");
            assertThat(page.locator("#headline-searches")).hasText("of 6 searches in the last 30 days");
            assertThat(page.locator("#headline-gaps")).hasText("6");
            assertThat(page.locator("#headline-search a").first()).hasAttribute("href", "/reports/search-gaps?days=30");
            assertThat(page.locator("#headline-win-rate")).hasText("50%");
            assertThat(page.locator("#headline-influence-sample")).hasText("5 won of 10 decided deals where content "
                    + "was shared or used, in the last 365 days. Association, not cause.");
            assertThat(page.locator("#headline-influence a")).hasAttribute("href", "/reports/influence?days=365");
            page.locator("#headline-gaps").click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Search gaps")))
                    .isVisible();
            page.navigate(baseUrl() + "/marketing");
            page.locator("#headline-scorecard").click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("The joint scorecard")))
                    .isVisible();
            assertThat(page.locator("#scorecard-period")).containsText("2012-06-01 to 2012-06-30");
            Locator library = page.locator("#figure-library_used");
            assertThat(library.locator("td.current")).containsText("57.1%");
            assertThat(library.locator("td.current")).containsText("4 of 7");
            assertThat(library.locator("td.previous")).containsText("33.3%");
            assertThat(library.locator("td.change")).hasText("+23.8 pts");
            assertThat(library.locator(".definition")).containsText("anyone but their owner");
            assertThat(page.locator("#figure-open_flags td.change")).hasClass(java.util.regex.Pattern.compile(
                    ".*worse.*"));
            assertThat(page.locator("#figure-search_success td.current")).containsText("66.7%");
            assertThat(page.getByText("Save the definition")).hasCount(0);

            // every figure's trend line is drawn: the canvases hold painted pixels
            assertThat(page.locator("canvas[data-rendered=true]")).hasCount(11);
            for (String key : new String[] {"library_used", "search_success", "open_flags", "average_rating"}) {
                assertThat(((Number) page.evaluate(PIXELS, "trend-" + key)).intValue()).as(key).isGreaterThan(100);
            }
            page.locator("#scorecard").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Path.of("target", "screenshots", "scorecard.png")));

            // the printable view keeps the figures and their trend lines, not the navigation or the period form
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
            assertThat(page.locator("header.top")).isHidden();
            assertThat(page.locator("form.report-filters")).isHidden();
            assertThat(page.locator("#trend-library_used")).isVisible();
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

            // a rep reaches it from the reports index and reads it, without the editing forms
            context.clearCookies();
            signIn("scorecard-2012-rep1", TestUsers.PASSWORD);
            page.navigate(baseUrl() + "/reports");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The joint scorecard")).click();
            assertThat(page.locator("#figure-influenced_win_rate td.current")).containsText("60.0%");
            assertThat(page.locator("details.edit-definition")).hasCount(0);

            // an admin edits a definition in the page; everyone then reads the new one
            context.clearCookies();
            signIn("admin", ADMIN_PASSWORD);
            page.navigate(baseUrl() + "/reports/scorecard?period=90");
            original = page.locator("#figure-open_flags .definition").textContent().strip();
            page.getByText("Edit the definition of open flags").click();
            page.locator("#definition-open_flags").fill("Flags reps raised that marketing has not answered yet, "
                    + "counted at the end of the period.");
            page.locator("#figure-open_flags").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Save the definition")).click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/reports/scorecard\\?period=90.*"));
            assertThat(page.locator("#figure-open_flags .definition"))
                    .hasText("Flags reps raised that marketing has not answered yet, counted at the end of the period.");
            assertThat(page.locator("#figure-open_flags .definition-changed")).containsText("changed by admin");
            assertThat(page.locator("select[name=period]")).hasValue("90");
        } finally {
            clock.release();
            seed.withdraw();
            if (original != null) {
                http.put().uri("/api/v1/reports/scorecard/definitions/open_flags")
                        .header("Authorization", basic("admin", ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("definition", original)).exchange()
                        .expectStatus().isOk();
            }
        }
    }
}
