package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStat;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.system.BatonProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Ways in and ways out of the object store running at the same moment never leave a version pointing at a removed
 * blob: a new version that shares its bytes with another asset while that asset is deleted, and an import run again
 * after a crash while the sweep removes what the crashed run left.
 */
class BlobRacesTest extends BatonTest {

    private static final int ROUNDS = 16;

    @Autowired
    BlobStore blobs;

    @Autowired
    DatabaseClient db;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private AssetClient marketer;
    private AssetUploadVersions versions;
    private String auth;

    @BeforeEach
    void marketer() {
        users.user("races-marketer", "MARKETER");
        auth = basic("races-marketer", TestUsers.PASSWORD);
        marketer = new AssetClient(http, auth);
        versions = new AssetUploadVersions(http, auth);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * Each round: asset B has bytes X; a new version of asset A with X (which may share B's blob) and the deletion of
     * B run at once. Whichever commits first, A's new version has its file, and every version's blob is in the store.
     */
    @Test
    void aNewVersionSharingTheBytesOfAnAssetBeingDeletedKeepsItsFile() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            byte[] shared = pdf("Shared " + round);
            String b = (String) marketer.created(shared, "shared-" + round + ".pdf", null).get("id");
            String a = (String) marketer.created(pdf("Other " + round), "other-" + round + ".pdf", null).get("id");
            CountDownLatch start = new CountDownLatch(1);
            long deleteDelayMicros = ThreadLocalRandom.current().nextLong(40_000);

            CompletableFuture<HttpStatus> newVersion = CompletableFuture.supplyAsync(() -> {
                await(start);
                return status(versions.add(a, shared, "shared-as-version.pdf").expectBody().returnResult()
                        .getStatus().value());
            }, threads);
            CompletableFuture<HttpStatus> deletion = CompletableFuture.supplyAsync(() -> {
                await(start);
                sleepMicros(deleteDelayMicros);
                return status(marketer.request("DELETE", "/api/v1/assets/" + b, null).expectBody().returnResult()
                        .getStatus().value());
            }, threads);
            start.countDown();

            assertThat(newVersion.get(2, TimeUnit.MINUTES)).as("round %d: the new version", round)
                    .isEqualTo(HttpStatus.CREATED);
            assertThat(deletion.get(2, TimeUnit.MINUTES)).as("round %d: the deletion", round)
                    .isEqualTo(HttpStatus.NO_CONTENT);
            marketer.request("GET", "/api/v1/assets/" + a + "/file", null).expectStatus().isOk()
                    .expectBody(byte[].class).isEqualTo(shared);
            marketer.request("GET", "/api/v1/assets/" + b, null).expectStatus().isNotFound();
        }
        assertEveryVersionHasItsBlob();
    }

    /**
     * A crashed import left its files stored and unrecorded (under fresh keys, and content-addressed where earlier
     * versions stored them). The import runs again while the sweep, whose grace those leftovers have outlived,
     * removes them: every imported asset keeps its file, and the leftovers go.
     */
    @Test
    void anImportRunAgainWhileTheSweepRemovesWhatTheCrashedRunLeftKeepsEveryFile() throws Exception {
        Duration grace = Duration.ofSeconds(15);
        BlobSweep sweep = new BlobSweep(db, blobs,
                new BatonProperties.BlobSweep(Duration.ofHours(1), grace, Duration.ofHours(24)), Clock.systemUTC());
        List<byte[]> files = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] file = pdf("Import race " + i);
            files.add(file);
            leftovers.add(blobs.put(BlobKeys.unique(), new ByteArrayInputStream(file), file.length).key());
            String sha = ContentLibraryApiTest.sha256(file);
            String contentAddressed = "blobs/sha256/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha;
            blobs.put(contentAddressed, new ByteArrayInputStream(file), file.length);
            leftovers.add(contentAddressed);
        }
        // the sweep judges age by the store's own last-modified times, which no test clock moves: wait until the
        // store dates every leftover before the grace
        Awaitility.await().atMost(grace.multipliedBy(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> outlivedGrace(leftovers, grace));

        String jobId = (String) startImport(zip(files)).get("id");
        // the sweep starts once the import is under way, so its passes overlap files being recorded
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> processed(jobId) > 0);
        int processedWhenTheSweepStarted = processed(jobId);
        AtomicBoolean importing = new AtomicBoolean(true);
        AtomicInteger sweeps = new AtomicInteger();
        CompletableFuture<Void> sweeping = CompletableFuture.runAsync(() -> {
            while (importing.get()) {
                sweep.sweep(Instant.now());
                sweeps.incrementAndGet();
            }
        }, threads);
        Map<String, Object> job;
        try {
            job = Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> marketer.request("GET", "/api/v1/imports/" + jobId, null).expectStatus().isOk()
                                    .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody(),
                            status -> "DONE".equals(status.get("status")) || "FAILED".equals(status.get("status")));
        } finally {
            importing.set(false);
            sweeping.get(2, TimeUnit.MINUTES);
        }
        sweep.sweep(Instant.now());

        assertThat(sweeps.get()).as("the sweep ran during the import").isPositive();
        assertThat(processedWhenTheSweepStarted).as("the sweep started before the import's last file")
                .isLessThan(files.size());
        assertThat(job.get("status")).isEqualTo("DONE");
        assertThat(job.get("imported")).isEqualTo(files.size());
        List<UUID> imported = db.sql("select asset_id from import_item where job_id = :id and outcome = 'IMPORTED'")
                .bind("id", UUID.fromString((String) job.get("id")))
                .map(row -> row.get(0, UUID.class)).all().collectList().block();
        assertThat(imported).hasSize(files.size());
        List<byte[]> served = new ArrayList<>();
        for (UUID id : imported) {
            served.add(marketer.request("GET", "/api/v1/assets/" + id + "/file", null).expectStatus().isOk()
                    .expectBody(byte[].class).returnResult().getResponseBody());
        }
        assertThat(served).usingElementComparator(Arrays::compare).containsExactlyInAnyOrderElementsOf(files);
        assertThat(leftovers).as("what the crashed run left is gone").noneMatch(key -> StoredCopies.exists(blobs, key));
        assertEveryVersionHasItsBlob();
    }

    private int processed(String jobId) {
        return db.sql("select processed from import_job where id = :id").bind("id", UUID.fromString(jobId))
                .map(row -> row.get(0, Integer.class)).one().block();
    }

    private void assertEveryVersionHasItsBlob() {
        List<String> keys = db.sql("select distinct blob_key from asset_version").map(row -> row.get(0, String.class))
                .all().collectList().block();
        assertThat(keys).as("blobs of version rows").isNotEmpty().allMatch(key -> StoredCopies.exists(blobs, key));
    }

    private Map<String, Object> startImport(byte[] zip) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(zip) {
            @Override
            public String getFilename() {
                return "again.zip";
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return http.post().uri("/api/v1/imports").header("Authorization", auth)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build())).exchange()
                .expectStatus().isAccepted()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    private static byte[] zip(List<byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < files.size(); i++) {
                zip.putNextEntry(new ZipEntry(String.format("race/file-%02d.pdf", i)));
                zip.write(files.get(i));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] pdf(String title) throws IOException {
        return TestFiles.pdf(title + " " + UUID.randomUUID(), "Races", List.of("Bytes of " + title));
    }

    private static HttpStatus status(int code) {
        return HttpStatus.valueOf(code);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepMicros(long micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the store lists every one of these keys as last written longer ago than the grace. */
    private boolean outlivedGrace(List<String> keys, Duration grace) {
        Instant before = Instant.now().minus(grace);
        return keys.stream().allMatch(key -> {
            try (Stream<BlobStat> listed = blobs.list(key)) {
                return listed.filter(stat -> stat.key().equals(key)).findFirst()
                        .map(stat -> stat.lastModified().isBefore(before)).orElse(false);
            }
        });
    }
}
