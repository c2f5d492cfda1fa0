package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.content.AssetClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Issue 13 point 9: what a stranger, a guesser and a visitor of one link can and cannot do with the viewer. */
class ViewerSecurityTest extends SharingTest {

    @Autowired
    TestClock clock;

    @Test
    void tenThousandRandomTokensAllGetNotFoundOrTooManyAndTheLimitTripsWithRetryAfter() {
        SecureRandom random = new SecureRandom();
        Set<Integer> statuses = new TreeSet<>();
        int notFound = 0;
        String retryAfter = null;
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            var result = http.get().uri("/s/" + token).header("User-Agent", DESKTOP).exchange()
                    .returnResult(String.class);
            int status = result.getStatus().value();
            statuses.add(status);
            if (status == 404) {
                notFound++;
            } else if (retryAfter == null) {
                retryAfter = result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            }
        }

        assertThat(statuses).containsExactly(404, 429);
        assertThat(notFound).isEqualTo(30);
        assertThat(retryAfter).isNotNull();
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 600L);
    }

    @Test
    void oddTokensAreRefusedWithoutAnythingBeingServed() {
        for (String token : List.of("a", "..", "%00", "x".repeat(500), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            int status = http.get().uri("/s/{token}", token).header("User-Agent", DESKTOP).exchange()
                    .returnResult(String.class).getStatus().value();
            // the framework refuses a path it cannot take apart (400); the viewer calls the rest a miss (404)
            assertThat(status).as(token).isIn(400, 404);
        }
    }

    @Test
    void guessingThePasscodeLocksTheLinkAfterFiveTries() {
        String rep = rep("viewer-rep-passcode");
        String asset = publishedPdf("Passcode deck", "Page");
        String token = token(share(rep, Map.of("assetIds", List.of(asset), "passcode", "right horse")));

        EntityExchangeResult<String> gate = open(token);
        assertThat(gate.getStatus().value()).isEqualTo(200);
        assertThat(gate.getResponseBody()).contains("Passcode").doesNotContain("data-access");
        for (int i = 0; i < 5; i++) {
            EntityExchangeResult<String> wrong = unlock(token, null, "guess " + i);
            assertThat(wrong.getStatus().value()).isEqualTo(403);
            assertThat(wrong.getResponseBody()).contains("That passcode is not right");
        }
        misses.forgetAll();
        EntityExchangeResult<String> locked = unlock(token, null, "right horse");
        assertThat(locked.getStatus().value()).isEqualTo(429);
        assertThat(locked.getResponseBody()).contains("locked");
        assertThat(Long.parseLong(locked.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
                .isBetween(1L, 15 * 60L);

        clock.pin(Instant.now().plus(Duration.ofMinutes(16)));
        try {
            EntityExchangeResult<String> right = unlock(token, null, "right horse");
            assertThat(right.getStatus().value()).isEqualTo(200);
            assertThat(right.getResponseBody()).contains("data-access");
        } finally {
            clock.release();
        }
    }

    @Test
    void revokedAndExpiredLinksAnswerGoneWithAFriendlyPage() {
        String rep = rep("viewer-rep-gone");
        String asset = publishedPdf("Gone deck", "Page");
        Map<String, Object> revoked = share(rep, Map.of("assetIds", List.of(asset)));
        String expiring = token(share(rep, Map.of("assetIds", List.of(asset), "expiresInDays", 1)));
        String key = accessKey(open(token(revoked)).getResponseBody());
        new AssetClient(http, rep).request("POST", "/api/v1/shares/" + revoked.get("id") + "/revoke", null)
                .expectStatus().isOk();

        EntityExchangeResult<String> gone = open(token(revoked));
        assertThat(gone.getStatus().value()).isEqualTo(410);
        assertThat(gone.getResponseBody()).contains("This link is no longer available").contains("turned it off");
        assertThat(status("/s/" + token(revoked) + "/items/1/file?a=" + key)).isEqualTo(410);

        clock.pin(Instant.now().plus(Duration.ofDays(2)));
        try {
            EntityExchangeResult<String> expired = open(expiring);
            assertThat(expired.getStatus().value()).isEqualTo(410);
            assertThat(expired.getResponseBody()).contains("This link has expired");
        } finally {
            clock.release();
        }
    }

    @Test
    void aVisitorOfOneLinkCannotReachAnotherAssetOrVersionThroughAnyViewerUrl() throws Exception {
        String rep = rep("viewer-rep-scope");
        String marketer = marketer();
        String a = publishedPdf("Scope A", "Page of A");
        String b = publishedPdf("Scope B", "Page of B");
        // A is pinned to version 1; version 2 comes later and must not be what the link serves
        String linkA = token(share(rep, Map.of("items", List.of(Map.of("assetId", a, "version", 1)))));
        String linkB = token(share(rep, Map.of("assetIds", List.of(b))));
        byte[] v2 = TestFiles.pdf("Scope A v2", "Baton tests", List.of("Second version " + UUID.randomUUID()));
        addVersion(a, v2, "Scope A v2.pdf");
        String keyA = accessKey(open(linkA).getResponseBody());
        String keyB = accessKey(open(linkB).getResponseBody());

        byte[] servedA = http.get().uri("/s/" + linkA + "/items/1/file?a=" + keyA).header("User-Agent", DESKTOP)
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        byte[] v1 = new AssetClient(http, marketer).request("GET", "/api/v1/assets/" + a + "/versions/1/file", null)
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(servedA).isEqualTo(v1);

        List<String> attempts = new ArrayList<>();
        for (String n : List.of("0", "2", "-1", "99", "abc", b, a, "1.0", "01x")) {
            attempts.add("/s/" + linkA + "/items/" + n + "/file?a=" + keyA);
            attempts.add("/s/" + linkA + "/items/" + n + "/download?a=" + keyA);
            attempts.add("/s/" + linkA + "/items/" + n + "/pages/1?a=" + keyA);
        }
        attempts.add("/s/" + linkA + "/items/1/file?a=" + keyB);
        attempts.add("/s/" + linkA + "/items/1/file");
        attempts.add("/s/" + linkA + "/items/1/file?a=" + keyA.substring(1) + "x");
        attempts.add("/s/" + linkA + "/items/1/download?a=" + keyA);
        attempts.add("/s/" + linkA + "/items/1/pages/2?a=" + keyA);
        attempts.add("/s/" + linkA + "/items/1/file?a=" + keyA + "&version=2");
        attempts.add("/s/" + linkA + "/items/1/file?a=" + keyA + "&assetId=" + b);
        attempts.add("/s/" + linkA + "/items/1/versions/2/file?a=" + keyA);
        attempts.add("/s/" + linkA + "/assets/" + b + "/file?a=" + keyA);
        attempts.add("/s/" + linkA + "/../" + linkB + "/items/1/file?a=" + keyA);
        for (String path : attempts) {
            var result = http.get().uri(java.net.URI.create(baseUrl() + path)).header("User-Agent", DESKTOP)
                    .exchange().expectBody(byte[].class).returnResult();
            byte[] body = result.getResponseBody() == null ? new byte[0] : result.getResponseBody();
            if (result.getStatus().value() == 200) {
                // only the pinned version 1 of A may ever come back
                assertThat(body).as(path).isEqualTo(v1);
            } else {
                assertThat(result.getStatus().value()).as(path).isBetween(400, 499);
                assertThat(new String(body)).as(path).doesNotContain("%PDF");
            }
            misses.forgetAll();
        }
    }

    @Test
    void noViewerAnswerSetsACookieAndEveryOneCarriesTheViewersHeaders() {
        String rep = rep("viewer-rep-headers");
        String asset = publishedPdf("Headers deck", "Page");
        String open = token(share(rep, Map.of("assetIds", List.of(asset))));
        String gated = token(share(rep, Map.of("assetIds", List.of(asset), "emailGate", true,
                "allowedDomains", List.of("buyer.example"))));
        Map<String, Object> revoked = share(rep, Map.of("assetIds", List.of(asset)));
        new AssetClient(http, rep).request("POST", "/api/v1/shares/" + revoked.get("id") + "/revoke", null)
                .expectStatus().isOk();
        String key = accessKey(open(open).getResponseBody());

        List<EntityExchangeResult<byte[]>> answers = new ArrayList<>();
        answers.add(get("/s/" + open));
        answers.add(get("/s/" + gated));
        answers.add(get("/s/" + token(revoked)));
        answers.add(get("/s/" + "B".repeat(32)));
        answers.add(get("/s/" + open + "/items/1/file?a=" + key));
        answers.add(get("/s/" + open + "/items/1/download?a=" + key));
        answers.add(get("/s/" + open + "/items/1/pages/1?a=" + key));
        answers.add(get("/s/" + open + "/no/such/path"));
        answers.add(get("/s"));
        answers.add(http.post().uri("/s/" + gated).header("User-Agent", DESKTOP)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("email=someone%40elsewhere.example")
                .exchange().expectBody(byte[].class).returnResult());
        answers.add(http.post().uri("/s/" + open + "/beacon").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"access\":\"" + key + "\",\"visitor\":\"visitor-headers\",\"seq\":0,\"webdriver\":false,"
                        + "\"pages\":[{\"item\":1,\"page\":1,\"ms\":1000}]}")
                .exchange().expectBody(byte[].class).returnResult());
        answers.add(http.post().uri("/s/" + open + "/beacon").contentType(MediaType.TEXT_PLAIN).bodyValue("nonsense")
                .exchange().expectBody(byte[].class).returnResult());
        for (int i = 0; i < 31; i++) {
            get("/s/" + "C".repeat(31) + i % 10);
        }
        answers.add(get("/s/" + open));

        Set<Integer> statuses = new TreeSet<>();
        for (EntityExchangeResult<byte[]> answer : answers) {
            HttpHeaders headers = answer.getResponseHeaders();
            String what = answer.getMethod() + " " + answer.getUrl() + " " + answer.getStatus();
            statuses.add(answer.getStatus().value());
            assertThat(headers.get(HttpHeaders.SET_COOKIE)).as(what).isNull();
            assertThat(headers.getFirst("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(headers.getFirst("X-Robots-Tag")).as(what).contains("noindex");
            assertThat(headers.getFirst("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            String csp = headers.getFirst("Content-Security-Policy");
            assertThat(csp).as(what).isNotNull().contains("default-src 'none'").doesNotContain("http")
                    .doesNotContain("unsafe-eval");
            if (!csp.contains("sandbox")) {
                assertThat(csp).as(what).contains("script-src 'self'").doesNotContain("script-src 'self' 'unsafe");
            }
        }
        assertThat(statuses).contains(200, 204, 400, 403, 404, 410, 429);
    }

    @Test
    void theEmailGateRefusesOtherDomainsAndLetsTheBuyersDomainIn() {
        String rep = rep("viewer-rep-email");
        String asset = publishedPdf("Gated deck", "Page");
        String token = token(share(rep, Map.of("assetIds", List.of(asset), "emailGate", true,
                "allowedDomains", List.of("buyer.example"))));

        EntityExchangeResult<String> refused = unlock(token, "spy@competitor.example", null);
        assertThat(refused.getStatus().value()).isEqualTo(403);
        assertThat(refused.getResponseBody()).contains("This link is for addresses at buyer.example")
                .doesNotContain("data-access");
        assertThat(unlock(token, "not an email", null).getStatus().value()).isEqualTo(403);
        assertThat(unlock(token, "spy@buyer.example.evil.example", null).getStatus().value()).isEqualTo(403);

        EntityExchangeResult<String> let = unlock(token, "Jane@EU.Buyer.example", null);
        assertThat(let.getStatus().value()).isEqualTo(200);
        assertThat(let.getResponseBody()).contains("data-access").contains("Gated deck");
    }

    @Test
    void aViewOnlyLinkOffersNoDownloadAndItsDownloadUrlIsRefused() {
        String rep = rep("viewer-rep-viewonly");
        String asset = publishedPdf("View only deck", "Page");
        String viewOnly = token(share(rep, Map.of("assetIds", List.of(asset))));
        String downloadable = token(share(rep, Map.of("assetIds", List.of(asset), "allowDownload", true)));

        String page = open(viewOnly).getResponseBody();
        assertThat(page).doesNotContain("/download").doesNotContain("Download");
        assertThat(status("/s/" + viewOnly + "/items/1/download?a=" + accessKey(page))).isEqualTo(403);

        String other = open(downloadable).getResponseBody();
        assertThat(other).contains("/items/1/download?a=");
        var download = http.get().uri("/s/" + downloadable + "/items/1/download?a=" + accessKey(other))
                .header("User-Agent", DESKTOP).exchange().expectStatus().isOk().returnResult(byte[].class);
        assertThat(download.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment");
    }

    @Test
    void theViewerShowsNothingInternal() {
        String rep = rep("viewer-rep-internal");
        String asset = (String) assets().created(TestFiles.pdf("Cover deck", "Baton tests",
                        List.of("Page " + UUID.randomUUID())), "cover-deck.pdf",
                Map.of("title", "Cover deck", "status", "published", "tags", List.of("secret-tag"),
                        "description", "Internal note: discount up to 40%")).get("id");
        String other = publishedPdf("Unrelated asset", "Page");
        String token = token(share(rep, Map.of("assetIds", List.of(asset), "note", "Here is our deck")));

        String page = open(token).getResponseBody();
        assertThat(page).contains("Cover deck").contains("Here is our deck").contains("viewer-rep-internal Example")
                .doesNotContain("secret-tag").doesNotContain("discount").doesNotContain(asset)
                .doesNotContain(other).doesNotContain("share-marketer").doesNotContain("/library")
                .doesNotContain("htmx");
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return http.get().uri(java.net.URI.create(baseUrl() + path)).header("User-Agent", DESKTOP).exchange()
                .expectBody(byte[].class).returnResult();
    }

    private int status(String path) {
        return get(path).getStatus().value();
    }
}
