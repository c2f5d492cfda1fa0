package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DOCX's thumbnail is its first page as the page images show it: its words and pictures, not a blank card (Word
 * files had no thumbnail at all, so every document in the results was an empty square).
 */
class DocxThumbnailTest {

    private final Thumbnailer thumbnailer = new Thumbnailer(ThumbnailSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void theFirstPageOfADocumentShowsItsTextAndPictures() throws Exception {
        byte[] docx = Documents.docx(document -> {
            Documents.heading(document, "Quarterly business review");
            for (int i = 0; i < 12; i++) {
                Documents.text(document, "Northwind cut onboarding time in half; the rollout reached every region.");
            }
            Documents.picture(document, Documents.png(200, 100, Color.BLUE), 300, 150);
        });
        Path file = Files.write(dir.resolve("review.docx"), docx);

        assertThat(thumbnailer.supports(Documents.DOCX)).isTrue();
        Thumbnail thumbnail = thumbnailer.thumbnail(file, Documents.DOCX).orElseThrow();

        assertThat(thumbnail.mediaType()).isEqualTo("image/png");
        assertThat(thumbnail.height()).as("a portrait page: its height is the thumbnail size").isEqualTo(480);
        assertThat(thumbnail.width()).isLessThan(480);
        BufferedImage image = Samples.decode(thumbnail);
        int pixels = image.getWidth() * image.getHeight();
        // small text is drawn anti-aliased: some pixels black, many grey
        assertThat(Samples.count(image, Samples::dark)).as("dark pixels (the text)").isGreaterThan(100);
        assertThat(Samples.count(image, argb -> !Samples.light(argb) && !Samples.bluish(argb)))
                .as("inked pixels outside the picture (the text)")
                .isGreaterThan(pixels / 100);
        assertThat(Samples.count(image, Samples::bluish)).as("the picture's pixels").isGreaterThan(pixels / 100);
        assertThat(Samples.count(image, Samples::light)).as("paper around the text").isGreaterThan(pixels / 2);
    }

    @Test
    void onlyTheFirstPageIsDrawn() throws Exception {
        byte[] docx = Documents.docx(document -> {
            Documents.text(document, "First page");
            Documents.pageBreak(document);
            Documents.picture(document, Documents.png(200, 200, Color.RED), 400, 400);
        });
        Path file = Files.write(dir.resolve("two.docx"), docx);

        BufferedImage image = Samples.decode(thumbnailer.thumbnail(file, Documents.DOCX).orElseThrow());

        assertThat(Samples.count(image, Samples::dark)).isPositive();
        assertThat(Samples.count(image, Samples::reddish)).isZero();
    }

    @Test
    void aDocumentThatIsNotAZipIsRefusedAsCorrupt() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.docx"), "not a Word document at all");

        assertThatThrownBy(() -> thumbnailer.thumbnail(file, Documents.DOCX))
                .isInstanceOf(ThumbnailException.class)
                .extracting(e -> ((ThumbnailException) e).reason())
                .isEqualTo(ThumbnailException.Reason.CORRUPT);
    }
}
