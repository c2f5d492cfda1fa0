package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Interrupted is not failed: work left behind by a worker that died (its claim still set, its lease run out, as a
 * {@code kill -9} or a crashed node leaves it) is done again however often that happened; only what the file causes
 * gives up. The dead worker is simulated by the claim it leaves in the database while this node's worker is stopped.
 */
class InterruptedWorkTest extends BatonTest {

    @Autowired
    DerivedWork derivedWork;

    @Autowired
    PageRendering pageRendering;

    @Autowired
    DatabaseClient db;

    private AssetClient marketer;
    private AssetClient admin;

    @BeforeEach
    void clients() {
        users.user("interrupted-marketer", "MARKETER");
        users.user("interrupted-admin", "ADMIN");
        marketer = new AssetClient(http, basic("interrupted-marketer", TestUsers.PASSWORD));
        admin = new AssetClient(http, basic("interrupted-admin", TestUsers.PASSWORD));
    }

    @Test
    void anExtractionInterruptedTenTimesStillEndsWithItsText() {
        String word = "kestrel" + UUID.randomUUID().toString().substring(0, 8);
        String id = leftByADeadWorker(TestFiles.pdf("Crash survivor", "Ann", List.of("The " + word + " report")),
                "survivor.pdf", "extraction_attempts = 10");

        Map<String, Object> asset = marketer.derived(id);

        assertThat(asset.get("extractionStatus")).isEqualTo("DONE");
        assertThat(asset.get("extractionReason")).isNull();
        assertThat(asset.get("thumbnailStatus")).isEqualTo("DONE");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(marketer
                .request("GET", "/api/v1/search?q=" + word, null).expectStatus().isOk()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("total")).isEqualTo(1));
    }

    @Test
    void aThumbnailTheServiceDiedDrawingOnceIsDrawnAgain() {
        String id = leftByADeadWorker(TestFiles.pdf("Drawn again", "Ann", List.of("Page one")), "drawn.pdf",
                "extraction_attempts = 10, thumbnail_drawing = true, thumbnail_interruptions = 1");

        Map<String, Object> asset = marketer.derived(id);

        assertThat(asset.get("thumbnailStatus")).isEqualTo("DONE");
        assertThat(asset.get("extractionStatus")).isEqualTo("DONE");
    }

    @Test
    void aThumbnailTheServiceDiedDrawingThreeTimesGivesUpWhileTheTextIsStillMade() {
        String id = leftByADeadWorker(TestFiles.pdf("Poison thumbnail", "Ann", List.of("Readable words")),
                "poison.pdf", "extraction_attempts = 10, thumbnail_drawing = true, thumbnail_interruptions = 2");

        Map<String, Object> asset = marketer.derived(id);

        assertThat(asset.get("extractionStatus")).isEqualTo("DONE");
        assertThat(asset.get("thumbnailStatus")).isEqualTo("FAILED");
        assertThat(failedEntry(id)).extractingByKey("thumbnail").isEqualTo(Map.of("status", "FAILED",
                "reason", "the service stopped 3 times while drawing it, so it is not drawn again", "failed", true));
    }

    @Test
    void aFileThatExhaustsItsParserStillGivesUpWithItsReasonThoughInterruptedBefore() throws Exception {
        Path bomb = Files.createTempFile("bomb", ".docx");
        TestFiles.zipBombDocx(bomb, 1L << 30);
        byte[] bytes = Files.readAllBytes(bomb);
        Files.delete(bomb);
        String id = leftByADeadWorker(bytes, "bomb.docx", "extraction_attempts = 7");

        Map<String, Object> asset = marketer.derived(id);

        assertThat(asset.get("extractionStatus")).isEqualTo("FAILED");
        assertThat(asset.get("extractionReason")).isEqualTo("ran out of memory (the parser may use 512m)");
    }

    @Test
    void pageImagesInterruptedTenTimesAreStillDrawn() {
        String id = pagesLeftByADeadWorker("pages_attempts = 10, pages_drawing = true, pages_interruptions = 1");

        Map<String, Object> pages = awaitPages(id);

        assertThat(pages.get("status")).isEqualTo("READY");
        assertThat(pages.get("count")).isEqualTo(2);
    }

    @Test
    void pageImagesTheServiceDiedDrawingThreeTimesGiveUpWithTheReason() {
        String id = pagesLeftByADeadWorker("pages_attempts = 3, pages_drawing = true, pages_interruptions = 2");

        Map<String, Object> pages = awaitPages(id);

        assertThat(pages.get("status")).isEqualTo("UNAVAILABLE");
        assertThat(pages.get("reason"))
                .isEqualTo("The service stopped 3 times while drawing its pages, so they are not drawn again");
    }

    /**
     * Uploads a file while this node's worker is stopped, leaves the version as a dead worker left it (claimed by
     * another node long ago, with the given columns set), then starts the worker again.
     */
    private String leftByADeadWorker(byte[] bytes, String fileName, String left) {
        derivedWork.stop();
        try {
            String id = (String) marketer.created(bytes, fileName, Map.of("status", "published")).get("id");
            claimAsDead("claimed_by = 'dead-node', claimed_at = now() - interval '1 day', " + left, id);
            return id;
        } finally {
            derivedWork.start();
        }
    }

    private String pagesLeftByADeadWorker(String left) {
        pageRendering.stop();
        try {
            String id = (String) marketer.created(
                    TestFiles.docx("Interrupted brief", "Ann", 2, List.of("First " + UUID.randomUUID(), "Second")),
                    "interrupted.docx", Map.of("status", "published")).get("id");
            claimAsDead("pages_claimed_by = 'dead-node', pages_claimed_at = now() - interval '1 day', " + left, id);
            return id;
        } finally {
            pageRendering.start();
        }
    }

    private void claimAsDead(String set, String id) {
        Long updated = db.sql("update asset_version set " + set + " where asset_id = :id")
                .bind("id", UUID.fromString(id)).fetch().rowsUpdated().block(Duration.ofSeconds(10));
        assertThat(updated).isEqualTo(1L);
    }

    private Map<String, Object> awaitPages(String id) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> marketer
                        .request("GET", "/api/v1/assets/" + id + "/pages", null).expectStatus().isOk()
                        .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody(),
                pages -> !"PENDING".equals(pages.get("status")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> failedEntry(String id) {
        Map<String, Object> failed = admin.request("GET", "/api/v1/derived/failed", null).expectStatus().isOk()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) failed.get("assets")).stream()
                .filter(entry -> id.equals(entry.get("assetId"))).findFirst().orElseThrow();
    }
}
