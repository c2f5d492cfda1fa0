package dev.baton.webapp.feedback;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A rep flags an asset and a marketer replies from the inbox; the search-gaps page turns a gap into a request. */
class FeedbackBrowserTest extends BrowserTest {

    @Autowired
    TestClock clock;

    @Test
    void aRepFlagsAnAssetTheMarketerRepliesFromTheInboxAndTheRepSeesTheReply() {
        users.user("fbb-marketer", "MARKETER");
        users.user("fbb-rep", "REP");
        String title = "Healthcare ROI guide " + System.nanoTime();
        String id = new FeedbackClient(http).publish(basic("fbb-marketer", TestUsers.PASSWORD), title, "roi");

        signIn("fbb-rep", TestUsers.PASSWORD);
        page.navigate("/assets/" + id);
        Locator panel = page.locator("#feedback");
        assertThat(panel.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Feedback")))
                .isVisible();
        assertThat(panel).containsText("No ratings yet.");
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rate 4 of 5")).click();
        assertThat(panel.getByRole(AriaRole.STATUS)).hasText("Thanks: you rated it 4 of 5.");
        assertThat(panel).containsText("Rated 4.0 of 5 by 1 person.");
        panel.getByLabel("Note (optional)").fill("Prices are from 2025");
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Flag: Outdated")).click();
        assertThat(panel.getByRole(AriaRole.STATUS)).hasText("Flag sent to the asset's owner.");
        assertThat(panel.locator(".feedback-items li")).containsText("Flag: Outdated");
        assertThat(panel.locator(".feedback-items li")).containsText("No reply yet.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

        signIn("fbb-marketer", TestUsers.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Inbox").setExact(true)).click();
        Locator item = page.locator("li.inbox-item", new Page.LocatorOptions().setHasText(title));
        assertThat(item).containsText("Flag: Outdated");
        assertThat(item).containsText("Prices are from 2025");
        assertThat(item).containsText("fbb-rep Example");
        item.getByLabel("Reply to fbb-rep Example").fill("Thanks, version 2 has the 2026 prices");
        item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send reply")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Reply sent")))
                .isVisible();
        assertThat(page.locator("li.inbox-item", new Page.LocatorOptions().setHasText(title))).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

        signIn("fbb-rep", TestUsers.PASSWORD);
        assertThat(page.locator(".bell-count")).hasText("1");
        page.navigate("/notifications");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("fbb-marketer Example replied to your flag (Outdated) on “" + title + "”")).click();
        assertThat(page).hasURL(Pattern.compile("/assets/" + id + "#feedback$"));
        assertThat(page.locator("#feedback .reply")).hasText(
                "Reply from fbb-marketer Example: Thanks, version 2 has the 2026 prices");
    }

    @Test
    void theSearchGapsPageTurnsASearchThatFoundNothingIntoAContentRequest() {
        users.user("fbb-gap-marketer", "MARKETER");
        users.user("fbb-gap-rep", "REP");
        StringBuilder word = new StringBuilder("wombat");
        for (int i = 0; i < 6; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        // two words no asset has: a word other tests' assets carry ("pricing") would let the relaxed search find them
        StringBuilder second = new StringBuilder("quokka");
        for (int i = 0; i < 6; i++) {
            second.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        String words = word + " " + second;

        signIn("fbb-gap-rep", TestUsers.PASSWORD);
        page.getByLabel("Search the library").fill(words);
        page.getByLabel("Search the library").press("Enter");
        assertThat(page.getByText("Nothing in the library matches this search")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

        signIn("fbb-gap-marketer", TestUsers.PASSWORD);
        page.navigate("/reports/search-gaps");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Search gaps")))
                .isVisible();
        Locator row = page.locator("table.search-gaps tr", new Page.LocatorOptions().setHasText(words));
        Locator cells = row.locator("td");
        assertThat(cells.nth(0)).hasText(words);
        assertThat(cells.nth(1)).hasText("1");
        assertThat(cells.nth(2)).hasText("1");
        assertThat(cells.nth(3)).hasText("0");
        assertThat(cells.nth(4)).hasText("1");
        // the downloads and the printable view, as every report has them
        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Download CSV")).click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).matches("search-gaps-.*\\.csv");
        org.assertj.core.api.Assertions.assertThat(readString(download)).startsWith("\uFEFFquery,searches,")
                .contains(words + ",1,1,0,1,");
        Download json = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Download JSON")).click());
        org.assertj.core.api.Assertions.assertThat(readString(json)).contains("\"query\":\"" + words + "\"");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Printable view")).click();
        assertThat(page.locator("body.printable")).isVisible();
        assertThat(page.locator("header.top")).hasCount(0);
        assertThat(page.locator("table.search-gaps tr", new Page.LocatorOptions().setHasText(words)).locator("td")
                .nth(1)).hasText("1");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request content for "
                + words))).hasCount(0);
        page.goBack();
        page.locator("table.search-gaps tr", new Page.LocatorOptions().setHasText(words)).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Request content for " + words))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("is open for this gap");
        Locator open = page.locator("table.search-gaps tr", new Page.LocatorOptions().setHasText(words));
        assertThat(open.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("open$"))))
                .isVisible();
        open.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("open$"))).click();
        Locator request = page.locator("li.request", new Page.LocatorOptions().setHasText(words));
        assertThat(request).containsText("fbb-gap-marketer Example");
        assertThat(request).containsText("Open");
    }

    @Test
    void aSecondRepAskingForTheSameIsMergedAndBothSeeTheRequestFulfilledUnderMyRequests() {
        users.user("fbb-req-marketer", "MARKETER");
        users.user("fbb-req-rep", "REP");
        users.user("fbb-req-other", "REP");
        StringBuilder word = new StringBuilder("quokka");
        for (int i = 0; i < 6; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        String words = word + " onboarding";
        for (String rep : new String[] {"fbb-req-rep", "fbb-req-other"}) {
            signIn(rep, TestUsers.PASSWORD);
            page.navigate("/search?q=" + words.replace(' ', '+'));
            page.getByLabel("What do you need, for which buyer?").fill("For " + rep);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask marketing for this content"))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Sent to marketing"))).isVisible();
            if (rep.equals("fbb-req-other")) {
                assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                        .setHasText("you were added to their request"))).isVisible();
            }
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        }
        String title = "Quokka onboarding kit " + System.nanoTime();
        String asset = new FeedbackClient(http).publish(basic("fbb-req-marketer", TestUsers.PASSWORD), title, "kit");

        signIn("fbb-req-marketer", TestUsers.PASSWORD);
        page.navigate("/requests");
        Locator request = page.locator("li.request", new Page.LocatorOptions().setHasText(words));
        assertThat(request).hasCount(1);
        assertThat(request).containsText("fbb-req-rep Example, fbb-req-other Example");
        request.getByLabel("Status").selectOption("FULFILLED");
        request.getByLabel("Fulfilled by (asset id or link)").fill(baseUrl() + "/assets/" + asset);
        request.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Save request")))
                .click();
        assertThat(page.locator("li.request", new Page.LocatorOptions().setHasText(words))).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

        signIn("fbb-req-other", TestUsers.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My requests")).click();
        Locator mine = page.locator("tr", new Page.LocatorOptions().setHasText(words));
        assertThat(mine).containsText("Fulfilled with " + title);
        assertThat(mine.locator("td").last()).hasText("2");
        mine.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title)).click();
        assertThat(page).hasURL(Pattern.compile("/assets/" + asset + "$"));
    }

    @Test
    void aRepWhoCameBackWithoutSharingAnswersWhyNotSharedInOneTap() {
        users.user("fbb-why-marketer", "MARKETER");
        users.user("fbb-why-rep", "REP");
        String title = "Retail pricing sheet " + System.nanoTime();
        String id = new FeedbackClient(http).publish(basic("fbb-why-marketer", TestUsers.PASSWORD), title, "prices");
        http.post().uri("/api/v1/assets/" + id + "/usage").header("Authorization", basic("fbb-why-rep",
                TestUsers.PASSWORD)).bodyValue(Map.of("action", "view")).exchange()
                .expectStatus().is2xxSuccessful();
        try {
            clock.pin(Instant.now().plus(Duration.ofHours(2)));
            signIn("fbb-why-rep", TestUsers.PASSWORD);
            page.navigate("/assets/" + id);
            Locator question = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions()
                    .setName("You opened this asset before and have not shared it. Why not?"));
            assertThat(question).isVisible();
            question.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Too long")).click();
            assertThat(page.locator("#feedback").getByRole(AriaRole.STATUS))
                    .hasText("Thanks: marketing sees why content is not shared.");
            assertThat(question).hasCount(0);
            assertThat(page.locator("#feedback .feedback-items")).containsText("Not shared: Too long");
            page.reload();
            assertThat(page.locator("#feedback .feedback-items")).containsText("Not shared: Too long");
            assertThat(question).hasCount(0);
        } finally {
            clock.release();
        }
    }

    private static String readString(Download download) {
        try {
            return java.nio.file.Files.readString(download.path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
