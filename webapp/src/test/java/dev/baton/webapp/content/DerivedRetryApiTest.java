package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Trying failed work again: a marketer retries one asset's text, thumbnail and page images; an admin lists every asset
 * whose work failed, with the reasons, and retries them all. Both are audited.
 */
class DerivedRetryApiTest extends BatonTest {

    @Autowired
    DatabaseClient db;

    private AssetClient marketer;
    private AssetClient admin;

    @BeforeEach
    void clients() {
        users.user("retry-marketer", "MARKETER");
        users.user("retry-admin", "ADMIN");
        marketer = new AssetClient(http, basic("retry-marketer", TestUsers.PASSWORD));
        admin = new AssetClient(http, basic("retry-admin", TestUsers.PASSWORD));
    }

    @Test
    void aMarketerRetriesAnAssetsUnavailableTextAndThumbnailAndBothAreMade() {
        String id = failedEarlier("Retried report");

        Map<String, Object> retried = marketer.request("POST", "/api/v1/assets/" + id + "/derived/retry", null)
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();

        assertThat(retried).containsEntry("assetId", id).containsEntry("version", 1)
                .containsEntry("retried", List.of("text", "thumbnail"));
        Map<String, Object> asset = marketer.derived(id);
        assertThat(asset.get("extractionStatus")).isEqualTo("DONE");
        assertThat(asset.get("extractionReason")).isNull();
        assertThat(asset.get("thumbnailStatus")).isEqualTo("DONE");
        assertThat(audit("retry-marketer", "asset.derived_retried")).anySatisfy(entry -> {
            assertThat(entry).containsEntry("target", id).containsEntry("detail", "version 1: text, thumbnail");
            assertThat(entry).containsEntry("targetName", "Retried report");
        });
    }

    @Test
    void aMarketerRetriesADecksFailedPageImagesAndTheyAreDrawn() {
        String title = "Retried deck " + UUID.randomUUID();
        String id = (String) marketer.created(TestFiles.pptx(title, "Ann", List.of(title, "Second slide")),
                "retried-deck.pptx", Map.of("title", title)).get("id");
        marketer.derived(id);
        assertThat(pages(id)).containsEntry("status", "READY").containsEntry("count", 2);
        // as a drawing that failed earlier (under a tighter limit) leaves it, though the file is fine
        Long updated = db.sql("update asset_version set pages_status = 'FAILED', "
                        + "pages_reason = 'drawing its pages took too long', page_images = 0, page_sizes = null, "
                        + "page_width = null, page_height = null, page_media_type = null where asset_id = :id")
                .bind("id", UUID.fromString(id)).fetch().rowsUpdated().block(Duration.ofSeconds(10));
        assertThat(updated).isEqualTo(1L);
        assertThat(pages(id)).containsEntry("status", "UNAVAILABLE")
                .containsEntry("reason", "drawing its pages took too long");
        assertThat(failedEntry(id)).containsEntry("pages",
                Map.of("status", "FAILED", "reason", "drawing its pages took too long", "failed", true));
        marketer.request("GET", "/api/v1/assets/" + id + "/pages/1", null).expectStatus().isNotFound();

        Map<String, Object> retried = marketer.request("POST", "/api/v1/assets/" + id + "/derived/retry", null)
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();

        assertThat(retried).containsEntry("assetId", id).containsEntry("version", 1)
                .containsEntry("retried", List.of("pages"));
        assertThat(pages(id)).containsEntry("status", "READY").containsEntry("count", 2);
        marketer.request("GET", "/api/v1/assets/" + id + "/pages/2", null).expectStatus().isOk()
                .expectHeader().contentType("image/jpeg");
        assertThat(failedIds()).doesNotContain(id);
        assertThat(audit("retry-marketer", "asset.derived_retried")).anySatisfy(entry -> assertThat(entry)
                .containsEntry("target", id).containsEntry("detail", "version 1: pages"));
    }

    @Test
    void retryingAnAssetWhoseWorkDidNotFailIsAConflictThatSaysSo() {
        String id = (String) marketer.created(TestFiles.pdf("Fine", "Ann", List.of("All good")), "fine.pdf", null)
                .get("id");
        marketer.derived(id);

        marketer.request("POST", "/api/v1/assets/" + id + "/derived/retry", null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("Nothing to retry: the text, thumbnail and page images of this asset are made"));
    }

    @Test
    void retryingAnAssetNobodyHasIsNotFound() {
        marketer.request("POST", "/api/v1/assets/" + UUID.randomUUID() + "/derived/retry", null)
                .expectStatus().isNotFound();
    }

    @Test
    void anAdminSeesEveryAssetWithTextUnavailableAndItsReasonThenRetriesThemAll() {
        String first = failedEarlier("First unavailable");
        String second = failedEarlier("Second unavailable");

        Map<String, Object> listed = failedEntry(first);
        assertThat(listed).containsEntry("title", "First unavailable").containsEntry("version", 1)
                .containsEntry("fileName", "First unavailable.pdf")
                .containsEntry("text", Map.of("status", "FAILED", "reason", "timed out after 1 s", "failed", true))
                .containsEntry("thumbnail", Map.of("status", "FAILED", "reason", "drawing took too long", "failed", true));
        assertThat(failedEntry(second)).isNotNull();

        Map<String, Object> retried = admin.request("POST", "/api/v1/derived/retry", null)
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();

        assertThat((Integer) retried.get("assets")).isGreaterThanOrEqualTo(2);
        assertThat(marketer.derived(first).get("extractionStatus")).isEqualTo("DONE");
        assertThat(marketer.derived(second).get("extractionStatus")).isEqualTo("DONE");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(failedIds()).doesNotContain(first,
                second));
        assertThat(audit("retry-admin", "derived.retried_all")).isNotEmpty();
    }

    /** An asset whose text and thumbnail failed earlier (as under a tighter limit), though its file is fine. */
    private String failedEarlier(String title) {
        String id = (String) marketer.created(TestFiles.pdf(title, "Ann", List.of(title + " words")), title + ".pdf",
                Map.of("title", title)).get("id");
        marketer.derived(id);
        Long updated = db.sql("update asset_version set extraction_status = 'FAILED', "
                        + "extraction_reason = 'timed out after 1 s', text_key = null, thumbnail_status = 'FAILED', "
                        + "thumbnail_reason = 'drawing took too long', thumbnail_key = null where asset_id = :id")
                .bind("id", UUID.fromString(id)).fetch().rowsUpdated().block(Duration.ofSeconds(10));
        assertThat(updated).isEqualTo(1L);
        assertThat(marketer.get(id).get("extractionStatus")).isEqualTo("FAILED");
        return id;
    }

    /** Where the asset's page images stand, once they are no longer pending. */
    private Map<String, Object> pages(String id) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> marketer.request("GET", "/api/v1/assets/" + id + "/pages", null).expectStatus().isOk()
                        .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody(),
                        pages -> !"PENDING".equals(pages.get("status")));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> failed() {
        Map<String, Object> failed = admin.request("GET", "/api/v1/derived/failed", null).expectStatus().isOk()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        assertThat((Integer) failed.get("total")).isGreaterThanOrEqualTo(((List<?>) failed.get("assets")).size());
        return (List<Map<String, Object>>) failed.get("assets");
    }

    private List<Object> failedIds() {
        return failed().stream().map(entry -> entry.get("assetId")).toList();
    }

    private Map<String, Object> failedEntry(String id) {
        return failed().stream().filter(entry -> id.equals(entry.get("assetId"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audit(String actor, String action) {
        return admin.request("GET", "/api/v1/audit?actor=" + actor + "&action=" + action, null).expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
    }
}
