package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostileFilePagesTest {

    private static final long MIB = 1024 * 1024;

    private final PageRenderer renderer = new PageRenderer(PageSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void aZipBombDocxIsRefusedBeforePoiParsesItEvenWithPoisGuardSwitchedOff() throws Exception {
        byte[] docx = Documents.docx(document -> Documents.text(document, "Harmless looking"));
        Path bomb = bomb(dir.resolve("bomb.docx"), docx, "word/document.xml", "</w:body>", 512 * MIB);
        assertThat(Files.size(bomb)).isLessThan(2 * MIB);

        assertRefusedWithLittleMemory(bomb, Documents.DOCX, PageRenderException.Reason.ZIP_BOMB);
    }

    @Test
    void aZipBombPptxIsRefusedBeforePoiParsesItEvenWithPoisGuardSwitchedOff() throws Exception {
        Path bomb = Samples.zipBombPptx(
                dir.resolve("bomb.pptx"), Samples.pptx(new Color[] {Color.RED}, null, null), 512 * MIB);

        assertRefusedWithLittleMemory(bomb, Samples.PPTX, PageRenderException.Reason.ZIP_BOMB);
    }

    @Test
    void aDocxWhoseXmlInflatesPastTheLimitIsRefusedAsTooLarge() throws Exception {
        Path docx = Files.write(dir.resolve("big.docx"), Documents.docx(document -> {
            Random random = new Random(3);
            for (int i = 0; i < 200; i++) {
                byte[] noise = new byte[3000];
                random.nextBytes(noise);
                Documents.text(document, java.util.Base64.getEncoder().encodeToString(noise));
            }
        }));
        PageRenderer small = new PageRenderer(PageSettings.defaults().withMaxXmlBytes(256 * 1024));

        assertFailure(small, docx, Documents.DOCX, PageRenderException.Reason.TOO_LARGE);
        PageRenderer larger = new PageRenderer(
                PageSettings.defaults().withMaxXmlBytes(4 * MIB).withMaxPages(2).withWidth(200));
        assertThat(larger.render(docx, Documents.DOCX, (n, p) -> {}).rendered()).as("under a larger limit")
                .isEqualTo(2);
    }

    @Test
    void aPdfOfThousandsOfPagesGetsOnlyTheFirstPagesUpToTheLimit() throws Exception {
        Path pdf = dir.resolve("many.pdf");
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < 5000; i++) {
                document.addPage(new PDPage(PDRectangle.A6));
            }
            document.save(pdf.toFile());
        }
        PageRenderer limited = new PageRenderer(PageSettings.defaults().withMaxPages(4).withWidth(200));
        Documents.Collected pages = new Documents.Collected();

        PageRenderer.Result result = limited.render(pdf, Samples.PDF, pages);

        assertThat(result).isEqualTo(new PageRenderer.Result(4, 5000));
        assertThat(result.truncated()).isTrue();
        assertThat(pages.numbers).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aDeckOfManySlidesGetsOnlyTheFirstSlidesUpToTheLimit() throws Exception {
        Color[] colors = new Color[60];
        Arrays.fill(colors, Color.BLUE);
        Path pptx = Files.write(dir.resolve("long-deck.pptx"), Samples.pptx(colors, null, null));
        PageRenderer limited = new PageRenderer(PageSettings.defaults().withMaxPages(3).withWidth(200));
        Documents.Collected pages = new Documents.Collected();

        assertThat(limited.render(pptx, Samples.PPTX, pages)).isEqualTo(new PageRenderer.Result(3, 60));
        assertThat(pages.numbers).containsExactly(1, 2, 3);
    }

    @Test
    void aDocxOfAHugeNumberOfPagesIsLaidOutOnlyAsFarAsThePageLimit() throws Exception {
        // 20,000 page breaks: a small file, 20,000 pages in Word
        Path docx = Files.write(dir.resolve("breaks.docx"), Documents.docx(document -> {
            for (int i = 0; i < 20_000; i++) {
                Documents.text(document, "Page " + i);
                Documents.pageBreak(document);
            }
        }));
        PageRenderer limited = new PageRenderer(PageSettings.defaults().withMaxPages(5).withWidth(200));
        Documents.Collected pages = new Documents.Collected();

        PageRenderer.Result result = limited.render(docx, Documents.DOCX, pages);

        assertThat(result.rendered()).isEqualTo(5);
        assertThat(result.total()).as("the total is not known: layout stopped").isEqualTo(-1);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void aParagraphOfMillionsOfCharactersWithoutASpaceIsCutAtThePageLimit() throws Exception {
        StringBuilder word = new StringBuilder();
        Random random = new Random(5);
        for (int i = 0; i < 1_000_000; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        Path docx = Files.write(dir.resolve("one-word.docx"), Documents.docx(document ->
                Documents.text(document, word.toString())));
        PageRenderer limited = new PageRenderer(PageSettings.defaults().withMaxPages(3).withWidth(200));
        Documents.Collected pages = new Documents.Collected();

        PageRenderer.Result result = limited.render(docx, Documents.DOCX, pages);

        assertThat(result.rendered()).isEqualTo(3);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void aGiantPictureInADocxIsLeftOutWithoutBeingDecoded() throws Exception {
        // 12000 x 12000 RGB is 144 million pixels, 432 MB decoded
        byte[] bomb = Samples.pngDeclaring(12_000, 12_000);
        Path docx = Files.write(dir.resolve("picture-bomb.docx"), Documents.docx(document -> {
            Documents.text(document, "Before the picture");
            Documents.picture(document, bomb, 300, 300);
            Documents.text(document, "After the picture");
        }));
        PageRenderer narrow = new PageRenderer(PageSettings.defaults().withWidth(400));
        narrow.render(Files.write(dir.resolve("warm-up.docx"), Documents.docx(d -> Documents.text(d, "warm"))),
                Documents.DOCX, (n, p) -> {});
        Documents.Collected pages = new Documents.Collected();

        long allocated = Samples.bytesAllocatedBy(() -> narrow.render(docx, Documents.DOCX, pages));

        assertThat(allocated).as("bytes allocated while laying out and drawing").isLessThan(128 * MIB);
        assertThat(pages.pages).hasSize(1);
        assertThat(Samples.count(pages.image(0), Samples::dark)).as("the text is drawn").isPositive();
    }

    @Test
    void aGiantPictureOnASlideIsLeftOutAndTheRestOfTheSlideDrawn() throws Exception {
        byte[] bomb = Samples.pngDeclaring(12_000, 12_000);
        Path pptx = Files.write(
                dir.resolve("picture-bomb.pptx"),
                Samples.pptx(new Color[] {Color.RED}, bomb, new Rectangle2D.Double(450, 300, 240, 180)));
        PageRenderer narrow = new PageRenderer(PageSettings.defaults().withWidth(480));
        Documents.Collected pages = new Documents.Collected();
        AtomicReference<PageRenderer.Result> result = new AtomicReference<>();

        long allocated = Samples.bytesAllocatedBy(() -> result.set(narrow.render(pptx, Samples.PPTX, pages)));

        assertThat(allocated).isLessThan(128 * MIB);
        assertThat(result.get().rendered()).isEqualTo(1);
        assertThat(Samples.count(pages.image(0), Samples::reddish)).isPositive();
        assertThat(Samples.count(pages.image(0), 304, 204, 456, 316, Samples::light)).isEqualTo(152 * 112);
    }

    @Test
    void aDocxThatNeedsAPasswordFailsAsEncrypted() throws Exception {
        byte[] docx = Documents.docx(document -> Documents.text(document, "Secret"));
        Path encrypted = Files.write(dir.resolve("secret.docx"), Samples.encryptedOoxml(docx, "secret"));

        assertFailure(renderer, encrypted, Documents.DOCX, PageRenderException.Reason.ENCRYPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {Samples.PDF, Samples.PPTX, Samples.PPT, Documents.DOCX})
    void randomBytesLabelledAsASupportedTypeFailAsCorrupt(String mediaType) throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Path file = Files.write(dir.resolve("garbage"), garbage);

        assertFailure(renderer, file, mediaType, PageRenderException.Reason.CORRUPT);
    }

    @Test
    void aFileOverTheSizeLimitIsNotOpened() throws Exception {
        Path pptx = Files.write(dir.resolve("deck.pptx"), Samples.pptx(new Color[] {Color.RED}, null, null));
        PageRenderer small = new PageRenderer(PageSettings.defaults().withMaxFileBytes(Files.size(pptx) - 1));

        assertFailure(small, pptx, Samples.PPTX, PageRenderException.Reason.TOO_LARGE);
    }

    @Test
    void everyReasonExplainsItselfToPeople() {
        for (PageRenderException.Reason reason : PageRenderException.Reason.values()) {
            assertThat(reason.explanation()).matches("[a-z][a-z ,]+[a-z]");
        }
    }

    private void assertRefusedWithLittleMemory(Path bomb, String mediaType, PageRenderException.Reason reason)
            throws Exception {
        double ratio = ZipSecureFile.getMinInflateRatio();
        long entrySize = ZipSecureFile.getMaxEntrySize();
        AtomicReference<PageRenderException> failure = new AtomicReference<>();
        long allocated;
        try {
            // what loading Tika's parsers does to the whole JVM
            ZipSecureFile.setMinInflateRatio(0);
            ZipSecureFile.setMaxEntrySize(0xFFFFFFFFL);
            allocated = Samples.bytesAllocatedBy(() -> {
                try {
                    renderer.render(bomb, mediaType, (n, p) -> {});
                } catch (PageRenderException e) {
                    failure.set(e);
                }
            });
        } finally {
            ZipSecureFile.setMinInflateRatio(ratio);
            ZipSecureFile.setMaxEntrySize(entrySize);
        }
        assertThat(failure.get()).isNotNull();
        assertThat(failure.get().reason()).as(failure.get().getMessage()).isEqualTo(reason);
        assertThat(allocated).as("bytes allocated").isLessThan(64 * MIB);
    }

    private static void assertFailure(PageRenderer renderer, Path file, String mediaType,
            PageRenderException.Reason reason) {
        assertThatThrownBy(() -> renderer.render(file, mediaType, (n, p) -> {}))
                .asInstanceOf(type(PageRenderException.class))
                .satisfies(e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason))
                .satisfies(e -> assertThat(e.getMessage()).startsWith(reason + ": "));
    }

    /** Copies the package with {@code bombBytes} of XML comment inserted before {@code closing} in {@code part}. */
    private static Path bomb(Path file, byte[] ooxml, String part, String closing, long bombBytes)
            throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(ooxml));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(part)) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int end = xml.lastIndexOf(closing);
                    out.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
                    out.write("<!--".getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[1 << 20];
                    Arrays.fill(chunk, (byte) 'A');
                    for (long written = 0; written < bombBytes; written += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, bombBytes - written));
                    }
                    out.write("-->".getBytes(StandardCharsets.US_ASCII));
                    out.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
        }
        return file;
    }
}
