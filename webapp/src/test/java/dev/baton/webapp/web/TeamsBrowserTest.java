package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An admin makes a team on the teams page, chooses its members, renames it and deletes it. */
class TeamsBrowserTest extends BrowserTest {

    @Test
    void anAdminMakesATeamChoosesMembersRenamesAndDeletesIt() {
        users.user("teams-page-ann", "REP");
        users.user("teams-page-bob", "REP");
        String name = "Page team " + UUID.randomUUID().toString().substring(0, 6);
        signIn("admin", ADMIN_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Teams").setExact(true)).click();
        page.getByLabel("Team name").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create team")).click();
        assertThat(page.locator("#flash")).hasText("Created the team " + name);

        Locator team = page.locator("article.team").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(team.locator(".members")).hasText("No members yet");
        team.locator("summary").click();
        team.getByLabel("teams-page-ann Example (teams-page-ann)").check();
        team.getByLabel("teams-page-bob Example (teams-page-bob)").check();
        team.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(name + " East");
        team.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save " + name)).click();
        assertThat(page.locator("#flash")).hasText("Saved the team " + name + " East (2 members)");

        Locator renamed = page.locator("article.team").filter(new Locator.FilterOptions().setHasText(name + " East"));
        assertThat(renamed.locator(".members")).hasText("teams-page-ann Example, teams-page-bob Example");

        renamed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete " + name + " East")).click();
        assertThat(page.locator("#flash")).hasText("Deleted the team " + name + " East");
        assertThat(page.locator("article.team").filter(new Locator.FilterOptions().setHasText(name))).hasCount(0);

        page.navigate("/admin/audit");
        assertThat(page.locator("main")).containsText("team.deleted");
    }
}
