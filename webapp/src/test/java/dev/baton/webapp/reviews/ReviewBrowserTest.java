package dev.baton.webapp.reviews;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.web.BrowserTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Review before publish in the browser: a marketer submits a draft, a reviewer opens it in the viewer and asks for
 * changes, the marketer is told and submits again, the reviewer approves, the marketer publishes; the asset page
 * says who approved it and when. A new version is held while reps keep version 1, until it is approved.
 */
class ReviewBrowserTest extends BrowserTest {

    @Test
    void aDraftIsSubmittedSentBackResubmittedApprovedAndPublished() {
        users.user("brv-marketer", "MARKETER");
        users.user("brv-reviewer", "REVIEWER");
        String tag = "brvclaims" + System.nanoTime();
        Map<String, Object> rule = http.post().uri("/api/v1/reviews/rules")
                .header("Authorization", basic("admin", ADMIN_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", "tag", "value", tag)).exchange().expectStatus().isCreated()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        String title = "Savings claims " + System.nanoTime();
        String id = (String) new AssetClient(http, basic("brv-marketer", TestUsers.PASSWORD))
                .created(TestFiles.pdf(title, "Review Browser", List.of("We save you 40 percent")),
                        UUID.randomUUID() + ".pdf", Map.of("title", title, "tags", List.of(tag)))
                .get("id");
        try {
            signIn("brv-marketer", TestUsers.PASSWORD);
            submit(id, "First draft for compliance");
            assertThat(page.locator("#review-state")).hasText("Open");
            signOut();

            // the reviewer lands on the queue, opens the file in the viewer, and asks for changes
            signIn("brv-reviewer", TestUsers.PASSWORD);
            assertThat(page).hasURL(Pattern.compile("/reviews$"));
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review queue")))
                    .isVisible();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title)).click();
            assertThat(page.locator("#review-note")).hasText("First draft for compliance");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open in the viewer")).click();
            assertThat(page.locator("#pdf-page")).containsText("Page 1 of 1");
            page.goBack();
            page.getByLabel("Comment").fill("Cite the source of the 40 percent");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request changes")).click();
            assertThat(page.locator("#review-state")).hasText("Changes requested");
            assertThat(page.locator("#decisions")).containsText("asked for changes");
            assertThat(page.locator("#decisions")).containsText("Cite the source of the 40 percent");
            // nothing else is a reviewer's
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Library")))
                    .hasCount(0);
            signOut();

            // the marketer is told, and submits again
            signIn("brv-marketer", TestUsers.PASSWORD);
            page.navigate("/notifications");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Changes requested: " + title + ", version 1")).click();
            assertThat(page).hasURL(Pattern.compile("/assets/" + id + "$"));
            assertThat(page.locator("#review-history")).containsText("Cite the source of the 40 percent");
            submit(id, "Source cited on page 1");
            signOut();

            signIn("brv-reviewer", TestUsers.PASSWORD);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title)).click();
            assertThat(page.locator("#review-note")).hasText("Source cited on page 1");
            page.getByLabel("Comment").fill("Fine now");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            assertThat(page.locator("#review-state")).hasText("Approved");
            page.navigate("/reviews");
            assertThat(page.locator("#queue-empty")).isVisible();
            signOut();

            // approved, the draft can be published; the page says who approved it and when
            signIn("brv-marketer", TestUsers.PASSWORD);
            page.navigate("/assets/" + id);
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(page.locator("#approval")).hasText("Version 1 approved by brv-reviewer Example on " + today);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish").setExact(true)).click();
            assertThat(page.locator(".asset-meta")).containsText("Published");
            assertThat(page.locator("#review-history tbody tr")).hasCount(2);
            assertThat(page.locator("#review-history tbody tr").first()).containsText("Approved; live to reps from "
                    + today);

            // a new version uploaded on the page is held for review beside the live one; reps keep version 1
            page.getByLabel("File", new Page.GetByLabelOptions().setExact(true)).setInputFiles(new FilePayload(
                    "savings-v2.pdf", "application/pdf",
                    TestFiles.pdf(title + " v2", "Review Browser", List.of("We save you 50 percent"))));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload the new version")).click();
            assertThat(page.locator("#flash")).hasText("Version 2 (savings-v2.pdf) is held for review: reps keep "
                    + "version 1 until it is approved");
            assertThat(page.locator("#version-1 td").first()).hasText("1 Current");
            assertThat(page.locator("#version-2 td").first()).hasText("2");
            signOut();
            users.user("brv-rep", "REP");
            signIn("brv-rep", TestUsers.PASSWORD);
            page.navigate("/assets/" + id);
            assertThat(page.locator("#main")).containsText("version 1");
            assertThat(page.locator("#main")).not().containsText("savings-v2.pdf");
            signOut();

            // the marketer submits the held version, the reviewer approves it: reps get version 2 from then on
            signIn("brv-marketer", TestUsers.PASSWORD);
            submit(id, "Now 50 percent, source on page 1");
            signOut();
            signIn("brv-reviewer", TestUsers.PASSWORD);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title)).click();
            assertThat(page.locator("#review-note")).hasText("Now 50 percent, source on page 1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            assertThat(page.locator("#review-state")).hasText("Approved");
            signOut();
            signIn("brv-rep", TestUsers.PASSWORD);
            page.navigate("/assets/" + id);
            assertThat(page.locator("#main")).containsText("version 2");
            assertThat(page.locator("#main")).containsText("savings-v2.pdf");
            assertThat(page.locator("#approval")).hasText("Version 2 approved by brv-reviewer Example on " + today);
        } finally {
            http.delete().uri("/api/v1/reviews/rules/" + rule.get("id"))
                    .header("Authorization", basic("admin", ADMIN_PASSWORD)).exchange().expectStatus().isNoContent();
        }
    }

    private void submit(String assetId, String note) {
        page.navigate("/assets/" + assetId);
        Locator panel = page.locator("#review");
        panel.getByLabel("Note for the reviewers").fill(note);
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Submit for review")).click();
        assertThat(page).hasURL(Pattern.compile("/reviews/\\d+$"));
    }

    private void signOut() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    }
}
