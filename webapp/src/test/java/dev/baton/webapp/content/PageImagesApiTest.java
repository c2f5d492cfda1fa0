package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.indexer.TestFiles;
import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStat;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.system.BatonException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Page images of decks and documents through the API: drawn in the background once per version, served as JPEGs to
 * whoever may see the asset, and to the sharing package through {@link PageImages} without access checks.
 */
class PageImagesApiTest extends BatonTest {

    @Autowired
    PageImages pageImages;

    @Autowired
    BlobStore blobs;

    private AssetClient marketer;
    private AssetClient rep;

    @BeforeEach
    void clients() {
        users.user("pages-marketer", "MARKETER");
        users.user("pages-rep", "REP");
        marketer = new AssetClient(http, basic("pages-marketer", TestUsers.PASSWORD));
        rep = new AssetClient(http, basic("pages-rep", TestUsers.PASSWORD));
    }

    /** Waits until the current version's page images are no longer pending, and returns where they stand. */
    private Map<String, Object> pagesOf(AssetClient client, String id) {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.request("GET", "/api/v1/assets/" + id + "/pages", null).expectStatus().isOk()
                        .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody(),
                        pages -> !"PENDING".equals(pages.get("status")));
    }

    private BufferedImage page(AssetClient client, String id, int page) throws Exception {
        byte[] jpeg = client.request("GET", "/api/v1/assets/" + id + "/pages/" + page, null)
                .expectStatus().isOk()
                .expectHeader().contentType("image/jpeg")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("inline;"))
                .expectHeader().value("Content-Length", v -> assertThat(Long.parseLong(v)).isPositive())
                .expectBody(byte[].class).returnResult().getResponseBody();
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    @Test
    void aPublishedDeckAndDocumentAreDrawnAsPagesARepCanRead() throws Exception {
        String unique = UUID.randomUUID().toString();
        String deck = (String) marketer.created(
                TestFiles.pptx("Pages deck", "Ann", List.of("Why us " + unique, "Pricing", "Next steps")),
                "pages-deck.pptx", Map.of("status", "published")).get("id");
        String document = (String) marketer.created(
                TestFiles.docx("Pages brief", "Ann", 2, List.of("First page " + unique, "Second page")),
                "pages-brief.docx", Map.of("status", "published")).get("id");

        Map<String, Object> deckPages = pagesOf(rep, deck);
        assertThat(deckPages).containsEntry("status", "READY").containsEntry("count", 3).containsEntry("version", 1);
        assertThat(deckPages.get("reason")).isNull();
        BufferedImage slide = page(rep, deck, 1);
        assertThat(slide.getWidth()).isEqualTo(1400);
        assertThat(slide.getHeight()).isEqualTo(1050);
        assertThat(page(rep, deck, 3).getWidth()).isEqualTo(1400);

        Map<String, Object> documentPages = pagesOf(rep, document);
        assertThat(documentPages).containsEntry("status", "READY").containsEntry("count", 2);
        BufferedImage a4 = page(rep, document, 2);
        assertThat(a4.getWidth()).isEqualTo(1400);
        assertThat(a4.getHeight()).isEqualTo(1980);

        rep.request("GET", "/api/v1/assets/" + deck + "/pages/4", null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("has no page 4 (it has 3)"));
        rep.request("GET", "/api/v1/assets/" + deck + "/pages/0", null).expectStatus().isNotFound();
        rep.request("GET", "/api/v1/assets/" + deck + "/pages/first", null).expectStatus().isBadRequest();
    }

    @Test
    void aBrowserThatHasAPageIsAnsweredNotModified() {
        String deck = (String) marketer.created(
                TestFiles.pptx("Cached deck", "Ann", List.of("Cached " + UUID.randomUUID())),
                "cached-deck.pptx", Map.of("status", "published")).get("id");
        pagesOf(rep, deck);
        String etag = rep.request("GET", "/api/v1/assets/" + deck + "/pages/1", null).expectStatus().isOk()
                .returnResult(byte[].class).getResponseHeaders().getETag();
        assertThat(etag).isEqualTo("\"v1-p1\"");

        http.get().uri("/api/v1/assets/" + deck + "/pages/1")
                .header("Authorization", basic("pages-rep", TestUsers.PASSWORD))
                .header("If-None-Match", etag)
                .exchange()
                .expectStatus().isNotModified();
    }

    @Test
    void aRepGetsNoPagesOfADraftNorOfAnArchivedDeckWhileMarketersDo() {
        String draft = (String) marketer.created(
                TestFiles.pptx("Draft deck", "Ann", List.of("Draft " + UUID.randomUUID())),
                "draft-deck.pptx", Map.of("internalOnly", true)).get("id");
        assertThat(pagesOf(marketer, draft)).containsEntry("status", "READY").containsEntry("count", 1);
        marketer.request("GET", "/api/v1/assets/" + draft + "/pages/1", null).expectStatus().isOk();

        rep.request("GET", "/api/v1/assets/" + draft + "/pages", null).expectStatus().isNotFound();
        rep.request("GET", "/api/v1/assets/" + draft + "/pages/1", null).expectStatus().isNotFound();

        marketer.request("POST", "/api/v1/assets/" + draft + "/publish", null).expectStatus().isOk();
        rep.request("GET", "/api/v1/assets/" + draft + "/pages/1", null).expectStatus().isOk();
        marketer.request("POST", "/api/v1/assets/" + draft + "/archive", null).expectStatus().isOk();
        rep.request("GET", "/api/v1/assets/" + draft + "/pages/1", null).expectStatus().isNotFound();
    }

    @Test
    void pdfsAndImagesGetNoPageImagesAndADocumentThatCannotBeDrawnSaysWhy() throws Exception {
        String pdf = (String) marketer.created(TestFiles.pdf("A PDF", "Ann", List.of("Page " + UUID.randomUUID())),
                "plain.pdf", Map.of("status", "published")).get("id");
        assertThat(pagesOf(rep, pdf)).containsEntry("status", "NOT_APPLICABLE").containsEntry("count", 0);
        rep.request("GET", "/api/v1/assets/" + pdf + "/pages/1", null).expectStatus().isNotFound();

        Path bomb = Files.createTempFile("pages-bomb", ".docx");
        TestFiles.zipBombDocx(bomb, 64L << 20);
        String exploding = (String) marketer.created(Files.readAllBytes(bomb), "pages-bomb.docx",
                Map.of("status", "published")).get("id");
        Files.delete(bomb);
        Map<String, Object> unavailable = pagesOf(rep, exploding);
        assertThat(unavailable).containsEntry("status", "UNAVAILABLE").containsEntry("count", 0);
        assertThat((String) unavailable.get("reason")).startsWith("The file ");
        rep.request("GET", "/api/v1/assets/" + exploding + "/pages/1", null).expectStatus().isNotFound();
    }

    @Test
    void theSharingApiServesAnyVersionWithoutAccessChecksAndSaysWhenAPageIsMissing() throws Exception {
        String deck = (String) marketer.created(
                TestFiles.pptx("Versioned deck", "Ann", List.of("One " + UUID.randomUUID())),
                "versioned-deck.pptx", null).get("id");
        UUID id = UUID.fromString(deck);
        pagesOf(marketer, deck);
        marketer.request("GET", "/api/v1/assets/" + deck, null).expectStatus().isOk();

        PageImages.Pages pages = pageImages.pages(id, 1).block();
        assertThat(pages).isEqualTo(new PageImages.Pages(PageImages.Status.READY, 1, null));
        PageImages.PageImage image = pageImages.page(id, 1, 1).block();
        assertThat(image.mediaType()).isEqualTo("image/jpeg");
        byte[] bytes = DataBufferUtils.join(image.bytes()).map(buffer -> {
            byte[] all = new byte[buffer.readableByteCount()];
            buffer.read(all);
            DataBufferUtils.release(buffer);
            return all;
        }).block();
        assertThat((long) bytes.length).isEqualTo(image.size());
        assertThat(ImageIO.read(new ByteArrayInputStream(bytes)).getWidth()).isEqualTo(1400);

        assertThatThrownBy(() -> pageImages.page(id, 1, 2).block()).isInstanceOf(BatonException.NotFound.class);
        assertThatThrownBy(() -> pageImages.pages(id, 9).block()).isInstanceOf(BatonException.NotFound.class);
        assertThatThrownBy(() -> pageImages.page(UUID.randomUUID(), 1, 1).block())
                .isInstanceOf(BatonException.NotFound.class);
    }

    @Test
    void aNewVersionGetsItsOwnPagesAndDeletingTheAssetRemovesThem() throws Exception {
        String deck = (String) marketer.created(
                TestFiles.pptx("Two versions", "Ann", List.of("Old " + UUID.randomUUID())),
                "two-versions.pptx", Map.of("status", "published")).get("id");
        pagesOf(rep, deck);
        byte[] second = TestFiles.pptx("Two versions", "Ann", List.of("New " + UUID.randomUUID(), "More"));
        new AssetUploadVersions(http, basic("pages-marketer", TestUsers.PASSWORD))
                .add(deck, second, "two-versions.pptx").expectStatus().isCreated();

        Map<String, Object> current = pagesOf(rep, deck);
        assertThat(current).containsEntry("version", 2).containsEntry("count", 2);
        assertThat(pageImages.pages(UUID.fromString(deck), 1).block().count()).isEqualTo(1);
        List<String> sha256s = marketer.request("GET", "/api/v1/assets/" + deck + "/versions", null)
                .expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult().getResponseBody().stream().map(v -> (String) v.get("sha256")).toList();
        assertThat(pagesStored(sha256s)).hasSize(3);

        marketer.request("DELETE", "/api/v1/assets/" + deck, null).expectStatus().isNoContent();
        assertThat(pagesStored(sha256s)).isEmpty();
    }

    private List<String> pagesStored(List<String> sha256s) {
        return sha256s.stream().flatMap(sha -> {
            try (Stream<BlobStat> listing = blobs.list(PageImages.prefix(sha))) {
                return listing.map(BlobStat::key).toList().stream();
            }
        }).filter(key -> key.startsWith(BlobKeys.DERIVED_PREFIX)).toList();
    }
}
