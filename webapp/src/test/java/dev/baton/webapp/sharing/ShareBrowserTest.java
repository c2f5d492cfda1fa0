package dev.baton.webapp.sharing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.web.BrowserTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Issue 13 point 10: a rep creates a deal in the pages and shares a room from it, a buyer opens it in a fresh browser,
 * passes the email gate and reads three pages; the rep sees the visit with its pages and time on the link's page and
 * the deal page, and the notification in the bell; revoking ends the link; a view-only link offers no download.
 */
class ShareBrowserTest extends BrowserTest {

    /** A desktop browser as a buyer has it (the test browser's own user agent says HeadlessChrome). */
    private static final String DESKTOP = SharingTest.DESKTOP;

    @Autowired
    DatabaseClient db;

    @Autowired
    MissLimiter misses;

    @BeforeEach
    @AfterEach
    void forgetMisses() {
        misses.forgetAll();
    }

    /** A fresh context for the buyer: no cookies or storage of the rep's, a desktop user agent. */
    private BrowserContext buyer() {
        Browser browser = context.browser();
        BrowserContext buyer = browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl())
                .setUserAgent(DESKTOP));
        buyer.setDefaultTimeout(30_000);
        // Playwright's Chromium reports itself as automated (navigator.webdriver), which the viewer rightly counts
        // as a bot; a person's browser does not
        buyer.addInitScript("Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });");
        return buyer;
    }

    private String publishedPdf(String title, List<String> pages) {
        users.user("share-browser-marketer", "MARKETER");
        AssetClient assets = new AssetClient(http, basic("share-browser-marketer", TestUsers.PASSWORD));
        return (String) assets.created(TestFiles.pdf(title, "Baton tests", pages), title + ".pdf",
                Map.of("title", title, "status", "published")).get("id");
    }

    @Test
    void aRepSharesARoomFromADealAndSeesTheBuyerReadThreePagesThenRevokesIt() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String deck = "Room deck " + unique;
        String study = "Room study " + unique;
        publishedPdf(deck, List.of("First page " + unique, "Second page " + unique, "Third page " + unique));
        publishedPdf(study, List.of("Case study " + unique));
        users.user("share-browser-rep", "REP");

        // the rep creates the deal in the pages
        signIn("share-browser-rep", TestUsers.PASSWORD);
        page.navigate("/deals/new");
        page.getByLabel("Deal name").fill("Initech expansion " + unique);
        page.getByLabel("Account", new Page.GetByLabelOptions().setExact(true)).fill("Initech");
        page.getByLabel("Account web site").fill("buyer.example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create deal")).click();
        assertThat(page.locator("#flash")).containsText("Created the deal");
        String dealPage = page.url().replaceFirst("^https?://[^/]+", "");
        assertThat(dealPage).matches("/deals/\\d+");
        assertThat(page.locator("#deal-shares")).containsText("Nothing shared for this deal yet");

        // and makes a room from the deal page: two assets, a cover note, the email gate on the deal's domain
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Share content").setExact(true)).click();
        assertThat(page.getByText("Initech expansion " + unique)).isVisible();
        for (String title : List.of(deck, study)) {
            page.getByLabel("Find assets").fill(unique);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add " + title)).click();
        }
        assertThat(page.locator(".share-selected li")).hasCount(2);
        page.getByLabel("Title the buyer sees").fill("Initech: what we discussed");
        page.getByLabel("Cover note").fill("Jane, here are the deck and the case study.");
        page.getByLabel("Ask for the visitor's email first").check();
        assertThat(page.getByLabel("Allowed email domains")).hasValue("buyer.example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the link")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your link is ready");
        String url = page.getByLabel("Link to send").inputValue();
        assertThat(url).matches(".*/s/[A-Za-z0-9_-]{32}");
        String linkPage = page.url();

        // the buyer opens it in a fresh browser, passes the gate and reads three pages of the deck
        BrowserContext buyer = buyer();
        try {
            Page reader = buyer.newPage();
            reader.navigate(url);
            reader.getByLabel("Your email").fill("someone@elsewhere.example");
            reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(reader.getByRole(AriaRole.ALERT)).containsText("This link is for addresses at buyer.example");
            reader.getByLabel("Your email").fill("jane@buyer.example");
            reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(reader.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText("Initech: what we discussed");
            assertThat(reader.getByText("Jane, here are the deck and the case study.")).isVisible();
            assertThat(reader.getByText("share-browser-rep Example")).isVisible();
            assertThat(reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(study))).isVisible();
            assertThat(reader.locator(".pdf-page").first()).hasText("Page 1 of 3");
            reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next page")).first().click();
            assertThat(reader.locator(".pdf-page").first()).hasText("Page 2 of 3");
            reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next page")).first().click();
            assertThat(reader.locator(".pdf-page").first()).hasText("Page 3 of 3");
            // view-only: no download offered
            assertThat(reader.getByText("Download")).hasCount(0);
            assertThat(buyer.cookies()).isEmpty();

            // while the buyer reads on, the viewer's beacons (every few seconds) reach the rep's link page: the
            // verified visit with who, the three pages and time
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        page.navigate(linkPage);
                        assertThat(page.locator(".share-visits")).containsText("jane@buyer.example",
                                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                        .setTimeout(1000));
                        assertThat(page.getByLabel("Pages read of " + deck).locator("li")).hasCount(3,
                                new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                                        .setTimeout(1000));
                    });
            assertThat(page.getByText("1 verified visit(s)")).isVisible();
            assertThat(page.getByLabel("Pages read of " + deck)).containsText("p3");
        } finally {
            buyer.close();
        }

        // the deal page shows the link with the buyer's visit (its #deal-shares fragment)
        page.navigate(dealPage);
        assertThat(page.locator("#deal-shares")).containsText("Initech: what we discussed");
        assertThat(page.locator("#deal-shares")).containsText("jane@buyer.example");
        assertThat(page.locator("#deal-shares").getByLabel("Pages read of " + deck).locator("li")).hasCount(3);

        // the bell: one unread notification, the buyer's first verified visit
        assertThat(page.locator(".bell")).hasAttribute("aria-label", "Notifications, 1 unread");
        assertThat(page.locator(".bell-count")).hasText("1");
        page.locator(".bell").click();
        assertThat(page.getByText("jane@buyer.example opened \"Initech: what we discussed\"")).isVisible();
        assertThat(page.getByText(java.util.regex.Pattern.compile("jane@buyer\\.example read .*page"))).isVisible();

        // revoking ends the link for the buyer
        page.navigate(linkPage);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke this link")).click();
        assertThat(page.getByText("State: revoked")).isVisible();
        BrowserContext later = buyer();
        try {
            Page reader = later.newPage();
            var response = reader.navigate(url);
            assertThat(response.status()).isEqualTo(410);
            assertThat(reader.getByRole(AriaRole.HEADING)).hasText("This link is no longer available");
        } finally {
            later.close();
        }
    }

    @Test
    void aSharedAssetOffersShareOnItsPageAndAViewOnlyLinkOffersNoDownload() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String title = "Single deck " + unique;
        String asset = publishedPdf(title, List.of("Only page " + unique));
        users.user("share-browser-single", "REP");

        signIn("share-browser-single", TestUsers.PASSWORD);
        page.navigate("/assets/" + asset);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Share " + title)).click();
        assertThat(page.locator(".share-selected li")).hasText(java.util.regex.Pattern.compile(title));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the link")).click();
        String url = page.getByLabel("Link to send").inputValue();
        assertThat(page.getByText("view only")).isVisible();

        BrowserContext buyer = buyer();
        try {
            Page reader = buyer.newPage();
            reader.navigate(url);
            assertThat(reader.locator(".pdf-page")).hasText("Page 1 of 1");
            assertThat(reader.getByText("Download")).hasCount(0);
            assertThat(reader.locator("a[href*='/download']")).hasCount(0);
        } finally {
            buyer.close();
        }

        page.navigate("/shares");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title))).isVisible();
    }
}
