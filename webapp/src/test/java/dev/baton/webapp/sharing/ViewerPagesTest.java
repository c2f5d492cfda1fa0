package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Decks and documents in the buyer's viewer: their page images, through the link only, with the viewer's headers. */
class ViewerPagesTest extends SharingTest {

    @Test
    void aSharedDeckShowsItsSlidesToTheBuyerThroughTheLinkOnly() {
        String rep = rep("viewer-pages-rep");
        String unique = UUID.randomUUID().toString();
        String deck = (String) assets().created(TestFiles.pptx("Shared slides", "Ann",
                        List.of("Why us " + unique, "Pricing", "Next steps")), "shared-slides.pptx",
                Map.of("title", "Shared slides", "status", "published")).get("id");
        String pdf = publishedPdf("Pages neighbour", "One");
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> assets().request("GET", "/api/v1/assets/" + deck + "/pages", null).expectStatus().isOk()
                        .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody(),
                        pages -> "READY".equals(pages.get("status")));
        String token = token(share(rep, Map.of("assetIds", List.of(deck, pdf))));

        String page = open(token).getResponseBody();
        String key = accessKey(page);
        assertThat(page).contains("Page 1 of 3", "Page 3 of 3", "loading=\"lazy\"",
                        "/s/" + token + "/items/1/pages/2?a=" + key)
                .doesNotContain("being prepared").doesNotContain("share-download");

        EntityExchangeResult<byte[]> slide = get("/s/" + token + "/items/1/pages/2?a=" + key);
        assertThat(slide.getStatus().value()).isEqualTo(200);
        HttpHeaders headers = slide.getResponseHeaders();
        assertThat(headers.getContentType()).hasToString("image/jpeg");
        assertThat(headers.get(HttpHeaders.SET_COOKIE)).isNull();
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.getFirst("X-Robots-Tag")).contains("noindex");
        assertThat(headers.getFirst("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(headers.getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        // a JPEG: its start of image marker
        assertThat(slide.getResponseBody()).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);

        // past the count, no number, the PDF item (no page images), no opening key, another link's key
        assertThat(get("/s/" + token + "/items/1/pages/4?a=" + key).getStatus().value()).isEqualTo(404);
        assertThat(get("/s/" + token + "/items/1/pages/0?a=" + key).getStatus().value()).isEqualTo(404);
        assertThat(get("/s/" + token + "/items/1/pages/two?a=" + key).getStatus().value()).isEqualTo(404);
        assertThat(get("/s/" + token + "/items/2/pages/1?a=" + key).getStatus().value()).isEqualTo(404);
        assertThat(get("/s/" + token + "/items/1/pages/1").getStatus().value()).isEqualTo(403);
        String other = token(share(rep, Map.of("assetIds", List.of(pdf))));
        String otherKey = accessKey(open(other).getResponseBody());
        assertThat(get("/s/" + token + "/items/1/pages/1?a=" + otherKey).getStatus().value()).isEqualTo(403);
        assertThat(get("/s/" + other + "/items/1/pages/1?a=" + otherKey).getStatus().value()).isEqualTo(404);
        assertThat(get("/s/" + other + "/items/2/pages/1?a=" + otherKey).getStatus().value()).isEqualTo(404);
    }

    @Test
    void aLinkPinnedToAnOlderVersionShowsThatVersionsPages() {
        String rep = rep("viewer-pages-pinned-rep");
        String deck = (String) assets().created(TestFiles.pptx("Pinned slides", "Ann",
                        List.of("Old " + UUID.randomUUID(), "Two")), "pinned-slides.pptx",
                Map.of("title", "Pinned slides", "status", "published")).get("id");
        addVersion(deck, TestFiles.pptx("Pinned slides v2", "Ann", List.of("New " + UUID.randomUUID(), "Two",
                "Three", "Four")), "pinned-slides.pptx");
        String pinned = token(share(rep, Map.of("items", List.of(Map.of("assetId", deck, "version", 1)))));
        String latest = token(share(rep, Map.of("assetIds", List.of(deck))));

        String pinnedPage = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> open(pinned).getResponseBody(), p -> p.contains("Page 1 of 2"));
        String latestPage = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> open(latest).getResponseBody(), p -> p.contains("Page 1 of 4"));

        // the pinned link reaches pages 1-2 of version 1 only, never page 4 of the latest
        assertThat(get("/s/" + pinned + "/items/1/pages/2?a=" + accessKey(pinnedPage)).getStatus().value())
                .isEqualTo(200);
        assertThat(get("/s/" + pinned + "/items/1/pages/4?a=" + accessKey(pinnedPage)).getStatus().value())
                .isEqualTo(404);
        assertThat(get("/s/" + latest + "/items/1/pages/4?a=" + accessKey(latestPage)).getStatus().value())
                .isEqualTo(200);
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return http.get().uri(java.net.URI.create(baseUrl() + path)).header("User-Agent", DESKTOP).exchange()
                .expectBody(byte[].class).returnResult();
    }
}
