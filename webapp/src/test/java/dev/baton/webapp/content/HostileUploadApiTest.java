package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * Hostile files through the upload API, end to end: stored and neutralised, or refused with a reason, and never able
 * to read a file of the server, reach the network, or run script in a reader's browser.
 */
class HostileUploadApiTest extends BatonTest {

    private static final String SECRET = "TOP-SECRET-" + System.nanoTime();

    @Autowired
    BlobStore blobs;

    private AssetClient marketer;

    @BeforeEach
    void client() {
        users.user("hostile-marketer", "MARKETER");
        marketer = new AssetClient(http, basic("hostile-marketer", TestUsers.PASSWORD));
    }

    private static String doctype(String root) throws Exception {
        Path secret = Files.createTempFile("baton-secret", ".txt");
        Files.writeString(secret, SECRET);
        return "<!DOCTYPE " + root + " [\n  <!ENTITY file SYSTEM \"" + secret.toUri() + "\">\n]>";
    }

    @Test
    void anExternalEntityInAWordDocumentReadsNoFile() throws Exception {
        byte[] docx = TestFiles.handWrittenDocx(doctype("w:document"), "Visible body &file;", "Title &file;");
        String id = (String) marketer.created(docx, "xxe.docx", null).get("id");

        Map<String, Object> asset = marketer.derived(id);

        assertNoSecret(asset, docx);
    }

    @Test
    void anExternalEntityInAPdfXfaFormReadsNoFile() throws Exception {
        String xdp = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype("xdp:xdp") + "\n"
                + "<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"><xfa:datasets "
                + "xmlns:xfa=\"http://www.xfa.org/schema/xfa-data/1.0/\"><xfa:data><form1><secret>&file;</secret>"
                + "</form1></xfa:data></xfa:datasets></xdp:xdp>";
        byte[] pdf = TestFiles.pdfWithXfa("Visible page text", xdp);
        String id = (String) marketer.created(pdf, "xfa.pdf", null).get("id");

        Map<String, Object> asset = marketer.derived(id);

        assertThat(asset.get("extractionStatus")).isEqualTo("DONE");
        assertNoSecret(asset, pdf);
    }

    @Test
    void aPdfThatIsAlsoAWebPageIsRefusedSayingItHoldsTwoFormats() {
        byte[] polyglot = ("%PDF-1.4\n<html><body><script>fetch('/api/v1/me')</script></body></html>\n%%EOF")
                .getBytes(StandardCharsets.UTF_8);

        marketer.upload(polyglot, "report.pdf", Map.of("status", "published"))
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("The file is a PDF document that also contains HTML markup"));
    }

    @Test
    void emojiAndRightToLeftNamesAreKeptReadableAndServedEncoded() {
        Map<String, Object> asset = marketer.created(TestFiles.pdf("Emoji", "A", List.of("Launch")),
                "Launch \ud83d\ude80 \u05e9\u05dc\u05d5\u05dd.pdf", Map.of("status", "published"));

        assertThat(asset.get("fileName")).isEqualTo("Launch \ud83d\ude80 \u05e9\u05dc\u05d5\u05dd.pdf");
        marketer.request("GET", "/api/v1/assets/" + asset.get("id") + "/file", null).expectStatus().isOk()
                .expectHeader().value("Content-Disposition", value -> assertThat(value)
                        .contains("filename=\"Launch _ ____.pdf\"")
                        .contains("filename*=UTF-8''Launch%20%F0%9F%9A%80%20"));
    }

    @Test
    void anEmojiSequenceKeepsItsJoinersWhileBidiControlsGo() {
        String name = "\ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb deck \ud83c\udde9\ud83c\uddea caf\u00e9.pdf";
        Map<String, Object> asset = marketer.created(TestFiles.pdf("ZWJ", "A", List.of("Joined emoji")),
                "\u202e" + name.replace("deck", "de\u2066ck\u2069"), Map.of("status", "published"));

        assertThat(asset.get("fileName")).isEqualTo(name);
        marketer.request("GET", "/api/v1/assets/" + asset.get("id") + "/file", null).expectStatus().isOk()
                .expectHeader().value("Content-Disposition", value -> assertThat(decoded(value)).isEqualTo(name));
    }

    @Test
    void aLongNameIsServedInAtMost255BytesCutBetweenCharactersWithItsExtension() {
        String name = "\u00e9t\u00e9 ".repeat(200) + "\ud83d\ude80".repeat(100) + ".pdf";
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1400);
        Map<String, Object> asset = marketer.created(TestFiles.pdf("Long", "A", List.of("Long name")), name,
                Map.of("status", "published"));

        String stored = (String) asset.get("fileName");
        assertThat(stored.getBytes(StandardCharsets.UTF_8).length).isBetween(240, 255);
        assertThat(stored).startsWith("\u00e9t\u00e9 \u00e9t\u00e9").endsWith(".pdf");
        assertThat(stored.codePoints()).doesNotContain(0xFFFD);
        marketer.request("GET", "/api/v1/assets/" + asset.get("id") + "/file", null).expectStatus().isOk()
                .expectHeader().value("Content-Disposition", value -> assertThat(decoded(value)).isEqualTo(stored));
    }

    @Test
    void theAsciiFallbackNameCannotBeSplitAtASemicolonOrComma() {
        Map<String, Object> asset = marketer.created(TestFiles.pdf("Split", "A", List.of("Split name")),
                "price list; final, v2.pdf", Map.of("status", "published"));

        assertThat(asset.get("fileName")).isEqualTo("price list; final, v2.pdf");
        marketer.request("GET", "/api/v1/assets/" + asset.get("id") + "/file", null).expectStatus().isOk()
                .expectHeader().value("Content-Disposition", value -> {
                    assertThat(value).contains("filename=\"price list_ final_ v2.pdf\"");
                    assertThat(value.split(";")).hasSize(3);
                    assertThat(decoded(value)).isEqualTo("price list; final, v2.pdf");
                });
    }

    /** The exact name a browser takes from {@code filename*=UTF-8''...}. */
    private static String decoded(String disposition) {
        String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + 17);
        return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void assertNoSecret(Map<String, Object> asset, byte[] bytes) throws Exception {
        assertThat(asset.toString()).doesNotContain(SECRET);
        String key = BlobKeys.derived(ContentLibraryApiTest.sha256(bytes), DerivedWork.TEXT);
        if (StoredCopies.exists(blobs, key)) {
            try (var text = blobs.open(key)) {
                assertThat(new String(text.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
            }
        }
    }
}
