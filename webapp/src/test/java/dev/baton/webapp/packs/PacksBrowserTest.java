package dev.baton.webapp.packs;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.web.BrowserTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A trainer builds, publishes and revises a pack; a rep completes it and passes the quiz; the trainer sees it. */
class PacksBrowserTest extends BrowserTest {

    private void click(String button) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
    }

    private void signOut() {
        click("Sign out");
    }

    private Locator flash() {
        return page.locator("#flash");
    }

    private void choose(String label, String option) {
        page.getByLabel(label, new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setLabel(option));
    }

    @Test
    void aTrainerBuildsPublishesAndRevisesAPackARepCompletesItAndTheTrainerSeesTheProgress() {
        users.user("pbt-trainer", "TRAINER");
        users.user("pbt-marketer", "MARKETER");
        users.user("pbt-rep", "REP");
        StringBuilder word = new StringBuilder("okapi");
        for (int i = 0; i < 6; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        String assetTitle = "Battlecard " + word;
        String packTitle = "Launch pack " + word;
        PackClient api = new PackClient(http);
        String asset = api.publishedAsset(basic("pbt-marketer", TestUsers.PASSWORD), assetTitle);
        // the builder finds assets through the search index: wait until a search finds this one
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get().uri(b -> b.path("/api/v1/search").queryParam("q", word.toString()).build())
                        .header("Authorization", basic("pbt-rep", TestUsers.PASSWORD)).exchange()
                        .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("hits").toString()
                        .contains(asset));

        // the trainer builds and publishes version 1
        signIn("pbt-trainer", TestUsers.PASSWORD);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Training"))).isVisible();
        page.getByLabel("Pack title").fill(packTitle);
        click("Create pack");
        assertThat(flash()).containsText("Created the draft");
        page.getByLabel("Goal").fill("Win against the incumbent");
        page.getByLabel("Due date").fill(LocalDate.now(ZoneOffset.UTC).plusDays(7).toString());
        page.getByLabel("Quiz pass mark (%)").fill("100");
        choose("Buyer stage", "Decision");
        choose("Product", "Platform");
        page.locator("summary", new Page.LocatorOptions().setHasText("Audience: people")).click();
        page.getByLabel("pbt-rep Example (pbt-rep)").check();
        click("Save details");
        assertThat(flash()).hasText("Saved the details.");
        page.getByLabel("Find assets").fill(word.toString());
        click("Find");
        click("Add " + assetTitle);
        assertThat(flash()).hasText("Added the item.");
        page.getByLabel("Item 1 is must-read").check();
        click("Save item 1");
        assertThat(flash()).hasText("Saved the items.");
        page.getByLabel("Note title").fill("Talk track");
        page.getByLabel("Note text (Markdown)").fill("Open with **their cost of delay**.");
        click("Add note");
        page.getByLabel("Question", new Page.GetByLabelOptions().setExact(true)).fill("Who signs the order?");
        page.getByLabel("Choices, one per line").fill("The CFO\nThe intern");
        page.getByLabel("Number of the right choice").fill("1");
        click("Add question");
        assertThat(flash()).hasText("Added the question.");
        click("Publish version 1");
        assertThat(flash()).hasText("Published version 1. Its audience has been told.");
        signOut();

        // the rep opens version 1
        signIn("pbt-rep", TestUsers.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My packs").setExact(true)).click();
        Locator card = page.locator("li.my-pack", new Page.LocatorOptions().setHasText(packTitle));
        assertThat(card.locator(".pack-progress")).hasText("0 of 2 items done, quiz not passed yet");
        assertThat(card.locator(".pack-values")).hasText("Buyer stage: Decision · product: Platform");
        // "My packs" filtered by buyer stage and product
        choose("Buyer stage", "Expansion");
        click("Filter");
        assertThat(card).hasCount(0);
        choose("Buyer stage", "Decision");
        choose("Product", "Platform");
        click("Filter");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/packs\\?stage=decision&product=platform$"));
        card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(packTitle)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(packTitle))).isVisible();
        signOut();

        // the trainer revises it: version 2 changes the note
        signIn("pbt-trainer", TestUsers.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(packTitle).setExact(true)).click();
        click("Edit");
        assertThat(flash()).containsText("Editing the draft of version 2");
        page.getByLabel("Text of item 2 (Markdown)").fill("Open with **their cost of delay**, then the ROI.");
        click("Save item 2");
        click("Publish version 2");
        assertThat(flash()).hasText("Published version 2. Its audience has been told.");
        signOut();

        // the rep sees what changed, completes the pack and passes the quiz
        signIn("pbt-rep", TestUsers.PASSWORD);
        page.navigate("/packs");
        card = page.locator("li.my-pack", new Page.LocatorOptions().setHasText(packTitle));
        assertThat(card).containsText("Updated since you last opened it");
        card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(packTitle)).click();
        assertThat(page.locator("#changes")).hasText("What changed since version 1, which you last opened");
        assertThat(page.locator("ul.changes")).hasText("Changed: Talk track");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(assetTitle)).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open in the library")))
                .isVisible();
        click("I have read this");
        assertThat(flash()).hasText("Acknowledged “" + assetTitle + "”.");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Talk track")).click();
        assertThat(page.locator(".pack-note strong")).hasText("their cost of delay");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to " + packTitle)).click();
        assertThat(page.locator(".pack-progress")).containsText("2 of 2 items done");
        page.getByLabel("The intern").check();
        click("Submit answers");
        assertThat(flash()).hasText("Not passed yet: 0 of 1 right (0%, the pass mark is 100%). Try again.");
        page.getByLabel("The CFO").check();
        click("Submit answers");
        assertThat(flash()).hasText("Passed: 1 of 1 right (100%, the pass mark is 100%).");
        assertThat(page.locator(".pack-progress .badge")).hasText("Complete");
        signOut();

        // the trainer sees the rep complete, and which question was missed; the list is filtered by product
        signIn("pbt-trainer", TestUsers.PASSWORD);
        choose("Product", "Platform");
        click("Filter");
        Locator listed = page.locator("table.packs tr", new Page.LocatorOptions().setHasText(packTitle));
        assertThat(listed.locator("td").nth(3)).hasText("Decision");
        assertThat(listed.locator("td").nth(4)).hasText("Platform");
        choose("Product", "Analytics");
        click("Filter");
        assertThat(listed).hasCount(0);
        choose("Product", "Platform");
        click("Filter");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Progress of " + packTitle)).click();
        assertThat(page.locator(".summary")).containsText("1 of 1 people completed version 2");
        Locator row = page.locator("table.pack-people tr", new Page.LocatorOptions().setHasText("pbt-rep Example"));
        assertThat(row.locator("td").nth(2)).hasText("2 of 2");
        assertThat(row.locator("td").nth(4)).hasText("Passed (100%)");
        assertThat(row.locator("td").nth(5)).hasText("Complete");
        Locator question = page.locator("table.pack-by-question tr",
                new Page.LocatorOptions().setHasText("Who signs the order?"));
        assertThat(question.locator("td").nth(1)).hasText("1");
        assertThat(question.locator("td").nth(2)).hasText("0 (0%)");
        Map<String, Object> progress = api.json("GET", "/api/v1/packs/" + page.url().replaceAll(".*/packs/(\\d+)/.*",
                "$1") + "/progress", basic("pbt-trainer", TestUsers.PASSWORD), null, 200);
        assertThat(page.locator("#overdue ~ p")).hasText("Nobody is overdue.");
        org.assertj.core.api.Assertions.assertThat(progress).containsEntry("completed", 1);
    }
}
