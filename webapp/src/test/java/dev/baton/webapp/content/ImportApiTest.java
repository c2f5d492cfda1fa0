package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Bulk import of a ZIP with a manifest through the API: progress, problems by line, hostile entries, re-runs. */
class ImportApiTest extends BatonTest {

    private AssetClient marketer;
    private String auth;

    @BeforeEach
    void client() {
        users.user("import-marketer", "MARKETER");
        auth = basic("import-marketer", TestUsers.PASSWORD);
        marketer = new AssetClient(http, auth);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anImportBringsInEveryGoodFileReportsBadRowsByLineAndARerunSkipsWhatIsIn() throws Exception {
        byte[] already = TestFiles.pdf("Already", "A", List.of("Already in the library"));
        String existing = (String) marketer.created(already, "already.pdf", null).get("id");
        String manifest = """
                file,title,content_type,buyer_stage,persona,tags,expires_on,status
                decks/platform.pptx,Platform overview,deck,awareness;consideration,champion,launch|q3,,published
                guides/onboarding.docx,Onboarding guide,onboarding-guide,onboarding,end-user,,2031-02-30,draft
                guides/roi.pdf,ROI guide,roi-tool,decision,economic-buyer,,,published
                missing.pdf,Not in the archive,deck,,,,,
                guides/bad-stage.pdf,Bad stage,deck,purchase,,,,
                """;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("manifest.csv", manifest.getBytes(StandardCharsets.UTF_8));
        entries.put("decks/platform.pptx", TestFiles.pptx("Platform", "M", List.of("Why us", "How it works")));
        entries.put("guides/onboarding.docx", TestFiles.docx("Onboarding", "M", 1, List.of("Step one")));
        entries.put("guides/roi.pdf", TestFiles.pdf("ROI", "M", List.of("Return on investment in 6 months")));
        entries.put("guides/bad-stage.pdf", TestFiles.pdf("Bad", "M", List.of("Bad stage row")));
        entries.put("copy/already.pdf", already);
        entries.put("names/\u202Egnp.pdf", TestFiles.pdf("RTL", "M", List.of("Right to left mark")));
        entries.put("names/launch \ud83d\ude80.pdf", TestFiles.pdf("Emoji", "M", List.of("Emoji name")));
        entries.put("../escape.pdf", TestFiles.pdf("Escape", "M", List.of("Path trick")));
        entries.put("names/renamed.pdf", TestFiles.html());
        byte[] zip = zip(entries);

        Map<String, Object> job = startImport(zip, null).expectStatus().isAccepted()
                .expectHeader().value("Location", location -> assertThat(location).startsWith("/api/v1/imports/"))
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        Map<String, Object> done = awaitDone((String) job.get("id"));

        assertThat(done.get("status")).isEqualTo("DONE");
        // each item counted once: the 9 entries but the manifest, and the row whose file the archive lacks
        assertThat(done.get("total")).as("every entry but the manifest, and the row without its file").isEqualTo(10);
        assertThat(done.get("processed")).isEqualTo(10);
        assertThat(done.get("imported")).as("pptx, roi, two odd names").isEqualTo(4);
        assertThat(done.get("skipped")).as("the file already in the library").isEqualTo(1);
        assertThat(done.get("failed")).as("bad date row, missing file row, bad stage row, ../, HTML named .pdf")
                .isEqualTo(5);
        List<?> problems = (List<?>) done.get("problems");
        assertThat(problems).as("one problem per failed item").hasSize(5);
        List<Map<String, Object>> skips = (List<Map<String, Object>>) done.get("skips");
        assertThat(skips).as("the skipped file names the asset that has its bytes").hasSize(1);
        assertThat(skips.getFirst()).containsEntry("file", "copy/already.pdf").containsEntry("assetId", existing)
                .containsEntry("title", marketer.get(existing).get("title"));
        assertThat(problems.toString())
                .contains("line=3", "guides/onboarding.docx", "expires_on")
                .contains("line=5", "missing.pdf", "no such file in the import")
                .contains("line=6", "guides/bad-stage.pdf", "'purchase' is not a value of buyer_stage")
                .contains("escape.pdf")
                .contains("names/renamed.pdf");

        Map<String, Object> deck = findByTitle("Platform overview");
        assertThat(deck.get("status")).isEqualTo("PUBLISHED");
        assertThat(deck.get("contentType")).isEqualTo("deck");
        assertThat(deck.get("tags")).isEqualTo(List.of("launch", "q3"));
        assertThat(facets(deck)).containsEntry("buyer_stage", List.of("awareness", "consideration"));
        Map<String, Object> rtl = findByFileNameEnd("gnp.pdf");
        assertThat((String) rtl.get("fileName")).as("the bidi override is dropped from the shown name")
                .isEqualTo("gnp.pdf");
        assertThat(findByFileNameEnd("launch \ud83d\ude80.pdf")).isNotNull();
        assertThat(marketer.get(existing).get("version")).isEqualTo(1);

        Map<String, Object> again = awaitDone((String) startImport(zip, null).expectStatus().isAccepted()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("id"));
        assertThat(again.get("imported")).as("a re-run brings in nothing twice").isEqualTo(0);
        assertThat(again.get("skipped")).isEqualTo(5);
    }

    @Test
    void theManifestExamplesOfTheApiDocsImportAsTheyStandWithLabelsAndAliasesInAnyCase() throws Exception {
        String docs = Files.readString(Path.of("../docs/api.md"));
        String section = docs.substring(docs.indexOf("### The manifest"));
        String csv = block(section, "```csv\n");
        String json = block(section, "```json\n");
        assertThat(csv).as("the CSV names personas as a spreadsheet does, by alias").contains("Decision", "CFO");

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("manifest.csv", csv.getBytes(StandardCharsets.UTF_8));
        entries.put("decks/pitch.pptx", TestFiles.pptx("Pitch", "M", List.of("Docs example, CSV")));
        entries.put("guides/roi.pdf", TestFiles.pdf("ROI", "M", List.of("Docs example, CSV")));
        Map<String, Object> fromCsv = awaitDone((String) startImport(zip(entries), null).expectStatus().isAccepted()
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("id"));
        assertThat(fromCsv.get("problems")).asList().isEmpty();
        assertThat(fromCsv.get("imported")).isEqualTo(2);

        entries.remove("manifest.csv");
        entries.put("decks/pitch.pptx", TestFiles.pptx("Pitch", "M", List.of("Docs example, JSON")));
        entries.put("guides/roi.pdf", TestFiles.pdf("ROI", "M", List.of("Docs example, JSON")));
        Map<String, Object> fromJson = awaitDone((String) startImport(zip(entries),
                        json.getBytes(StandardCharsets.UTF_8))
                .expectStatus().isAccepted().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody()
                .get("id"));
        assertThat(fromJson.get("problems")).asList().isEmpty();
        assertThat(fromJson.get("imported")).isEqualTo(2);

        List<Map<String, Object>> decks = all().stream().filter(a -> "Pitch deck".equals(a.get("title"))).toList();
        assertThat(decks).hasSize(2).allSatisfy(deck -> assertThat(facets(deck))
                .containsEntry("buyer_stage", List.of("decision"))
                .containsEntry("persona", List.of("economic-buyer", "technical-evaluator")));
        List<Map<String, Object>> guides = all().stream().filter(a -> "ROI guide, 2026".equals(a.get("title")))
                .toList();
        assertThat(guides).hasSize(2)
                .allSatisfy(guide -> assertThat(facets(guide)).containsEntry("persona", List.of("economic-buyer")));
        assertThat(guides).anySatisfy(guide -> assertThat(facets(guide))
                .containsEntry("buyer_stage", List.of("consideration")));
    }

    /** The text of the first fenced block that opens with this fence. */
    private static String block(String markdown, String fence) {
        int start = markdown.indexOf(fence) + fence.length();
        return markdown.substring(start, markdown.indexOf("```", start));
    }

    @Test
    void aSeparateJsonManifestDescribesTheFilesAndAZipBombEntryIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("one.pdf", TestFiles.pdf("One", "M", List.of("JSON manifest file one")));
        entries.put("bomb.txt", new byte[64 << 20]);
        String json = """
                [
                  {"file": "one.pdf", "title": "From JSON", "persona": ["technical-evaluator"],
                   "industry": "healthcare", "internal_only": "yes"}
                ]
                """;
        Map<String, Object> done = awaitDone((String) startImport(zip(entries), json.getBytes(StandardCharsets.UTF_8))
                .expectStatus().isAccepted().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody()
                .get("id"));

        assertThat(done.get("imported")).isEqualTo(1);
        assertThat(done.get("failed")).isEqualTo(1);
        assertThat(done.get("problems").toString()).contains("bomb.txt", "zip bomb");
        Map<String, Object> asset = findByTitle("From JSON");
        assertThat(asset.get("internalOnly")).isEqualTo(true);
        assertThat(facets(asset)).containsEntry("persona", List.of("technical-evaluator"))
                .containsEntry("industry", List.of("healthcare"));
    }

    @Test
    void whatIsNotAReadableZipOrManifestIsRefusedAtOnce() throws Exception {
        startImport(TestFiles.pdf("Not a zip", "M", List.of("x")), null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("ZIP"));
        startImport(zip(Map.of("a.pdf", TestFiles.pdf("A", "M", List.of("a")))),
                "{\"file\": ".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isBadRequest();
        users.user("import-rep", "REP");
        http.get().uri("/api/v1/imports").header("Authorization", basic("import-rep", TestUsers.PASSWORD))
                .exchange().expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec startImport(byte[] zip, byte[] manifest) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", named(zip, "library.zip")).contentType(MediaType.APPLICATION_OCTET_STREAM);
        if (manifest != null) {
            body.part("manifest", named(manifest, manifest[0] == '[' ? "manifest.json" : "manifest.json"))
                    .contentType(MediaType.APPLICATION_OCTET_STREAM);
        }
        return http.post().uri("/api/v1/imports").header("Authorization", auth)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build())).exchange();
    }

    private Map<String, Object> awaitDone(String id) {
        return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> marketer.request("GET", "/api/v1/imports/" + id, null).expectStatus().isOk()
                        .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody(),
                        job -> "DONE".equals(job.get("status")) || "FAILED".equals(job.get("status")));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> all() {
        Map<String, Object> page = marketer.request("GET", "/api/v1/assets?size=100", null)
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    private Map<String, Object> findByTitle(String title) {
        return all().stream().filter(a -> title.equals(a.get("title"))).findFirst().orElseThrow();
    }

    private Map<String, Object> findByFileNameEnd(String end) {
        return all().stream().filter(a -> ((String) a.get("fileName")).endsWith(end)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facets(Map<String, Object> asset) {
        return (Map<String, Object>) asset.get("facets");
    }

    private static ByteArrayResource named(byte[] bytes, String name) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
