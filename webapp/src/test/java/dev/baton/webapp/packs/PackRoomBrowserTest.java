package dev.baton.webapp.packs;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.web.BrowserTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rep who completed a pack shares its buyer-facing items as a room from the pack's page; a buyer reads it in a
 * fresh browser; the trainer's pack page then shows the rep in the funnel from learning to use.
 */
class PackRoomBrowserTest extends BrowserTest {

    private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    @Autowired
    DealHistory deals;

    private String auth(String name) {
        return basic(name, TestUsers.PASSWORD);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRepSharesAPackAsARoomABuyerReadsItAndTheTrainerSeesTheFunnel() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String trainer = "prb-trainer-" + tag;
        String rep = "prb-rep-" + tag;
        users.user(trainer, "TRAINER");
        users.user("prb-marketer-" + tag, "MARKETER");
        long repId = users.user(rep, "REP").id();
        AssetClient assets = new AssetClient(http, auth("prb-marketer-" + tag));
        String deck = "Pack room deck " + tag;
        String battlecard = "Pack room battlecard " + tag;
        String deckId = (String) assets.created(TestFiles.pdf(deck, "Baton tests", List.of("First page " + tag,
                "Second page " + tag)), deck + ".pdf", Map.of("title", deck, "status", "published")).get("id");
        String cardId = (String) assets.created(TestFiles.pdf(battlecard, "Baton tests", List.of("Internal " + tag)),
                battlecard + ".pdf", Map.of("title", battlecard, "status", "published", "internalOnly", true))
                .get("id");
        PackClient api = new PackClient(http);
        Map<String, Object> created = api.json("POST", "/api/v1/packs", auth(trainer), Map.of(
                "title", "Room launch " + tag, "audience", Map.of("accountIds", List.of(repId)),
                "items", List.of(Map.of("kind", "ASSET", "assetId", deckId, "mustRead", true, "buyerFacing", true),
                        Map.of("kind", "ASSET", "assetId", cardId, "buyerFacing", true))), 201);
        long id = ((Number) created.get("id")).longValue();
        Map<String, Object> detail = api.json("POST", "/api/v1/packs/" + id + "/publish", auth(trainer), null, 200);
        String key = (String) ((List<Map<String, Object>>) ((Map<String, Object>) detail.get("current"))
                .get("items")).getFirst().get("key");
        // the rep has completed the pack, and has a deal
        api.json("GET", "/api/v1/packs/assigned/" + id, auth(rep), null, 200);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + key + "/open", auth(rep), null, 200);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + key + "/acknowledge", auth(rep), null, 200);
        long deal = deals.importPast(new DealHistory.PastDeal("baton", "prb-" + tag, "Globex rollout " + tag,
                "Globex", "globex.example", rep, null, List.of(), null, null, null,
                List.of(new DealHistory.StageAt("funnel_stage", "sql", Instant.now().minusSeconds(86_400))),
                DealDirectory.Outcome.OPEN, null)).block().id();

        // the rep shares the pack from its page: the battlecard is left out, and the rep is told why
        signIn(rep, TestUsers.PASSWORD);
        page.navigate("/packs/" + id);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Share with a buyer")).click();
        assertThat(page.locator(".pack-share-items")).containsText("Left out: it is internal-only");
        page.getByLabel("For the deal").selectOption(new SelectOption().setLabel("Globex rollout " + tag
                + " (Globex)"));
        page.getByLabel("Cover note").fill("Here is the launch deck we talked about.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the room")).click();
        assertThat(page.locator("#pack-shared")).containsText("Your room is ready");
        assertThat(page.locator("#pack-shared .skipped")).containsText(battlecard);
        assertThat(page.locator("#pack-shared .skipped")).containsText("it is internal-only");
        String url = page.getByLabel("Link to send").inputValue();
        org.assertj.core.api.Assertions.assertThat(url).matches(".*/s/[A-Za-z0-9_-]{32}");
        // the room is the rep's link for the deal
        Map<String, Object> link = api.list("/api/v1/shares", auth(rep)).getFirst();
        org.assertj.core.api.Assertions.assertThat(((Number) link.get("dealId")).longValue()).isEqualTo(deal);

        // the buyer opens it in a fresh browser and reads the deck
        BrowserContext buyer = context.browser().newContext(new Browser.NewContextOptions().setBaseURL(baseUrl())
                .setUserAgent(DESKTOP));
        buyer.setDefaultTimeout(30_000);
        // Playwright's Chromium reports itself as automated, which the viewer rightly counts as a bot
        buyer.addInitScript("Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });");
        try {
            Page reader = buyer.newPage();
            reader.navigate(url);
            assertThat(reader.getByText("Here is the launch deck we talked about.")).isVisible();
            assertThat(reader.locator(".pdf-page").first()).hasText("Page 1 of 2");
            assertThat(reader.getByText(battlecard)).hasCount(0);
            reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next page")).first().click();
            assertThat(reader.locator(".pdf-page").first()).hasText("Page 2 of 2");
            // while the buyer reads on, the viewer's beacons make it a verified visit
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    ((Map<String, Object>) api.json("GET", "/api/v1/packs/" + id + "/funnel", auth(trainer), null,
                            200).get("completed")).get("visited").equals(1));
        } finally {
            buyer.close();
        }

        // the trainer's pack page shows the funnel: one completer, who shared and was read
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out").setExact(true)).click();
        signIn(trainer, TestUsers.PASSWORD);
        page.navigate("/training/packs/" + id);
        assertThat(page.locator("#pack-funnel td[data-step=reps][data-group=completed]")).hasText("1");
        assertThat(page.locator("#pack-funnel td[data-step=shared][data-group=completed]")).hasText("1 (100%)");
        assertThat(page.locator("#pack-funnel td[data-step=visited][data-group=completed]")).hasText("1 (100%)");
        assertThat(page.locator("#pack-funnel td[data-step=advanced][data-group=completed]")).hasText("0 (0%)");
        assertThat(page.locator("#pack-funnel td[data-step=reps][data-group=not]")).hasText("0");
        assertThat(page.locator("#pack-funnel")).containsText("not a cause");
    }
}
