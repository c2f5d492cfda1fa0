package dev.baton.webapp.packs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The funnel from learning to use with known numbers: reps who completed against reps who did not, shares inside
 * and outside the 30 days, a verified visit against a bot's, a deal that moved on after the share against one that
 * moved before it.
 */
class PackFunnelTest extends BatonTest {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0 Safari/537.36";

    @Autowired
    TestClock clock;

    @Autowired
    ShareHistory shares;

    @Autowired
    DealHistory deals;

    private String auth(String name) {
        return basic(name, TestUsers.PASSWORD);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFunnelCountsCompletersAgainstTheRestStepByStep() {
        String tag = Long.toString(System.nanoTime(), 36);
        users.user("pf-trainer-" + tag, "TRAINER");
        users.user("pf-marketer-" + tag, "MARKETER");
        Map<String, Long> reps = new LinkedHashMap<>();
        for (String name : List.of("c1", "c2", "c3", "n1", "n2", "n3")) {
            reps.put(name, users.user("pf-" + name + "-" + tag, "REP").id());
        }
        PackClient api = new PackClient(http);
        UUID asset = UUID.fromString(api.publishedAsset(auth("pf-marketer-" + tag), "Funnel deck " + tag));
        UUID other = UUID.fromString(api.publishedAsset(auth("pf-marketer-" + tag), "Unrelated deck " + tag));
        Instant published = Instant.now().minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
        Instant done = published.plus(Duration.ofDays(1));
        long id;
        try {
            clock.pin(published);
            Map<String, Object> created = api.json("POST", "/api/v1/packs", auth("pf-trainer-" + tag), Map.of(
                    "title", "Funnel pack " + tag,
                    "audience", Map.of("accountIds", List.copyOf(reps.values())),
                    "items", List.of(Map.of("kind", "ASSET", "assetId", asset.toString(), "mustRead", true,
                            "buyerFacing", true))), 201);
            id = ((Number) created.get("id")).longValue();
            Map<String, Object> detail = api.json("POST", "/api/v1/packs/" + id + "/publish",
                    auth("pf-trainer-" + tag), null, 200);
            String key = (String) ((List<Map<String, Object>>) ((Map<String, Object>) detail.get("current"))
                    .get("items")).getFirst().get("key");
            // three reps complete it a day later; n1 only opens it
            clock.pin(done);
            for (String name : List.of("c1", "c2", "c3")) {
                String rep = auth("pf-" + name + "-" + tag);
                api.json("GET", "/api/v1/packs/assigned/" + id, rep, null, 200);
                api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + key + "/open", rep, null, 200);
                api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + key + "/acknowledge", rep, null, 200);
            }
            api.json("GET", "/api/v1/packs/assigned/" + id, auth("pf-n1-" + tag), null, 200);
        } finally {
            clock.release();
        }

        // c1: shared 5 days after completing, a person read it, its deal moved from MQL to SQL after the share
        long d1 = deal("pf-c1-" + tag, stage("mql", done.minus(Duration.ofDays(3))),
                stage("sql", done.plus(Duration.ofDays(8))));
        link(reps.get("c1"), d1, asset, done.plus(Duration.ofDays(5)), true);
        // c2: shared within the 30 days but only a link scanner opened it; a person read a link made after day 30
        long d2 = deal("pf-c2-" + tag, stage("mql", done.minus(Duration.ofDays(3))),
                stage("opportunity", done.plus(Duration.ofDays(50))));
        link(reps.get("c2"), d2, asset, done.plus(Duration.ofDays(3)), false);
        link(reps.get("c2"), d2, asset, done.plus(Duration.ofDays(40)), true);
        // c3: shared and read, but the deal moved on before the share, not after
        long d3 = deal("pf-c3-" + tag, stage("mql", done.minus(Duration.ofDays(3))),
                stage("sql", done.plus(Duration.ofDays(1))));
        link(reps.get("c3"), d3, asset, done.plus(Duration.ofDays(2)), true);
        // n1 (did not complete): shared 10 days after publication, read, deal moved on after
        long d4 = deal("pf-n1-" + tag, stage("sal", published.minus(Duration.ofDays(3))),
                stage("opportunity", published.plus(Duration.ofDays(20))));
        link(reps.get("n1"), d4, asset, published.plus(Duration.ofDays(10)), true);
        // n2 shared another asset, not the pack's; n3 shared the pack's asset after its 30 days
        link(reps.get("n2"), null, other, published.plus(Duration.ofDays(5)), true);
        link(reps.get("n3"), null, asset, published.plus(Duration.ofDays(35)), true);

        // a rep may not read the funnel; a trainer may
        api.json("GET", "/api/v1/packs/" + id + "/funnel", auth("pf-c1-" + tag), null, 403);
        Map<String, Object> funnel = api.json("GET", "/api/v1/packs/" + id + "/funnel", auth("pf-trainer-" + tag),
                null, 200);
        assertThat(funnel.get("windowDays")).isEqualTo(30);
        // completers: c1, c2 and c3 shared in their 30 days; c1 and c3 were read by a person (c2's only by a
        // scanner); only c1's deal moved on after the share
        assertThat((Map<String, Object>) funnel.get("completed")).containsEntry("reps", 3).containsEntry("shared", 3)
                .containsEntry("visited", 2).containsEntry("advanced", 1);
        // the others: only n1 shared the pack's asset in the 30 days after publication
        assertThat((Map<String, Object>) funnel.get("notCompleted")).containsEntry("reps", 3)
                .containsEntry("shared", 1).containsEntry("visited", 1).containsEntry("advanced", 1);
        assertThat((String) funnel.get("note")).contains("not a cause");
        List<Map<String, Object>> people = (List<Map<String, Object>>) funnel.get("people");
        Map<String, Object> c3 = people.stream().filter(p -> ((Number) p.get("accountId")).longValue()
                == reps.get("c3")).findFirst().orElseThrow();
        assertThat(c3).containsEntry("completed", true).containsEntry("shared", true)
                .containsEntry("visited", true).containsEntry("advanced", false);
        assertThat(Instant.parse((String) c3.get("windowStart"))).isEqualTo(done);
    }

    @Test
    void aPackNeverPublishedHasNoFunnelAndSaysWhy() {
        String tag = Long.toString(System.nanoTime(), 36);
        users.user("pf-draft-trainer-" + tag, "TRAINER");
        PackClient api = new PackClient(http);
        Map<String, Object> created = api.json("POST", "/api/v1/packs", auth("pf-draft-trainer-" + tag),
                Map.of("title", "Draft only " + tag), 201);
        Map<String, Object> problem = api.json("GET", "/api/v1/packs/" + created.get("id") + "/funnel",
                auth("pf-draft-trainer-" + tag), null, 409);
        assertThat((String) problem.get("detail")).contains("not published");
        api.json("GET", "/api/v1/packs/999999999/funnel", auth("pf-draft-trainer-" + tag), null, 404);
    }

    private static DealHistory.StageAt stage(String stage, Instant at) {
        return new DealHistory.StageAt("funnel_stage", stage, at);
    }

    private long deal(String owner, DealHistory.StageAt... stages) {
        String id = UUID.randomUUID().toString();
        return deals.importPast(new DealHistory.PastDeal("baton", "funnel-" + id, "Deal " + id.substring(0, 8),
                "Account " + id.substring(0, 8), null, owner, null, List.of(), null, null, null, List.of(stages),
                DealDirectory.Outcome.OPEN, null)).block().id();
    }

    /** A link of the asset made at {@code at}, opened a day later by a person (read) or by a link scanner. */
    private void link(long owner, Long dealId, UUID asset, Instant at, boolean person) {
        ShareHistory.PastVisit visit = new ShareHistory.PastVisit("visitor" + UUID.randomUUID().toString()
                .substring(0, 8), null, BROWSER, person ? null : "link scanner", at.plus(Duration.ofDays(1)),
                List.of(new ShareHistory.PageRead(1, 1, 20_000)));
        shares.importPast(new ShareHistory.PastShare(owner, dealId, "For a buyer", null, List.of(asset),
                Map.of(asset, 1), at, at.plus(Duration.ofDays(60)), null, false, List.of(visit))).block();
    }
}
