package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Single sign-on in a real browser: Baton's button, the provider's login page, and back to the role's home. */
class OidcBrowserTest extends OidcTest {

    @Test
    void aTrainerSignsInAtTheProviderAndLandsOnTheTrainingHome() {
        http.put().uri("/api/v1/sso/mappings").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"claimValue\":\"baton-enablement\",\"role\":\"TRAINER\"}")
                .exchange().expectStatus().isOk();

        page.navigate("/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Acme ID")).click();
        // the provider's own login page
        assertThat(page).hasURL(java.util.regex.Pattern.compile("http://localhost:" + PROVIDER.baseUrl().port() + "/"
                + ISSUER_ID + "/authorize\\?.*"));
        page.locator("input[name=username]").fill("sub-browser-trainer");
        page.locator("textarea[name=claims]").fill("{\"preferred_username\":\"oidc-tess\",\"name\":\"Tess Trainer\","
                + "\"groups\":[\"baton-enablement\"]}");
        page.locator("input[type=submit]").click();

        assertThat(page).hasURL(baseUrl() + "/training");
        assertThat(page.locator(".role-badge")).hasText("Trainer");
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))).isVisible();

        // signing out ends the provider's session and comes back to Baton's sign-in page
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(baseUrl() + "/login?logout");
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("You are signed out.");
        page.navigate("/training");
        assertThat(page).hasURL(baseUrl() + "/login");
    }
}
