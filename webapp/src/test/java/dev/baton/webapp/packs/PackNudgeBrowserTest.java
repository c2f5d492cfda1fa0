package dev.baton.webapp.packs;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trainer sees an overdue rep and the question most reps miss, nudges the overdue, and the rep sees the notice. */
class PackNudgeBrowserTest extends BrowserTest {

    @Test
    @SuppressWarnings("unchecked")
    void aTrainerNudgesAnOverdueRepWhoSeesTheNotice() {
        users.user("pnb-trainer", "TRAINER");
        String rep = "pnb-rep@example.com";
        long repId = users.user(rep, "REP").id();
        PackClient api = new PackClient(http);
        String trainer = basic("pnb-trainer", TestUsers.PASSWORD);
        String repAuth = basic(rep, TestUsers.PASSWORD);
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("title", "Pricing pack pnb");
        pack.put("dueOn", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString());
        pack.put("audience", Map.of("accountIds", List.of(repId)));
        pack.put("items", List.of(Map.of("kind", "NOTE", "title", "Price list", "body", "Know it.", "mustRead",
                true)));
        pack.put("quiz", Map.of("passMark", 100, "questions", List.of(
                Map.of("text", "Who signs?", "choices", List.of("The CFO", "The intern"), "correct", 0),
                Map.of("text", "What do we lead with?", "choices", List.of("Price", "Value"), "correct", 1))));
        long id = ((Number) api.json("POST", "/api/v1/packs", trainer, pack, 201).get("id")).longValue();
        api.json("POST", "/api/v1/packs/" + id + "/publish", trainer, null, 200);
        // the rep tries the quiz and misses the second question
        Map<String, Object> view = api.json("GET", "/api/v1/packs/assigned/" + id, repAuth, null, 200);
        List<String> keys = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) view
                .get("content")).get("quiz")).get("questions")).stream().map(q -> (String) q.get("key")).toList();
        api.json("POST", "/api/v1/packs/assigned/" + id + "/quiz", repAuth,
                Map.of("answers", Map.of(keys.get(0), 0, keys.get(1), 0)), 200);

        signIn("pnb-trainer", TestUsers.PASSWORD);
        page.navigate(baseUrl() + "/training/packs/" + id + "/progress");
        assertThat(page.locator("ul.overdue li")).hasText(rep + " Example: 0 of 1 items done");
        Locator mostMissed = page.locator("table.pack-by-question tbody tr").first();
        assertThat(mostMissed.locator("td").nth(0)).hasText("What do we lead with?");
        assertThat(mostMissed.locator("td").nth(2)).hasText("1 (100%)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nudge overdue reps")).click();
        assertThat(page.locator("#flash")).hasText("Nudged 1 overdue person: 1 by email and in Baton, 0 in Baton "
                + "only (no email wanted, or they had a reminder email today).");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out").setExact(true)).click();

        signIn(rep, TestUsers.PASSWORD);
        page.navigate(baseUrl() + "/notifications");
        Locator notice = page.locator("ul.notifications li",
                new Page.LocatorOptions().setHasText("pnb-trainer Example asks you to finish “Pricing pack pnb”"));
        assertThat(notice).hasCount(1);
        assertThat(notice).containsText("the quiz is not passed yet");
        notice.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName("pnb-trainer Example asks you to finish “Pricing pack pnb”")).click();
        assertThat(page).hasURL(baseUrl() + "/packs/" + id);
    }
}
