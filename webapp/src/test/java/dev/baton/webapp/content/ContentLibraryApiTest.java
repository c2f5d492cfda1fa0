package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** The content library through its API: metadata, lifecycle, versions, derived text and thumbnails, usage. */
class ContentLibraryApiTest extends BatonTest {

    @Autowired
    BlobStore blobs;

    private AssetClient marketer;
    private AssetClient rep;

    @BeforeEach
    void clients() {
        users.user("library-marketer", "MARKETER");
        users.user("library-rep", "REP");
        marketer = new AssetClient(http, basic("library-marketer", TestUsers.PASSWORD));
        rep = new AssetClient(http, basic("library-rep", TestUsers.PASSWORD));
    }

    private static byte[] pdf(String text) {
        return TestFiles.pdf("Doc " + text, "Ann Author", List.of(text, "Second page of " + text));
    }

    @Test
    void metadataIsCheckedAgainstTheTaxonomyAndEveryWrongValueIsNamed() {
        Map<String, Object> metadata = Map.of(
                "title", "Bad values",
                "contentType", "brochure",
                "facets", Map.of("buyer_stage", List.of("awareness", "purchase"), "colour", List.of("red")),
                "owner", "nobody-here");

        marketer.upload(pdf("bad metadata"), "bad.pdf", metadata)
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'contentType')].reason")
                .value(reasons -> assertThat(reasons.toString()).contains("'brochure' is not a content type"))
                .jsonPath("$.errors[?(@.field == 'facets.buyer_stage')].reason")
                .value(reasons -> assertThat(reasons.toString()).contains("'purchase' is not a value of buyer_stage"))
                .jsonPath("$.errors[?(@.field == 'facets.colour')]").exists()
                .jsonPath("$.errors[?(@.field == 'owner')].reason")
                .value(reasons -> assertThat(reasons.toString()).contains("no active user 'nobody-here'"));

        marketer.request("GET", "/api/v1/assets?size=100", null).expectBody()
                .jsonPath("$.items[?(@.title == 'Bad values')]").doesNotExist();
    }

    @Test
    void anUploadWithoutATitleTakesTheDocumentsOwnTitleOnceItsTextIsReadButNeverOverAMarketersTitle() {
        byte[] guide = TestFiles.docx("Kubernetes Operations Guide", "Ann Author", 1, List.of("Run it well"));
        Map<String, Object> untitled = marketer.created(guide, "k8s-guide-v1.docx", null);
        assertThat(untitled.get("title")).as("until its text is read").isEqualTo("k8s-guide-v1");
        assertThat(marketer.derived((String) untitled.get("id")).get("title"))
                .isEqualTo("Kubernetes Operations Guide");

        Map<String, Object> titled = marketer.created(
                TestFiles.docx("Kubernetes Operations Guide, draft", "Ann Author", 1, List.of("Draft text")),
                "k8s-guide-v2.docx", Map.of("title", "Ops guide for partners"));
        assertThat(marketer.derived((String) titled.get("id")).get("title")).isEqualTo("Ops guide for partners");

        Map<String, Object> placeholder = marketer.created(
                TestFiles.pptx("PowerPoint Presentation", "Ann Author", List.of("Placeholder title")),
                "q3-launch_deck.pptx", null);
        assertThat(marketer.derived((String) placeholder.get("id")).get("title"))
                .as("a program's placeholder says less than the file name").isEqualTo("q3-launch deck");

        Map<String, Object> renamed = marketer.created(
                TestFiles.pdf("Renamed before its text was read", "Ann Author", List.of("Renamed")), "scan-004.pdf",
                null);
        marketer.request("PATCH", "/api/v1/assets/" + renamed.get("id"), Map.of("title", "Partner scan"))
                .expectStatus().isOk();
        assertThat(marketer.derived((String) renamed.get("id")).get("title")).isEqualTo("Partner scan");
    }

    @Test
    void taxonomyValuesAreTakenByLabelOrAliasInAnyCaseAsWellAsByKey() {
        Map<String, Object> created = marketer.created(pdf("labels"), "labels.pdf", Map.of(
                "title", "Labelled by a marketer",
                "contentType", "Case Study",
                "facets", Map.of("buyer_stage", List.of("Consideration", "decision"),
                        "persona", List.of("economic buyer", "Economic-Buyer", " Technical evaluator "))));
        assertThat(created.get("contentType")).isEqualTo("case-study");
        @SuppressWarnings("unchecked")
        Map<String, Object> facets = (Map<String, Object>) created.get("facets");
        assertThat(facets).containsEntry("buyer_stage", List.of("consideration", "decision"))
                .containsEntry("persona", List.of("economic-buyer", "technical-evaluator"));

        marketer.request("PATCH", "/api/v1/assets/" + created.get("id"),
                        Map.of("facets", Map.of("buyer_stage", List.of("AWARENESS"))))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.facets.buyer_stage[0]").isEqualTo("awareness");
        marketer.request("PATCH", "/api/v1/assets/" + created.get("id"),
                        Map.of("facets", Map.of("persona", List.of("CFO", " Chief Technology  Officer "))))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.facets.persona").isEqualTo(List.of("economic-buyer", "technical-evaluator"));
        marketer.request("PATCH", "/api/v1/assets/" + created.get("id"), Map.of("contentType", "Battle Card"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.contentType").isEqualTo("battlecard");
        marketer.request("PATCH", "/api/v1/assets/" + created.get("id"),
                        Map.of("facets", Map.of("persona", List.of("Chief Vibes Officer"))))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'facets.persona')].reason")
                .value(reasons -> assertThat(reasons.toString())
                        .contains("'Chief Vibes Officer' is not a value of persona", "Economic buyer"));
        assertThat(marketer.get((String) created.get("id")).get("facets")).as("the refused edit changed nothing")
                .extracting(f -> ((Map<?, ?>) f).get("persona"))
                .isEqualTo(List.of("economic-buyer", "technical-evaluator"));
    }

    @Test
    void anAliasThatTwoValuesShareNamesNeitherAndTheRefusalNamesBoth() {
        String admin = basic("admin", ADMIN_PASSWORD);
        List<String> added = new ArrayList<>();
        try {
            for (String label : List.of("Alias twin Ada", "Alias twin Bea")) {
                added.add((String) http.post().uri("/api/v1/taxonomy/persona/values").header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("label", label, "definition", "A persona of this test.",
                                "aliases", List.of("twin lead", label.substring(label.length() - 3))))
                        .exchange()
                        .expectStatus().isCreated()
                        .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("key"));
            }
            marketer.upload(pdf("twin alias"), "twins.pdf", Map.of("title", "Twins",
                            "facets", Map.of("persona", List.of("Twin  Lead"))))
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[?(@.field == 'facets.persona')].reason")
                    .value(reasons -> assertThat(reasons.toString()).contains(
                            "'Twin  Lead' is another name of both Alias twin Ada and Alias twin Bea",
                            "give the key or the label"));

            Map<String, Object> asset = marketer.created(pdf("own alias"), "twin.pdf", Map.of("title", "One twin",
                    "facets", Map.of("persona", List.of("BEA"))));
            assertThat(facetsOf(asset.get("facets"))).as("an alias only one value has names it")
                    .containsEntry("persona", List.of(added.get(1)));
        } finally {
            added.forEach(key -> http.patch().uri("/api/v1/taxonomy/persona/values/" + key)
                    .header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("active", false)).exchange().expectStatus().isOk());
        }
    }

    @Test
    void theUploadMetadataExampleOfTheApiDocsIsTakenAsItStands() throws Exception {
        String docs = Files.readString(Path.of("../docs/api.md"));
        String section = docs.substring(docs.indexOf("### Asset metadata"));
        int start = section.indexOf("```json\n") + "```json\n".length();
        String example = section.substring(start, section.indexOf("```", start));
        assertThat(example).contains("\"owner\": \"maria.marketer\"", "\"persona\": [\"economic-buyer\"]");
        users.user("maria.marketer", "MARKETER");

        Map<String, Object> asset = marketer.created(pdf("docs metadata example"), "acme-bank.pdf",
                JsonMapper.builder().build().readValue(example, Map.class));

        assertThat(asset.get("title")).isEqualTo("Acme Bank case study");
        assertThat(asset.get("description")).isEqualTo("How Acme Bank cut month-end close from 9 to 4 days");
        assertThat(asset.get("contentType")).isEqualTo("case-study");
        assertThat(facetsOf(asset.get("facets"))).containsEntry("buyer_stage", List.of("consideration", "decision"))
                .containsEntry("persona", List.of("economic-buyer"))
                .containsEntry("industry", List.of("financial-services"))
                .containsEntry("product", List.of("analytics"))
                .containsEntry("region", List.of("emea"))
                .containsEntry("language", List.of("en"));
        assertThat(asset.get("tags")).isEqualTo(List.of("month-end", "finance"));
        assertThat(asset.get("owner")).isEqualTo("maria.marketer");
        assertThat(asset.get("publishDate")).isEqualTo("2026-11-01");
        assertThat(asset.get("reviewBy")).isEqualTo("2027-05-01");
        assertThat(asset.get("expiresOn")).isEqualTo("2027-11-01");
        assertThat(asset.get("internalOnly")).isEqualTo(false);
        assertThat(asset.get("status")).isEqualTo("PUBLISHED");
    }

    @Test
    void facetsTagsAndDatesAreStoredAndCanBeChanged() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Healthcare ROI guide");
        metadata.put("description", "Numbers for the business case");
        metadata.put("contentType", "roi-tool");
        metadata.put("facets", Map.of("buyer_stage", List.of("decision", "consideration", "decision"),
                "persona", List.of("economic-buyer"), "industry", List.of("healthcare")));
        metadata.put("tags", List.of("ROI", " roi ", "Q3 launch"));
        metadata.put("reviewBy", "2027-03-01");
        metadata.put("internalOnly", true);
        Map<String, Object> asset = marketer.created(pdf("roi guide"), "roi.pdf", metadata);

        assertThat(asset.get("contentType")).isEqualTo("roi-tool");
        assertThat(facetsOf(asset.get("facets"))).containsEntry("buyer_stage", List.of("consideration", "decision"))
                .containsEntry("persona", List.of("economic-buyer"))
                .containsEntry("funnel_stage", List.of());
        assertThat(asset.get("tags")).as("duplicates differing only in case and spaces are one tag")
                .isEqualTo(List.of("ROI", "Q3 launch"));
        assertThat(asset.get("reviewBy")).isEqualTo("2027-03-01");
        assertThat(asset.get("internalOnly")).isEqualTo(true);
        assertThat(asset.get("status")).isEqualTo("DRAFT");
        assertThat(asset.get("owner")).isEqualTo("library-marketer");

        String id = (String) asset.get("id");
        Map<String, Object> change = Map.of("facets", Map.of("persona", List.of("champion", "end-user")),
                "tags", List.of("renewal"), "owner", "library-marketer", "expiresOn", "2030-01-01");
        Map<String, Object> changed = marketer.request("PATCH", "/api/v1/assets/" + id, change)
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();

        assertThat(facetsOf(changed.get("facets"))).as("a facet that is given is replaced, the others stay")
                .containsEntry("persona", List.of("champion", "end-user"))
                .containsEntry("buyer_stage", List.of("consideration", "decision"));
        assertThat(changed.get("tags")).isEqualTo(List.of("renewal"));
        assertThat(changed.get("expiresOn")).isEqualTo("2030-01-01");
        assertThat(changed.get("title")).isEqualTo("Healthcare ROI guide");

        marketer.request("PATCH", "/api/v1/assets/" + id, Map.of("title", " "))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("title");
        rep.request("PATCH", "/api/v1/assets/" + id, Map.of("title", "Rep edit")).expectStatus().isForbidden();
    }

    @Test
    void repsSeeOnlyPublishedUnexpiredAssetsAndOwnersSeeWhatExpires() {
        String draft = (String) marketer.created(pdf("draft only"), "draft.pdf", Map.of("title", "Draft only"))
                .get("id");
        String live = (String) marketer.created(pdf("live one"), "live.pdf",
                Map.of("title", "Live one", "status", "published")).get("id");
        String soon = (String) marketer.created(pdf("expires soon"), "soon.pdf", Map.of("title", "Expires soon",
                "status", "published", "expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(10).toString())).get("id");
        String gone = (String) marketer.created(pdf("expired already"), "gone.pdf", Map.of("title",
                "Expired already", "status", "published", "publishDate", LocalDate.now().minusDays(60).toString(),
                "expiresOn", LocalDate.now(ZoneOffset.UTC).toString())).get("id");

        rep.request("GET", "/api/v1/assets/" + draft, null).expectStatus().isNotFound();
        rep.request("GET", "/api/v1/assets/" + gone, null).expectStatus().isNotFound();
        rep.request("GET", "/api/v1/assets/" + gone + "/file", null).expectStatus().isNotFound();
        assertThat(rep.get(live).get("status")).isEqualTo("PUBLISHED");
        assertThat(rep.get(soon).get("expired")).isEqualTo(false);
        rep.request("GET", "/api/v1/assets?size=100", null).expectBody()
                .jsonPath("$.items[?(@.id == '" + live + "')]").exists()
                .jsonPath("$.items[?(@.id == '" + soon + "')]").exists()
                .jsonPath("$.items[?(@.id == '" + draft + "')]").doesNotExist()
                .jsonPath("$.items[?(@.id == '" + gone + "')]").doesNotExist();

        assertThat(marketer.get(gone).get("expired")).isEqualTo(true);
        marketer.request("GET", "/api/v1/assets/expiring?days=30", null).expectStatus().isOk().expectBody()
                .jsonPath("$[*].id").isEqualTo(List.of(gone, soon));
        marketer.request("GET", "/api/v1/assets?mine=true&status=draft&size=100", null).expectBody()
                .jsonPath("$.items[*].id").value(ids -> assertThat(ids.toString()).contains(draft)
                        .doesNotContain(live, soon, gone));

        marketer.request("POST", "/api/v1/assets/" + draft + "/publish", null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PUBLISHED")
                .jsonPath("$.publishDate").isEqualTo(LocalDate.now().toString());
        assertThat(rep.get(draft).get("title")).isEqualTo("Draft only");
    }

    @Test
    void archiveRestoreAndDeleteAreAuditedAndDeleteKeepsFilesOthersUse() throws Exception {
        byte[] bytes = pdf("archive me");
        Map<String, Object> asset = marketer.created(bytes, "archive.pdf",
                Map.of("status", "published", "title", "archive"));
        String id = (String) asset.get("id");

        marketer.request("POST", "/api/v1/assets/" + id + "/archive", null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ARCHIVED");
        rep.request("GET", "/api/v1/assets/" + id, null).expectStatus().isNotFound();
        marketer.request("POST", "/api/v1/assets/" + id + "/archive", null).expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
        marketer.request("POST", "/api/v1/assets/" + id + "/unarchive", null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PUBLISHED");
        assertThat(rep.get(id).get("title")).isEqualTo("archive");

        // a second asset whose version 2 has the same bytes as the first asset's only version
        String other = (String) marketer.created(pdf("other"), "other.pdf", null).get("id");
        marketer.derived(id);
        String sha = sha256(bytes);
        new AssetUploadVersions(http, basic("library-marketer", TestUsers.PASSWORD)).add(other, bytes, "same.pdf")
                .expectStatus().isCreated();
        assertThat(StoredCopies.of(blobs, bytes)).as("identical bytes are stored once").hasSize(1);

        rep.request("DELETE", "/api/v1/assets/" + id, null).expectStatus().isForbidden();
        marketer.request("DELETE", "/api/v1/assets/" + id, null).expectStatus().isNoContent();
        marketer.request("GET", "/api/v1/assets/" + id, null).expectStatus().isNotFound();
        assertThat(StoredCopies.of(blobs, bytes)).as("the other asset still uses the bytes").hasSize(1);
        marketer.request("GET", "/api/v1/assets/" + other + "/file", null).expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(bytes);

        marketer.request("DELETE", "/api/v1/assets/" + other, null).expectStatus().isNoContent();
        assertThat(StoredCopies.of(blobs, bytes)).as("no one uses the bytes any more").isEmpty();
        assertThat(StoredCopies.exists(blobs, BlobKeys.derived(sha, DerivedWork.TEXT))).isFalse();

        http.get().uri("/api/v1/audit").header("Authorization", basic("admin", ADMIN_PASSWORD)).exchange()
                .expectBody()
                .jsonPath("$[?(@.action == 'asset.deleted' && @.target == '" + id + "')].actor")
                .isEqualTo(List.of("library-marketer"))
                .jsonPath("$[?(@.action == 'asset.archived' && @.target == '" + id + "')]").exists()
                .jsonPath("$[?(@.action == 'asset.restored' && @.target == '" + id + "')]").exists();
    }

    @Test
    void marketersDownloadAndRestoreOldVersionsAndRepsAlwaysGetTheLatest() {
        byte[] first = pdf("pricing v1");
        byte[] second = pdf("pricing v2");
        String id = (String) marketer.created(first, "pricing.pdf", Map.of("status", "published")).get("id");
        new AssetUploadVersions(http, basic("library-marketer", TestUsers.PASSWORD)).add(id, second, "pricing-2.pdf")
                .expectStatus().isCreated();

        rep.request("GET", "/api/v1/assets/" + id + "/file", null).expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(second);
        rep.request("GET", "/api/v1/assets/" + id + "/versions/1/file", null).expectStatus().isForbidden();
        marketer.request("GET", "/api/v1/assets/" + id + "/versions/1/file", null).expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(first);
        marketer.request("GET", "/api/v1/assets/" + id + "/versions/9/file", null).expectStatus().isNotFound();

        marketer.request("POST", "/api/v1/assets/" + id + "/versions/1/restore", Map.of("note", "v2 had a typo"))
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/assets/" + id + "/versions/3")
                .expectBody().jsonPath("$.version").isEqualTo(3).jsonPath("$.fileName").isEqualTo("pricing.pdf");
        marketer.request("POST", "/api/v1/assets/" + id + "/versions/3/restore", null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);

        rep.request("GET", "/api/v1/assets/" + id + "/file", null).expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(first);
        marketer.request("GET", "/api/v1/assets/" + id + "/versions", null).expectBody()
                .jsonPath("$[*].version").isEqualTo(List.of(3, 2, 1))
                .jsonPath("$[0].note").isEqualTo("v2 had a typo")
                .jsonPath("$[0].current").isEqualTo(true)
                .jsonPath("$[1].current").isEqualTo(false);
    }

    @Test
    void textDocumentMetadataAndAThumbnailAreMadeInTheBackground() throws Exception {
        byte[] bytes = TestFiles.pdf("Security whitepaper", "Grace Hopper",
                List.of("Our SOC 2 report covers encryption at rest.", "GDPR and data residency.", "SSO setup."));
        String id = (String) marketer.created(bytes, "security.pdf", null).get("id");

        Map<String, Object> asset = marketer.derived(id);

        assertThat(asset.get("extractionStatus")).isEqualTo("DONE");
        assertThat(asset.get("thumbnailStatus")).isEqualTo("DONE");
        assertThat(facetsOf(asset.get("document"))).containsEntry("title", "Security whitepaper")
                .containsEntry("author", "Grace Hopper").containsEntry("pageCount", 3).containsEntry("language", "en");
        String sha = sha256(bytes);
        try (var text = blobs.open(BlobKeys.derived(sha, DerivedWork.TEXT))) {
            assertThat(new String(text.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("SOC 2 report", "GDPR and data residency");
        }
        byte[] png = marketer.request("GET", "/api/v1/assets/" + id + "/thumbnail", null).expectStatus().isOk()
                .expectHeader().contentType("image/png")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isPositive();

        byte[] slides = TestFiles.pptx("Platform deck", "Deck Author", List.of("Why Northwind", "Pricing"));
        String deck = (String) marketer.created(slides, "deck.pptx", null).get("id");
        Map<String, Object> deckAsset = marketer.derived(deck);
        assertThat(deckAsset.get("thumbnailStatus")).isEqualTo("DONE");
        assertThat(facetsOf(deckAsset.get("document"))).containsEntry("pageCount", 2);
    }

    @Test
    void aFileThatExplodesItsParserIsKeptWithTextUnavailableAndTheNextFileParses() throws Exception {
        java.nio.file.Path bomb = java.nio.file.Files.createTempFile("bomb", ".docx");
        TestFiles.zipBombDocx(bomb, 1L << 30);
        String id = (String) marketer.created(java.nio.file.Files.readAllBytes(bomb), "bomb.docx",
                Map.of("title", "Zip bomb", "status", "published")).get("id");
        java.nio.file.Files.delete(bomb);
        String next = (String) marketer.created(pdf("after the bomb"), "after.pdf", null).get("id");

        Map<String, Object> exploded = marketer.derived(id);
        assertThat(exploded.get("extractionStatus")).isEqualTo("FAILED");
        assertThat((String) exploded.get("extractionReason")).isEqualTo("ran out of memory (the parser may use 512m)");
        assertThat(rep.get(id).get("title")).as("still stored and findable by its metadata").isEqualTo("Zip bomb");
        assertThat(marketer.derived(next).get("extractionStatus")).isEqualTo("DONE");
    }

    @Test
    void servedFilesAreNamedSafelyAndCannotRunScripts() {
        String name = "Prix \u00e9t\u00e9 \ud83d\ude80 \"final\".pdf";
        String id = (String) marketer.created(pdf("headers"), name, Map.of("status", "published")).get("id");

        rep.request("GET", "/api/v1/assets/" + id + "/file", null).expectStatus().isOk()
                .expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"Prix _t_ _ _final_.pdf\"; "
                        + "filename*=UTF-8''Prix%20%C3%A9t%C3%A9%20%F0%9F%9A%80%20%22final%22.pdf")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Content-Security-Policy", FileResponses.FILE_POLICY)
                .expectHeader().contentType("application/pdf");
        rep.request("GET", "/api/v1/assets/" + id + "/file?disposition=inline", null).expectStatus().isOk()
                .expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("inline;"));

        byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>").getBytes();
        String svgId = (String) marketer.created(svg, "logo.svg", Map.of("status", "published")).get("id");
        rep.request("GET", "/api/v1/assets/" + svgId + "/file?disposition=inline", null).expectStatus().isOk()
                .expectHeader().contentType("application/octet-stream")
                .expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("attachment;"))
                .expectHeader().value("Content-Security-Policy", v -> assertThat(v).contains("sandbox")
                        .contains("default-src 'none'"));
    }

    @Test
    void everyViewPreviewAndDownloadIsCountedOncePerIdempotencyKey() {
        String id = (String) marketer.created(pdf("usage"), "usage.pdf", Map.of("status", "published")).get("id");

        for (int i = 0; i < 2; i++) {
            http.get().uri("/api/v1/assets/" + id + "/file").header("Authorization",
                            basic("library-rep", TestUsers.PASSWORD))
                    .header("Idempotency-Key", "download-1").exchange().expectStatus().isOk();
        }
        rep.request("GET", "/api/v1/assets/" + id + "/file?disposition=inline", null).expectStatus().isOk();
        rep.request("POST", "/api/v1/assets/" + id + "/usage", Map.of("action", "view", "idempotencyKey", "v-1"))
                .expectStatus().isCreated().expectBody().jsonPath("$.recorded").isEqualTo(true);
        rep.request("POST", "/api/v1/assets/" + id + "/usage", Map.of("action", "view", "idempotencyKey", "v-1"))
                .expectStatus().isOk().expectBody().jsonPath("$.recorded").isEqualTo(false);
        marketer.request("POST", "/api/v1/assets/" + id + "/usage", Map.of("action", "view", "idempotencyKey", "v-1"))
                .expectStatus().isCreated(); // keys belong to the user who sent them
        // an unknown action: AssetApiControllerTest (a slice)

        // the marketer uploaded it: the owner's own view does not count
        rep.request("GET", "/api/v1/assets/" + id + "/usage", null).expectStatus().isOk().expectBody()
                .jsonPath("$.downloads").isEqualTo(1)
                .jsonPath("$.previews").isEqualTo(1)
                .jsonPath("$.views").isEqualTo(1)
                .jsonPath("$.people").isEqualTo(1);
    }

    @Test
    void anOwnersOwnViewsNeverCountAsUse() {
        String id = (String) marketer.created(pdf("owner views"), "owner-views.pdf", Map.of("status", "published"))
                .get("id");
        for (int i = 0; i < 5; i++) {
            marketer.request("POST", "/api/v1/assets/" + id + "/usage", Map.of("action", "view")).expectStatus()
                    .isCreated();
        }
        rep.request("POST", "/api/v1/assets/" + id + "/usage", Map.of("action", "view")).expectStatus().isCreated();

        for (AssetClient reader : List.of(rep, marketer)) {
            reader.request("GET", "/api/v1/assets/" + id + "/usage", null).expectStatus().isOk().expectBody()
                    .jsonPath("$.views").isEqualTo(1)
                    .jsonPath("$.previews").isEqualTo(0)
                    .jsonPath("$.downloads").isEqualTo(0)
                    .jsonPath("$.people").isEqualTo(1);
        }
    }

    @Test
    void facetValuesComeInTheTaxonomysOrderAndPeopleByTheirUserNames() {
        users.user("library-owner", "MARKETER");
        // expansion comes after onboarding in the taxonomy, before it in the alphabet
        Map<String, Object> asset = marketer.created(pdf("ordered values"), "ordered.pdf", Map.of(
                "title", "Ordered values", "owner", "library-owner",
                "facets", Map.of("buyer_stage", List.of("expansion", "onboarding", "awareness"))));
        String id = (String) asset.get("id");

        assertThat(facetsOf(asset.get("facets"))).containsEntry("buyer_stage",
                List.of("awareness", "onboarding", "expansion"));
        assertThat(asset.get("owner")).isEqualTo("library-owner");
        assertThat(facetsOf(marketer.get(id).get("facets"))).containsEntry("buyer_stage",
                List.of("awareness", "onboarding", "expansion"));
        marketer.request("GET", "/api/v1/assets?mine=false&size=100", null).expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].owner").isEqualTo(List.of("library-owner"));
        marketer.request("GET", "/api/v1/assets/" + id + "/versions", null).expectBody()
                .jsonPath("$[0].createdBy").isEqualTo("library-marketer");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facetsOf(Object json) {
        return (Map<String, Object>) json;
    }

    @Test
    void aScriptUploadsAFileAsTheRequestBodyWithItsNameAndMetadataInTheQuery() {
        byte[] bytes = pdf("raw body upload");
        String metadata = java.net.URLEncoder.encode("{\"title\":\"Raw upload\",\"contentType\":\"one-pager\"}",
                java.nio.charset.StandardCharsets.UTF_8);
        http.post().uri(java.net.URI.create(baseUrl() + "/api/v1/assets?fileName=raw%20one-pager.pdf&metadata="
                        + metadata))
                .header("Authorization", basic("library-marketer", TestUsers.PASSWORD))
                .contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM).bodyValue(bytes)
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.title").isEqualTo("Raw upload")
                .jsonPath("$.contentType").isEqualTo("one-pager")
                .jsonPath("$.fileName").isEqualTo("raw one-pager.pdf")
                .jsonPath("$.size").isEqualTo(bytes.length);

        byte[] html = "<html><body><script>alert(1)</script></body></html>".getBytes();
        http.post().uri("/api/v1/assets?fileName=report.pdf")
                .header("Authorization", basic("library-marketer", TestUsers.PASSWORD))
                .contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM).bodyValue(html)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(StoredCopies.of(blobs, html)).as("refused bytes are not kept").isEmpty();
        // a body without its fileName: AssetApiControllerTest (a slice)
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
