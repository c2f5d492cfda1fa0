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
 * The rep's search page in a real browser: words, filters by stage and persona, a misspelt word, nothing found (and
 * asking marketing for it), paging, the keyboard, and the whole state in the URL so a link can be shared and the back
 * button goes back. Assets are uploaded by a marketer through the API and searched by words of their own, since the
 * application and its index are shared with other test classes.
 */
class SearchBrowserTest extends BrowserTest {

    private AssetClient marketer;
    private String repAuth;

    @BeforeEach
    void people() {
        users.user("sb-marketer", "MARKETER");
        users.user("sb-rep", "REP");
        marketer = new AssetClient(http, basic("sb-marketer", TestUsers.PASSWORD));
        repAuth = basic("sb-rep", TestUsers.PASSWORD);
    }

    @Test
    void aRepLandsOnSearchFindsAnAssetByItsWordsWithTheWordsMarkedAndOpensIt() {
        String word = unique("quasar");
        String title = "Northwind onboarding case study " + word;
        String textOnly = unique("rollout");
        String id = publish(title, "Northwind cut onboarding time in half after the " + word + " " + textOnly + ".",
                Map.of("buyer_stage", List.of("decision")), List.of());
        awaitSearchable(textOnly, 1); // its text is extracted and indexed, not only its title

        signIn("sb-rep", TestUsers.PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/search");
        assertThat(heading(1)).hasText("Find content");
        // a search box with suggestions: a combobox by its label
        Locator box = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Search the library"));
        assertThat(box).isFocused();
        box.fill(word);
        box.press("Enter");

        // only what differs from the defaults goes into the URL
        assertThat(page).hasURL(baseUrl() + "/search?q=" + word);
        assertThat(resultsHeading()).hasText("1 asset for “" + word + "”");
        Locator hit = page.locator("ol.hits > li");
        assertThat(hit).hasCount(1);
        assertThat(hit.locator(".hit-title mark")).hasText(word);
        assertThat(hit.locator(".snippet mark").first()).hasText(word);
        assertThat(hit.locator(".snippet")).containsText("Northwind cut onboarding time in half");
        assertThat(hit.locator(".stage")).hasText("Decision");
        assertThat(hit.locator("time")).isVisible();
        assertThat(box).hasValue(word);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title)).click();
        // the search's URL goes along, for the asset page's way back to these results
        assertThat(page).hasURL(Pattern.compile(".*/assets/" + id + "(\\?from=.*)?$"));
        assertThat(heading(1)).hasText(title);

        page.goBack();
        assertThat(page).hasURL(baseUrl() + "/search?q=" + word);
        assertThat(resultsHeading()).hasText("1 asset for “" + word + "”");
    }

    @Test
    void filtersByStageAndPersonaCombineLiveInTheUrlWorkByKeyboardAndTheBackButtonUndoesThem() {
        String tag = unique("filtertag");
        publish("Alpha " + tag, "alpha", Map.of("buyer_stage", List.of("decision"), "persona",
                List.of("economic-buyer")), List.of(tag));
        publish("Beta " + tag, "beta", Map.of("buyer_stage", List.of("consideration"), "persona",
                List.of("economic-buyer")), List.of(tag));
        publish("Gamma " + tag, "gamma", Map.of("buyer_stage", List.of("decision"), "persona",
                List.of("champion")), List.of(tag));
        awaitSearchable(tag, 3);

        signIn("sb-rep", TestUsers.PASSWORD);
        page.navigate("/search?q=" + tag);
        assertThat(resultsHeading()).hasText("3 assets for “" + tag + "”");
        // each facet's values are folded away under its name until opened (or one is in use)
        Locator stage = openFacet(page, "Buyer stage");
        Locator persona = openFacet(page, "Persona");
        // counts among the hits, definitions as tooltips and as the checkbox's description
        assertThat(stage.locator("label", new Locator.LocatorOptions().setHasText("Decision")).locator(".count"))
                .hasText("2");
        assertThat(stage.getByText("Decision", new Locator.GetByTextOptions().setExact(true)))
                .hasAttribute("title", Pattern.compile("^The buyer is choosing a vendor"));
        Locator decision = checkbox(stage, "Decision");
        assertThat(decision).hasAccessibleDescription(Pattern.compile("^The buyer is choosing a vendor"));

        decision.check();
        assertThat(page).hasURL(baseUrl() + "/search?q=" + tag + "&buyer_stage=decision");
        assertThat(resultsHeading()).hasText("2 assets for “" + tag + "”");
        assertThat(titles()).containsExactlyInAnyOrder("Alpha " + tag, "Gamma " + tag);
        assertThat(checkbox(stage, "Decision")).isChecked();
        openFacet(page, "Persona");
        assertThat(persona.locator("label", new Locator.LocatorOptions().setHasText("Economic buyer"))
                .locator(".count")).hasText("1");

        // by keyboard: focus the persona value, Space ticks it, the search runs, the focus comes back to it
        Locator economic = checkbox(persona, "Economic buyer");
        economic.focus();
        page.keyboard().press("Space");
        assertThat(page).hasURL(baseUrl() + "/search?q=" + tag + "&buyer_stage=decision&persona=economic-buyer");
        assertThat(resultsHeading()).hasText("1 asset for “" + tag + "”");
        assertThat(titles()).containsExactly("Alpha " + tag);
        assertThat(checkbox(persona, "Economic buyer")).isFocused();
        assertThat(page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Remove filter Persona: Economic buyer"))).isVisible();

        // the URL is the whole state: a colleague opening it sees the same search
        String shared = page.url();
        Page other = context.newPage();
        other.navigate(shared);
        assertThat(other.locator("#results-title")).hasText("1 asset for “" + tag + "”");
        assertThat(checkbox(other.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Persona")),
                "Economic buyer")).isChecked();
        other.close();

        // back undoes one step at a time, with the form showing that step's filters
        page.goBack();
        assertThat(page).hasURL(baseUrl() + "/search?q=" + tag + "&buyer_stage=decision");
        assertThat(resultsHeading()).hasText("2 assets for “" + tag + "”");
        assertThat(checkbox(stage, "Decision")).isChecked();
        openFacet(page, "Persona");
        assertThat(checkbox(persona, "Economic buyer")).not().isChecked();
        page.goBack();
        assertThat(resultsHeading()).hasText("3 assets for “" + tag + "”");
        openFacet(page, "Buyer stage");
        assertThat(checkbox(stage, "Decision")).not().isChecked();

        // removing a filter by its chip
        page.navigate(shared);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remove filter Buyer stage: Decision"))
                .click();
        assertThat(page).hasURL(baseUrl() + "/search?q=" + tag + "&persona=economic-buyer");
        assertThat(titles()).containsExactlyInAnyOrder("Alpha " + tag, "Beta " + tag);
    }

    @Test
    void aMisspeltWordStillFindsTheAsset() {
        String suffix = letters(6);
        String word = "procurement" + suffix;
        publish("Security questionnaire answers for " + word, "How we answer a " + word + " review.", Map.of(),
                List.of());
        awaitSearchable(word, 1);

        signIn("sb-rep", TestUsers.PASSWORD);
        String misspelt = "procuremnet" + suffix; // two letters swapped
        page.getByLabel("Search the library").fill(misspelt);
        page.getByLabel("Search the library").press("Enter");

        assertThat(page).hasURL(baseUrl() + "/search?q=" + misspelt);
        assertThat(page.locator("ol.hits > li")).hasCount(1);
        assertThat(page.locator(".hit-title mark")).hasText(word);
    }

    @Test
    void aSearchThatFindsNothingSaysSoAndTheRepAsksMarketingForThatContent() {
        String words = unique("kangaroo") + " " + unique("insurance") + " playbook";
        signIn("sb-rep", TestUsers.PASSWORD);
        page.getByLabel("Search the library").fill(words);
        page.getByLabel("Search the library").press("Enter");

        assertThat(resultsHeading()).hasText("No assets found for “" + words + "”");
        assertThat(page.locator("ol.hits")).hasCount(0);
        assertThat(page.getByText("Nothing in the library matches this search")).isVisible();
        assertThat(heading(2, "Ask marketing for it")).isVisible();
        page.getByLabel("What do you need, for which buyer?").fill("A one-pager for a regional insurer's CFO");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask marketing for this content"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Sent to marketing")))
                .isVisible();
        assertThat(page).hasURL(Pattern.compile("/search\\?q="));
        assertThat(page.getByLabel("Search the library")).hasValue(words);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        signIn("sb-marketer", TestUsers.PASSWORD);
        page.navigate("/requests");
        Locator row = page.locator("li.request", new Page.LocatorOptions().setHasText(words));
        assertThat(row).hasCount(1);
        assertThat(row).containsText("sb-rep");
        assertThat(row).containsText("A one-pager for a regional insurer's CFO");
    }

    @Test
    void resultsArePagedWithEveryAssetOnExactlyOnePageAndTheSizeKeptWhenTheSortChanges() {
        String tag = unique("pagetag");
        List<String> expected = new ArrayList<>();
        String inText = unique("pagetext");
        for (int i = 1; i <= 11; i++) {
            String title = "Renewal playbook " + i + " " + tag;
            expected.add(title);
            publish(title, "renewal text " + i + " " + inText, Map.of(), List.of(tag));
        }
        // every text indexed first: a text indexed between two pages would change the order under them
        awaitSearchable(inText, 11);
        awaitSearchable(tag, 11);

        signIn("sb-rep", TestUsers.PASSWORD);
        page.navigate("/search?q=" + tag + "&size=5");
        assertThat(resultsHeading()).hasText("11 assets for “" + tag + "”");
        Locator pager = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Result pages"));
        List<String> seen = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            assertThat(pager).containsText("Page " + p + " of 3");
            assertThat(page.locator("ol.hits > li")).hasCount(p < 3 ? 5 : 1);
            assertThat(page.locator("ol.hits")).hasAttribute("start", String.valueOf((p - 1) * 5 + 1));
            seen.addAll(titles());
            if (p < 3) {
                pager.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Next")).click();
                assertThat(page).hasURL(Pattern.compile("[?&]page=" + (p + 1) + "(&|$)"));
            }
        }
        assertThat(pager.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Next"))).hasCount(0);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);

        pager.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Previous")).click();
        assertThat(pager).containsText("Page 2 of 3");

        // a new sort starts again at page 1 and keeps the chosen page size
        page.getByLabel("Sort by").selectOption("newest");
        assertThat(page).hasURL(baseUrl() + "/search?size=5&q=" + tag + "&sort=newest");
        assertThat(pager).containsText("Page 1 of 3");
        assertThat(titles()).containsExactly(expected.get(10), expected.get(9), expected.get(8), expected.get(7),
                expected.get(6));
    }

    @Test
    void onAPhoneTheResultsComeFirstAndTheFiltersOpenOnDemand() {
        String tag = unique("phonetag");
        publish("Delta " + tag, "delta", Map.of("buyer_stage", List.of("decision")), List.of(tag));
        publish("Epsilon " + tag, "epsilon", Map.of("buyer_stage", List.of("awareness")), List.of(tag));
        awaitSearchable(tag, 2);

        page.setViewportSize(390, 800);
        signIn("sb-rep", TestUsers.PASSWORD);
        page.navigate("/search?q=" + tag);
        Locator stage = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Buyer stage"));
        assertThat(resultsHeading()).hasText("2 assets for “" + tag + "”");
        assertThat(stage).isHidden();
        assertThat(page.locator("ol.hits > li").first()).isInViewport();

        page.locator("summary", new Page.LocatorOptions().setHasText("Filter")).click();
        openFacet(page, "Buyer stage");
        assertThat(stage).isVisible();
        checkbox(stage, "Decision").check();
        assertThat(resultsHeading()).hasText("1 asset for “" + tag + "”");
        // with a filter in use the panel stays open and says so
        assertThat(checkbox(stage, "Decision")).isChecked();
        assertThat(page.locator("details.filters > summary")).containsText("(1 in use)");
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
    }

    // ---- helpers ----

    private static String unique(String word) {
        return word + letters(8);
    }

    /** Random lower-case letters: words no other test (and no stemmer) shares. */
    private static String letters(int n) {
        StringBuilder out = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private String publish(String title, String text, Map<String, List<String>> facets, List<String> tags) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("facets", facets);
        metadata.put("tags", tags);
        metadata.put("status", "published");
        byte[] pdf = TestFiles.pdf(title, "Search Browser Test", List.of(text));
        return (String) marketer.created(pdf, UUID.randomUUID() + ".pdf", metadata).get("id");
    }

    /** Waits until the rep's search through the API finds this many assets (their text is extracted and indexed). */
    private void awaitSearchable(String query, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(
                () -> http.get().uri("/api/v1/search?q=" + query).header("Authorization", repAuth).exchange()
                        .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody()
                        .get("total"),
                total -> ((Number) total).intValue() == count);
    }

    private Locator heading(int level) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(level));
    }

    private Locator heading(int level, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(level).setName(name));
    }

    private Locator resultsHeading() {
        return page.locator("#results-title");
    }

    /** A facet's group of values, opened first when it is folded away (no value of it in use). */
    static Locator openFacet(Page page, String name) {
        Locator details = page.locator("details.facet-group",
                new Page.LocatorOptions().setHas(page.locator("summary", new Page.LocatorOptions()
                        .setHasText(name))));
        if (details.getAttribute("open") == null) {
            details.locator("summary").click();
        }
        return page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(name));
    }

    private static Locator checkbox(Locator group, String label) {
        return group.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName(label));
    }

    private List<String> titles() {
        return page.locator("ol.hits .hit-title").allInnerTexts();
    }
}
