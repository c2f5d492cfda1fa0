package dev.baton.webapp.deals;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A rep keeps a deal in Baton: creates it in the pages, moves it to another stage and reads its history. An admin
 * connects a CRM and gets its secret once.
 */
class DealsBrowserTest extends BrowserTest {

    @Test
    void aRepCreatesADealMovesItsStageAndSeesTheHistory() {
        users.user("browser-deal-rep", "REP");
        String name = "Initech rollout " + UUID.randomUUID().toString().substring(0, 6);
        signIn("browser-deal-rep", TestUsers.PASSWORD);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Deals").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Deals").setExact(true)))
                .isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New deal")).click();
        page.getByLabel("Deal name").fill(name);
        page.getByLabel("Account", new Page.GetByLabelOptions().setExact(true)).fill("Initech");
        page.getByLabel("Account web site").fill("https://www.initech.example/");
        page.getByLabel("Stage").selectOption(new SelectOption().setLabel("Awareness"));
        page.getByLabel("Amount").fill("not much");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create deal")).click();

        // a wrong value is shown by its field, and what was typed stays
        assertThat(page.locator("#amount-error")).containsText("give a number");
        assertThat(page.getByLabel("Deal name")).hasValue(name);
        page.getByLabel("Amount").fill("42000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create deal")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))).isVisible();
        assertThat(page.locator("#flash")).containsText("Created the deal");
        assertThat(page.locator("#deal-stage")).hasText("Awareness");
        assertThat(page.locator("#stage-history li")).hasCount(1);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Share content")))
                .hasAttribute("href", java.util.regex.Pattern.compile("/shares/new\\?deal=\\d+"));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit deal")).click();
        page.getByLabel("Stage").selectOption(new SelectOption().setLabel("Decision"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

        assertThat(page.locator("#flash")).containsText("Saved the changes");
        assertThat(page.locator("#deal-stage")).hasText("Decision");
        assertThat(page.locator("#stage-history li .stage")).hasText(new String[] {"Awareness", "Decision"});

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("All deals")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name))).isVisible();
        assertThat(page.locator("table.deals")).containsText("Decision");
    }

    @Test
    void anAdminConnectsACrmAndSeesItsSecretOnce() {
        String crm = "pages-" + UUID.randomUUID().toString().substring(0, 6);
        signIn("admin", ADMIN_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("CRM").setExact(true)).click();
        page.getByLabel("CRM name").fill(crm);
        page.getByLabel("Field mapping").selectOption("hubspot");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create integration")).click();

        String secret = page.locator("#new-secret").textContent().strip();
        assertThat(page.locator("#crm-" + crm + " textarea")).hasValue(
                java.util.regex.Pattern.compile("contractsent = decision", java.util.regex.Pattern.DOTALL));
        String body = DealWebhookTest.fixture("hubspot-deal");
        String ts = Long.toString(java.time.Instant.now().getEpochSecond());
        http.post().uri("/api/v1/crm/{crm}/webhook", crm)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .header(CrmWebhookController.DELIVERY, UUID.randomUUID().toString())
                .header(CrmWebhookController.TIMESTAMP, ts)
                .header(CrmWebhookController.SIGNATURE, "sha256=" + CrmIntegrations.sign(secret, ts, body))
                .bodyValue(body).exchange().expectStatus().isOk();

        page.reload();
        assertThat(page.locator("#new-secret")).hasCount(0);
        assertThat(page.locator("#crm-" + crm)).containsText("last delivery");
    }

    @Test
    void aRepImportsACsvAndSeesTheLineOfTheBadRow() {
        users.user("browser-deal-importer", "REP");
        String id = UUID.randomUUID().toString().substring(0, 6);
        String csv = "external_id,name,account_name,stage,amount,currency\n"
                + "imp-" + id + "-1,Hooli pilot " + id + ",Hooli,Decision,5000,USD\n"
                + "imp-" + id + "-2,Hooli expansion " + id + ",Hooli,Decision,5000,Dollars\n";
        signIn("browser-deal-importer", TestUsers.PASSWORD);
        page.navigate("/deals");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import deals from CSV")).click();
        page.getByLabel("CSV file").setInputFiles(new com.microsoft.playwright.options.FilePayload("deals.csv",
                "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        page.getByLabel("CRM of the rows without a crm column").fill("sheet");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();

        assertThat(page.locator("#import-result [role=status]")).containsText("2 rows: 1 created");
        assertThat(page.locator("#import-result tbody tr")).hasCount(1);
        assertThat(page.locator("#import-result tbody tr td").first()).hasText("3");
        assertThat(page.locator("#import-result tbody tr")).containsText("ISO 4217");

        page.navigate("/deals");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Hooli pilot " + id)))
                .isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Hooli expansion " + id)))
                .hasCount(0);
    }
}
