package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** An admin narrows the audit log to one person and one action, reads names, and pages through it. */
class AuditLogBrowserTest extends BrowserTest {

    @Test
    void anAdminFiltersTheLogByWhoWhatAndWhenAndPagesThroughIt() {
        users.user("audit-browser-admin", "ADMIN");
        // 52 new users: more than one page of the admin's account.created entries
        for (int i = 0; i < 52; i++) {
            http.post().uri("/api/v1/users").header("Authorization", basic("audit-browser-admin", TestUsers.PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(java.util.Map.of("username", "audit-browser-" + i, "displayName", "Person Number " + i,
                            "password", "password-of-1234", "role", "REP"))
                    .exchange()
                    .expectStatus().isCreated();
        }
        signIn("audit-browser-admin", TestUsers.PASSWORD);
        page.navigate("/admin/audit");
        page.getByLabel("Who").fill("audit-browser-admin");
        page.getByLabel("Action").selectOption("account.created");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        page.getByLabel("From (UTC day)").fill(today);
        page.getByLabel("To (UTC day)").fill(today);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();

        Locator rows = page.locator("#audit-entries tbody tr");
        assertThat(rows).hasCount(50);
        assertThat(rows.first()).containsText("audit-browser-admin Example");
        assertThat(rows.first()).containsText("Person Number 51");
        assertThat(rows.first()).containsText("127.0.0.1");
        assertThat(page.locator("#audit-entries")).not().containsText("login.success");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older entries")).click();
        assertThat(rows).hasCount(2);
        assertThat(rows.first()).containsText("Person Number 1");
        assertThat(rows.last()).containsText("Person Number 0");
        assertThat(page.getByLabel("Who")).hasValue("audit-browser-admin");
        assertThat(page.getByLabel("Action")).hasValue("account.created");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older entries"))).hasCount(0);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Newest entries")).click();
        assertThat(rows).hasCount(50);

        page.getByLabel("From (UTC day)").fill(LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
        page.getByLabel("To (UTC day)").fill(LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(page.getByText("No entries match.")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Clear filters")).click();
        assertThat(page).hasURL(baseUrl() + "/admin/audit");
        assertThat(page.getByLabel("Who")).hasValue("");
    }
}
