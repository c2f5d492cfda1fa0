package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Signing in and out in a real browser. */
class SignInBrowserTest extends BrowserTest {

    @ParameterizedTest(name = "a {0} lands on {1}")
    @CsvSource({
        "REP, Find content, /search",
        "MARKETER, Marketing, /marketing",
        "TRAINER, Training, /training",
        "ADMIN, Admin, /admin"
    })
    void eachRoleLandsOnItsHome(String role, String heading, String path) {
        String name = "browser-" + role.toLowerCase();
        users.user(name, role);
        signIn(name, TestUsers.PASSWORD);
        assertThat(page).hasURL(baseUrl() + path);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(heading);
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")))
                .isVisible();
        assertThat(page.locator(".role-badge")).hasText(role.charAt(0) + role.substring(1).toLowerCase());
    }

    @Test
    void aRepSeesNoAdminLinks() {
        users.user("browser-nav-rep", "REP");
        signIn("browser-nav-rep", TestUsers.PASSWORD);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Find content"))).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin"))).hasCount(0);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users"))).hasCount(0);
    }

    @Test
    void aWrongPasswordSaysSoAndStaysOnTheSignInPage() {
        users.user("browser-wrong", "REP");
        signIn("browser-wrong", "not-the-password");
        assertThat(page).hasURL(baseUrl() + "/login?error");
        assertThat(page.getByRole(AriaRole.ALERT))
                .hasText("That user name and password do not match an active account.");
        assertThat(page.getByLabel("User name")).isVisible();
    }

    @Test
    void repeatedWrongPasswordsMakeThePageAskToWait() {
        users.user("browser-throttled", "REP");
        for (int i = 0; i < 5; i++) {
            signIn("browser-throttled", "wrong-password-" + i);
            assertThat(page).hasURL(baseUrl() + "/login?error");
        }
        signIn("browser-throttled", TestUsers.PASSWORD);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Too many failed sign-in attempts. Wait ");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?throttled=\\d+$"));
    }

    @Test
    void signingOutEndsTheSession() {
        users.user("browser-out", "MARKETER");
        signIn("browser-out", TestUsers.PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/marketing");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(baseUrl() + "/login?logout");
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("You are signed out.");
        page.navigate("/marketing");
        assertThat(page).hasURL(baseUrl() + "/login");
    }

    @Test
    void theSignInFormWorksByKeyboardAlone() {
        users.user("browser-keys", "TRAINER");
        page.navigate("/login");
        // the user name field has focus on arrival
        page.keyboard().type("browser-keys");
        page.keyboard().press("Tab");
        page.keyboard().type(TestUsers.PASSWORD);
        page.keyboard().press("Enter");
        assertThat(page).hasURL(baseUrl() + "/training");
    }

    @Test
    void anAdminDisablesAUserFromTheUsersPage() {
        users.user("browser-victim", "REP");
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/users");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable browser-victim")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved browser-victim: Rep, disabled");
        assertThat(page.locator("#user-browser-victim")).containsText("Disabled");
    }
}
