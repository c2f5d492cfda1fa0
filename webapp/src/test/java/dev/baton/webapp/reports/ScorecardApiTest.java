package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The joint scorecard through the API and its page: every figure of a known data set (see {@link ScorecardSeed}) for
 * the current period and the previous one, with the change, the trend and "not enough data" below the minimum
 * sample; the CSV with the same numbers; admins edit the definitions, marketers may not, reps read the scorecard.
 */
class ScorecardApiTest extends BatonTest {

    @Autowired
    TestClock clock;

    @Autowired
    UsageRollup rollup;

    @Autowired
    UsageService usage;

    @Autowired
    ShareHistory shares;

    @Autowired
    DealHistory deals;

    @Autowired
    ContentService content;

    private final String admin = basic("admin", ADMIN_PASSWORD);

    @Test
    void everyFigureIsCountedForThisPeriodAndThePreviousOneAsTheApiAndThePageShowThem() {
        ScorecardSeed seed = new ScorecardSeed(http, users, admin, clock, content, usage, shares, deals,
                LocalDate.parse("2011-06-30"));
        try {
            seed.seed();
            rollup.catchUp();

            Map<String, Object> card = get(seed.rep1Auth, "/api/v1/reports/scorecard");
            assertThat(card).containsEntry("period", "30").containsEntry("from", "2011-06-01")
                    .containsEntry("to", "2011-06-30").containsEntry("previousFrom", "2011-05-02")
                    .containsEntry("previousTo", "2011-05-31");
            assertThat(figures(card)).extracting(f -> f.get("key")).containsExactly("library_used",
                    "influenced_win_rate", "shares_per_rep_week", "buyer_engagement", "search_success",
                    "requests_opened", "requests_fulfilled", "median_days_to_fulfil", "service_level",
                    "average_rating", "open_flags");

            expect(card, "library_used", "57.1", 4, 7, "33.3", 2, 6, "23.8", "57.1%", "+23.8 pts");
            expect(card, "influenced_win_rate", "60.0", 3, 5, "40.0", 2, 5, "20.0", "60.0%", "+20.0 pts");
            // links by reps x 7 / (active reps x 30 days): 6 x 7 / 60 and 5 x 7 / 60
            expect(card, "shares_per_rep_week", "0.7", 6, 2, "0.6", 5, 2, "0.1", "0.7", "+0.1");
            expect(card, "buyer_engagement", "71.4", 5, 7, "20.0", 1, 5, "51.4", "71.4%", "+51.4 pts");
            expect(card, "search_success", "66.7", 4, 6, "40.0", 2, 5, "26.7", "66.7%", "+26.7 pts");
            expect(card, "requests_opened", "6", 6, 6, "5", 5, 5, "1", "6", "+1");
            expect(card, "requests_fulfilled", "5", 5, 5, "5", 5, 5, "0", "5", "no change");
            expect(card, "median_days_to_fulfil", "2.0", 5, 5, "3.0", 5, 5, "-1.0", "2.0 days", "−1.0 days");
            expect(card, "service_level", "83.3", 5, 6, "60.0", 3, 5, "23.3", "83.3%", "+23.3 pts");
            expect(card, "average_rating", "4.2", 5, 5, "3.6", 5, 5, "0.6", "4.2 / 5", "+0.6");
            expect(card, "open_flags", "3", 3, 3, "1", 1, 1, "2", "3", "+2");

            // the trend: eight periods, oldest first; two periods back three searches are too few for a rate
            Map<String, Object> search = figure(card, "search_success");
            List<Map<String, Object>> trend = list(search.get("trend"));
            assertThat(trend).hasSize(8);
            assertThat(trend.get(7)).isEqualTo(search.get("current"));
            assertThat(trend.get(6)).isEqualTo(search.get("previous"));
            assertThat(trend.get(5)).containsEntry("value", null).containsEntry("sample", 3)
                    .containsEntry("enoughData", false).containsEntry("text", "not enough data (n = 3)")
                    .containsEntry("from", "2011-04-02").containsEntry("to", "2011-05-01");
            assertThat(trend.get(0)).containsEntry("text", "not enough data (n = 0)");
            assertThat(figure(card, "open_flags").get("definition")).asString().contains("not yet answered");

            // the page shows the same figures, each with its definition
            PageSession rep = PageSession.signIn(baseUrl(), "scorecard-2011-rep1", TestUsers.PASSWORD);
            HttpResponse<String> page = rep.get("/reports/scorecard");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(row(page.body(), "library_used")).contains("Share of the library used", "57.1%", "4 of 7",
                    "33.3%", "2 of 6", "+23.8 pts", "assets that anyone but their owner viewed");
            assertThat(row(page.body(), "influenced_win_rate")).contains("60.0%", "40.0%", "+20.0 pts");
            assertThat(row(page.body(), "shares_per_rep_week")).contains("0.7", "6 links, 2 active reps", "0.6");
            assertThat(row(page.body(), "buyer_engagement")).contains("71.4%", "20.0%", "+51.4 pts");
            assertThat(row(page.body(), "search_success")).contains("66.7%", "40.0%", "+26.7 pts");
            assertThat(row(page.body(), "requests_opened")).contains(">6<", ">5<", "+1");
            assertThat(row(page.body(), "requests_fulfilled")).contains(">5<", "no change");
            assertThat(row(page.body(), "median_days_to_fulfil")).contains("2.0 days", "3.0 days", "−1.0 days");
            assertThat(row(page.body(), "service_level")).contains("83.3%", "60.0%", "+23.3 pts");
            assertThat(row(page.body(), "average_rating")).contains("4.2 / 5", "3.6 / 5", "+0.6");
            assertThat(row(page.body(), "open_flags")).contains(">3<", ">1<", "+2");
            // a rep reads it but edits nothing
            assertThat(page.body()).doesNotContain("Save the definition");

            // the CSV: the same numbers, UTF-8 with a byte-order mark
            byte[] csv = http.get().uri("/api/v1/reports/scorecard?format=csv").header("Authorization", seed.marketerAuth)
                    .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                    .expectBody().returnResult().getResponseBody();
            assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
            String text = new String(csv, StandardCharsets.UTF_8);
            assertThat(text).contains("figure,label,unit,from,to,value,count,sample,enough_data,shown,change,definition");
            assertThat(text.lines().filter(l -> l.startsWith("library_used,") && l.contains(",2011-06-01,")))
                    .singleElement().asString().contains(",2011-06-30,57.1,4,7,true,57.1%,23.8,");
            assertThat(text.lines().filter(l -> l.startsWith("search_success,") && l.contains(",2011-04-02,")))
                    .singleElement().asString().contains(",2011-05-01,,1,3,false,not enough data (n = 3),");
            assertThat(http.get().uri("/reports/scorecard.csv").exchange().returnResult(Void.class).getStatus()
                    .value()).isEqualTo(302);

            // a quarter: the last complete one (2011 Q1) against the one before
            Map<String, Object> quarter = get(seed.marketerAuth, "/api/v1/reports/scorecard?period=quarter");
            assertThat(quarter).containsEntry("from", "2011-01-01").containsEntry("to", "2011-03-31")
                    .containsEntry("previousFrom", "2010-10-01").containsEntry("previousTo", "2010-12-31");
            assertThat(map(figure(quarter, "requests_opened").get("current"))).containsEntry("value", 0);

            http.get().uri("/api/v1/reports/scorecard?period=week").header("Authorization", seed.marketerAuth)
                    .exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[?(@.field == 'period')]").exists();
        } finally {
            clock.release();
            seed.withdraw();
        }
    }

    @Test
    void anAdminEditsADefinitionWithAnAuditRecordAMarketerMayNotAndARepReadsIt() {
        users.user("scorecard-defs-marketer", "MARKETER");
        users.user("scorecard-defs-rep", "REP");
        String marketer = basic("scorecard-defs-marketer", TestUsers.PASSWORD);
        String rep = basic("scorecard-defs-rep", TestUsers.PASSWORD);
        String original = (String) figure(get(rep, "/api/v1/reports/scorecard"), "search_success").get("definition");
        String changed = "Searches with words whose searcher opened a result, out of all searches with words ("
                + java.util.UUID.randomUUID() + ").";
        try {
            http.put().uri("/api/v1/reports/scorecard/definitions/search_success").header("Authorization", marketer)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("definition", changed)).exchange()
                    .expectStatus().isForbidden();
            http.put().uri("/api/v1/reports/scorecard/definitions/search_success").header("Authorization", rep)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("definition", changed)).exchange()
                    .expectStatus().isForbidden();
            http.put().uri("/api/v1/reports/scorecard/definitions/search_success").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("definition", "  ")).exchange()
                    .expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[?(@.field == 'definition')]").exists();
            http.put().uri("/api/v1/reports/scorecard/definitions/no_such_figure").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("definition", changed)).exchange()
                    .expectStatus().isNotFound();
            http.put().uri("/api/v1/reports/scorecard/definitions/search_success").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("definition", "  " + changed + " "))
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.key").isEqualTo("search_success")
                    .jsonPath("$.text").isEqualTo(changed)
                    .jsonPath("$.updatedBy").isEqualTo("admin");

            // everyone reads the new definition, beside the figure, in the API and on the page
            Map<String, Object> search = figure(get(rep, "/api/v1/reports/scorecard"), "search_success");
            assertThat(search).containsEntry("definition", changed).containsEntry("definedBy", "admin");
            HttpResponse<String> page = PageSession.signIn(baseUrl(), "scorecard-defs-rep", TestUsers.PASSWORD)
                    .get("/reports/scorecard");
            assertThat(row(page.body(), "search_success")).contains(changed.substring(0, 40),
                    "Definition last changed by admin");

            // the change is in the audit log
            http.get().uri("/api/v1/audit?limit=50").header("Authorization", admin)
                    .exchange().expectStatus().isOk().expectBody(String.class)
                    .value(body -> assertThat(body).contains("reports.scorecard-definition", "search_success"));
        } finally {
            http.put().uri("/api/v1/reports/scorecard/definitions/search_success").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("definition", original)).exchange()
                    .expectStatus().isOk();
        }
    }

    private void expect(Map<String, Object> card, String key, String current, long count, long sample,
            String previous, long previousCount, long previousSample, String change, String text,
            String changeText) {
        Map<String, Object> f = figure(card, key);
        Map<String, Object> now = map(f.get("current"));
        Map<String, Object> before = map(f.get("previous"));
        assertThat(number(now.get("value"))).as(key + " now").isEqualByComparingTo(current);
        assertThat(now).as(key + " now").containsEntry("count", (int) count).containsEntry("sample", (int) sample)
                .containsEntry("enoughData", true).containsEntry("text", text);
        assertThat(number(before.get("value"))).as(key + " before").isEqualByComparingTo(previous);
        assertThat(before).as(key + " before").containsEntry("count", (int) previousCount)
                .containsEntry("sample", (int) previousSample).containsEntry("enoughData", true);
        assertThat(number(f.get("change"))).as(key + " change").isEqualByComparingTo(change);
        assertThat(f).as(key).containsEntry("changeText", changeText);
        assertThat((String) f.get("definition")).as(key + " definition").isNotBlank();
    }

    private static BigDecimal number(Object value) {
        assertThat(value).isNotNull();
        return new BigDecimal(value.toString());
    }

    /** The page's table row of one figure. */
    private static String row(String html, String key) {
        int start = html.indexOf("id=\"figure-" + key + "\"");
        assertThat(start).as("row of " + key).isGreaterThan(0);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private Map<String, Object> get(String authorization, String uri) {
        return http.get().uri(uri).header("Authorization", authorization).exchange().expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult().getResponseBody();
    }

    private static List<Map<String, Object>> figures(Map<String, Object> card) {
        return list(card.get("figures"));
    }

    private static Map<String, Object> figure(Map<String, Object> card, String key) {
        return figures(card).stream().filter(f -> key.equals(f.get("key"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
