package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.baton.webapp.TestUsers;
import org.junit.jupiter.api.Test;

/** What an admin does in the browser: add and re-role users, issue and revoke API tokens, read the audit log. */
class AdminBrowserTest extends BrowserTest {

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void theNavigationKeepsToOneLineOnALaptopAndTheAdminPagesHaveTheirOwnRow() {
        page.setViewportSize(1366, 768);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin");
        Object tops = page.evaluate("() => [...new Set([...document.querySelectorAll('nav[aria-label=Main] li')]"
                + ".map(li => li.getBoundingClientRect().top))].length");
        org.assertj.core.api.Assertions.assertThat(tops).as("lines the main navigation takes").isEqualTo(1);
        Locator admin = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Admin"));
        admin.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log")).click();
        assertThat(page).hasURL(baseUrl() + "/admin/audit");
        assertThat(admin.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log")))
                .hasAttribute("aria-current", "page");
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Admin").setExact(true)))
                .hasAttribute("aria-current", "page");
        page.navigate("/library");
        assertThat(admin).hasCount(0);
    }

    @Test
    void anAdminAddsAUserWhoCanThenSignIn() {
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/users");
        page.getByLabel("User name").fill("Casey.New");
        page.getByLabel("Display name").fill("Casey New");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("casey-password-1");
        page.locator("#new-role").selectOption("TRAINER");
        assertThat(page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true))).hasId("new-role");
        button("Add user").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Created casey.new (Trainer)");
        assertThat(page.locator("#user-casey\\.new")).containsText("Casey New");

        button("Sign out").click();
        signIn("casey.new", "casey-password-1");
        assertThat(page).hasURL(baseUrl() + "/training");
    }

    @Test
    void aBadNewUserIsExplainedAndTheFormKeepsWhatWasTyped() {
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/users");
        page.getByLabel("User name").fill("short-password-user");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("x");
        // the browser's own minlength check would stop the form; an admin with an old browser gets the server's
        page.locator("#new-password").evaluate("e => e.removeAttribute('minlength')");
        button("Add user").click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("password: use at least 10 characters");
        assertThat(page.getByLabel("User name")).hasValue("short-password-user");
    }

    @Test
    void anAdminChangesARoleAndTheUserSeesTheNewHome() {
        users.user("browser-rerole", "REP");
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/users");
        page.getByLabel("Role of browser-rerole", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("Marketer"));
        button("Save role of browser-rerole").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved browser-rerole: Marketer, active");

        button("Sign out").click();
        signIn("browser-rerole", TestUsers.PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/marketing");
    }

    @Test
    void aTokenIsShownOnceWorksAndCanBeRevoked() {
        users.user("browser-token-owner", "REP");
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/tokens");
        page.getByLabel("Name").fill("Browser CRM sync");
        page.getByLabel("For user").selectOption("browser-token-owner");
        button("Issue token").click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Copy it now: it is not shown again.");
        String secret = page.locator("#new-token").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(secret).startsWith("baton_");

        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + secret)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo("browser-token-owner");

        page.reload();
        assertThat(page.locator("#new-token")).hasCount(0);
        Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Browser CRM sync"));
        assertThat(row).containsText(secret.substring(0, 12));
        assertThat(row).not().containsText(secret.substring(12));
        // its use just now shows as its last-used time
        assertThat(row).not().containsText("Never");
        assertThat(row).containsText("UTC");
        // revoking asks first; saying no keeps the token
        java.util.List<String> asked = new java.util.ArrayList<>();
        page.onceDialog(dialog -> {
            asked.add(dialog.message());
            dialog.dismiss();
        });
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke Browser CRM sync")).click();
        org.assertj.core.api.Assertions.assertThat(asked).singleElement().asString()
                .startsWith("Revoke the token 'Browser CRM sync'?");
        assertThat(row).not().containsText("Revoked");
        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + secret).exchange().expectStatus().isOk();

        page.onceDialog(dialog -> dialog.accept());
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke Browser CRM sync")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Revoked the token 'Browser CRM sync'");
        assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Browser CRM sync")))
                .containsText("Revoked");

        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + secret)
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theAuditLogShowsWhatHappened() {
        users.user("browser-audited", "REP");
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/audit");
        Locator created = page.getByRole(AriaRole.ROW)
                .filter(new Locator.FilterOptions().setHasText("account.created"))
                .filter(new Locator.FilterOptions().setHasText("browser-audited"));
        assertThat(created).hasCount(1);
        assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("login.success"))
                .first()).containsText("admin");
    }
}
