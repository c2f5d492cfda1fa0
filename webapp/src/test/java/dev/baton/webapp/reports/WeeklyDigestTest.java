package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestMail;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.content.AssetClient;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The weekly digest email as marketers receive it (a real SMTP server, GreenMail): what it names, its links, once a
 * week, the opt-out on the settings page, through the API and by the unsubscribe link, and who gets none. The clock
 * is moved to the digest's send time (Monday 08:05 UTC of this week or the next, so today's uses count in its week);
 * each test sends through the admin's "send now" for its own people only, since the scheduled run is off in tests.
 */
class WeeklyDigestTest extends BatonTest {

    private static final Pattern LINK = Pattern.compile("https://baton\\.test(/[^\\s\"<>]*)");

    @Autowired
    TestClock clock;

    @Autowired
    UsageRollup rollup;

    @Autowired
    WeeklyDigests digests;

    private final String admin = basic("admin", ADMIN_PASSWORD);
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private String repAuth;
    private LocalDate week;

    @BeforeEach
    void atTheDigestTime() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        week = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        clock.pin(week.atTime(8, 5).toInstant(ZoneOffset.UTC));
        users.user("digest-rep", "REP");
        repAuth = basic("digest-rep", TestUsers.PASSWORD);
    }

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    @Test
    void aMarketerGetsOneDigestWithTheirUnusedFlaggedTopAssetsAndOpenRequestsAndWorkingLinks() throws Exception {
        String address = "digest-" + suffix + "@example.com";
        long marketerId = users.user(address, "MARKETER").id();
        String marketerAuth = basic(address, TestUsers.PASSWORD);
        AssetClient marketer = new AssetClient(http, marketerAuth);
        String unusedTitle = "Digest unused sheet " + suffix;
        String flaggedTitle = "Digest flagged guide " + suffix;
        String popularTitle = "Digest popular deck " + suffix;
        String unused = publish(marketer, unusedTitle);
        String flagged = publish(marketer, flaggedTitle);
        String popular = publish(marketer, popularTitle);
        for (int i = 0; i < 3; i++) {
            use(popular, "view");
        }
        rollup.catchUp();
        json("POST", "/api/v1/feedback/assets/" + flagged + "/flags", repAuth,
                Map.of("reason", "OUTDATED", "note", "Prices from 2024"), 201);
        json("POST", "/api/v1/feedback/assets/" + popular + "/comments", repAuth,
                Map.of("body", "Great for CFOs"), 201);
        json("PUT", "/api/v1/feedback/assets/" + popular + "/rating", repAuth, Map.of("stars", 5), 200);
        String words = "digest battlecard " + suffix;
        Map<String, Object> request = json("POST", "/api/v1/content-requests", repAuth, Map.of("query", words), 201);
        json("PATCH", "/api/v1/content-requests/" + request.get("id"), marketerAuth,
                Map.of("status", "in progress", "assignee", address), 200);

        Map<String, Object> outcome = run(Map.of("user", address));
        assertThat(outcome).containsEntry("sent", 1).containsEntry("week", week.toString());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(address).size() == 1);
        MimeMessage message = TestMail.to(address).getFirst();
        assertThat(message.getSubject()).startsWith("[Baton] Your weekly digest");
        List<String> texts = TestMail.texts(message);
        assertThat(texts).hasSize(2);
        String plain = texts.get(0);
        String html = texts.get(1);
        for (String part : texts) {
            assertThat(part).contains(unusedTitle, flaggedTitle, popularTitle, "Outdated", "Prices from 2024",
                    "Great for CFOs", words);
        }
        assertThat(plain).contains("Rated 5 of 5", popularTitle + ": 3 uses", "Assigned to you (1)",
                "https://baton.test/reports/unused?owner=" + marketerId, "https://baton.test/assets/" + unused,
                "https://baton.test/assets/" + flagged, "https://baton.test/inbox", "https://baton.test/requests");
        String unsubscribe = message.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).startsWith("<https://baton.test/reports/digest/unsubscribe?token=" + marketerId + ".");
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        // every link in the email opens for the marketer
        PageSession session = PageSession.signIn(baseUrl(), address, TestUsers.PASSWORD);
        Set<String> links = links(plain);
        assertThat(links).hasSizeGreaterThanOrEqualTo(8);
        for (String link : links) {
            if (!link.startsWith("/reports/digest/unsubscribe")) {
                assertThat(session.get(link).statusCode()).as(link).isEqualTo(200);
            }
        }
        // the asset links are the assets' pages
        assertThat(session.get("/assets/" + popular).body()).contains(popularTitle);

        // a second run in the same week sends nothing more
        assertThat(run(Map.of("user", address))).containsEntry("sent", 0).containsEntry("already", 1);
        assertThat(TestMail.to(address)).hasSize(1);
    }

    @Test
    void twoRunsAtOnceForTheSamePersonSendOneEmail() {
        String address = "digest-race-" + suffix + "@example.com";
        long id = users.user(address, "MARKETER").id();
        publish(new AssetClient(http, basic(address, TestUsers.PASSWORD)), "Digest race " + suffix);
        // as two nodes would: each builds the digest, and the claim decides who sends
        var both = reactor.core.publisher.Mono.zip(
                        digests.run(id).subscribeOn(reactor.core.scheduler.Schedulers.parallel()),
                        digests.run(id).subscribeOn(reactor.core.scheduler.Schedulers.parallel()))
                .block(Duration.ofMinutes(2));
        assertThat(both.getT1().sent() + both.getT2().sent()).isEqualTo(1);
        assertThat(both.getT1().already() + both.getT2().already()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(address).size() == 1);
    }

    @Test
    void aMarketerWhoTurnedTheDigestOffOnTheSettingsPageGetsNone() {
        String address = "digest-off-" + suffix + "@example.com";
        users.user(address, "MARKETER");
        String auth = basic(address, TestUsers.PASSWORD);
        publish(new AssetClient(http, auth), "Digest opted out " + suffix);
        http.get().uri("/api/v1/reports/digest/subscription").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.subscribed").isEqualTo(true).jsonPath("$.eligible").isEqualTo(true)
                .jsonPath("$.schedule").isEqualTo("Mondays at 08:00 UTC");

        PageSession session = PageSession.signIn(baseUrl(), address, TestUsers.PASSWORD);
        String page = session.get("/notifications/preferences").body();
        assertThat(page).contains("name=\"digest.weekly\"", "The weekly digest");
        // the form as a browser sends it with the digest's box unticked
        assertThat(session.postForm("/notifications/preferences", "email=&digests=weekly").statusCode())
                .isEqualTo(303);
        http.get().uri("/api/v1/reports/digest/subscription").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.subscribed").isEqualTo(false);

        assertThat(run(Map.of("user", address))).containsEntry("sent", 0).containsEntry("optedOut", 1);
        assertThat(TestMail.to(address)).isEmpty();

        // ticked again (here through the API), the next run sends it
        http.put().uri("/api/v1/reports/digest/subscription").header("Authorization", auth)
                .bodyValue(Map.of("subscribed", true)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.subscribed").isEqualTo(true);
        http.put().uri("/api/v1/reports/digest/subscription").header("Authorization", auth)
                .bodyValue(Map.of()).exchange().expectStatus().isBadRequest();
        assertThat(run(Map.of("user", address))).containsEntry("sent", 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(address).size() == 1);
    }

    @Test
    void theUnsubscribeLinkWorksWithoutSigningInAndAForgedTokenIsRefused() throws Exception {
        String address = "digest-link-" + suffix + "@example.com";
        users.user(address, "MARKETER");
        String auth = basic(address, TestUsers.PASSWORD);
        publish(new AssetClient(http, auth), "Digest unsubscribed " + suffix);
        String victim = "digest-victim-" + suffix + "@example.com";
        long victimId = users.user(victim, "MARKETER").id();
        String victimAuth = basic(victim, TestUsers.PASSWORD);
        publish(new AssetClient(http, victimAuth), "Digest victim " + suffix);
        assertThat(run(Map.of("user", address))).containsEntry("sent", 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(address).size() == 1);
        String plain = TestMail.texts(TestMail.to(address).getFirst()).getFirst();
        String link = links(plain).stream().filter(l -> l.startsWith("/reports/digest/unsubscribe?token="))
                .findFirst().orElseThrow();

        // no session, no cookie: the page asks, the button (a POST) unsubscribes
        HttpClient browser = HttpClient.newHttpClient();
        HttpResponse<String> ask = send(browser, "GET", link);
        assertThat(ask.statusCode()).isEqualTo(200);
        assertThat(ask.body()).contains("Stop sending the weekly digest email to", address + " Example");
        assertThat(ask.headers().firstValue("Set-Cookie")).isEmpty();
        http.get().uri("/api/v1/reports/digest/subscription").header("Authorization", auth).exchange()
                .expectBody().jsonPath("$.subscribed").isEqualTo(true);
        HttpResponse<String> done = send(browser, "POST", link);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("no longer gets the weekly digest");
        http.get().uri("/api/v1/reports/digest/subscription").header("Authorization", auth).exchange()
                .expectBody().jsonPath("$.subscribed").isEqualTo(false);

        // the same link with another person's id, or a changed signature, is refused and changes nothing
        String token = link.substring(link.indexOf("token=") + 6);
        String signature = token.substring(token.indexOf('.') + 1);
        for (String forged : List.of(victimId + "." + signature, victimId + ".forged",
                token.substring(0, token.indexOf('.') + 1) + (signature.startsWith("A") ? "B" : "A")
                        + signature.substring(1), "")) {
            assertThat(send(browser, "POST", "/reports/digest/unsubscribe?token=" + forged).statusCode())
                    .as(forged).isEqualTo(400);
            assertThat(send(browser, "GET", "/reports/digest/unsubscribe?token=" + forged).body())
                    .contains("This unsubscribe link is not valid");
        }
        http.get().uri("/api/v1/reports/digest/subscription").header("Authorization", victimAuth).exchange()
                .expectBody().jsonPath("$.subscribed").isEqualTo(true);
    }

    @Test
    void aRepGetsNoDigest() {
        String address = "digest-rep-" + suffix + "@example.com";
        users.user(address, "REP");
        assertThat(run(Map.of("user", address))).containsEntry("sent", 0).containsEntry("notEligible", 1);
        assertThat(TestMail.to(address)).isEmpty();
        String auth = basic(address, TestUsers.PASSWORD);
        http.get().uri("/api/v1/reports/digest/subscription").header("Authorization", auth).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/v1/reports/digest/run").header("Authorization", auth)
                .bodyValue(Map.of("user", address)).exchange().expectStatus().isForbidden();
        // whom to send to must be said
        http.post().uri("/api/v1/reports/digest/run").header("Authorization", admin).bodyValue(Map.of())
                .exchange().expectStatus().isBadRequest();
        http.post().uri("/api/v1/reports/digest/run").header("Authorization", admin)
                .bodyValue(Map.of("user", "nobody-" + suffix)).exchange().expectStatus().isBadRequest();
    }

    @Test
    void titlesWithMarkupComeOutEscapedInTheHtmlPart() throws Exception {
        String address = "digest-markup-" + suffix + "@example.com";
        users.user(address, "MARKETER");
        String title = "<script>alert('x')</script> & <b>bold</b> " + suffix;
        publish(new AssetClient(http, basic(address, TestUsers.PASSWORD)), title);
        assertThat(run(Map.of("user", address))).containsEntry("sent", 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(address).size() == 1);
        List<String> texts = TestMail.texts(TestMail.to(address).getFirst());
        assertThat(texts.get(0)).contains(title);
        assertThat(texts.get(1)).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; "
                + suffix).doesNotContain("<script>", "<b>bold");
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> run(Map<String, Object> body) {
        return json("POST", "/api/v1/reports/digest/run", admin, body, 200);
    }

    private String publish(AssetClient client, String title) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("status", "published");
        String unique = "Digest test " + UUID.randomUUID();
        return (String) client.created(TestFiles.pdf(unique, "Digest Test", List.of("Body of " + unique)),
                UUID.randomUUID() + ".pdf", metadata).get("id");
    }

    private void use(String asset, String action) {
        http.post().uri("/api/v1/assets/" + asset + "/usage").header("Authorization", repAuth)
                .bodyValue(Map.of("action", action)).exchange().expectStatus().isCreated();
    }

    private Map<String, Object> json(String method, String path, String authorization, Object body, int status) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", authorization).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    private HttpResponse<String> send(HttpClient client, String method, String path)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path));
        request = method.equals("POST")
                ? request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                : request.GET();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The paths of the links into Baton in a text, in order, once each. */
    private static Set<String> links(String text) {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }
}
