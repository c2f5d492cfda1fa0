package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.deals.TestDeals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;

class ShareLinksApiTest extends SharingTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void aRepSharesARoomForTheirDealAndItIsRecordedAsShareEventsWithTheDeal() {
        String rep = rep("links-rep-room");
        long dealId = TestDeals.create(db, users.user("links-rep-room", "REP").id(), "Acme renewal", "Acme",
                "acme.example");
        String one = publishedPdf("Room deck", "Slide one");
        String two = publishedPdf("Room case study", "Story");

        Map<String, Object> share = share(rep, Map.of("assetIds", List.of(one, two), "dealId", dealId,
                "note", "As promised", "emailGate", true));

        assertThat(share.get("title")).isEqualTo("For Acme");
        assertThat(share.get("allowedDomains")).isEqualTo(List.of("acme.example"));
        assertThat(share.get("allowDownload")).isEqualTo(false);
        assertThat(share.get("state")).isEqualTo("LIVE");
        assertThat((String) share.get("url")).matches("http://127\\.0\\.0\\.1:\\d+/s/[A-Za-z0-9_-]{32}");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) share.get("items");
        assertThat(items).extracting(i -> i.get("assetId")).containsExactly(one, two);
        assertThat(db.sql("select count(*) from usage_event where action = 'SHARE' and share_id = :share "
                        + "and deal_id = :deal")
                .bind("share", ((Number) share.get("id")).longValue())
                .bind("deal", dealId)
                .map(row -> row.get(0, Long.class))
                .one()
                .block()).isEqualTo(2L);
    }

    @Test
    void theTokenIsStoredOnlyAsItsDigestForLookupsAndIsLongAndRandom() {
        String rep = rep("links-rep-token");
        String asset = publishedPdf("Token deck", "Page");
        String first = token(share(rep, Map.of("assetIds", List.of(asset))));
        String second = token(share(rep, Map.of("assetIds", List.of(asset))));

        assertThat(first).hasSize(32).isNotEqualTo(second);
        byte[] digest = db.sql("select token_hash from share where token = :t").bind("t", first)
                .map(row -> row.get(0, byte[].class)).one().block();
        assertThat(digest).isEqualTo(ShareTokens.hash(first)).hasSize(32);
    }

    @Test
    void aLinkMadeWithoutAnExpiryLivesThirtyDays() {
        String rep = rep("links-rep-expiry");
        String asset = publishedPdf("Expiry deck", "Page");

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> share = share(rep, Map.of("assetIds", List.of(asset)));
        Instant after = Instant.now().plusSeconds(1);

        Instant expiresAt = Instant.parse((String) share.get("expiresAt"));
        assertThat(expiresAt).isBetween(before.plus(30, ChronoUnit.DAYS), after.plus(30, ChronoUnit.DAYS));
        Map<String, Object> read = http.get().uri("/api/v1/shares/" + share.get("id")).header("Authorization", rep)
                .exchange().expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        assertThat(Instant.parse((String) read.get("expiresAt"))).isEqualTo(expiresAt);
        assertThat(read.get("state")).isEqualTo("LIVE");
    }

    @Test
    void thePasscodeIsStoredOnlyHashedAndNeverShown() {
        String rep = rep("links-rep-passcode");
        String asset = publishedPdf("Passcode deck", "Page");
        String passcode = "tangerine-" + UUID.randomUUID().toString().substring(0, 8);

        String body = createShare(rep, Map.of("assetIds", List.of(asset), "passcode", passcode))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain(passcode).contains("\"passcode\":true");
        String token = body.replaceAll("(?s).*\"url\":\"[^\"]*/s/([A-Za-z0-9_-]+)\".*", "$1");

        String stored = db.sql("select passcode_hash from share where token_hash = :h")
                .bind("h", ShareTokens.hash(token)).map(row -> row.get(0, String.class)).one().block();
        assertThat(stored).isNotNull().doesNotContain(passcode).startsWith("{argon2}$argon2id$");
        assertThat(passwords.matches(passcode, stored)).isTrue();
        assertThat(passwords.matches(passcode + "x", stored)).isFalse();
    }

    @Test
    void internalDraftArchivedAndExpiredAssetsCannotBeSharedAndTheReasonIsGiven() {
        String rep = rep("links-rep-refused");
        String marketer = marketer();
        String internal = asset("Internal battlecard", Map.of("status", "published", "internalOnly", true));
        String draft = asset("Draft deck", Map.of("status", "draft"));
        String archived = asset("Old deck", Map.of("status", "published"));
        new AssetClient(http, marketer).request("POST", "/api/v1/assets/" + archived + "/archive", null)
                .expectStatus().isOk();
        String expired = asset("Expired deck", Map.of("status", "published"));
        db.sql("update asset set expires_on = :d where id = :id::uuid")
                .bind("d", LocalDate.now(ZoneOffset.UTC)).bind("id", expired).then().block();

        // a rep does not see drafts or archived assets at all; a marketer does, and still may not share them
        assertThat(problem(marketer, internal)).contains("internal-only");
        assertThat(problem(marketer, draft)).contains("draft");
        assertThat(problem(marketer, archived)).contains("archived");
        assertThat(problem(marketer, expired)).contains("expired");
        createShare(rep, Map.of("assetIds", List.of(draft))).expectStatus().isNotFound();
    }

    private String problem(String auth, String asset) {
        Map<String, Object> body = createShare(auth, Map.of("assetIds", List.of(asset)))
                .expectStatus().isEqualTo(422)
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        return (String) body.get("detail");
    }

    @Test
    void badRequestsSayWhatWasWrong() {
        String rep = rep("links-rep-bad");
        String asset = publishedPdf("Bad deck", "Page");

        Map<String, Object> problem = createShare(rep, Map.of("assetIds", List.of(asset), "expiresInDays", 5000,
                        "passcode", "12", "allowedDomains", List.of("not a domain")))
                .expectStatus().isBadRequest()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        assertThat((String) problem.get("detail")).contains("expiresInDays: a link may live at most 365 days")
                .contains("passcode: use 4 to 100 characters").contains("allowedDomains");
        createShare(rep, Map.of("assetIds", List.of())).expectStatus().isBadRequest();
        createShare(rep, Map.of("items", List.of(Map.of("assetId", asset, "version", 9)))).expectStatus()
                .isBadRequest();
    }

    @Test
    void aRepSeesOnlyTheirOwnLinksAndDealsAndManagersSeeAll() {
        String alice = rep("links-rep-alice");
        String bob = rep("links-rep-bob");
        String marketer = marketer();
        long bobsDeal = TestDeals.create(db, users.user("links-rep-bob", "REP").id(), "Bob's deal", "Globex",
                "globex.example");
        String asset = publishedPdf("Shared deck", "Page");
        Map<String, Object> alices = share(alice, Map.of("assetIds", List.of(asset)));

        http.get().uri("/api/v1/shares/" + alices.get("id")).header("Authorization", bob).exchange()
                .expectStatus().isNotFound();
        createShare(alice, Map.of("assetIds", List.of(asset), "dealId", bobsDeal)).expectStatus().isNotFound();
        http.get().uri("/api/v1/shares?all=true").header("Authorization", alice).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/shares/" + alices.get("id")).header("Authorization", marketer).exchange()
                .expectStatus().isOk();
        List<?> all = http.get().uri("/api/v1/shares?all=true").header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(all.stream().<Object>map(s -> ((Map<?, ?>) s).get("id")).toList()).contains(alices.get("id"));
        List<?> bobs = http.get().uri("/api/v1/shares").header("Authorization", bob).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        // the deal page's fragment of links is Bob's alone (and managers')
        assertThat(PageSession.signIn(baseUrl(), "links-rep-alice", TestUsers.PASSWORD)
                .get("/deals/" + bobsDeal + "/shares").statusCode()).isEqualTo(404);
        assertThat(PageSession.signIn(baseUrl(), "links-rep-bob", TestUsers.PASSWORD)
                .get("/deals/" + bobsDeal + "/shares").body()).contains("Shared links");
        assertThat(bobs.stream().<Object>map(s -> ((Map<?, ?>) s).get("id")).toList()).doesNotContain(alices.get("id"));
    }

    @Test
    void settingsChangeAndARevokedLinkCannotBeChanged() {
        String rep = rep("links-rep-settings");
        String asset = publishedPdf("Settings deck", "Page");
        Map<String, Object> share = share(rep, Map.of("assetIds", List.of(asset)));
        Object id = share.get("id");

        Map<String, Object> changed = new AssetClient(http, rep).request("PATCH", "/api/v1/shares/" + id,
                        Map.of("expiresInDays", 3, "passcode", "open sesame", "emailGate", true,
                                "allowedDomains", List.of("@Initech.example"), "allowDownload", true))
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        assertThat(changed.get("passcode")).isEqualTo(true);
        assertThat(changed.get("allowedDomains")).isEqualTo(List.of("initech.example"));
        assertThat(changed.get("allowDownload")).isEqualTo(true);

        new AssetClient(http, rep).request("POST", "/api/v1/shares/" + id + "/revoke", null).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("REVOKED");
        new AssetClient(http, rep).request("PATCH", "/api/v1/shares/" + id, Map.of("allowDownload", false))
                .expectStatus().isEqualTo(409);
    }
}
