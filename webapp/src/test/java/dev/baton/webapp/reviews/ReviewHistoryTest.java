package dev.baton.webapp.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What earlier review decisions and earlier rows mean now: which versions of the library before review before
 * publish count as live once, a later request for changes cancelling an approval, a publish that waits on an upload
 * checking the version the upload made current, a version sent back no longer reaching buyers, and a rule added again
 * giving approvals their lapse day back.
 */
class ReviewHistoryTest extends ReviewTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    DatabaseClient db;

    @Autowired
    ConnectionFactory connections;

    @Test
    @SuppressWarnings("unchecked")
    void theBackfillCountsAsLiveOnlyVersionsThatWereCurrentWhileTheAssetWasPublished() throws Exception {
        // a draft with three versions, published at version 3: versions 1 and 2 never reached a buyer
        String draft = upload(pdf("Backfill draft v1"), Map.of("title", "Backfill draft " + word()));
        addVersion(draft, pdf("Backfill draft v2"), "backfill-v2.pdf");
        addVersion(draft, pdf("Backfill draft v3"), "backfill-v3.pdf");
        json("POST", "/api/v1/assets/" + draft + "/publish", marketer, null, 200);
        // a published asset whose version 2 was held and skipped: version 3 was approved and promoted
        String tag = "backfill" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String held = upload(pdf("Backfill held v1"), Map.of("title", "Backfill held " + word(), "tags", List.of(tag)));
        approve(submit(held, 1));
        json("POST", "/api/v1/assets/" + held + "/publish", marketer, null, 200);
        addVersion(held, pdf("Backfill held v2"), "held-v2.pdf");
        addVersion(held, pdf("Backfill held v3"), "held-v3.pdf");
        long approved = submit(held, 3);
        approve(approved);
        Object decidedAt = json("GET", "/api/v1/reviews/" + approved, marketer, null, 200).get("decidedAt");

        // the rows as they were before versions knew when they went live; then the migration's backfill again
        for (String id : List.of(draft, held)) {
            db.sql("update asset_version set live_at = null where asset_id = :id").bind("id", UUID.fromString(id))
                    .then().block(WAIT);
        }
        try (var script = getClass().getResourceAsStream("/db/migration/V36__version_live_at.sql")) {
            db.sql(new String(script.readAllBytes(), StandardCharsets.UTF_8)).then().block(WAIT);
        }

        Map<String, Object> draftLive = (Map<String, Object>) json("GET", "/api/v1/reviews/assets/" + draft, marketer,
                null, 200).get("wentLive");
        assertThat(draftLive).containsOnlyKeys("3");
        for (int version : List.of(1, 2)) {
            assertThat(json("POST", "/api/v1/shares", rep, pinned(draft, version), 422).get("detail").toString())
                    .contains("version " + version + " was never live");
        }
        Map<String, Object> heldLive = (Map<String, Object>) json("GET", "/api/v1/reviews/assets/" + held, marketer,
                null, 200).get("wentLive");
        assertThat(heldLive).containsOnlyKeys("1", "3").containsEntry("3", decidedAt);
        assertThat(json("POST", "/api/v1/shares", rep, pinned(held, 2), 422).get("detail").toString())
                .contains("version 2 was never live");
        json("POST", "/api/v1/shares", rep, pinned(held, 1), 201);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLaterRequestForChangesCancelsTheVersionsEarlierApproval() {
        String tag = "recalled" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = upload(pdf("Recalled"), Map.of("title", "Recalled " + word(), "tags", List.of(tag)));
        approve(submit(id, 1));
        long again = submit(id, 1);
        assertThat(json("POST", "/api/v1/reviews/" + again + "/decision", reviewer,
                Map.of("decision", "request_changes", "comment", "The price table is out of date"), 200))
                .containsEntry("state", "CHANGES_REQUESTED");

        assertThat(json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 409).get("detail").toString())
                .contains("Version 1 of this asset must be approved before it is published");
        assertThat(json("GET", "/api/v1/assets/" + id, marketer, null, 200)).containsEntry("status", "DRAFT")
                .containsEntry("approval", null);
        Map<String, Object> record = json("GET", "/api/v1/reviews/assets/" + id, marketer, null, 200);
        assertThat(record).containsEntry("approval", null);
        assertThat(record.get("statement").toString()).doesNotContain("approved by")
                .contains("Version 1 was sent back for changes");
    }

    @Test
    void aPublishWaitingOnAnUploadChecksTheVersionTheUploadMadeCurrent() throws Exception {
        String tag = "racepublish" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = upload(pdf("Race publish"), Map.of("title", "Race publish " + word(), "tags", List.of(tag)));
        approve(submit(id, 1));

        racedByAnUnreviewedVersion(id, "publish");

        assertThat(json("GET", "/api/v1/assets/" + id, marketer, null, 200)).containsEntry("status", "DRAFT")
                .containsEntry("version", 2);
    }

    @Test
    void aRestoreWaitingOnAnUploadChecksTheVersionTheUploadMadeCurrent() throws Exception {
        String tag = "racerestore" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = upload(pdf("Race restore"), Map.of("title", "Race restore " + word(), "tags", List.of(tag)));
        approve(submit(id, 1));
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
        json("POST", "/api/v1/assets/" + id + "/archive", marketer, null, 200);

        racedByAnUnreviewedVersion(id, "unarchive");

        assertThat(json("GET", "/api/v1/assets/" + id, marketer, null, 200)).containsEntry("status", "ARCHIVED");
        send("GET", "/api/v1/assets/" + id, rep, null).expectStatus().isNotFound();
    }

    @Test
    void aVersionSentBackForChangesNoLongerGoesToBuyersThoughItWasLive() {
        String tag = "sentback" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = upload(pdf("Sent back v1"), Map.of("title", "Sent back " + word(), "tags", List.of(tag)));
        approve(submit(id, 1));
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
        json("POST", "/api/v1/shares", rep, pinned(id, 1), 201);

        // re-reviewed, the live version is sent back: no new link carries it, pinned or following the latest
        json("POST", "/api/v1/reviews/" + submit(id, 1) + "/decision", reviewer,
                Map.of("decision", "request_changes", "comment", "The claim is no longer supported"), 200);
        assertThat(json("POST", "/api/v1/shares", rep, Map.of("assetIds", List.of(id)), 422).get("detail")
                .toString()).contains("version 1 was sent back for changes");
        assertThat(json("POST", "/api/v1/shares", rep, pinned(id, 1), 422).get("detail").toString())
                .contains("version 1 was sent back for changes");

        // version 2, approved, replaces it: version 1 was live once, and still may not be pinned
        addVersion(id, pdf("Sent back v2"), "sent-back-v2.pdf");
        approve(submit(id, 2));
        json("POST", "/api/v1/shares", rep, pinned(id, 2), 201);
        assertThat(json("POST", "/api/v1/shares", rep, pinned(id, 1), 422).get("detail").toString())
                .contains("version 1 was sent back for changes");
    }

    @Test
    void aRuleAddedAgainGivesTheApprovalItsLapseDayBack() {
        String tag = "readded" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = upload(pdf("Readded"), Map.of("title", "Readded " + word(), "tags", List.of(tag)));
        LocalDate lapses = LocalDate.now(ZoneOffset.UTC).plusDays(5);
        json("POST", "/api/v1/reviews/" + submit(id, 1) + "/decision", reviewer,
                Map.of("decision", "approve", "expiresOn", lapses.toString()), 200);
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);

        // the admin deletes the rule and adds it again
        send("DELETE", "/api/v1/reviews/rules/" + rules.removeFirst(), admin, null).expectStatus().isNoContent();
        rule(Map.of("scope", "tag", "value", tag));

        clock.pin(lapses.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60));
        send("GET", "/api/v1/assets/" + id, rep, null).expectStatus().isNotFound();
        assertThat(json("GET", "/api/v1/reviews/assets/" + id, marketer, null, 200).get("statement").toString())
                .contains("the approval lapsed on " + lapses);
    }

    // ---- helpers

    /**
     * Runs the lifecycle action (publish, unarchive) while another transaction holds the asset's row and makes an
     * unreviewed version 2 current, as an upload does, committing once the action waits on it: the action must be
     * refused (409), for the version it would make live has no approval.
     */
    private void racedByAnUnreviewedVersion(String id, String action) throws Exception {
        Connection upload = Mono.from(connections.create()).block(WAIT);
        CompletableFuture<Integer> raced;
        try {
            Mono.from(upload.beginTransaction()).block(WAIT);
            rows(upload, "select 1 from asset where id = '" + id + "' for update");
            raced = CompletableFuture.supplyAsync(() -> send("POST", "/api/v1/assets/" + id + "/" + action, marketer,
                    null).returnResult(String.class).getStatus().value());
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> db.sql("select count(*) "
                            + "from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
                    .map(row -> row.get(0, Long.class)).one().block(WAIT) > 0);
            rows(upload, "insert into asset_version (asset_id, version, blob_key, sha256, size, media_type, file_name, "
                    + "note, created_by) select asset_id, 2, blob_key, sha256, size, media_type, 'unreviewed.pdf', "
                    + "'', created_by from asset_version where asset_id = '" + id + "' and version = 1");
            rows(upload, "update asset set current_version = 2 where id = '" + id + "'");
            Mono.from(upload.commitTransaction()).block(WAIT);
        } finally {
            Mono.from(upload.close()).block(WAIT);
        }
        assertThat(raced.get(60, TimeUnit.SECONDS)).isEqualTo(409);
    }

    private static void rows(Connection connection, String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(result -> result.getRowsUpdated()).blockLast(WAIT);
    }

    private byte[] pdf(String title) {
        return TestFiles.pdf(title, "Review History", List.of(title + " " + word()));
    }
}
