package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Review before publish at the buyer's end: a link pinned to a version held for review (made before links to such
 * versions were refused) never serves it, while its other items, pinned to the live version, are served; once the
 * version is approved and live, the link serves it.
 */
class HeldVersionViewerTest extends SharingTest {

    @Autowired
    ShareStore store;

    @Test
    void aLinkPinnedToAVersionHeldForReviewNeverServesItToTheBuyer() {
        users.user("hv-reviewer", "REVIEWER");
        String admin = basic("admin", ADMIN_PASSWORD);
        String reviewer = basic("hv-reviewer", TestUsers.PASSWORD);
        String tag = "heldviewer" + UUID.randomUUID().toString().substring(0, 8);
        Object rule = api("POST", "/api/v1/reviews/rules", admin, Map.of("scope", "tag", "value", tag), 201).get("id");
        try {
            byte[] v1 = TestFiles.pdf("Held viewer v1", "Baton tests", List.of("Approved " + UUID.randomUUID()));
            byte[] v2 = TestFiles.pdf("Held viewer v2", "Baton tests", List.of("Unreviewed " + UUID.randomUUID()));
            String id = (String) assets().created(v1, "held-viewer.pdf",
                    Map.of("title", "Held viewer " + UUID.randomUUID(), "tags", List.of(tag))).get("id");
            approve(reviewer, id, 1);
            api("POST", "/api/v1/assets/" + id + "/publish", marketer(), null, 200);
            addVersion(id, v2, "held-viewer-v2.pdf");

            long owner = users.user("hv-rep", "REP").id();
            UUID asset = UUID.fromString(id);
            UUID other = UUID.fromString(publishedPdf("Held viewer neighbour", "A page"));
            String room = ShareTokens.generate();
            String heldOnly = ShareTokens.generate();
            String approved = ShareTokens.generate();
            Instant now = Instant.now();
            store.insert(room, owner, null, "Room", "", now.plus(Duration.ofDays(7)), null, null, false,
                    List.of(new ShareLink.Item(1, other, null), new ShareLink.Item(2, asset, 2)), now).block();
            store.insert(heldOnly, owner, null, "Held only", "", now.plus(Duration.ofDays(7)), null, null, false,
                    List.of(new ShareLink.Item(1, asset, 2)), now).block();
            store.insert(approved, owner, null, "Approved", "", now.plus(Duration.ofDays(7)), null, null, false,
                    List.of(new ShareLink.Item(1, asset, 1)), now).block();

            assertThat(open(heldOnly).getStatus().value()).isEqualTo(410);
            String key = accessKey(open(room).getResponseBody());
            item(room, 1, key).expectStatus().isOk();
            item(room, 2, key).expectStatus().isEqualTo(410).expectBody(String.class)
                    .isEqualTo("This content has been withdrawn.");
            String approvedKey = accessKey(open(approved).getResponseBody());
            assertThat(item(approved, 1, approvedKey).expectStatus().isOk().expectBody(byte[].class).returnResult()
                    .getResponseBody()).isEqualTo(v1);

            // approved, version 2 is live: the link pinned to it serves it
            approve(reviewer, id, 2);
            assertThat(item(room, 2, key).expectStatus().isOk().expectBody(byte[].class).returnResult()
                    .getResponseBody()).isEqualTo(v2);
            assertThat(open(heldOnly).getStatus().value()).isEqualTo(200);
        } finally {
            http.delete().uri("/api/v1/reviews/rules/" + rule).header("Authorization", admin).exchange()
                    .expectStatus().isNoContent();
        }
    }

    @Test
    void aLinkPinnedToALiveVersionLaterSentBackForChangesNoLongerServesIt() {
        users.user("hv-reviewer", "REVIEWER");
        String admin = basic("admin", ADMIN_PASSWORD);
        String reviewer = basic("hv-reviewer", TestUsers.PASSWORD);
        String tag = "sentbackviewer" + UUID.randomUUID().toString().substring(0, 8);
        Object rule = api("POST", "/api/v1/reviews/rules", admin, Map.of("scope", "tag", "value", tag), 201).get("id");
        try {
            byte[] v1 = TestFiles.pdf("Sent back viewer", "Baton tests", List.of("Claims " + UUID.randomUUID()));
            String id = (String) assets().created(v1, "sent-back-viewer.pdf",
                    Map.of("title", "Sent back viewer " + UUID.randomUUID(), "tags", List.of(tag))).get("id");
            approve(reviewer, id, 1);
            api("POST", "/api/v1/assets/" + id + "/publish", marketer(), null, 200);
            long owner = users.user("hv-rep", "REP").id();
            String pinned = ShareTokens.generate();
            Instant now = Instant.now();
            store.insert(pinned, owner, null, "Pinned", "", now.plus(Duration.ofDays(7)), null, null, false,
                    List.of(new ShareLink.Item(1, UUID.fromString(id), 1)), now).block();
            String key = accessKey(open(pinned).getResponseBody());
            item(pinned, 1, key).expectStatus().isOk();

            Object review = api("POST", "/api/v1/reviews", marketer(), Map.of("assetId", id, "version", 1), 201)
                    .get("id");
            api("POST", "/api/v1/reviews/" + review + "/decision", reviewer,
                    Map.of("decision", "request_changes", "comment", "The claim is no longer supported"), 200);
            item(pinned, 1, key).expectStatus().isEqualTo(410).expectBody(String.class)
                    .isEqualTo("This content has been withdrawn.");
        } finally {
            http.delete().uri("/api/v1/reviews/rules/" + rule).header("Authorization", admin).exchange()
                    .expectStatus().isNoContent();
        }
    }

    private void approve(String reviewer, String id, int version) {
        Object review = api("POST", "/api/v1/reviews", marketer(), Map.of("assetId", id, "version", version), 201)
                .get("id");
        assertThat(api("POST", "/api/v1/reviews/" + review + "/decision", reviewer, Map.of("decision", "approve"),
                200)).containsEntry("state", "APPROVED");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec item(String token, int n,
            String key) {
        return http.get().uri("/s/" + token + "/items/" + n + "/file?a=" + key).header("User-Agent", DESKTOP)
                .exchange();
    }

    private Map<String, Object> api(String method, String path, String auth, Object body, int status) {
        var spec = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", auth);
        var response = body == null ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        return response.expectStatus().isEqualTo(status).expectBody(AssetClient.JSON_MAP).returnResult()
                .getResponseBody();
    }
}
