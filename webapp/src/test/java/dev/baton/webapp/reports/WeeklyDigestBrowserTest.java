package dev.baton.webapp.reports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The weekly digest's opt-out as people use it: the email settings page, and the unsubscribe link of an email. */
class WeeklyDigestBrowserTest extends BrowserTest {


    @Autowired
    DigestTokens tokens;

    @Autowired
    DigestSubscriptions subscriptions;

    @Test
    void aMarketerTurnsTheDigestOffAndOnOnTheEmailSettingsPage() {
        long id = users.user("digest-browser-marketer", "MARKETER").id();
        signIn("digest-browser-marketer", TestUsers.PASSWORD);
        page.navigate("/notifications/preferences");
        Locator box = digestBox();
        assertThat(box).isChecked();

        box.uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Saved.")).isVisible();
        assertThat(digestBox()).not().isChecked();
        Assertions.assertThat(subscriptions.subscribed(id).block()).isFalse();

        digestBox().check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Saved.")).isVisible();
        assertThat(digestBox()).isChecked();
    }

    @Test
    void theUnsubscribeLinkOfAnEmailAsksThenUnsubscribesWithoutSigningIn() {
        long id = users.user("digest-browser-link", "MARKETER").id();
        String token = tokens.token(id).block();
        page.navigate("/reports/digest/unsubscribe?token=" + token);
        assertThat(page.getByText("Stop sending the weekly digest email to")).isVisible();
        assertThat(page.getByText("digest-browser-link Example")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unsubscribe")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("no longer gets the weekly digest");
        Assertions.assertThat(subscriptions.subscribed(id).block()).isFalse();
        Assertions.assertThat(context.cookies()).isEmpty();

        // a forged link says so
        page.navigate("/reports/digest/unsubscribe?token=" + id + ".forged");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("This unsubscribe link is not valid");
    }

    private Locator digestBox() {
        return page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("The weekly digest"));
    }
}
