package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** Beacons become visits with pages and time; bots are kept apart; old versions and withdrawn content are told. */
class ViewerVisitsTest extends SharingTest {

    @Autowired
    TestClock clock;

    @Autowired
    DatabaseClient db;

    @Test
    void beaconsMakeAVerifiedVisitWithTimePerPageAndARepeatedBeaconCountsOnce() {
        String rep = rep("visits-rep-beacons");
        String asset = publishedPdf("Beacon deck", "One", "Two", "Three");
        Map<String, Object> share = share(rep, Map.of("assetIds", List.of(asset)));
        String token = token(share);
        String key = accessKey(open(token).getResponseBody());

        assertThat(beacon(token, key, "visitor-beacons", 0, false, new int[][] {{1, 1, 4000}, {1, 2, 1500}}))
                .isEqualTo(204);
        assertThat(beacon(token, key, "visitor-beacons", 0, false, new int[][] {{1, 1, 4000}, {1, 2, 1500}}))
                .isEqualTo(204);
        assertThat(beacon(token, key, "visitor-beacons", 1, false, new int[][] {{1, 2, 500}, {1, 3, 2000}}))
                .isEqualTo(204);

        Map<String, Object> activity = visits(rep, share.get("id"));
        assertThat(activity.get("verifiedVisits")).isEqualTo(1);
        assertThat(((Number) activity.get("millis")).longValue()).isEqualTo(8000L);
        @SuppressWarnings("unchecked")
        Map<String, Object> item = ((List<Map<String, Object>>) activity.get("items")).getFirst();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pages = (List<Map<String, Object>>) item.get("pages");
        assertThat(pages).extracting(p -> ((Number) p.get("millis")).longValue()).containsExactly(4000L, 2000L, 2000L);
        assertThat(db.sql("select count(*), sum(millis) from usage_event where action = 'PAGE_VIEW' "
                        + "and share_id = :share")
                .bind("share", ((Number) share.get("id")).longValue())
                .map(row -> row.get(0, Long.class) + "/" + row.get(1, Long.class))
                .one()
                .block()).isEqualTo("4/8000");
        Map<String, Object> link = new AssetClient(http, rep).request("GET", "/api/v1/shares/" + share.get("id"), null)
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        assertThat(link.get("firstViewedAt")).isNotNull();
    }

    @Test
    void beaconsThatDoNotFitAreRefused() {
        String rep = rep("visits-rep-badbeacons");
        String asset = publishedPdf("Bad beacon deck", "One");
        String token = token(share(rep, Map.of("assetIds", List.of(asset))));
        String key = accessKey(open(token).getResponseBody());

        assertThat(beacon(token, key, "visitor-bad", 0, false, new int[][] {{2, 1, 1000}})).isEqualTo(400);
        assertThat(beacon(token, key, "no", 0, false, new int[][] {{1, 1, 1000}})).isEqualTo(400);
        assertThat(beacon(token, key, "visitor-bad", 0, false, new int[][] {{1, 0, 1000}})).isEqualTo(400);
        assertThat(beacon(token, "A".repeat(32), "visitor-bad", 0, false, new int[][] {{1, 1, 1000}}))
                .isEqualTo(404);
    }

    @Test
    void scannersHeadlessBrowsersAndOpeningsWithoutReadingAreRecordedButKeptApart() {
        String rep = rep("visits-rep-bots");
        String asset = publishedPdf("Bot deck", "One");
        Map<String, Object> share = share(rep, Map.of("assetIds", List.of(asset)));
        String token = token(share);

        // a mail gateway's scanner fetches the link and runs no script
        http.get().uri("/s/" + token).header("User-Agent", "Mozilla/5.0 (compatible; Proofpoint URL Defense)")
                .exchange().expectStatus().isOk();
        // a headless browser runs the script and reports pages
        String headless = http.get().uri("/s/" + token)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "HeadlessChrome/131.0.0.0 Safari/537.36")
                .exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(beacon(token, accessKey(headless), "visitor-headless", 0, false, new int[][] {{1, 1, 3000}}))
                .isEqualTo(204);
        // an automated browser with a normal user agent says so in navigator.webdriver
        String automated = open(token).getResponseBody();
        assertThat(beacon(token, accessKey(automated), "visitor-webdriver", 0, true, new int[][] {{1, 1, 3000}}))
                .isEqualTo(204);
        // a person's browser that sends beacons without page time yet
        String idle = open(token).getResponseBody();
        assertThat(beacon(token, accessKey(idle), "visitor-idle", 0, false, new int[][] {{1, 1, 0}})).isEqualTo(204);

        Map<String, Object> activity = visits(rep, share.get("id"));
        assertThat(activity.get("verifiedVisits")).isEqualTo(0);
        assertThat(((Number) activity.get("millis")).longValue()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bots = (List<Map<String, Object>>) activity.get("botVisits");
        assertThat(bots).extracting(b -> (String) b.get("botReason"))
                .containsExactlyInAnyOrder("user agent (headlesschrome)", "automated browser (navigator.webdriver)");
        assertThat(((Number) activity.get("bareOpenings")).longValue()).isEqualTo(1L);
        assertThat(new AssetClient(http, rep).request("GET", "/api/v1/shares/" + share.get("id"), null)
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody()
                .get("firstViewedAt")).isNull();
        assertThat(db.sql("select count(*) from usage_event where share_id = :share and action = 'PAGE_VIEW'")
                .bind("share", ((Number) share.get("id")).longValue())
                .map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void openingsLessThanThirtyMinutesApartAreOneVisit() {
        String rep = rep("visits-rep-gap");
        String asset = publishedPdf("Gap deck", "One");
        Map<String, Object> share = share(rep, Map.of("assetIds", List.of(asset)));
        String token = token(share);
        Instant start = Instant.now();
        try {
            clock.pin(start);
            beacon(token, accessKey(open(token).getResponseBody()), "visitor-gap", 0, false, new int[][] {{1, 1, 1000}});
            clock.pin(start.plus(Duration.ofMinutes(20)));
            beacon(token, accessKey(open(token).getResponseBody()), "visitor-gap", 0, false, new int[][] {{1, 1, 1000}});
            clock.pin(start.plus(Duration.ofMinutes(55)));
            beacon(token, accessKey(open(token).getResponseBody()), "visitor-gap", 0, false, new int[][] {{1, 1, 1000}});
            beacon(token, accessKey(open(token).getResponseBody()), "visitor-other", 0, false,
                    new int[][] {{1, 1, 1000}});
        } finally {
            clock.release();
        }

        Map<String, Object> activity = visits(rep, share.get("id"));
        assertThat(activity.get("verifiedVisits")).isEqualTo(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) activity.get("visits");
        assertThat(rows).extracting(r -> ((Number) r.get("millis")).longValue())
                .containsExactlyInAnyOrder(2000L, 1000L, 1000L);
    }

    @Test
    void repsArePointedToLinksPinnedToAnOldVersionAndCanMoveThemAllToTheLatest() {
        String rep = rep("visits-rep-pinned");
        String asset = publishedPdf("Pinned deck", "One");
        Map<String, Object> pinned = share(rep, Map.of("items", List.of(Map.of("assetId", asset, "version", 1))));
        Map<String, Object> following = share(rep, Map.of("assetIds", List.of(asset)));
        addVersion(asset, TestFiles.pdf("Pinned deck v2", "Baton tests", List.of("v2 " + UUID.randomUUID())),
                "Pinned deck.pdf");

        List<?> superseded = http.get().uri("/api/v1/shares/superseded").header("Authorization", rep).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(superseded).singleElement().satisfies(s -> {
            assertThat(((Map<?, ?>) s).get("shareId")).isEqualTo(pinned.get("id"));
            assertThat(((Map<?, ?>) s).get("pinnedVersion")).isEqualTo(1);
            assertThat(((Map<?, ?>) s).get("currentVersion")).isEqualTo(2);
        });
        assertThat(following.get("id")).isNotNull();

        String myLinks = PageSession.signIn(baseUrl(), "visits-rep-pinned", TestUsers.PASSWORD).get("/shares").body();
        assertThat(myLinks).contains("Newer versions are out").contains("Pinned deck</span>, version <span>1</span>")
                .contains("Move all to the latest");
        new AssetClient(http, rep).request("POST", "/api/v1/shares/move-to-latest", null).expectStatus().isOk()
                .expectBody().jsonPath("$.moved").isEqualTo(1);
        new AssetClient(http, rep).request("GET", "/api/v1/shares/" + pinned.get("id"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].version").isEqualTo(2);
        assertThat(http.get().uri("/api/v1/shares/superseded").header("Authorization", rep).exchange()
                .expectBody(List.class).returnResult().getResponseBody()).isEmpty();
    }

    @Test
    void archivedOrExpiredContentIsWithdrawnFromItsLinks() {
        String rep = rep("visits-rep-withdrawn");
        String kept = publishedPdf("Kept deck", "One");
        String archived = publishedPdf("Withdrawn deck", "One");
        String single = token(share(rep, Map.of("assetIds", List.of(archived))));
        Map<String, Object> room = share(rep, Map.of("assetIds", List.of(kept, archived)));
        new AssetClient(http, marketer()).request("POST", "/api/v1/assets/" + archived + "/archive", null)
                .expectStatus().isOk();

        var gone = open(single);
        assertThat(gone.getStatus().value()).isEqualTo(410);
        assertThat(gone.getResponseBody()).contains("This content has been withdrawn");
        String page = open(token(room)).getResponseBody();
        assertThat(page).contains("Kept deck").contains("this content has been withdrawn");
        assertThat(http.get().uri("/s/" + token(room) + "/items/2/file?a=" + accessKey(page))
                .header("User-Agent", DESKTOP).exchange().returnResult(Void.class).getStatus().value()).isEqualTo(410);
        assertThat(PageSession.signIn(baseUrl(), "visits-rep-withdrawn", TestUsers.PASSWORD).get("/shares").body())
                .contains("Withdrawn deck: this content has been withdrawn");
        Map<String, Object> activity = visits(rep, room.get("id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) activity.get("items");
        assertThat(items.get(1).get("withdrawn")).isEqualTo("withdrawn: it is archived");
        assertThat(items.get(0).get("withdrawn")).isNull();
    }
}
