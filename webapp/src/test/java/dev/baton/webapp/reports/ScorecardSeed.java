package dev.baton.webapp.reports;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A known scorecard: uses, links and buyers' visits, searches and clicks, content requests, ratings, flags and deals
 * in the 30 days to {@code today} (the current period) and the 30 days before (the previous one), each written at its
 * time through the public services and the API with Baton's clock pinned then. A year of its own keeps other tests'
 * data (written at today's date) out of its periods. The figures it makes are in {@link ScorecardApiTest}.
 */
final class ScorecardSeed {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0 Safari/537.36";

    final LocalDate today;
    final LocalDate current;
    final LocalDate previous;
    final String marketerAuth;
    final String adminAuth;
    final String rep1Auth;
    final String rep2Auth;
    final String rep3Auth;
    final long marketerId;
    final long rep1;
    final long rep2;
    final long rep3;
    final String rep1Name;
    final List<UUID> assets = new ArrayList<>();

    private final WebTestClient http;
    private final TestClock clock;
    private final ContentService content;
    private final UsageService usage;
    private final ShareHistory shares;
    private final InfluenceSeed deals;

    ScorecardSeed(WebTestClient http, TestUsers users, String adminAuth, TestClock clock, ContentService content,
            UsageService usage, ShareHistory shares, DealHistory dealHistory, LocalDate today) {
        this.http = http;
        this.clock = clock;
        this.content = content;
        this.usage = usage;
        this.shares = shares;
        this.today = today;
        this.current = today.minusDays(29);
        this.previous = today.minusDays(59);
        this.adminAuth = adminAuth;
        String tag = "scorecard-" + today.getYear();
        marketerId = users.user(tag + "-marketer", "MARKETER").id();
        rep1Name = tag + "-rep1";
        rep1 = users.user(rep1Name, "REP").id();
        rep2 = users.user(tag + "-rep2", "REP").id();
        rep3 = users.user(tag + "-rep3", "REP").id();
        marketerAuth = basic(tag + "-marketer");
        rep1Auth = basic(rep1Name);
        rep2Auth = basic(tag + "-rep2");
        rep3Auth = basic(tag + "-rep3");
        this.deals = new InfluenceSeed(http, marketerAuth, dealHistory, shares, usage);
    }

    private static String basic(String name) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":" + TestUsers.PASSWORD).getBytes());
    }

    /** 10:00 UTC on the day {@code days} after {@code from}. */
    static Instant at(LocalDate from, int days) {
        return from.plusDays(days).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    /**
     * Archives the seed's assets, so a scorecard of a later year (another test's seed) does not count them in its
     * library: every asset still published now counts in every period after its publication.
     */
    void withdraw() {
        for (UUID id : assets) {
            http.post().uri("/api/v1/assets/{id}/archive", id).header("Authorization", marketerAuth).exchange()
                    .expectStatus().isOk();
        }
    }

    /** Writes everything; leaves the clock pinned at noon of {@code today}. */
    void seed() {
        // A1..A6 published before both periods, A7 in the current one; all owned by the marketer
        for (int i = 1; i <= 7; i++) {
            String title = "Scorecard " + today.getYear() + " asset " + i;
            Map<String, Object> created = new AssetClient(http, marketerAuth).created(
                    TestFiles.pdf(title, "Scorecard", List.of(title + " " + UUID.randomUUID())), title + ".pdf",
                    Map.of("title", title, "status", "published", "facets", Map.of()));
            UUID id = UUID.fromString((String) created.get("id"));
            Instant published = i == 7 ? at(current, 14) : at(previous, -30);
            content.backdate(id, published, published).block();
            assets.add(id);
        }
        http.put().uri("/api/v1/content-requests/service-level").header("Authorization", adminAuth)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("workingDays", 10)).exchange()
                .expectStatus().isOk();

        // uses: previous, A1 viewed by rep1 and A6 previewed by rep3; current, A1 and A2 viewed by rep1, A3
        // downloaded by rep2, A4 viewed by its own owner (never a use)
        use(rep1, a(1), UsageService.Action.VIEW, at(previous, 5));
        use(rep3, a(6), UsageService.Action.PREVIEW, at(previous, 6));
        use(rep1, a(1), UsageService.Action.VIEW, at(current, 5));
        use(rep1, a(2), UsageService.Action.VIEW, at(current, 5));
        use(rep2, a(3), UsageService.Action.DOWNLOAD, at(current, 6));
        use(marketerId, a(4), UsageService.Action.VIEW, at(current, 6));

        // links: previous, rep3 makes five links of A6, one read by a buyer; current, rep1 makes four of A5 (three
        // read), rep2 two (one read), the marketer one (read)
        for (int i = 0; i < 5; i++) {
            link(rep3, a(6), at(previous, 10), i == 0);
        }
        for (int i = 0; i < 4; i++) {
            link(rep1, a(5), at(current, 8), i < 3);
        }
        link(rep2, a(5), at(current, 9), true);
        link(rep2, a(5), at(current, 9), false);
        link(marketerId, a(5), at(current, 9), true);

        // deals: in each period five deals decided after A1 was downloaded for them (previous: 2 won, 3 lost;
        // current: 3 won, 2 lost) and one decided without any asset
        for (int i = 0; i < 5; i++) {
            influenced(i < 2 ? Outcome.WON : Outcome.LOST, previous);
            influenced(i < 3 ? Outcome.WON : Outcome.LOST, current);
        }
        deals.deal(rep1Name, List.of(new DealHistory.StageAt("buyer_stage", "awareness", at(previous, -10))),
                Outcome.LOST, at(previous, 20), BigDecimal.TEN, "USD");
        deals.deal(rep1Name, List.of(new DealHistory.StageAt("buyer_stage", "awareness", at(current, -10))),
                Outcome.WON, at(current, 20), BigDecimal.TEN, "USD");

        // searches: two periods back three (one opened: too few for a rate); previous five (two opened); current
        // six (four opened)
        searches(previous.minusDays(30), 3, 1);
        searches(previous, 5, 2);
        searches(current, 6, 4);

        // content requests: previous five asked, three fulfilled in 3 days, two in 20 (late); current six asked,
        // four fulfilled in 2 days, one in 8, one declined in 24 (late)
        List<Long> before = new ArrayList<>();
        clock.pin(at(previous, 1));
        for (int i = 0; i < 5; i++) {
            before.add(request("previous " + i));
        }
        clock.pin(at(previous, 4));
        before.subList(0, 3).forEach(id -> fulfil(id));
        clock.pin(at(previous, 21));
        before.subList(3, 5).forEach(id -> fulfil(id));
        List<Long> now = new ArrayList<>();
        clock.pin(at(current, 1));
        for (int i = 0; i < 6; i++) {
            now.add(request("current " + i));
        }
        clock.pin(at(current, 3));
        now.subList(0, 4).forEach(id -> fulfil(id));
        clock.pin(at(current, 9));
        fulfil(now.get(4));
        clock.pin(at(current, 25));
        http.patch().uri("/api/v1/content-requests/" + now.get(5)).header("Authorization", marketerAuth)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "DECLINED", "reason", "Too late"))
                .exchange().expectStatus().isOk();

        // ratings: previous, rep3 rates A1..A5 3, 3, 4, 4, 4; current, rep1 A1..A3 5, 4, 4 and rep2 A1, A2 3, 5
        clock.pin(at(previous, 5));
        int[] stars = {3, 3, 4, 4, 4};
        for (int i = 0; i < 5; i++) {
            rate(rep3Auth, a(i + 1), stars[i]);
        }
        clock.pin(at(current, 5));
        rate(rep1Auth, a(1), 5);
        rate(rep1Auth, a(2), 4);
        rate(rep1Auth, a(3), 4);
        rate(rep2Auth, a(1), 3);
        rate(rep2Auth, a(2), 5);

        // flags: previous, rep1 flags A1 and A2, A1's is answered; current, rep2 flags A3, A4, A5, A5's is answered
        clock.pin(at(previous, 10));
        long f1 = flag(rep1Auth, a(1));
        flag(rep1Auth, a(2));
        clock.pin(at(previous, 20));
        reply(f1);
        clock.pin(at(current, 10));
        flag(rep2Auth, a(3));
        flag(rep2Auth, a(4));
        long f5 = flag(rep2Auth, a(5));
        clock.pin(at(current, 12));
        reply(f5);

        clock.pin(today.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }

    UUID a(int n) {
        return assets.get(n - 1);
    }

    private void use(long account, UUID asset, UsageService.Action action, Instant at) {
        usage.append(List.of(new UsageService.UsageEvent(account, asset, 1, action, at, null, null, null, null, null,
                "test", null, null))).block();
    }

    private void link(long owner, UUID asset, Instant at, boolean read) {
        List<ShareHistory.PastVisit> visits = read
                ? List.of(new ShareHistory.PastVisit("visitor" + UUID.randomUUID().toString().substring(0, 8), null,
                        BROWSER, null, at.plus(Duration.ofHours(20)), List.of(new ShareHistory.PageRead(1, 1, 20_000))))
                : List.of();
        shares.importPast(new ShareHistory.PastShare(owner, null, "For a buyer", null, List.of(asset),
                Map.of(asset, 1), at, at.plus(Duration.ofDays(60)), null, false, visits)).block();
    }

    private void influenced(Outcome outcome, LocalDate period) {
        long deal = deals.deal(rep1Name, List.of(new DealHistory.StageAt("buyer_stage", "awareness",
                at(period, -10))), outcome, at(period, 20), BigDecimal.TEN, "USD");
        deals.used(rep1, deal, at(period, 5), a(1));
    }

    private void searches(LocalDate period, int count, int opened) {
        clock.pin(at(period, 7));
        for (int i = 0; i < count; i++) {
            Map<?, ?> result = http.get().uri("/api/v1/search?q=scorecardword" + i + "x" + period.getYear())
                    .header("Authorization", rep1Auth).exchange().expectStatus().isOk().expectBody(Map.class)
                    .returnResult().getResponseBody();
            if (i < opened) {
                http.post().uri("/api/v1/search/" + result.get("searchId") + "/opened")
                        .header("Authorization", rep1Auth).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("assetId", a(1).toString(), "rank", 1)).exchange()
                        .expectStatus().is2xxSuccessful();
            }
        }
    }

    private long request(String words) {
        Map<?, ?> created = http.post().uri("/api/v1/content-requests").header("Authorization", rep1Auth)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "scorecard " + today.getYear() + " " + words + " " + UUID.randomUUID()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) created.get("id")).longValue();
    }

    private void fulfil(long id) {
        http.patch().uri("/api/v1/content-requests/" + id).header("Authorization", marketerAuth)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "FULFILLED", "assetId", a(7).toString())).exchange()
                .expectStatus().isOk();
    }

    private void rate(String auth, UUID asset, int stars) {
        http.put().uri("/api/v1/feedback/assets/" + asset + "/rating").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("stars", stars)).exchange()
                .expectStatus().isOk();
    }

    private long flag(String auth, UUID asset) {
        Map<?, ?> item = http.post().uri("/api/v1/feedback/assets/" + asset + "/flags").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "OUTDATED")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) item.get("id")).longValue();
    }

    private void reply(long feedbackId) {
        http.post().uri("/api/v1/feedback/" + feedbackId + "/reply").header("Authorization", marketerAuth)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reply", "Updated, thank you")).exchange()
                .expectStatus().isOk();
    }
}
