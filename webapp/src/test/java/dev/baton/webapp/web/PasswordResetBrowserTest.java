package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An admin resets a user's password in the browser; the user signs in with it and must choose their own. */
class PasswordResetBrowserTest extends BrowserTest {

    @Test
    void anAdminResetsAPasswordAndTheUserChoosesANewOneAtTheNextSignIn() {
        users.user("browser-pw-reset", "MARKETER");
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/users");
        page.getByText("Reset password of browser-pw-reset").click();
        List<String> asked = new ArrayList<>();
        page.onceDialog(dialog -> {
            asked.add(dialog.message());
            dialog.accept();
        });
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reset the password of browser-pw-reset"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Reset the password of browser-pw-reset.");
        org.assertj.core.api.Assertions.assertThat(asked).singleElement().asString()
                .startsWith("Reset the password of browser-pw-reset?");
        String temporary = page.locator("#temporary-password").textContent().strip();
        assertThat(page.locator("#user-browser-pw-reset")).containsText("Must change password");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        signIn("browser-pw-reset", temporary);
        assertThat(page).hasURL(baseUrl() + "/account/password");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("An admin set a temporary password for you.");
        page.navigate("/library");
        assertThat(page).hasURL(baseUrl() + "/account/password");

        page.getByLabel("Current password").fill(temporary);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("browser-own-password-1");
        page.getByLabel("New password again").fill("browser-own-password-1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Your password was changed.");

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Library"))
                .click();
        assertThat(page).hasURL(baseUrl() + "/library");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        signIn("browser-pw-reset", "browser-own-password-1");
        assertThat(page).hasURL(baseUrl() + "/marketing");

        // later, the user finds the page again from their name in the header
        page.locator(".account .who").getByRole(AriaRole.LINK).click();
        assertThat(page).hasURL(baseUrl() + "/account/password");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isVisible();
    }
}
