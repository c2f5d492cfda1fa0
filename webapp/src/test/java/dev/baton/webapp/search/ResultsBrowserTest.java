package dev.baton.webapp.search;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.web.BrowserTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a rep sees around the results: the way back from an asset to the results it was opened from (with the search
 * marked in the navigation), each result's file format, Word documents' thumbnails, and the keyboard's path from the
 * search box to the first result.
 */
class ResultsBrowserTest extends BrowserTest {

    private AssetClient marketer;
    private String repAuth;

    @BeforeEach
    void people() {
        users.user("rb-marketer", "MARKETER");
        users.user("rb-rep", "REP");
        marketer = new AssetClient(http, basic("rb-marketer", TestUsers.PASSWORD));
        repAuth = basic("rb-rep", TestUsers.PASSWORD);
    }

    @Test
    void anAssetOpenedFromTheResultsLeadsBackToTheSameSearchAndTheNavigationMarksTheSearch() {
        String tag = unique("backtag");
        String title = "Alpha " + tag;
        String id = publish(title, pdf(title), "alpha.pdf", Map.of("buyer_stage", List.of("decision")), tag);
        publish("Beta " + tag, pdf("Beta " + tag), "beta.pdf", Map.of("buyer_stage", List.of("awareness")), tag);
        awaitSearchable(tag, 2);

        signInRep();
        String search = "/search?q=" + tag + "&buyer_stage=decision&sort=newest";
        page.navigate(search);
        assertThat(page.locator("#results-title")).hasText("1 asset for “" + tag + "”");
        assertThat(navLink("Find content")).hasAttribute("aria-current", "page");
        assertThat(navLink("Library")).not().hasAttribute("aria-current", "page");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title)).click();
        assertThat(page).hasURL(Pattern.compile(".*/assets/" + id + "(\\?.*)?$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(title);
        // reached from a search, the asset belongs to the search, not to the library
        assertThat(navLink("Find content")).hasAttribute("aria-current", "page");
        assertThat(navLink("Library")).not().hasAttribute("aria-current", "page");

        Locator back = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to results"));
        assertThat(back).isVisible();
        back.click();
        assertThat(page).hasURL(baseUrl() + search);
        assertThat(page.locator("#results-title")).hasText("1 asset for “" + tag + "”");
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Buyer stage"))
                .getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Decision"))).isChecked();
        assertThat(page.getByLabel("Sort by")).hasValue("newest");

        // opened from the library (or a bookmark), the asset is the library's and has no way back to results
        page.navigate("/assets/" + id);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to results")))
                .hasCount(0);
        assertThat(navLink("Library")).hasAttribute("aria-current", "page");
        assertThat(navLink("Find content")).not().hasAttribute("aria-current", "page");
        // a "from" that is not this Baton's search page is ignored
        page.navigate("/assets/" + id + "?from=https://evil.example/search?q=x");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to results")))
                .hasCount(0);
    }

    @Test
    void resultsShowEachFilesFormatAndAWordDocumentHasAThumbnailOfItsFirstPage() {
        String tag = unique("formattag");
        publish("Pdf " + tag, pdf("Pdf " + tag), "sheet.pdf", Map.of(), tag);
        String docxId = publish("Word " + tag, TestFiles.docx("Word " + tag, "Maria Marketer", 1,
                List.of("Quarterly plan for the northern region: goals, owners, dates and the budget for each of "
                        + "them, agreed with the regional leads " + tag)), "plan.docx", Map.of(), tag);
        awaitSearchable(tag, 2);
        marketer.derived(docxId);

        signInRep();
        page.navigate("/search?q=" + tag + "&sort=newest");
        Locator word = page.locator("ol.hits > li", new Page.LocatorOptions().setHasText("Word " + tag));
        Locator pdf = page.locator("ol.hits > li", new Page.LocatorOptions().setHasText("Pdf " + tag));
        assertThat(word.locator(".format")).hasText("DOCX");
        assertThat(pdf.locator(".format")).hasText("PDF");

        // the Word document's thumbnail is its first page, not a blank card
        assertThat(word.locator("img.thumb")).isVisible();
        Object loaded = word.locator("img.thumb").evaluate("img => img.complete && img.naturalWidth");
        assertThat(((Number) loaded).intValue()).isPositive();
        // the picture as the browser decoded it: its dark pixels are the page's text
        Object dark = word.locator("img.thumb").evaluate("img => { const c = document.createElement('canvas');"
                + " c.width = img.naturalWidth; c.height = img.naturalHeight; const g = c.getContext('2d');"
                + " g.drawImage(img, 0, 0); const d = g.getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 0; i < d.length; i += 4) { if (d[i] < 100 && d[i + 1] < 100 && d[i + 2] < 100"
                + " && d[i + 3] > 0) n++; } return n; }");
        // a blank page has none; the page's line of text gives a few dozen at this size
        assertThat(((Number) dark).intValue()).as("dark pixels (the text) on the DOCX's thumbnail")
                .isGreaterThan(20);
    }

    @Test
    void fromTheSearchBoxTheKeyboardSkipsToTheFirstResultAndNeverGetsStuckInTheFilters() {
        String tag = unique("keytag");
        String title = "Keyboard " + tag;
        publish(title, pdf(title), "keys.pdf", Map.of("buyer_stage", List.of("decision"), "persona",
                List.of("champion"), "industry", List.of("healthcare")), tag);
        awaitSearchable(tag, 1);

        signInRep();
        page.navigate("/search?q=" + tag);
        Locator first = page.locator("ol.hits > li").first().locator(".hit-title a");
        Locator box = page.getByLabel("Search the library");

        // the first stop after the box skips to the results: Tab, Enter, Tab
        box.focus();
        page.keyboard().press("Tab");
        Locator skip = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to results"));
        assertThat(skip).isFocused();
        assertThat(skip).isInViewport();
        Object width = skip.evaluate("a => a.getBoundingClientRect().width");
        assertThat(((Number) width).doubleValue()).as("the skip link is visible when focused").isPositive();
        page.keyboard().press("Enter");
        page.keyboard().press("Tab");
        assertThat(first).isFocused();

        // by Tab alone the focus moves on at every press and reaches the first result in few presses, each facet
        // one stop (its values fold away) instead of one stop per value
        box.focus();
        List<String> path = new ArrayList<>();
        String previous = focused();
        boolean reached = false;
        for (int i = 0; i < 40 && !reached; i++) {
            page.keyboard().press("Tab");
            String now = focused();
            assertThat(now).as("focus after Tab %d (path %s)", i + 1, path).isNotEqualTo(previous);
            path.add(now);
            previous = now;
            reached = (Boolean) first.evaluate("a => a === document.activeElement");
        }
        assertThat(reached).as("the first result is reached by Tab; path %s", path).isTrue();
        assertThat(path.size()).as("Tabs from the box to the first result: %s", path).isLessThanOrEqualTo(25);

        // a facet's values are reachable: its group opens from the keyboard
        Locator stage = page.locator("summary", new Page.LocatorOptions().setHasText("Buyer stage"));
        stage.focus();
        page.keyboard().press("Enter");
        page.keyboard().press("Tab");
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Buyer stage"))
                .getByRole(AriaRole.CHECKBOX).first()).isFocused();
    }

    // ---- helpers ----

    /** Signs in and waits until it is done (a page opened sooner would cut the sign-in short). */
    private void signInRep() {
        signIn("rb-rep", TestUsers.PASSWORD);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
    }

    private String focused() {
        return (String) page.evaluate("() => { const e = document.activeElement; return e === null ? 'none' : "
                + "e.tagName + '#' + e.id + ' ' + (e.getAttribute('href') || e.getAttribute('name') || '') + ' '"
                + " + (e.textContent || '').trim().slice(0, 40); }");
    }

    private Locator navLink(String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static String unique(String word) {
        StringBuilder out = new StringBuilder(word);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static byte[] pdf(String title) {
        return TestFiles.pdf(title, "Results Browser Test", List.of(title + " " + UUID.randomUUID()));
    }

    private String publish(String title, byte[] file, String fileName, Map<String, List<String>> facets, String tag) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("facets", facets);
        metadata.put("tags", List.of(tag));
        metadata.put("status", "published");
        return (String) marketer.created(file, fileName, metadata).get("id");
    }

    private void awaitSearchable(String query, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(
                () -> http.get().uri("/api/v1/search?q=" + query).header("Authorization", repAuth).exchange()
                        .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody()
                        .get("total"),
                total -> ((Number) total).intValue() == count);
    }
}
