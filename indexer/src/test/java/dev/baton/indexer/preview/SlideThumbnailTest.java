package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlideThumbnailTest {

    private static final long MIB = 1024 * 1024;

    private final Thumbnailer thumbnailer = new Thumbnailer(ThumbnailSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void theFirstSlideOfAPptxBecomesAThumbnailShowingItsColouredShape() throws Exception {
        Path pptx = Files.write(dir.resolve("deck.pptx"), Samples.pptx(new Color[] {Color.RED}, null, null));

        Thumbnail thumbnail = thumbnailer.thumbnail(pptx, Samples.PPTX).orElseThrow();

        // 720 x 540 pt slides: 4:3
        assertThat(thumbnail.width()).isEqualTo(480);
        assertThat(thumbnail.height()).isEqualTo(360);
        BufferedImage image = Samples.decode(thumbnail);
        // the shape sits at 100,100 of 300 x 200 pt: 66,66 to 266,200 in the thumbnail
        assertThat(Samples.count(image, 70, 70, 262, 196, Samples::reddish)).isEqualTo(192 * 126);
        assertThat(Samples.count(image, 300, 0, 480, 360, Samples::light)).isEqualTo(180 * 360);
    }

    @Test
    void onlyTheFirstSlideIsDrawn() throws Exception {
        Path pptx = Files.write(
                dir.resolve("two-slides.pptx"), Samples.pptx(new Color[] {Color.RED, Color.BLUE}, null, null));

        BufferedImage image = Samples.decode(thumbnailer.thumbnail(pptx, Samples.PPTX).orElseThrow());

        assertThat(Samples.count(image, Samples::reddish)).isPositive();
        assertThat(Samples.count(image, Samples::bluish)).isZero();
    }

    @Test
    void theFirstSlideOfALegacyPptBecomesAThumbnailShowingItsColouredShape() throws Exception {
        Path ppt = Files.write(dir.resolve("deck.ppt"), Samples.ppt(Color.BLUE, Color.RED));

        Thumbnail thumbnail = thumbnailer.thumbnail(ppt, Samples.PPT).orElseThrow();

        assertThat(thumbnail.width()).isEqualTo(480);
        assertThat(thumbnail.height()).isEqualTo(360);
        BufferedImage image = Samples.decode(thumbnail);
        assertThat(Samples.count(image, 70, 70, 262, 196, Samples::bluish)).isEqualTo(192 * 126);
        assertThat(Samples.count(image, Samples::reddish)).isZero();
    }

    @Test
    void aPictureOnTheSlideIsDrawn() throws Exception {
        byte[] green = Samples.encode(
                Samples.halves(400, 300, BufferedImage.TYPE_INT_RGB, Color.GREEN, Color.GREEN), "png");
        Path pptx = Files.write(
                dir.resolve("picture.pptx"),
                Samples.pptx(new Color[] {Color.RED}, green, new Rectangle2D.Double(450, 300, 240, 180)));

        BufferedImage image = Samples.decode(thumbnailer.thumbnail(pptx, Samples.PPTX).orElseThrow());

        // the picture sits at 450,300 of 240 x 180 pt: 300,200 to 460,320 in the thumbnail
        assertThat(Samples.count(image, 304, 204, 456, 316, Samples::greenish)).isEqualTo(152 * 112);
        assertThat(Samples.count(image, Samples::reddish)).isPositive();
    }

    @Test
    void aPictureDeclaringTooManyPixelsIsLeftOutWithoutBeingDecoded() throws Exception {
        // 12000 x 12000 RGB is 144 million pixels, 432 MB decoded (POI's own renderer would then make it ARGB)
        byte[] bomb = Samples.pngDeclaring(12_000, 12_000);
        Path pptx = Files.write(
                dir.resolve("picture-bomb.pptx"),
                Samples.pptx(new Color[] {Color.RED}, bomb, new Rectangle2D.Double(450, 300, 240, 180)));
        thumbnailer.thumbnail(Files.write(dir.resolve("warm-up.pptx"), Samples.pptx(new Color[] {Color.RED}, null, null)), Samples.PPTX);
        AtomicReference<Thumbnail> result = new AtomicReference<>();

        long allocated = Samples.bytesAllocatedBy(
                () -> result.set(thumbnailer.thumbnail(pptx, Samples.PPTX).orElseThrow()));

        assertThat(allocated).as("bytes allocated while drawing the slide").isLessThan(64 * MIB);
        BufferedImage image = Samples.decode(result.get());
        assertThat(Samples.count(image, Samples::reddish)).as("the rest of the slide is drawn").isPositive();
        assertThat(Samples.count(image, 304, 204, 456, 316, Samples::light))
                .as("the picture's place stays empty")
                .isEqualTo(152 * 112);
    }
}
