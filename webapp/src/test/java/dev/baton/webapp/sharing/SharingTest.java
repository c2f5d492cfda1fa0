package dev.baton.webapp.sharing;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** What the share tests have in common: a marketer's published assets, a rep's links, a buyer's browser. */
abstract class SharingTest extends BatonTest {

    /** A browser a person uses on a desktop. */
    static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    private static final Pattern ACCESS = Pattern.compile("data-access=\"([A-Za-z0-9_-]+)\"");

    @Autowired
    MissLimiter misses;

    @BeforeEach
    @AfterEach
    void forgetMisses() {
        misses.forgetAll();
    }

    String marketer() {
        users.user("share-marketer", "MARKETER");
        return basic("share-marketer", TestUsers.PASSWORD);
    }

    String rep(String name) {
        users.user(name, "REP");
        return basic(name, TestUsers.PASSWORD);
    }

    AssetClient assets() {
        return new AssetClient(http, marketer());
    }

    /** A published PDF with these pages (each made unique, so no two tests upload the same bytes). */
    String publishedPdf(String title, String... pages) {
        List<String> texts = new ArrayList<>();
        String unique = UUID.randomUUID().toString();
        for (String page : pages) {
            texts.add(page + " " + unique);
        }
        return (String) assets().created(TestFiles.pdf(title, "Baton tests", texts), title + ".pdf",
                Map.of("title", title, "status", "published")).get("id");
    }

    String asset(String title, Map<String, Object> metadata) {
        return (String) assets().created(TestFiles.pdf(title, "Baton tests", List.of(title + " " + UUID.randomUUID())),
                title + ".pdf", metadata).get("id");
    }

    /** A new version of an asset, through the API. */
    void addVersion(String assetId, byte[] bytes, String fileName) {
        org.springframework.http.client.MultipartBodyBuilder body =
                new org.springframework.http.client.MultipartBodyBuilder();
        body.part("file", new org.springframework.core.io.ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        http.post().uri("/api/v1/assets/" + assetId + "/versions").header("Authorization", marketer())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus().isCreated();
    }

    WebTestClient.ResponseSpec createShare(String auth, Map<String, Object> body) {
        return http.post().uri("/api/v1/shares").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<String, Object> share(String auth, Map<String, Object> body) {
        return createShare(auth, body).expectStatus().isCreated().expectBody(AssetClient.JSON_MAP).returnResult()
                .getResponseBody();
    }

    static String token(Map<String, Object> share) {
        String url = (String) share.get("url");
        return url.substring(url.indexOf("/s/") + 3);
    }

    /** Opens a link as a person's browser does; returns the page. */
    EntityExchangeResult<String> open(String token) {
        return http.get().uri("/s/" + token).header("User-Agent", DESKTOP).exchange()
                .expectBody(String.class).returnResult();
    }

    /** Passes a link's gate with this form; returns the page. */
    EntityExchangeResult<String> unlock(String token, String email, String passcode) {
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        if (email != null) {
            form.add("email", email);
        }
        if (passcode != null) {
            form.add("passcode", passcode);
        }
        return http.post().uri("/s/" + token).header("User-Agent", DESKTOP)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectBody(String.class).returnResult();
    }

    /** The opening's key in a viewer page. */
    static String accessKey(String page) {
        Matcher m = ACCESS.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no viewer in the page: " + page);
        }
        return m.group(1);
    }

    /** Posts a beacon as the viewer's script does (text/plain, as navigator.sendBeacon sends a string). */
    int beacon(String token, String access, String visitor, int seq, boolean webdriver, int[][] pages) {
        StringBuilder list = new StringBuilder();
        for (int[] p : pages) {
            if (!list.isEmpty()) {
                list.append(',');
            }
            list.append("{\"item\":").append(p[0]).append(",\"page\":").append(p[1]).append(",\"ms\":")
                    .append(p[2]).append('}');
        }
        String body = "{\"access\":\"" + access + "\",\"visitor\":\"" + visitor + "\",\"seq\":" + seq
                + ",\"webdriver\":" + webdriver + ",\"pages\":[" + list + "]}";
        return http.post().uri("/s/" + token + "/beacon").header("User-Agent", DESKTOP)
                .contentType(MediaType.TEXT_PLAIN).bodyValue(body).exchange()
                .returnResult(Void.class).getStatus().value();
    }

    Map<String, Object> visits(String auth, Object shareId) {
        return http.get().uri("/api/v1/shares/" + shareId + "/visits").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }
}
