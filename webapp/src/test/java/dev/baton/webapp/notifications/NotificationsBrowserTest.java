package dev.baton.webapp.notifications;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The bell in the page header and the notifications page, as a rep uses them. */
class NotificationsBrowserTest extends BrowserTest {

    @Autowired
    Notifications notifications;

    @Test
    void theBellShowsTheUnreadCountAndThePageMarksThemRead() {
        long rep = users.user("bell-rep", "REP").id();
        notifications.notify(rep, "share.first_visit", "Acme opened the ROI guide", "Read 3 pages", "/glossary")
                .block();
        notifications.notify(rep, "share.withdrawn", "Pricing sheet was withdrawn", null, null).block();
        notifications.notify(rep, "share.superseded", "The deck has version 4", null, null).block();

        signIn("bell-rep", TestUsers.PASSWORD);
        assertThat(page.locator(".bell-count")).hasText("3");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications, 3 unread")).click();
        assertThat(page).hasURL(baseUrl() + "/notifications");
        assertThat(page.locator("ul.notifications li")).hasCount(3);
        assertThat(page.locator("ul.notifications li.unread")).hasCount(3);
        assertThat(page.getByText("Read 3 pages")).isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Mark read: Pricing sheet was withdrawn")).click();
        assertThat(page.locator(".bell-count")).hasText("2");
        assertThat(page.locator("ul.notifications li.unread")).hasCount(2);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark all read")).click();
        assertThat(page.locator(".bell-count")).hasCount(0);
        assertThat(page.locator("ul.notifications li.unread")).hasCount(0);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications")))
                .isVisible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Acme opened the ROI guide")).click();
        assertThat(page).hasURL(baseUrl() + "/glossary");
    }

    @Test
    void aRepChoosesTheDailySummaryOnTheEmailSettingsPage() {
        users.user("bell-prefs-rep", "REP");
        signIn("bell-prefs-rep", TestUsers.PASSWORD);
        page.navigate(baseUrl() + "/notifications");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Email settings")).click();

        page.getByLabel("Email address").fill("prefs-rep@example.com");
        page.locator("input[name='delivery.share.first_visit'][value='DAILY']").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

        assertThat(page.getByText("Saved.")).isVisible();
        assertThat(page.getByLabel("Email address")).hasValue("prefs-rep@example.com");
        assertThat(page.locator("input[name='delivery.share.first_visit'][value='DAILY']")).isChecked();
        assertThat(page.locator("input[name='delivery.share.withdrawn'][value='NOW']")).isChecked();
    }
}
