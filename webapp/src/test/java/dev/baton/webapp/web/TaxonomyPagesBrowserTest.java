package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An admin edits the shared taxonomy in the browser; the glossary shows what they wrote. */
class TaxonomyPagesBrowserTest extends BrowserTest {

    @Test
    void anAdminAddsRedefinesAndRetiresAValueFromTheAdminPages() {
        String label = "Influencer " + UUID.randomUUID().toString().substring(0, 6);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Admin"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Taxonomy")).click();
        assertThat(page).hasURL(baseUrl() + "/admin/taxonomy");

        Locator add = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a value to Persona"));
        add.getByLabel("Label", new Locator.GetByLabelOptions().setExact(true)).fill(label);
        add.getByLabel("Definition").fill("Shapes the decision without signing it.");
        add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add to Persona")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Added " + label + " to persona");

        page.getByLabel("Definition of " + label).fill("Shapes the decision: opinions the buyer trusts.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save " + label)).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved " + label);

        page.navigate("/glossary");
        assertThat(page.locator("dt", new Page.LocatorOptions().setHasText(label))).hasCount(1);
        assertThat(page.getByText("Shapes the decision: opinions the buyer trusts.")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit the taxonomy and its definitions"))
                .click();

        List<String> asked = new ArrayList<>();
        page.onceDialog(dialog -> {
            asked.add(dialog.message());
            dialog.accept();
        });
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retire " + label)).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Retired " + label);
        org.assertj.core.api.Assertions.assertThat(asked).singleElement().asString()
                .startsWith("Retire " + label + "? Assets keep it");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reinstate " + label)))
                .isVisible();

        page.navigate("/glossary");
        assertThat(page.locator("dt", new Page.LocatorOptions().setHasText(label))).hasCount(0);
    }

    @Test
    void aValueWithoutADefinitionIsRefusedOnThePageWithTheLabelKept() {
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/taxonomy");
        Locator add = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a value to Region"));
        add.getByLabel("Label", new Locator.GetByLabelOptions().setExact(true)).fill("Antarctica");
        add.getByLabel("Definition").fill(" ");
        add.getByLabel("Definition").evaluate("e => e.removeAttribute('required')");
        add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add to Region")).click();
        Locator again = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a value to Region"));
        assertThat(again.getByRole(AriaRole.ALERT)).hasText("definition: must not be blank");
        assertThat(again.getByLabel("Label", new Locator.GetByLabelOptions().setExact(true))).hasValue("Antarctica");
    }
}
