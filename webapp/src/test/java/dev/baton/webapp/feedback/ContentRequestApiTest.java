package dev.baton.webapp.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestMail;
import dev.baton.webapp.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Content requests both ways and search gaps, through the API, as requesters, searchers and marketers see them. */
class ContentRequestApiTest extends BatonTest {

    @Autowired
    TestClock clock;

    @Autowired
    RequestMatcher matcher;

    private FeedbackClient client;
    private String marketer;
    private String admin;
    private String rep;
    private String otherRep;

    @BeforeEach
    void people() {
        users.user("cr-marketer", "MARKETER");
        users.user("cr-admin", "ADMIN");
        users.user("cr-rep", "REP");
        users.user("cr-other-rep", "REP");
        marketer = basic("cr-marketer", TestUsers.PASSWORD);
        admin = basic("cr-admin", TestUsers.PASSWORD);
        rep = basic("cr-rep", TestUsers.PASSWORD);
        otherRep = basic("cr-other-rep", TestUsers.PASSWORD);
        client = new FeedbackClient(http);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDuplicateRequestIsMergedAndEveryRequesterIsToldOfEachChange() {
        String words = word("kangaroo") + " " + word("insurance");
        Map<String, Object> first = client.json("POST", "/api/v1/content-requests", rep,
                Map.of("query", "  " + words.toUpperCase() + "   ", "note", "For a CFO"), 201);
        assertThat(first.get("merged")).isEqualTo(false);
        assertThat(first.get("status")).isEqualTo("OPEN");
        Map<String, Object> merged = client.json("POST", "/api/v1/content-requests", otherRep,
                Map.of("query", words, "note", "Same here, for a COO"), 200);
        assertThat(merged.get("merged")).isEqualTo(true);
        assertThat(merged.get("id")).isEqualTo(first.get("id"));
        assertThat((List<Map<String, Object>>) merged.get("requesters"))
                .extracting(r -> r.get("username")).containsExactly("cr-rep", "cr-other-rep");
        // asking again adds nobody
        assertThat((List<?>) client.json("POST", "/api/v1/content-requests", rep, Map.of("query", words), 200)
                .get("requesters")).hasSize(2);
        assertThat(openRequestsFor(words)).as("stored once").hasSize(1);
        assertThat((List<Map<String, Object>>) (List<?>) mine(otherRep))
                .anySatisfy(r -> assertThat(r.get("id")).isEqualTo(first.get("id")));

        String path = "/api/v1/content-requests/" + first.get("id");
        client.json("PATCH", path, rep, Map.of("status", "IN_PROGRESS"), 403);
        Map<String, Object> working = client.json("PATCH", path, marketer,
                Map.of("status", "in progress", "assignee", "cr-marketer"), 200);
        assertThat(working.get("assigneeName")).isEqualTo("cr-marketer Example");
        String changed = "Your request for “" + first.get("query") + "”: in progress; assigned to cr-marketer Example";
        assertThat(client.titles(rep, "request.changed")).contains(changed);
        assertThat(client.titles(otherRep, "request.changed")).contains(changed);

        assertThat(client.json("PATCH", path, marketer, Map.of("status", "DECLINED"), 400).get("detail").toString())
                .contains("why");
        assertThat(client.json("PATCH", path, marketer, Map.of("status", "FULFILLED"), 400).get("detail")
                .toString()).contains("asset");
        String asset = client.publish(marketer, "Kangaroo insurance one-pager " + System.nanoTime(), "kangaroos");
        Map<String, Object> done = client.json("PATCH", path, marketer,
                Map.of("status", "FULFILLED", "assetId", asset), 200);
        assertThat(done.get("assetId")).isEqualTo(asset);
        assertThat(done.get("overdue")).isEqualTo(false);
        assertThat(client.titles(otherRep, "request.changed")).anySatisfy(t -> assertThat(t)
                .startsWith("Your request for “" + first.get("query") + "”: fulfilled with “Kangaroo insurance"));
        assertThat(client.json("GET", path, otherRep, null, 200).get("status")).isEqualTo("FULFILLED");
        users.user("cr-stranger", "REP");
        client.json("GET", path, basic("cr-stranger", TestUsers.PASSWORD), null, 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceLevelGivesDueDatesInWorkingDaysAndBreachesComeFirst() {
        client.json("PUT", "/api/v1/content-requests/service-level", marketer, Map.of("workingDays", 2), 403);
        client.json("PUT", "/api/v1/content-requests/service-level", admin, Map.of("workingDays", 0), 400);
        String words = word("weekend") + " " + word("brochure");
        Instant friday = Instant.parse("2027-01-08T16:00:00Z");
        try {
            assertThat(client.json("PUT", "/api/v1/content-requests/service-level", admin,
                    Map.of("workingDays", 3), 200).get("workingDays")).isEqualTo(3);
            clock.pin(friday);
            Map<String, Object> request = client.json("POST", "/api/v1/content-requests", rep,
                    Map.of("query", words), 201);
            assertThat(request.get("dueOn")).as("Monday, Tuesday, Wednesday").isEqualTo("2027-01-13");
            assertThat(WorkingDays.after(LocalDate.ofInstant(friday, ZoneOffset.UTC), 10))
                    .isEqualTo(LocalDate.parse("2027-01-22"));

            clock.pin(Instant.parse("2027-01-14T09:00:00Z"));
            List<Map<String, Object>> open = (List<Map<String, Object>>) (List<?>) client.send("GET",
                    "/api/v1/content-requests", marketer, null).expectStatus().isOk()
                    .expectBodyList(Map.class).returnResult().getResponseBody();
            Map<String, Object> breached = open.stream().filter(r -> words.equals(r.get("query"))).findFirst()
                    .orElseThrow();
            assertThat(breached.get("overdue")).isEqualTo(true);
            assertThat(open.getFirst().get("overdue")).as("breaches first").isEqualTo(true);
            assertThat(((List<Map<String, Object>>) (List<?>) mine(rep)).stream()
                    .filter(r -> words.equals(r.get("query"))).findFirst().orElseThrow().get("overdue"))
                    .isEqualTo(true);
        } finally {
            clock.release();
            client.json("PUT", "/api/v1/content-requests/service-level", admin, Map.of("workingDays", 10), 200);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSearchGapBecomesARequestAndPublishedContentIsConfirmedThenRequestersAndSearchersAreTold()
            throws Exception {
        String words = word("platypus") + " " + word("leasing");
        users.user("cr-searcher@example.com", "REP");
        String searcher = basic("cr-searcher@example.com", TestUsers.PASSWORD);
        assertThat(client.search(searcher, "q=" + words + "&buyer_stage=decision").get("total")).isEqualTo(0);
        assertThat(client.search(searcher, "q=" + words.toUpperCase()).get("total")).isEqualTo(0);
        assertThat(client.search(rep, "q=" + words).get("total")).isEqualTo(0);

        client.send("GET", "/api/v1/reports/search-gaps", rep, null).expectStatus().isForbidden();
        Map<String, Object> gap = gap(words);
        assertThat(gap.get("searches")).isEqualTo(3);
        assertThat(gap.get("noResults")).isEqualTo(3);
        assertThat(gap.get("searchers")).isEqualTo(2);
        assertThat((List<String>) gap.get("filters")).containsExactly("buyer_stage=decision");
        assertThat(gap.get("requestId")).isNull();

        Map<String, Object> request = client.json("POST", "/api/v1/reports/search-gaps/requests", marketer,
                Map.of("query", words), 201);
        assertThat(request.get("source")).isEqualTo("GAP");
        assertThat(gap(words).get("requestId")).isEqualTo(request.get("id"));
        // the rep asks too: merged into the gap's request
        assertThat(client.json("POST", "/api/v1/content-requests", rep, Map.of("query", words), 200).get("id"))
                .isEqualTo(request.get("id"));

        String asset = client.publish(marketer, "Platypus leasing guide", "how " + words + " works");
        client.awaitFoundByEveryWord(marketer, words, asset);
        matcher.matchOnce().block();
        String question = "Does “Platypus leasing guide” fulfil the request for “" + words + "”?";
        assertThat(client.titles(marketer, "request.match")).as("the owner is asked").contains(question);
        String path = "/api/v1/content-requests/" + request.get("id");
        assertThat((List<Map<String, Object>>) client.json("GET", path, marketer, null, 200).get("matches"))
                .singleElement().satisfies(m -> {
                    assertThat(m.get("assetId")).isEqualTo(asset);
                    assertThat(m.get("state")).isEqualTo("PROPOSED");
                });
        matcher.matchOnce().block();
        assertThat(client.titles(marketer, "request.match")).as("asked once").containsOnlyOnce(question);

        client.json("POST", path + "/matches/" + asset + "/confirm", rep, null, 403);
        Map<String, Object> fulfilled = client.json("POST", path + "/matches/" + asset + "/confirm", marketer, null,
                200);
        assertThat(fulfilled.get("status")).isEqualTo("FULFILLED");
        assertThat(fulfilled.get("assetTitle")).isEqualTo("Platypus leasing guide");
        assertThat(client.titles(rep, "request.changed")).contains(
                "Your request for “" + words + "”: fulfilled with “Platypus leasing guide”");
        String told = "Published: “Platypus leasing guide”, for your search “" + words + "”";
        assertThat(client.titles(searcher, "search.content_published")).containsExactly(told);
        assertThat(client.titles(rep, "search.content_published")).as("requesters are told once").isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> TestMail.to("cr-searcher@example.com").stream().anyMatch(m -> subject(m)
                        .equals("[Baton] " + told)));
        client.json("POST", path + "/matches/" + asset + "/confirm", marketer, null, 409);
    }

    @Test
    void theSearchGapsReportDownloadsAsCsvWithTheSameNumbersAndRefusesAnUnknownFormat() {
        String words = "@" + word("wombat") + " " + word("tariffs");
        assertThat(client.search(rep, "q=" + words + "&buyer_stage=decision").get("total")).isEqualTo(0);
        assertThat(client.search(rep, "q=" + words).get("total")).isEqualTo(0);
        Map<String, Object> gap = gap(words);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        var result = client.send("GET", "/api/v1/reports/search-gaps?days=7&format=csv", marketer, null)
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectHeader().value("Content-Disposition", d -> assertThat(d).startsWith(
                        "attachment; filename=\"search-gaps-" + today.minusDays(7) + "-" + today + ".csv\""))
                .expectBody().returnResult();
        byte[] csv = result.getResponseBody();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFquery,searches,no_results,no_clicks,searchers,filters,last_searched,"
                + "request_id,request_status\r\n");
        // the same numbers as the JSON; words a spreadsheet would take for a formula are quoted with an apostrophe
        assertThat(text).contains("'" + words + ",2,2,0,1,buyer_stage=decision," + gap.get("lastSearched") + ",,\r\n");

        client.send("GET", "/api/v1/reports/search-gaps?format=xml", marketer, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'format')]").exists();
        client.send("GET", "/api/v1/reports/search-gaps?format=csv", rep, null).expectStatus().isForbidden();
    }

    private Map<String, Object> gap(String words) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> gaps = (List<Map<String, Object>>) client.json("GET",
                "/api/v1/reports/search-gaps?days=7", marketer, null, 200).get("gaps");
        return gaps.stream().filter(g -> words.equals(g.get("query"))).findFirst().orElseThrow();
    }

    private List<?> mine(String authorization) {
        return client.send("GET", "/api/v1/content-requests/mine", authorization, null).expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody();
    }

    private List<?> openRequestsFor(String words) {
        return client.send("GET", "/api/v1/content-requests", marketer, null).expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .filter(r -> words.equalsIgnoreCase(((String) r.get("query")).strip())).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String word(String stem) {
        StringBuilder b = new StringBuilder(stem);
        for (int i = 0; i < 6; i++) {
            b.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }
}
