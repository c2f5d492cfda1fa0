package dev.baton.webapp.content;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reps read decks and documents in the app's viewer: their pages as images, one after another. */
class PageViewerBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    PageRendering rendering;

    private AssetClient marketer() {
        users.user("viewer-marketer", "MARKETER");
        return new AssetClient(http, basic("viewer-marketer", TestUsers.PASSWORD));
    }

    private static void awaitPages(AssetClient client, String id) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> !"PENDING".equals(
                client.request("GET", "/api/v1/assets/" + id + "/pages", null).expectStatus().isOk()
                        .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("status")));
    }

    private void signInAsRep(String username) {
        users.user(username, "REP");
        signIn(username, TestUsers.PASSWORD);
        assertThat(button("Sign out")).isVisible();
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void aRepOpensADeckInTheViewerAndPagesThroughItsSlides() {
        AssetClient marketer = marketer();
        String deck = (String) marketer.created(
                TestFiles.pptx("Viewer deck", "Ann", List.of("Why Northwind " + UUID.randomUUID(), "Pricing",
                        "Next steps")),
                "viewer-deck.pptx", Map.of("title", "Northwind platform deck", "status", "published")).get("id");
        awaitPages(marketer, deck);
        List<String> problems = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                problems.add(message.text());
            }
        });

        signInAsRep("viewer-rep");
        page.navigate("/assets/" + deck);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("View").setExact(true)).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Northwind platform deck");
        assertThat(page.locator("#page-number")).hasText("Page 1 of 3");
        Locator first = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Page 1 of 3"));
        assertThat(first).isVisible();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                ((Number) first.evaluate("i => i.complete ? i.naturalWidth : 0")).intValue() == 1400);
        assertThat(page.locator(".page-list img")).hasCount(3);
        assertThat(button("Previous page")).isDisabled();

        button("Next page").click();
        assertThat(page.locator("#page-number")).hasText("Page 2 of 3");
        Locator second = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Page 2 of 3"));
        assertThat(second).isInViewport();
        page.keyboard().press("ArrowRight");
        assertThat(page.locator("#page-number")).hasText("Page 3 of 3");
        Locator third = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Page 3 of 3"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                ((Number) third.evaluate("i => i.complete ? i.naturalWidth : 0")).intValue() == 1400);
        assertThat(button("Next page")).isDisabled();
        page.keyboard().press("ArrowLeft");
        assertThat(page.locator("#page-number")).hasText("Page 2 of 3");

        assertThat(problems).as("console errors (CSP violations among them)").isEmpty();
        // opening the slides counts as a preview of the deck
        assertThat(marketer.request("GET", "/api/v1/assets/" + deck + "/usage", null).expectStatus().isOk()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("previews")).isEqualTo(1);
    }

    @Test
    void aDocumentStillBeingPreparedSaysSoAndShowsItsPagesOnceTheyAreDrawn() {
        AssetClient marketer = marketer();
        String document;
        // the worker paused: the upload's pages stay pending until it runs again
        rendering.stop();
        try {
            document = (String) marketer.created(
                    TestFiles.docx("Waiting brief", "Ann", 2, List.of("First " + UUID.randomUUID(), "Second")),
                    "waiting-brief.docx", Map.of("title", "Waiting brief", "status", "published")).get("id");
            signInAsRep("viewer-rep-waiting");
            page.navigate("/assets/" + document + "/view");
            assertThat(page.locator("#page-pending")).containsText("This DOCX file is being prepared for viewing");
            assertThat(page.locator("#page-pending").getByRole(AriaRole.LINK,
                    new Locator.GetByRoleOptions().setName("Download waiting-brief.docx"))).isVisible();
        } finally {
            rendering.start();
        }

        // the page asks until the pages are there, then shows them
        assertThat(page.locator("#page-number")).hasText("Page 1 of 2", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(120_000));
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Page 2 of 2"))).hasCount(1);
    }

    @Test
    void aDocumentThatCannotBeDrawnSaysWhyAndOffersTheDownload() throws Exception {
        AssetClient marketer = marketer();
        Path bomb = Files.createTempFile("viewer-bomb", ".docx");
        TestFiles.zipBombDocx(bomb, 64L << 20);
        String document = (String) marketer.created(Files.readAllBytes(bomb), "exploding-brief.docx",
                Map.of("title", "Exploding brief", "status", "published")).get("id");
        Files.delete(bomb);
        awaitPages(marketer, document);

        signInAsRep("viewer-rep-unavailable");
        page.navigate("/assets/" + document + "/view");

        Locator notice = page.locator("#page-unavailable");
        assertThat(notice).containsText("This file cannot be shown here: the file ");
        assertThat(notice.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download exploding-brief.docx"))).isVisible();
        assertThat(page.locator(".page-list")).hasCount(0);
    }
}
