package dev.baton.webapp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.AccountService;
import dev.baton.webapp.accounts.BatonUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

/** The demo has two published packs, a launch and a competitive one, with the demo reps' progress in them. */
class DemoPacksTest extends BatonTest {

    @Autowired
    DemoLibrary library;

    @Autowired
    DemoPacks demoPacks;

    @Autowired
    AccountService accounts;

    @Test
    @SuppressWarnings("unchecked")
    void theDemoRepsHaveALaunchAndACompetitivePackWithProgress() {
        for (DemoUser user : DemoDocuments.users()) {
            users.user(user.username(), user.role());
        }
        BatonUser admin = accounts.user("admin").block(Duration.ofSeconds(30));
        DemoDocuments.generate().stream()
                .filter(a -> a.expiresInDays() == null || a.expiresInDays() > 30)
                .filter(a -> a.title().contains("Analytics Studio") || "battlecard".equals(a.contentType())
                        || "case-study".equals(a.contentType()))
                .forEach(a -> library.store(a, admin));

        assertThat(demoPacks.loadPacks()).isEqualTo(2);

        List<Map<String, Object>> rita = http.get().uri("/api/v1/packs/assigned")
                .header("Authorization", basic("rita.rep", TestUsers.PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult()
                .getResponseBody();
        Map<String, Object> launch = rita.stream().filter(p -> p.get("title").equals("Analytics Studio launch"))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) launch.get("progress")).containsEntry("complete", true)
                .containsEntry("quizPassed", true);
        List<Map<String, Object>> ravi = http.get().uri("/api/v1/packs/assigned")
                .header("Authorization", basic("ravi.rep", TestUsers.PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult()
                .getResponseBody();
        Map<String, Object> competitive = ravi.stream()
                .filter(p -> p.get("title").equals("Competitive: winning against the incumbents"))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) competitive.get("progress")).containsEntry("complete", false)
                .containsEntry("overdue", true).containsEntry("itemsDone", 1);
        Map<String, Object> ravisLaunch = ravi.stream().filter(p -> p.get("title").equals("Analytics Studio launch"))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) ravisLaunch.get("progress")).containsEntry("quizPassed", false)
                .containsEntry("bestScore", 50);

        // both packs have a funnel from learning to use: Rita completed and shared, a buyer read it, the deal moved
        // on; Ravi did not complete and shared: only a link scanner opened the launch link, and the competitive
        // link was read but its deal had moved on before it was made
        Map<String, Map<String, Object>> ritaSteps = new java.util.HashMap<>();
        Map<String, Map<String, Object>> raviSteps = new java.util.HashMap<>();
        List<Map<String, Object>> packs = http.get().uri("/api/v1/packs")
                .header("Authorization", basic("tom.trainer", TestUsers.PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult()
                .getResponseBody();
        long ritaId = users.user("rita.rep", "REP").id();
        long raviId = users.user("ravi.rep", "REP").id();
        // the demo's two packs (other tests' packs share this database, drafts among them)
        List<String> demo = List.of("Analytics Studio launch", "Competitive: winning against the incumbents");
        for (Map<String, Object> pack : packs.stream().filter(p -> demo.contains(p.get("title"))).toList()) {
            Map<String, Object> funnel = http.get().uri("/api/v1/packs/" + pack.get("id") + "/funnel")
                    .header("Authorization", basic("tom.trainer", TestUsers.PASSWORD)).exchange().expectStatus()
                    .isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {}).returnResult()
                    .getResponseBody();
            for (Map<String, Object> person : (List<Map<String, Object>>) funnel.get("people")) {
                long who = ((Number) person.get("accountId")).longValue();
                if (who == ritaId) {
                    ritaSteps.put((String) pack.get("title"), person);
                } else if (who == raviId) {
                    raviSteps.put((String) pack.get("title"), person);
                }
            }
        }
        for (String title : List.of("Analytics Studio launch", "Competitive: winning against the incumbents")) {
            assertThat(ritaSteps.get(title)).as(title).containsEntry("completed", true).containsEntry("shared", true)
                    .containsEntry("visited", true).containsEntry("advanced", true);
            assertThat(raviSteps.get(title)).as(title).containsEntry("completed", false)
                    .containsEntry("shared", true).containsEntry("advanced", false);
        }
        assertThat(raviSteps.get("Analytics Studio launch")).containsEntry("visited", false);
        assertThat(raviSteps.get("Competitive: winning against the incumbents")).containsEntry("visited", true);

        // the packs belong to a buyer stage and a product of the taxonomy, shown by label
        Map<String, Object> ritasLaunch = http.get().uri("/api/v1/packs/assigned/" + launch.get("id"))
                .header("Authorization", basic("rita.rep", TestUsers.PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {}).returnResult()
                .getResponseBody();
        assertThat((Map<String, Object>) ritasLaunch.get("stage")).containsEntry("key", "awareness")
                .containsEntry("label", "Awareness");
        assertThat((Map<String, Object>) ritasLaunch.get("product")).containsEntry("key", "analytics")
                .containsEntry("label", "Analytics");
        assertThat((Map<String, Object>) competitive.get("stage")).containsEntry("key", "consideration");
        assertThat((Map<String, Object>) competitive.get("product")).containsEntry("key", "platform")
                .containsEntry("label", "Platform");

        // the packs' deals have an amount, a currency, a close date and an industry, as the other demo deals do
        Map<String, List<Object>> deals = new java.util.HashMap<>();
        for (String[] deal : new String[][] {{"rita.rep", "Analytics Studio for Harbor Finance"},
            {"rita.rep", "Platform renewal for Kestrel Retail"}, {"ravi.rep", "Platform for Osprey Logistics"}}) {
            Map<String, Object> page = http.get().uri(u -> u.path("/api/v1/deals").queryParam("q", deal[1]).build())
                    .header("Authorization", basic(deal[0], TestUsers.PASSWORD)).exchange().expectStatus().isOk()
                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {}).returnResult()
                    .getResponseBody();
            Map<String, Object> found = ((List<Map<String, Object>>) page.get("items")).stream()
                    .filter(d -> d.get("name").equals(deal[1])).findFirst().orElseThrow();
            assertThat(found.get("closeDate")).as(deal[1]).isNotNull();
            assertThat(java.time.LocalDate.parse((String) found.get("closeDate"))).as(deal[1])
                    .isAfter(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            deals.put(deal[1], List.of(((Number) found.get("amount")).intValue(), found.get("currency"),
                    found.get("industry")));
        }
        assertThat(deals).containsEntry("Analytics Studio for Harbor Finance",
                        List.of(48_000, "USD", "financial-services"))
                .containsEntry("Platform renewal for Kestrel Retail", List.of(96_000, "EUR", "retail"))
                .containsEntry("Platform for Osprey Logistics", List.of(135_000, "GBP", "manufacturing"));
    }
}
