package dev.baton.webapp.search;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.web.BrowserTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A rep who mistypes a word sees the results for the word meant, is told so, and can search as typed. */
class CorrectionBrowserTest extends BrowserTest {

    @Test
    void aMisspeltQueryShowsTheResultsForTheWordMeantAndOffersTheQueryAsTyped() {
        users.user("cb-marketer", "MARKETER");
        users.user("cb-rep", "REP");
        AssetClient marketer = new AssetClient(http, basic("cb-marketer", TestUsers.PASSWORD));
        String repAuth = basic("cb-rep", TestUsers.PASSWORD);
        // a product name no other asset has, and the same name with two neighbouring letters swapped
        StringBuilder name = new StringBuilder("vendor");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (name.length() < 14) {
            char next = (char) ('a' + random.nextInt(26));
            if (next != name.charAt(name.length() - 1)) {
                name.append(next);
            }
        }
        String word = name.toString();
        String typo = word.substring(0, 8) + word.charAt(9) + word.charAt(8) + word.substring(10);
        String title = "Security questionnaire answers for " + word;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("status", "published");
        marketer.created(TestFiles.pdf(title, "Correction Browser Test", List.of(
                "Standard answers to the " + word + " security questionnaire: encryption, access reviews, audits.")),
                "answers.pdf", metadata);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(
                () -> http.get().uri("/api/v1/search?q=" + word).header("Authorization", repAuth).exchange()
                        .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody()
                        .get("total"),
                total -> ((Number) total).intValue() >= 1);

        signIn("cb-rep", TestUsers.PASSWORD);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
        page.navigate("/search");
        Locator box = page.getByLabel("Search the library");
        box.fill(typo + " questionnaire");
        box.press("Enter");

        assertThat(page.locator("#results-title")).containsText("for “" + typo + " questionnaire”");
        assertThat(page.locator("ol.hits > li").first().locator(".hit-title")).hasText(title);
        Locator notice = page.locator("p.notice.corrected");
        assertThat(notice).containsText("Showing results for " + word + " questionnaire.");
        assertThat(notice.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(word + " questionnaire")))
                .isVisible();

        Locator asTyped = notice.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName(typo + " questionnaire").setExact(true));
        assertThat(asTyped).isVisible();
        asTyped.click();
        // as typed, the word is searched exactly (in quotes): nothing has it, and nothing is corrected any more
        assertThat(page).hasURL(Pattern.compile(".*[?&]q=%22" + typo + "%22(\\+|%20)questionnaire.*"));
        assertThat(page.getByLabel("Search the library")).hasValue("\"" + typo + "\" questionnaire");
        assertThat(page.locator("#results-title")).containsText("No assets found");
        assertThat(page.locator("p.notice.corrected")).hasCount(0);
    }
}
