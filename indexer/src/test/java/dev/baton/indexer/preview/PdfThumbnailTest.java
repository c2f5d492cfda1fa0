package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfThumbnailTest {

    private static final long MIB = 1024 * 1024;

    private final Thumbnailer thumbnailer = new Thumbnailer(ThumbnailSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void theFirstPageBecomesAPngWhoseLongestSideIsTheFixedSizeAndShowsTheDrawing() throws Exception {
        // A4 portrait: a black rectangle over the top half (PDF y grows upwards) of a white page
        Path pdf = Samples.pdf(
                dir.resolve("a4.pdf"), PDRectangle.A4, new PDRectangle(0, 421, 595, 421), Color.BLACK);

        Thumbnail thumbnail = thumbnailer.thumbnail(pdf, Samples.PDF).orElseThrow();

        assertThat(thumbnail.height()).isEqualTo(480);
        assertThat(thumbnail.width()).isEqualTo(Math.round(595f * 480 / 842));
        assertThat(thumbnail.mediaType()).isEqualTo("image/png");
        BufferedImage image = Samples.decode(thumbnail);
        int w = image.getWidth();
        int h = image.getHeight();
        assertThat(Samples.count(image, 0, 0, w, h / 2 - 2, Samples::dark))
                .as("dark pixels in the top half")
                .isGreaterThan(w * (h / 2 - 2) * 9 / 10);
        assertThat(Samples.count(image, 0, h / 2 + 2, w, h, Samples::light))
                .as("light pixels in the bottom half")
                .isGreaterThan(w * (h / 2 - 2) * 9 / 10);
    }

    @Test
    void onlyTheFirstPageIsDrawn() throws Exception {
        Path pdf = Samples.pdf(
                dir.resolve("two-pages.pdf"),
                new PDRectangle[] {PDRectangle.LETTER, PDRectangle.LETTER},
                new PDRectangle[] {new PDRectangle(100, 100, 200, 200), new PDRectangle(0, 0, 612, 792)},
                new Color[] {Color.BLACK, Color.RED});

        BufferedImage image = Samples.decode(thumbnailer.thumbnail(pdf, Samples.PDF).orElseThrow());

        assertThat(Samples.count(image, Samples::dark)).isPositive();
        assertThat(Samples.count(image, Samples::reddish)).isZero();
    }

    @Test
    void aPageWithAHugeMediaBoxIsDrawnAtTheFixedSizeQuicklyAndInLittleMemory() throws Exception {
        // 14400 x 14400 pt is the largest page PDF allows: 200 x 200 inches, 830 MB as pixels at 72 dpi
        Path pdf = Samples.pdf(
                dir.resolve("huge.pdf"),
                new PDRectangle(14400, 14400),
                new PDRectangle(0, 0, 7200, 14400),
                Color.BLACK);
        AtomicReference<Thumbnail> result = new AtomicReference<>();

        long started = System.nanoTime();
        long allocated = Samples.bytesAllocatedBy(
                () -> result.set(thumbnailer.thumbnail(pdf, Samples.PDF).orElseThrow()));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.get().width()).isEqualTo(480);
        assertThat(result.get().height()).isEqualTo(480);
        assertThat(allocated).as("bytes allocated while rendering").isLessThan(150 * MIB);
        assertThat(millis).as("milliseconds to render").isLessThan(10_000);
        BufferedImage image = Samples.decode(result.get());
        assertThat(Samples.count(image, 0, 0, 238, 480, Samples::dark)).isEqualTo(238 * 480);
        assertThat(Samples.count(image, 242, 0, 480, 480, Samples::light)).isEqualTo(238 * 480);
    }

    @Test
    void theCropBoxNotTheMediaBoxSetsTheProportions() throws Exception {
        Path pdf = Samples.pdf(
                dir.resolve("cropped.pdf"),
                new PDRectangle(1000, 1000),
                new PDRectangle(0, 0, 1000, 1000),
                Color.BLACK);
        Path cropped = dir.resolve("cropped-wide.pdf");
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            document.getPage(0).setCropBox(new PDRectangle(0, 0, 500, 250));
            document.save(cropped.toFile());
        }

        Thumbnail thumbnail = thumbnailer.thumbnail(cropped, Samples.PDF).orElseThrow();

        assertThat(thumbnail.width()).isEqualTo(480);
        assertThat(thumbnail.height()).isEqualTo(240);
    }

    @Test
    void aRotatedPageIsDrawnUpright() throws Exception {
        // landscape 600 x 300 page, black on its left half, shown turned a quarter clockwise
        Path pdf = Samples.pdf(
                dir.resolve("landscape.pdf"),
                new PDRectangle(600, 300),
                new PDRectangle(0, 0, 300, 300),
                Color.BLACK);
        Path rotated = dir.resolve("rotated.pdf");
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            document.getPage(0).setRotation(90);
            document.save(rotated.toFile());
        }

        Thumbnail thumbnail = thumbnailer.thumbnail(rotated, Samples.PDF).orElseThrow();

        assertThat(thumbnail.width()).isEqualTo(240);
        assertThat(thumbnail.height()).isEqualTo(480);
        BufferedImage image = Samples.decode(thumbnail);
        // turned clockwise, the page's left half ends up on top
        assertThat(Samples.count(image, 0, 0, 240, 238, Samples::dark)).isEqualTo(240 * 238);
        assertThat(Samples.count(image, 0, 242, 240, 480, Samples::light)).isEqualTo(240 * 238);
    }

    @Test
    void aPdfProtectedOnlyByAnOwnerPasswordIsDrawnLikeAnyViewerOpensIt() throws Exception {
        Path pdf = Samples.encryptedPdf(dir.resolve("owner-only.pdf"), "owner-secret", "");

        BufferedImage image = Samples.decode(thumbnailer.thumbnail(pdf, Samples.PDF).orElseThrow());

        assertThat(Samples.count(image, Samples::dark)).isPositive();
        assertThat(Samples.count(image, Samples::light)).isPositive();
    }
}
