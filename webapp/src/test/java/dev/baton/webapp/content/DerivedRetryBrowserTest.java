package dev.baton.webapp.content;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A marketer sees why an asset has no text on its page and tries again with one button; an admin sees every such
 * asset with its reason on one page and retries them all.
 */
class DerivedRetryBrowserTest extends BrowserTest {

    @Autowired
    DatabaseClient db;

    private AssetClient marketer() {
        users.user("retry-page-marketer", "MARKETER");
        return new AssetClient(http, basic("retry-page-marketer", TestUsers.PASSWORD));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void aMarketerRetriesAnAssetsUnavailableTextFromItsPage() {
        String id = failedEarlier(marketer(), "Page retried " + UUID.randomUUID().toString().substring(0, 6));

        signIn("retry-page-marketer", TestUsers.PASSWORD);
        page.navigate("/assets/" + id);
        Locator work = page.locator("#derived-work");
        assertThat(work).containsText("Text unavailable: timed out after 1 s");
        assertThat(work).containsText("Thumbnail unavailable: drawing took too long");
        assertThat(page.locator("#text-status")).hasText("Text unavailable: timed out after 1 s");

        button("Retry").click();

        assertThat(page.locator("#flash")).hasText(
                "Trying again: the text, the thumbnail. This page shows the outcome once done");
        marketer().derived(id);
        page.reload();
        assertThat(page.locator("#text-status")).containsText("1 page, by Ann");
        assertThat(page.locator("#derived-work")).hasCount(0);
    }

    @Test
    void aRepSeesNoRetryButton() {
        String title = "Rep view " + UUID.randomUUID().toString().substring(0, 6);
        String id = failedEarlier(marketer(), title);
        // published as publishing does it, with its date: a published asset without one counts in every period of
        // the whole library's reports (the scorecard's share of the library used) and other tests would see it
        db.sql("update asset set status = 'PUBLISHED', published_at = now() where id = :id")
                .bind("id", UUID.fromString(id)).then().block(Duration.ofSeconds(10));
        users.user("retry-page-rep", "REP");

        signIn("retry-page-rep", TestUsers.PASSWORD);
        page.navigate("/assets/" + id);

        assertThat(page.locator("#text-status")).hasText("Text unavailable: timed out after 1 s");
        assertThat(button("Retry")).hasCount(0);
    }

    @Test
    void anAdminSeesAssetsWithTextUnavailableAndRetriesThemAll() {
        String title = "Admin listed " + UUID.randomUUID().toString().substring(0, 6);
        String id = failedEarlier(marketer(), title);

        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Admin"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Text unavailable")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Text unavailable");
        Locator row = page.locator("#derived-failed tbody tr").filter(new Locator.FilterOptions().setHasText(title));
        assertThat(row).containsText("Unavailable: timed out after 1 s");
        assertThat(row).containsText("Unavailable: drawing took too long");
        assertThat(row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title)))
                .hasAttribute("href", "/assets/" + id);

        button("Retry all").click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Trying again for ");
        marketer().derived(id);
        page.reload();
        assertThat(page.locator("#derived-failed tbody tr").filter(new Locator.FilterOptions().setHasText(title)))
                .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
    }

    /** An asset whose text and thumbnail failed earlier (as under a tighter limit), though its file is fine. */
    private String failedEarlier(AssetClient marketer, String title) {
        String id = (String) marketer.created(TestFiles.pdf(title, "Ann", List.of(title + " words")), title + ".pdf",
                Map.of("title", title)).get("id");
        marketer.derived(id);
        Long updated = db.sql("update asset_version set extraction_status = 'FAILED', "
                        + "extraction_reason = 'timed out after 1 s', text_key = null, thumbnail_status = 'FAILED', "
                        + "thumbnail_reason = 'drawing took too long', thumbnail_key = null where asset_id = :id")
                .bind("id", UUID.fromString(id)).fetch().rowsUpdated().block(Duration.ofSeconds(10));
        assertThat(updated).isEqualTo(1L);
        return id;
    }
}
