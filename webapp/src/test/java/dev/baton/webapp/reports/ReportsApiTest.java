package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestMail;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.usage.UsageService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The usage and unused-content reports through the API, as marketers, admins and reps see them: figures by asset,
 * stage and rep without owners' own uses, a rep's own figures only, the switch that hides rep names, CSV with the
 * same numbers, why each unused asset went unused, and the bulk actions.
 */
class ReportsApiTest extends BatonTest {

    @Autowired
    UsageRollup rollup;

    @Autowired
    UsageService usage;

    private AssetClient marketer;
    private String marketerAuth;
    private String repAuth;
    private String rep2Auth;
    private final String admin = basic("admin", ADMIN_PASSWORD);

    @BeforeEach
    void people() {
        users.user("reports-marketer", "MARKETER");
        users.user("reports-rep", "REP");
        users.user("reports-rep2", "REP");
        marketerAuth = basic("reports-marketer", TestUsers.PASSWORD);
        marketer = new AssetClient(http, marketerAuth);
        repAuth = basic("reports-rep", TestUsers.PASSWORD);
        rep2Auth = basic("reports-rep2", TestUsers.PASSWORD);
    }

    @Test
    void usageIsCountedByAssetStageAndRepAndAnOwnersOwnUsesNeverCount() {
        String a = publish(marketer, "Usage A " + UUID.randomUUID(), Map.of("buyer_stage", List.of("decision")));
        String b = publish(marketer, "Usage B " + UUID.randomUUID(), Map.of("buyer_stage", List.of("awareness")));
        for (int i = 0; i < 5; i++) {
            use(marketerAuth, a, "view"); // the owner's own views
        }
        use(repAuth, a, "view");
        use(repAuth, a, "view");
        use(repAuth, a, "download");
        use(rep2Auth, a, "preview");
        use(rep2Auth, b, "view");
        rollup.catchUp();

        Map<String, Object> report = get(marketerAuth, "/api/v1/reports/usage?window=30&by=asset&limit=100000");
        assertThat(report.get("mine")).isEqualTo(false);
        Map<String, Object> rowA = row(report, a);
        assertThat(figures(rowA)).containsEntry("uses", 4).containsEntry("views", 2).containsEntry("downloads", 1)
                .containsEntry("previews", 1);
        assertThat(figures(row(report, b))).containsEntry("uses", 1);

        Map<String, Object> byRep = get(marketerAuth, "/api/v1/reports/usage?window=30&by=rep&limit=100000");
        assertThat(labels(byRep)).contains("reports-rep Example", "reports-rep2 Example");
        assertThat(labels(byRep)).doesNotContain("reports-marketer Example");

        // a rep sees only their own figures
        Map<String, Object> mine = get(repAuth, "/api/v1/reports/usage?window=30&by=asset&limit=100000");
        assertThat(mine.get("mine")).isEqualTo(true);
        assertThat(figures(row(mine, a))).containsEntry("uses", 3);
        assertThat(rows(mine)).extracting(r -> r.get("key")).doesNotContain(b);
        assertThat(ids(mine, "top")).contains(a);
        assertThat(labels(get(repAuth, "/api/v1/reports/usage?window=30&by=rep"))).containsExactly("reports-rep Example");

        // the CSV has the same numbers, with a byte-order mark for Excel
        byte[] csv = http.get().uri("/api/v1/reports/usage/export.csv?window=30&by=asset&limit=100000")
                .header("Authorization", marketerAuth).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv").expectBody().returnResult().getResponseBody();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("asset,label,uses,views,previews,downloads,shares,other,assets");
        assertThat(text.lines().filter(line -> line.startsWith(a))).singleElement().asString()
                .endsWith(",4,2,1,1,0,0,1");
        assertThat(http.get().uri("/api/v1/reports/usage?window=30&format=csv").header("Authorization", marketerAuth)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody()).startsWith(0xEF,
                0xBB, 0xBF);

        // bad input is named
        http.get().uri("/api/v1/reports/usage?window=0&grain=year&by=colour").header("Authorization", marketerAuth)
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'window')]").exists().jsonPath("$.errors[?(@.field == 'grain')]").exists()
                .jsonPath("$.errors[?(@.field == 'by')]").exists();
    }

    @Test
    void usageByTeamCountsARepInEachOfTheirTeamsAndShowsTheFiguresWhenRepNamesAreHidden() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long both = users.user("team-both-" + suffix, "REP").id();
        long east = users.user("team-east-" + suffix, "REP").id();
        users.user("team-none-" + suffix, "REP");
        String eastName = "East " + suffix;
        String westName = "West " + suffix;
        long eastTeam = InfluenceSeed.team(http, admin, eastName, List.of(both, east));
        long westTeam = InfluenceSeed.team(http, admin, westName, List.of(both));
        String a = publish(marketer, "Team usage " + suffix, Map.of());
        String bothAuth = basic("team-both-" + suffix, TestUsers.PASSWORD);
        use(bothAuth, a, "view");
        use(bothAuth, a, "view");
        use(bothAuth, a, "download");
        use(basic("team-east-" + suffix, TestUsers.PASSWORD), a, "preview");
        String noneAuth = basic("team-none-" + suffix, TestUsers.PASSWORD);
        use(noneAuth, a, "preview");
        use(noneAuth, a, "preview");
        use(marketerAuth, a, "view"); // the owner's own: never counted
        rollup.catchUp();

        Map<String, Object> byTeam = get(marketerAuth, "/api/v1/reports/usage?window=30&by=team&limit=100000");
        assertThat(byTeam.get("by")).isEqualTo("team");
        // the rep in both teams counts in each
        assertThat(figures(row(byTeam, Long.toString(eastTeam)))).containsEntry("uses", 4).containsEntry("views", 2)
                .containsEntry("downloads", 1).containsEntry("previews", 1);
        assertThat(row(byTeam, Long.toString(eastTeam)).get("label")).isEqualTo(eastName);
        assertThat(figures(row(byTeam, Long.toString(westTeam)))).containsEntry("uses", 3).containsEntry("previews", 0);
        // people in no team (this test's and others') under "(no team)"
        Map<String, Object> noTeam = row(byTeam, "");
        assertThat(noTeam.get("label")).isEqualTo("(no team)");
        assertThat((Integer) figures(noTeam).get("previews")).isGreaterThanOrEqualTo(2);
        assertThat(labels(byTeam)).doesNotContain("team-both-" + suffix + " Example");

        byte[] csv = http.get().uri("/api/v1/reports/usage/export.csv?window=30&by=team&limit=100000")
                .header("Authorization", marketerAuth).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("team,label,uses,views,previews,downloads,shares,other,assets");
        assertThat(text.lines().filter(line -> line.startsWith(eastTeam + ","))).singleElement().asString()
                .startsWith(eastTeam + "," + eastName + ",4,2,1,1,0,0,");

        try {
            http.put().uri("/api/v1/reports/settings").header("Authorization", admin)
                    .bodyValue(Map.of("hideRepNames", true)).exchange().expectStatus().isOk();
            http.get().uri("/api/v1/reports/usage?by=rep").header("Authorization", marketerAuth).exchange()
                    .expectStatus().isForbidden();
            Map<String, Object> hidden = get(marketerAuth, "/api/v1/reports/usage?window=30&by=team&limit=100000");
            assertThat(hidden.get("repNamesHidden")).isEqualTo(true);
            assertThat(figures(row(hidden, Long.toString(westTeam)))).containsEntry("uses", 3);
        } finally {
            http.put().uri("/api/v1/reports/settings").header("Authorization", admin)
                    .bodyValue(Map.of("hideRepNames", false)).exchange().expectStatus().isOk();
        }
    }

    @Test
    void anAdminHidesRepNamesAndReportsThenShowFiguresWithoutThem() {
        try {
            http.put().uri("/api/v1/reports/settings").header("Authorization", marketerAuth)
                    .bodyValue(Map.of("hideRepNames", true)).exchange().expectStatus().isForbidden();
            http.put().uri("/api/v1/reports/settings").header("Authorization", admin)
                    .bodyValue(Map.of("hideRepNames", true)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.hideRepNames").isEqualTo(true);
            http.get().uri("/api/v1/reports/usage?by=rep").header("Authorization", marketerAuth).exchange()
                    .expectStatus().isForbidden();
            assertThat(get(marketerAuth, "/api/v1/reports/usage?by=stage").get("repNamesHidden")).isEqualTo(true);
        } finally {
            http.put().uri("/api/v1/reports/settings").header("Authorization", admin)
                    .bodyValue(Map.of("hideRepNames", false)).exchange().expectStatus().isOk();
        }
        assertThat(get(marketerAuth, "/api/v1/reports/usage?by=rep").get("repNamesHidden")).isEqualTo(false);
    }

    @Test
    void unusedAssetsSayWhyAndBulkActionsArchiveReviewAndNotifyTheirOwners() {
        users.user("unused.owner@example.com", "MARKETER");
        String ownerAuth = basic("unused.owner@example.com", TestUsers.PASSWORD);
        AssetClient owner = new AssetClient(http, ownerAuth);
        long ownerId = users.user("unused.owner@example.com", "MARKETER").id();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "k").substring(0, 10);
        String hidden = publish(owner, "Hidden handbook", Map.of());
        String shown = publish(owner, "Shown " + word + " brief", Map.of());
        String opened = publish(owner, "Opened " + word + " guide", Map.of());
        String shared = publish(owner, "Shared " + word + " deck", Map.of());
        String used = publish(owner, "Used " + word + " sheet", Map.of());
        // opened and shared long ago (before the 30-day window)
        Instant longAgo = Instant.now().minus(Duration.ofDays(100));
        long repId = users.user("reports-rep", "REP").id();
        usage.append(List.of(
                event(repId, opened, UsageService.Action.VIEW, longAgo),
                event(repId, shared, UsageService.Action.VIEW, longAgo),
                event(repId, shared, UsageService.Action.SHARE, longAgo))).block();
        use(repAuth, used, "download");
        // a rep's search shows every asset with the word on its first page
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                ((Number) get(repAuth, "/api/v1/search?q=" + word).get("total")).intValue() == 4);
        rollup.catchUp();

        Map<String, String> causes = new LinkedHashMap<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Map<String, Object> report = get(marketerAuth, "/api/v1/reports/unused?window=30&owner=" + ownerId);
            causes.clear();
            assets(report).forEach(asset -> causes.put((String) asset.get("id"), (String) asset.get("cause")));
            assertThat(causes).containsEntry(shown, "surfaced_not_opened");
        });
        assertThat(causes).containsEntry(hidden, "never_surfaced").containsEntry(shown, "surfaced_not_opened")
                .containsEntry(opened, "opened_not_shared").containsEntry(shared, "shared_not_read")
                .doesNotContainKey(used);
        Map<String, Object> report = get(marketerAuth, "/api/v1/reports/unused?window=30&owner=" + ownerId);
        assertThat(report).containsEntry("published", 5).containsEntry("used", 1).containsEntry("unused", 4)
                .containsEntry("shareUsed", 20.0);
        assertThat((List<?>) report.get("trend")).hasSize(6);
        // the default window is 90 days
        assertThat(get(marketerAuth, "/api/v1/reports/unused?owner=" + ownerId).get("window")).isEqualTo(90);

        // reps do not see this report
        http.get().uri("/api/v1/reports/unused").header("Authorization", repAuth).exchange().expectStatus()
                .isForbidden();
        http.get().uri("/api/v1/reports/unused?window=45").header("Authorization", marketerAuth).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[?(@.field == 'window')]").exists();

        // the CSV lists the same assets with the same causes
        String csv = new String(http.get().uri("/api/v1/reports/unused/export.csv?window=30&owner=" + ownerId)
                .header("Authorization", marketerAuth).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFasset_id,title,owner");
        assertThat(csv.lines().filter(l -> l.startsWith(hidden))).singleElement().asString()
                .endsWith(",never_surfaced");

        // notify the owner: in Baton and by email
        http.post().uri("/api/v1/reports/unused/actions").header("Authorization", marketerAuth)
                .bodyValue(Map.of("action", "notify", "assetIds", List.of(hidden, shown), "window", 30,
                        "message", "Please retag these"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.done").isEqualTo(1);
        assertThat(get(ownerAuth, "/api/v1/notifications").toString())
                .contains("2 of your assets were not used in the last 30 days");
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> TestMail.to("unused.owner@example.com").size() >= 1);

        // set a review date; archive
        LocalDate review = LocalDate.now(ZoneOffset.UTC).plusDays(14);
        http.post().uri("/api/v1/reports/unused/actions").header("Authorization", marketerAuth)
                .bodyValue(Map.of("action", "review", "assetIds", List.of(opened), "reviewBy", review.toString()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.done").isEqualTo(1);
        assertThat(owner.get(opened).get("reviewBy")).isEqualTo(review.toString());
        http.post().uri("/api/v1/reports/unused/actions").header("Authorization", marketerAuth)
                .bodyValue(Map.of("action", "archive", "assetIds", List.of(hidden, UUID.randomUUID().toString())))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.done").isEqualTo(1)
                .jsonPath("$.failed.length()").isEqualTo(1);
        assertThat(owner.get(hidden).get("status")).isEqualTo("ARCHIVED");
        assertThat(assets(get(marketerAuth, "/api/v1/reports/unused?window=30&owner=" + ownerId)))
                .extracting(asset -> asset.get("id")).doesNotContain(hidden).contains(shown);
        http.post().uri("/api/v1/reports/unused/actions").header("Authorization", marketerAuth)
                .bodyValue(Map.of("action", "review", "assetIds", List.of(opened))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[?(@.field == 'reviewBy')]").exists();
        http.post().uri("/api/v1/reports/unused/actions").header("Authorization", repAuth)
                .bodyValue(Map.of("action", "archive", "assetIds", List.of(shown))).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void usageIsGroupedByStageTypeAndProductWithRisingAssetsAndDailyAndWeeklySeries() {
        // March 2008, a month no other test's events fall in: the report's figures are this test's alone
        String product = CoverageApiTest.product(http, "usage");
        String a = publish(marketer, "Grouped A " + UUID.randomUUID(), Map.of("buyer_stage", List.of("decision"),
                "product", List.of(product)), "case-study");
        String b = publish(marketer, "Grouped B " + UUID.randomUUID(), Map.of("buyer_stage", List.of("awareness"),
                "product", List.of(product)), "one-pager");
        long rep = users.user("reports-rep", "REP").id();
        long owner = users.user("reports-marketer", "MARKETER").id();
        usage.append(List.of(
                // A: three uses in the window, one in the 31 days before it (rising)
                event(rep, a, UsageService.Action.VIEW, march(3)),
                event(rep, a, UsageService.Action.VIEW, march(3)),
                event(rep, a, UsageService.Action.DOWNLOAD, march(12)),
                event(rep, a, UsageService.Action.VIEW, Instant.parse("2008-02-10T10:00:00Z")),
                // B: one use in the window, two before it (falling), and its owner's own view (never a use)
                event(rep, b, UsageService.Action.SHARE, march(4)),
                event(owner, b, UsageService.Action.VIEW, march(5)),
                event(rep, b, UsageService.Action.VIEW, Instant.parse("2008-02-05T10:00:00Z")),
                event(rep, b, UsageService.Action.VIEW, Instant.parse("2008-02-06T10:00:00Z")))).block();
        rollup.catchUp();
        String window = "from=2008-03-01&to=2008-03-31";

        Map<String, Object> byStage = get(marketerAuth, "/api/v1/reports/usage?" + window + "&by=stage&grain=day");
        assertThat(byStage.get("groups")).isEqualTo(2);
        assertThat(figures(row(byStage, "decision"))).containsEntry("uses", 3).containsEntry("views", 2)
                .containsEntry("downloads", 1);
        assertThat(row(byStage, "decision")).containsEntry("label", "Decision").containsEntry("assets", 1);
        assertThat(figures(row(byStage, "awareness"))).containsEntry("uses", 1).containsEntry("shares", 1)
                .containsEntry("views", 0);
        assertThat(rows(byStage)).extracting(r -> r.get("key")).containsExactly("decision", "awareness");
        assertThat(cast(byStage.get("totals"))).containsEntry("uses", 4);
        // top: by uses; rising: more uses than in the window before (A: 3 against 1; B fell from 2 to 1)
        assertThat(ids(byStage, "top")).containsExactly(a, b);
        assertThat(ids(byStage, "rising")).containsExactly(a);
        assertThat(list(byStage, "rising").getFirst()).containsEntry("uses", 3).containsEntry("previous", 1);
        // every day of the window, zero when unused
        List<Map<String, Object>> days = list(byStage, "series");
        assertThat(days).hasSize(31);
        assertThat(days.getFirst()).containsEntry("period", "2008-03-01").containsEntry("uses", 0);
        assertThat(days).filteredOn(p -> ((Number) p.get("uses")).intValue() > 0)
                .extracting(p -> p.get("period") + "=" + p.get("uses"))
                .containsExactly("2008-03-03=2", "2008-03-04=1", "2008-03-12=1");

        Map<String, Object> byType = get(marketerAuth, "/api/v1/reports/usage?" + window + "&by=type&grain=week");
        assertThat(rows(byType)).extracting(r -> r.get("key") + "=" + figures(r).get("uses"))
                .containsExactly("case-study=3", "one-pager=1");
        assertThat(row(byType, "case-study")).containsEntry("label", "Case study");
        // weeks from Monday: the window's first days fall in the week of 25 February
        assertThat(list(byType, "series")).extracting(p -> p.get("period") + "=" + p.get("uses"))
                .containsExactly("2008-02-25=0", "2008-03-03=3", "2008-03-10=1", "2008-03-17=0", "2008-03-24=0",
                        "2008-03-31=0");

        Map<String, Object> byProduct = get(marketerAuth, "/api/v1/reports/usage?" + window + "&by=product");
        assertThat(rows(byProduct)).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("key", product).containsEntry("label", "Product " + product)
                    .containsEntry("assets", 2);
            assertThat(figures(r)).containsEntry("uses", 4);
        });
    }

    @Test
    void unusedAssetsAreGroupedAndFilteredByStageAndType() {
        String name = "unused-groups-" + UUID.randomUUID().toString().substring(0, 8);
        long ownerId = users.user(name, "MARKETER").id();
        AssetClient owner = new AssetClient(http, basic(name, TestUsers.PASSWORD));
        String x = publish(owner, "Decision case " + name, Map.of("buyer_stage", List.of("decision")), "case-study");
        String y = publish(owner, "Awareness page " + name, Map.of("buyer_stage", List.of("awareness")),
                "one-pager");
        String z = publish(owner, "Decision page " + name, Map.of("buyer_stage", List.of("decision")), "one-pager");
        use(repAuth, z, "download");
        rollup.catchUp();
        String base = "/api/v1/reports/unused?window=30&owner=" + ownerId;

        Map<String, Object> byStage = get(marketerAuth, base + "&by=stage");
        assertThat(byStage).containsEntry("by", "stage").containsEntry("published", 3).containsEntry("used", 1);
        assertThat(groups(byStage)).extracting(g -> g.get("key") + ":" + g.get("published") + "/" + g.get("used")
                + "/" + g.get("unused")).containsExactlyInAnyOrder("decision:2/1/1", "awareness:1/0/1");
        assertThat(groups(byStage)).filteredOn(g -> "decision".equals(g.get("key"))).singleElement()
                .satisfies(g -> assertThat(g).containsEntry("label", "Decision").containsEntry("shareUsed", 50.0));

        Map<String, Object> byType = get(marketerAuth, base + "&by=type");
        assertThat(groups(byType)).extracting(g -> g.get("key") + ":" + g.get("published") + "/" + g.get("used"))
                .containsExactlyInAnyOrder("case-study:1/0", "one-pager:2/1");

        Map<String, Object> decision = get(marketerAuth, base + "&stage=decision");
        assertThat(decision).containsEntry("published", 2).containsEntry("used", 1).containsEntry("unused", 1);
        assertThat(assets(decision)).extracting(asset -> asset.get("id")).containsExactly(x);

        Map<String, Object> onePagers = get(marketerAuth, base + "&type=one-pager");
        assertThat(onePagers).containsEntry("published", 2).containsEntry("used", 1);
        assertThat(assets(onePagers)).extracting(asset -> asset.get("id")).containsExactly(y);

        Map<String, Object> both = get(marketerAuth, base + "&stage=decision&type=one-pager");
        assertThat(both).containsEntry("published", 1).containsEntry("used", 1).containsEntry("unused", 0);
        assertThat(assets(both)).isEmpty();
    }

    // ---- helpers ----

    private static UsageService.UsageEvent event(long account, String asset, UsageService.Action action,
            Instant at) {
        return new UsageService.UsageEvent(account, UUID.fromString(asset), 1, action, at, null, null, null, null,
                null, null, null, null);
    }

    private String publish(AssetClient client, String title, Map<String, List<String>> facets) {
        return publish(client, title, facets, null);
    }

    private String publish(AssetClient client, String title, Map<String, List<String>> facets, String type) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("facets", facets);
        if (type != null) {
            metadata.put("contentType", type);
        }
        metadata.put("status", "published");
        return (String) client.created(TestFiles.pdf(title, "Reports Test", List.of("Body of " + title)),
                UUID.randomUUID() + ".pdf", metadata).get("id");
    }

    private void use(String authorization, String asset, String action) {
        http.post().uri("/api/v1/assets/" + asset + "/usage").header("Authorization", authorization)
                .bodyValue(Map.of("action", action)).exchange().expectStatus().isCreated();
    }

    private Map<String, Object> get(String authorization, String uri) {
        return http.get().uri(uri).header("Authorization", authorization).exchange().expectStatus().isOk()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("rows");
    }

    private static Instant march(int day) {
        return LocalDate.of(2008, 3, day).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> report, String key) {
        return (List<Map<String, Object>>) report.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> groups(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("groups");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> assets(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("assets");
    }

    private static Map<String, Object> row(Map<String, Object> report, String key) {
        return rows(report).stream().filter(r -> key.equals(r.get("key"))).findFirst().orElseThrow(() ->
                new AssertionError("no row " + key + " in " + report));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figures(Map<String, Object> row) {
        return (Map<String, Object>) row.get("figures");
    }

    private static List<String> labels(Map<String, Object> report) {
        return rows(report).stream().map(r -> (String) r.get("label")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> report, String list) {
        return ((List<Map<String, Object>>) report.get(list)).stream().map(a -> (String) a.get("assetId")).toList();
    }
}
