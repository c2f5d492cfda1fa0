package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestMail;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rep is told (points 4 and 8): a buyer's first verified visit makes one notification and one email with who,
 * what, how long and which pages; the guardian tells of a newer version and of withdrawn content once each.
 */
class RepToldTest extends SharingTest {

    @Autowired
    LinkGuardian guardian;

    @Autowired
    TestClock clock;

    @Test
    void aBuyersFirstVerifiedVisitEmailsTheRepOnceWithWhoWhatHowLongAndWhichPages() throws Exception {
        String repName = "first-visit.rep@example.com";
        String rep = rep(repName);
        String asset = publishedPdf("Told ROI guide", "One", "Two", "Three");
        Map<String, Object> share = share(rep, Map.of("assetIds", List.of(asset), "emailGate", true,
                "allowedDomains", List.of("buyer.example")));
        String token = token(share);

        // a mail scanner's opening and an idle reader tell nothing
        http.get().uri("/s/" + token).header("User-Agent", "Mozilla/5.0 (compatible; Proofpoint URL Defense)")
                .exchange().expectStatus().isOk();
        String key = accessKey(unlock(token, "jane@buyer.example", null).getResponseBody());
        assertThat(beacon(token, key, "visitor-told-1", 0, false, new int[][] {{1, 1, 0}})).isEqualTo(204);
        assertThat(notifications(rep)).isEmpty();

        assertThat(beacon(token, key, "visitor-told-1", 1, false,
                new int[][] {{1, 1, 4000}, {1, 2, 3000}, {1, 3, 2000}})).isEqualTo(204);
        // later beacons of the same visit and a second visitor tell nothing more
        assertThat(beacon(token, key, "visitor-told-1", 2, false, new int[][] {{1, 3, 5000}})).isEqualTo(204);
        String other = accessKey(unlock(token, "joe@buyer.example", null).getResponseBody());
        assertThat(beacon(token, other, "visitor-told-2", 0, false, new int[][] {{1, 1, 3000}})).isEqualTo(204);

        List<Map<String, Object>> told = notifications(rep);
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.get("kind")).isEqualTo("share.first_visit");
            assertThat(n.get("title")).isEqualTo("jane@buyer.example opened \"Told ROI guide\"");
            assertThat((String) n.get("body")).contains("jane@buyer.example read pages 1-3 for 9 seconds");
            assertThat(n.get("link")).isEqualTo("/shares/" + share.get("id"));
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> TestMail.to(repName).size() == 1);
        List<MimeMessage> mails = TestMail.to(repName);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).isEqualTo("[Baton] jane@buyer.example opened \"Told ROI guide\"");
        assertThat(TestMail.texts(mails.getFirst()).getFirst()).contains("jane@buyer.example read pages 1-3 for 9 seconds",
                "https://baton.test/shares/" + share.get("id"));
    }

    @Test
    void anUngatedLinkSaysSomeoneOpenedIt() {
        String rep = rep("first-visit-ungated-rep");
        String asset = publishedPdf("Ungated guide", "One");
        String token = token(share(rep, Map.of("assetIds", List.of(asset))));

        beacon(token, accessKey(open(token).getResponseBody()), "visitor-ungated", 0, false,
                new int[][] {{1, 1, 65000}});

        assertThat(notifications(rep)).singleElement().satisfies(n -> {
            assertThat(n.get("title")).isEqualTo("Someone opened \"Ungated guide\"");
            assertThat((String) n.get("body")).contains("Someone read page 1 for 1 minute 5 seconds");
        });
    }

    @Test
    void theRepIsToldOnceOfANewerVersionAndOnceOfAWithdrawal() {
        String rep = rep("guardian-rep");
        String other = rep("guardian-other-rep");
        String asset = publishedPdf("Guarded pricing", "One");
        Map<String, Object> pinned = share(rep, Map.of("title", "Pricing for Acme",
                "items", List.of(Map.of("assetId", asset, "version", 1))));
        share(rep, Map.of("title", "Pricing following", "assetIds", List.of(asset)));
        share(other, Map.of("title", "Other rep's pricing", "assetIds", List.of(asset)));
        guardian.check().block();
        assertThat(guardianNotices(rep)).isEmpty();

        addVersion(asset, TestFiles.pdf("Guarded pricing v2", "Baton tests", List.of("v2 " + UUID.randomUUID())),
                "Guarded pricing.pdf");
        guardian.check().block();
        guardian.check().block();

        assertThat(guardianNotices(rep)).singleElement().satisfies(n -> {
            assertThat(n.get("kind")).isEqualTo("share.superseded");
            assertThat(n.get("title")).isEqualTo("\"Guarded pricing\" has version 2; 1 of your links shows an older one");
            assertThat((String) n.get("body")).contains("\"Pricing for Acme\" (version 1)", "latest version");
            assertThat(n.get("link")).isEqualTo("/shares");
        });
        // the rep's link that follows the latest, and other reps (with no pinned link), are not told of versions
        assertThat(guardianNotices(other)).isEmpty();

        new AssetClient(http, marketer()).request("POST", "/api/v1/assets/" + asset + "/archive", null)
                .expectStatus().is2xxSuccessful();
        guardian.check().block();
        guardian.check().block();

        List<Map<String, Object>> withdrawn = guardianNotices(rep).stream()
                .filter(n -> "share.withdrawn".equals(n.get("kind"))).toList();
        assertThat(withdrawn).singleElement().satisfies(n -> {
            assertThat(n.get("title")).isEqualTo("\"Guarded pricing\" was withdrawn from 2 of your links");
            assertThat((String) n.get("body")).contains("this content has been withdrawn", "it is archived");
        });
        assertThat(guardianNotices(other)).singleElement()
                .satisfies(n -> assertThat(n.get("kind")).isEqualTo("share.withdrawn"));
        // a revoked link is not live: after the rep revokes it, nothing more is said of it
        http.post().uri("/api/v1/shares/" + pinned.get("id") + "/revoke").header("Authorization", rep).exchange()
                .expectStatus().is2xxSuccessful();
        guardian.check().block();
        assertThat(guardianNotices(rep)).hasSize(2);
    }

    @Test
    void theRepIsToldALinksApprovalLapsedNotThatItExpired() {
        users.user("told-reviewer", "REVIEWER");
        String admin = basic("admin", ADMIN_PASSWORD);
        String reviewer = basic("told-reviewer", TestUsers.PASSWORD);
        String rep = rep("guardian-lapse-rep");
        String tag = "toldlapse" + UUID.randomUUID().toString().substring(0, 8);
        Object rule = new AssetClient(http, admin).request("POST", "/api/v1/reviews/rules",
                Map.of("scope", "tag", "value", tag)).expectStatus().isCreated().expectBody(AssetClient.JSON_MAP)
                .returnResult().getResponseBody().get("id");
        try {
            String title = "Lapsing claims " + UUID.randomUUID();
            String id = asset(title, Map.of("title", title, "tags", List.of(tag)));
            LocalDate lapses = LocalDate.now(ZoneOffset.UTC).plusDays(3);
            Object review = assets().request("POST", "/api/v1/reviews", Map.of("assetId", id)).expectStatus()
                    .isCreated().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("id");
            new AssetClient(http, reviewer).request("POST", "/api/v1/reviews/" + review + "/decision",
                    Map.of("decision", "approve", "expiresOn", lapses.toString())).expectStatus().isOk();
            assets().request("POST", "/api/v1/assets/" + id + "/publish", null).expectStatus().isOk();
            share(rep, Map.of("title", "Lapsing for Acme", "assetIds", List.of(id)));

            clock.pin(lapses.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60));
            guardian.check().block();
            assertThat(guardianNotices(rep)).anySatisfy(n -> {
                assertThat(n.get("title")).isEqualTo("\"" + title + "\" was withdrawn from 1 of your links");
                assertThat((String) n.get("body")).contains("its approval has lapsed").doesNotContain("expired");
            });
        } finally {
            clock.release();
            new AssetClient(http, admin).request("DELETE", "/api/v1/reviews/rules/" + rule, null).expectStatus()
                    .isNoContent();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notifications(String auth) {
        Map<String, Object> list = http.get().uri("/api/v1/notifications").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        return (List<Map<String, Object>>) list.get("notifications");
    }

    private List<Map<String, Object>> guardianNotices(String auth) {
        return notifications(auth).stream().filter(n -> ((String) n.get("kind")).startsWith("share.superseded")
                || ((String) n.get("kind")).startsWith("share.withdrawn")).toList();
    }
}
