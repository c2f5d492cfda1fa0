package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import org.junit.jupiter.api.Test;

/** The glossary a rep opens to learn what a stage means. */
class GlossaryBrowserTest extends BrowserTest {

    @Test
    void aRepReadsWhatAnMqlIsFromTheGlossary() {
        users.user("glossary-rep", "REP");
        signIn("glossary-rep", TestUsers.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Glossary").setExact(true)).click();
        assertThat(page).hasURL(baseUrl() + "/glossary");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Funnel stage")))
                .isVisible();
        assertThat(page.locator("#funnel_stage-mql")).hasText("MQL");
        assertThat(page.locator("#funnel_stage-mql + dd")).containsText("Marketing qualified lead");
        assertThat(page.locator("#buyer_stage-awareness + dd")).containsText("not yet comparing solutions");
    }
}
