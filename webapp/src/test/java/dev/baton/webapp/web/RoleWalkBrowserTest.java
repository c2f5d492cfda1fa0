package dev.baton.webapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import dev.baton.webapp.TestUsers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each role walks every page its navigation and its home page link to, as a new user would click through them: no
 * link a role is shown leads to a refusal or an error page, and every page has its heading.
 */
class RoleWalkBrowserTest extends BrowserTest {

    @ParameterizedTest(name = "a {0} reaches every page they are shown")
    @ValueSource(strings = {"REP", "MARKETER", "TRAINER", "ADMIN", "REVIEWER"})
    void everyLinkARoleIsShownOpensAPage(String role) {
        String name = "walk-" + role.toLowerCase();
        users.user(name, role);
        signIn(name, TestUsers.PASSWORD);
        page.waitForURL(url -> !url.contains("/login"));
        Set<String> links = new LinkedHashSet<>(hrefs("nav a, .account a"));
        links.addAll(hrefs("main a"));
        List<String> broken = new ArrayList<>();
        for (String href : links) {
            Response response = page.navigate(href);
            int status = response == null ? 0 : response.status();
            if (status >= 400 || page.locator("h1").count() == 0) {
                broken.add(href + " (" + status + ": " + (page.locator("h1").count() == 0 ? "no heading"
                        : page.locator("h1").first().textContent().strip()) + ")");
            }
        }
        assertThat(links).as("links a " + role + " is shown").isNotEmpty();
        assertThat(broken).as("pages a " + role + " is shown but cannot open").isEmpty();
    }

    /** The same-site page links in these elements (not downloads, files or sign-out). */
    private List<String> hrefs(String selector) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate("s => [...document.querySelectorAll(s)]"
                + ".map(a => a.getAttribute('href')).filter(h => h && h.startsWith('/'))", selector);
        return found.stream()
                .filter(h -> !h.contains("/file") && !h.contains("download") && !h.startsWith("/logout")
                        && !h.endsWith(".csv") && !h.contains("/api/"))
                .map(h -> h.contains("#") ? h.substring(0, h.indexOf('#')) : h)
                .filter(h -> !h.isEmpty())
                .toList();
    }
}
