package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStore;
import dev.baton.storage.PutResult;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The sweep of what a crash between storing an upload and recording it leaves: a blob no version points at goes once
 * it is older than the grace period; recorded blobs, and blobs of uploads that may still be in progress, stay.
 */
class BlobSweepTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {};

    @Autowired
    BlobSweep sweep;

    @Autowired
    BlobStore blobs;

    @Autowired
    DatabaseClient db;

    @Test
    void aBlobNoVersionPointsAtIsRemovedOnceItIsOlderThanTheGracePeriodAndRecordedOnesStay() throws Exception {
        users.user("sweep-marketer", "MARKETER");
        byte[] pdf = TestFiles.pdf("Sweep " + UUID.randomUUID(), "Author", List.of("Recorded bytes."));
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(pdf) {
            @Override
            public String getFilename() {
                return "recorded.pdf";
            }
        }).contentType(MediaType.APPLICATION_PDF);
        Map<String, Object> asset = http.post().uri("/api/v1/assets")
                .header("Authorization", basic("sweep-marketer", TestUsers.PASSWORD))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JSON_MAP).returnResult().getResponseBody();
        String recorded = db.sql("select blob_key from asset_version where asset_id = :id")
                .bind("id", UUID.fromString((String) asset.get("id")))
                .map(row -> row.get(0, String.class)).one().block();

        // what a kill -9 after the upload's last byte and before its commit leaves
        byte[] orphanBytes = ("orphaned upload " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        PutResult orphan = blobs.put(BlobKeys.unique(), new ByteArrayInputStream(orphanBytes), orphanBytes.length);

        sweep.sweep(Instant.now());
        assertThat(StoredCopies.exists(blobs, orphan.key())).as("within the grace period: maybe an upload being recorded").isTrue();

        BlobSweep.Result result = sweep.sweep(Instant.now().plus(Duration.ofHours(2)));

        assertThat(result.blobs()).isGreaterThanOrEqualTo(1);
        assertThat(StoredCopies.exists(blobs, orphan.key())).as("the orphan is gone").isFalse();
        assertThat(StoredCopies.exists(blobs, recorded)).as("the recorded blob stays").isTrue();
        http.get().uri("/api/v1/assets/" + asset.get("id") + "/file")
                .header("Authorization", basic("sweep-marketer", TestUsers.PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(pdf);
    }

    /**
     * Earlier versions stored originals under {@code blobs/<uuid>} and content-addressed under {@code blobs/sha256/};
     * the version rows that name those keys keep working, the sweep keeps what a row names there and removes what no
     * row names.
     */
    @Test
    void blobsOfTheEarlierLayoutKeepWorkingAndOnlyThoseNoVersionNamesAreSwept() throws Exception {
        users.user("sweep-legacy", "MARKETER");
        byte[] pdf = TestFiles.pdf("Legacy " + UUID.randomUUID(), "Author", List.of("Stored the old way."));
        AssetClient client = new AssetClient(http, basic("sweep-legacy", TestUsers.PASSWORD));
        String id = (String) client.created(pdf, "legacy.pdf", null).get("id");
        String sha = ContentLibraryApiTest.sha256(pdf);
        String legacyKey = "blobs/sha256/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha;
        blobs.put(legacyKey, new ByteArrayInputStream(pdf), pdf.length);
        String current = db.sql("select blob_key from asset_version where asset_id = :id")
                .bind("id", UUID.fromString(id)).map(row -> row.get(0, String.class)).one().block();
        db.sql("update asset_version set blob_key = :legacy where asset_id = :id")
                .bind("legacy", legacyKey).bind("id", UUID.fromString(id)).then().block();
        byte[] orphanBytes = ("legacy orphan " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String legacyOrphan = "blobs/" + UUID.randomUUID();
        blobs.put(legacyOrphan, new ByteArrayInputStream(orphanBytes), orphanBytes.length);

        sweep.sweep(Instant.now().plus(Duration.ofHours(2)));

        assertThat(StoredCopies.exists(blobs, legacyKey)).as("named by a version row").isTrue();
        assertThat(StoredCopies.exists(blobs, legacyOrphan)).as("named by no row").isFalse();
        assertThat(StoredCopies.exists(blobs, current)).as("no row names it any more").isFalse();
        http.get().uri("/api/v1/assets/" + id + "/file")
                .header("Authorization", basic("sweep-legacy", TestUsers.PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(pdf);
    }
}
