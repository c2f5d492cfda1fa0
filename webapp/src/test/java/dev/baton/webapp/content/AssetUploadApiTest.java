package dev.baton.webapp.content;

import dev.baton.indexer.TestFiles;
import dev.baton.indexer.TypeDetector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStat;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Uploading collateral through the API: stored once by content, typed by its bytes, refused with a reason. */
class AssetUploadApiTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {};

    @Autowired
    BlobStore blobs;

    @Autowired
    DatabaseClient db;

    private String marketer() {
        users.user("upload-marketer", "MARKETER");
        return basic("upload-marketer", TestUsers.PASSWORD);
    }

    private WebTestClient.ResponseSpec upload(String authorization, byte[] bytes, String fileName,
            Map<String, Object> metadata) {
        MultipartBodyBuilder body = withFile(bytes, fileName);
        if (metadata != null) {
            body.part("metadata", metadata).contentType(MediaType.APPLICATION_JSON);
        }
        return http.post().uri("/api/v1/assets").header("Authorization", authorization)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    @Test
    void aMarketerUploadsAPdfThatIsStoredOnceAndQueuedForTheIndex() throws Exception {
        byte[] pdf = pdf("Acme cut onboarding time by 42% with Baton.");
        Map<String, Object> asset = upload(marketer(), pdf, "acme-case-study.pdf",
                Map.of("title", "Acme case study", "description", "How Acme onboarded in two weeks"))
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/assets/[0-9a-f-]{36}")
                .expectBody(JSON_MAP).returnResult().getResponseBody();
        assertThat(asset).containsEntry("title", "Acme case study")
                .containsEntry("status", "DRAFT")
                .containsEntry("mediaType", "application/pdf")
                .containsEntry("fileName", "acme-case-study.pdf")
                .containsEntry("version", 1)
                .containsEntry("extractionStatus", "PENDING")
                .containsEntry("owner", "upload-marketer");
        assertThat(((Number) asset.get("size")).longValue()).isEqualTo(pdf.length);

        // queued for the index in the upload's transaction (checked first: text extraction, which starts at once,
        // queues the asset again when it is done)
        Long queued = db.sql("select count(*) from outbox where entity_type = 'asset' and entity_id = :id")
                .bind("id", asset.get("id")).map(row -> row.get(0, Long.class)).one().block();
        assertThat(queued).isEqualTo(1L);

        // written once, under a key of its own, recorded with the digest of its bytes
        Map<String, Object> version = db.sql("select blob_key, sha256 from asset_version where asset_id = :id")
                .bind("id", java.util.UUID.fromString((String) asset.get("id")))
                .fetch().one().block();
        assertThat(version).containsEntry("sha256", sha256(pdf));
        String key = (String) version.get("blob_key");
        assertThat(key).startsWith(BlobKeys.ORIGINALS_PREFIX);
        assertThat(StoredCopies.of(blobs, pdf)).containsExactly(key);
        try (Stream<BlobStat> staged = blobs.list(BlobKeys.STAGING_PREFIX)) {
            assertThat(staged).as("nothing staged and copied").isEmpty();
        }

        // the same bytes again, under another name: nothing new is stored, and the answer names the asset
        upload(marketer(), pdf, "copy-of-acme.pdf", Map.of("title", "Copy"))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.existingAssetId").isEqualTo(asset.get("id"))
                .jsonPath("$.detail").isEqualTo("This file is already in the library as asset " + asset.get("id"));
        assertThat(StoredCopies.of(blobs, pdf)).as("the refused duplicate left nothing stored").containsExactly(key);
    }

    @Test
    void marketersListDraftsAndRepsDoNot() throws Exception {
        users.user("upload-rep", "REP");
        Map<String, Object> asset = upload(marketer(), pdf("Draft pricing for review"), "pricing.pdf", Map.of())
                .expectStatus().isCreated()
                .expectBody(JSON_MAP).returnResult().getResponseBody();
        String id = (String) asset.get("id");
        assertThat(asset.get("title")).as("a missing title falls back to the file name without its extension")
                .isEqualTo("pricing");

        http.get().uri("/api/v1/assets?size=100").header("Authorization", marketer())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").value(total -> assertThat(((Number) total).longValue()).isPositive())
                .jsonPath("$.items[?(@.id == '" + id + "')].title").isEqualTo(List.of("pricing"));

        String rep = basic("upload-rep", TestUsers.PASSWORD);
        http.get().uri("/api/v1/assets?size=100").header("Authorization", rep)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]").isEmpty();
        http.get().uri("/api/v1/assets/" + id).header("Authorization", rep)
                .exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/v1/assets").header("Authorization", rep)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void filesWhoseBytesAreNotAcceptedAreRefusedSayingWhatWasFound() {
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        upload(marketer(), html, "quarterly-report.pdf", Map.of())
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).containsIgnoringCase("html"));

        upload(marketer(), new byte[0], "empty.pdf", Map.of())
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectBody().jsonPath("$.detail").isEqualTo("The file is empty");

        MultipartBodyBuilder noFile = new MultipartBodyBuilder();
        noFile.part("metadata", Map.of("title", "no file")).contentType(MediaType.APPLICATION_JSON);
        http.post().uri("/api/v1/assets").header("Authorization", marketer())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(noFile.build()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("The parameter 'file' is missing or malformed");
    }

    /** Larger than the bytes type detection reads: typed while the rest is still being stored. */
    @Test
    void aFileLargerThanWhatTypingReadsIsTypedWhileStoredAndRefusedWithNothingLeft() {
        byte[] text = "Renewal playbook, step by step.\n".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        text[0] = (byte) '#'; // unlike any other test's bytes
        assertThat(text.length).isGreaterThan(TypeDetector.DEFAULT_MAX_PREFIX_BYTES + 1024);
        Map<String, Object> asset = upload(marketer(), text, "renewal-playbook.txt", Map.of("title", "Playbook"))
                .expectStatus().isCreated()
                .expectBody(JSON_MAP).returnResult().getResponseBody();
        assertThat(asset).containsEntry("mediaType", "text/plain");
        assertThat(((Number) asset.get("size")).longValue()).isEqualTo(text.length);
        assertThat(StoredCopies.of(blobs, text)).hasSize(1);

        byte[] html = ("<!DOCTYPE html><html><body><script>alert(1)</script>"
                + "<p>quarterly numbers</p>".repeat(250_000) + "</body></html>").getBytes(StandardCharsets.UTF_8);
        assertThat(html.length).isGreaterThan(TypeDetector.DEFAULT_MAX_PREFIX_BYTES + 1024);
        upload(marketer(), html, "quarterly-report.pdf", Map.of())
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).containsIgnoringCase("html"));
        assertThat(StoredCopies.of(blobs, html)).as("the refused file left nothing stored").isEmpty();
    }

    /**
     * A file sent on to the store while it arrives, with form fields before and after it: the fields before come off
     * the request's length (the bound of the file's), and 100 KB of field after the file makes the bound too large by
     * more than the store allows for, so the part it started to stream ends early and is sent again. Both files are
     * stored whole, with the fields read.
     */
    @Test
    void aStreamedFileWithFieldsBeforeAndAfterItIsStoredWhole() {
        byte[] text = "Discovery call checklist, question by question.\n".repeat(150_000)
                .getBytes(StandardCharsets.UTF_8);
        for (String after : new String[] {"", "x".repeat(100_000)}) {
            text[0] = (byte) (after.isEmpty() ? '#' : '>'); // a file of its own for each round
            MultipartBodyBuilder body = new MultipartBodyBuilder();
            body.part("metadata", Map.of("title", "Checklist " + after.length()))
                    .contentType(MediaType.APPLICATION_JSON);
            body.part("before", "y".repeat(50_000));
            body.part("file", new ByteArrayResource(text) {
                @Override
                public String getFilename() {
                    return "checklist.txt";
                }
            }).contentType(MediaType.APPLICATION_OCTET_STREAM);
            if (!after.isEmpty()) {
                body.part("after", after);
            }

            Map<String, Object> asset = http.post().uri("/api/v1/assets").header("Authorization", marketer())
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(BodyInserters.fromMultipartData(body.build()))
                    .exchange()
                    .expectStatus().isCreated()
                    .expectBody(JSON_MAP).returnResult().getResponseBody();

            assertThat(asset).containsEntry("title", "Checklist " + after.length());
            assertThat(((Number) asset.get("size")).longValue()).isEqualTo(text.length);
            assertThat(StoredCopies.of(blobs, text)).as("stored whole, once").hasSize(1);
        }
    }

    /** Metadata that is not JSON is refused after the file has been stored: the file is removed again. */
    @Test
    void metadataThatIsNotJsonIsRefusedAndLeavesNothingStored() {
        byte[] text = "Objection handling, the short version.\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        MultipartBodyBuilder body = withFile(text, "objections.txt");
        body.part("metadata", "{not json").contentType(MediaType.APPLICATION_JSON);

        http.post().uri("/api/v1/assets").header("Authorization", marketer())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("metadata"));

        assertThat(StoredCopies.of(blobs, text)).as("the stored file was removed").isEmpty();
    }

    @Test
    void pathTricksAndInvisibleCharactersInNamesAreNeutralised() throws Exception {
        upload(marketer(), pdf("Name tricks"), "../../etc/\u202Egnp.pdf\u0000", Map.of())
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.fileName").isEqualTo("gnp.pdf");
        upload(marketer(), pdf("Windows path"), "..\\..\\secrets\\plan.pdf", Map.of())
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.fileName").isEqualTo("plan.pdf");
        upload(marketer(), pdf("Long name " + "x".repeat(10)), "a".repeat(2000) + ".pdf", Map.of())
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.fileName").value(name -> assertThat((String) name)
                        .as("cut to the 255 bytes a file system takes, extension kept").hasSize(255).endsWith(".pdf"));
    }

    @Test
    void aNewVersionKeepsTheAssetAndItsHistory() throws Exception {
        String id = (String) upload(marketer(), pdf("Battlecard v1: we win on onboarding"), "battlecard.pdf",
                        Map.of("title", "Battlecard: Rival Inc"))
                .expectStatus().isCreated()
                .expectBody(JSON_MAP).returnResult().getResponseBody().get("id");

        byte[] second = pdf("Battlecard v2: we win on onboarding and price");
        addVersion(id, second, "battlecard-v2.pdf", "Q3 pricing")
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/v1/assets/" + id + "/versions/2")
                .expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.version").isEqualTo(2)
                .jsonPath("$.fileName").isEqualTo("battlecard-v2.pdf")
                .jsonPath("$.title").isEqualTo("Battlecard: Rival Inc");

        http.get().uri("/api/v1/assets/" + id + "/versions").header("Authorization", marketer())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].version").isEqualTo(List.of(2, 1))
                .jsonPath("$[0].note").isEqualTo("Q3 pricing")
                .jsonPath("$[1].fileName").isEqualTo("battlecard.pdf");

        // the current file again is not a new version
        addVersion(id, second, "again.pdf", null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").isEqualTo("This file is identical to the current version of the asset");

        addVersion("00000000-0000-0000-0000-000000000001", pdf("Nowhere"), "x.pdf", null)
                .expectStatus().isNotFound();

        users.user("version-rep", "REP");
        http.get().uri("/api/v1/assets/" + id + "/versions").header("Authorization",
                        basic("version-rep", TestUsers.PASSWORD))
                .exchange()
                .expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec addVersion(String id, byte[] bytes, String fileName, String note) {
        MultipartBodyBuilder body = withFile(bytes, fileName);
        if (note != null) {
            body.part("note", note).contentType(MediaType.TEXT_PLAIN);
        }
        return http.post().uri("/api/v1/assets/" + id + "/versions").header("Authorization", marketer())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    private static MultipartBodyBuilder withFile(byte[] bytes, String fileName) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return body;
    }

    static byte[] pdf(String text) {
        return TestFiles.pdf(text, "Baton tests", List.of(text));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
