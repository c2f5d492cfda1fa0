package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages on a phone-sized screen: nothing wider than the screen, the navigation and forms within reach. */
class PhoneLayoutBrowserTest extends BrowserTest {

    @ParameterizedTest(name = "{0} fits a phone screen")
    @ValueSource(strings = {"/admin", "/admin/users", "/admin/tokens", "/admin/audit", "/rep"})
    void pagesFitAPhoneScreen(String path) {
        users.user("phone-user", "REP");
        page.setViewportSize(390, 800);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(path);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isInViewport();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", "phone" + path.replace('/', '_') + ".png")));
    }

    @Test
    void theSignInPageFitsAPhoneScreen() {
        String name = "phone-rep";
        users.user(name, "REP");
        page.setViewportSize(360, 640);
        page.navigate("/login");
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        signIn(name, TestUsers.PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/rep");
    }
}
