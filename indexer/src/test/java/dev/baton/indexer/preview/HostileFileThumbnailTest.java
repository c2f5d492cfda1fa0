package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostileFileThumbnailTest {

    private static final long MIB = 1024 * 1024;

    private final Thumbnailer thumbnailer = new Thumbnailer(ThumbnailSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void aPdfOfGarbageAfterItsHeaderFailsAsCorrupt() throws Exception {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        Path pdf = dir.resolve("garbage.pdf");
        Files.write(pdf, "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(pdf, garbage, StandardOpenOption.APPEND);

        assertFailure(pdf, Samples.PDF, ThumbnailException.Reason.CORRUPT);
    }

    @Test
    void htmlLabelledAsAPdfFailsAsCorrupt() throws Exception {
        Path pdf = Files.writeString(dir.resolve("page.pdf"), "<html><script>alert(1)</script></html>");

        assertFailure(pdf, Samples.PDF, ThumbnailException.Reason.CORRUPT);
    }

    @Test
    void aPdfThatNeedsAPasswordFailsAsEncrypted() throws Exception {
        Path pdf = Samples.encryptedPdf(dir.resolve("secret.pdf"), "owner-secret", "user-secret");

        assertFailure(pdf, Samples.PDF, ThumbnailException.Reason.ENCRYPTED);
    }

    @Test
    void aPptxThatNeedsAPasswordFailsAsEncrypted() throws Exception {
        byte[] pptx = Samples.pptx(new Color[] {Color.RED}, null, null);
        Path encrypted = Files.write(dir.resolve("secret.pptx"), Samples.encryptedOoxml(pptx, "secret"));

        assertFailure(encrypted, Samples.PPTX, ThumbnailException.Reason.ENCRYPTED);
    }

    @Test
    void aZipBombPptxIsRefusedByTheZipBombGuardEvenAfterOtherCodeSwitchedItOff() throws Exception {
        // 512 MiB of XML comment in the first slide, under a megabyte on disk
        Path bomb = Samples.zipBombPptx(
                dir.resolve("bomb.pptx"), Samples.pptx(new Color[] {Color.RED}, null, null), 512 * MIB);
        assertThat(Files.size(bomb)).isLessThan(2 * MIB);
        double ratio = ZipSecureFile.getMinInflateRatio();
        long entrySize = ZipSecureFile.getMaxEntrySize();
        AtomicReference<ThumbnailException> failure = new AtomicReference<>();
        long allocated;
        try {
            // what loading Tika's parsers does to the whole JVM
            ZipSecureFile.setMinInflateRatio(0);
            ZipSecureFile.setMaxEntrySize(0xFFFFFFFFL);

            allocated = Samples.bytesAllocatedBy(() -> {
                try {
                    thumbnailer.thumbnail(bomb, Samples.PPTX);
                } catch (ThumbnailException e) {
                    failure.set(e);
                }
            });
        } finally {
            ZipSecureFile.setMinInflateRatio(ratio);
            ZipSecureFile.setMaxEntrySize(entrySize);
        }

        assertThat(failure.get()).isNotNull();
        assertThat(failure.get().reason()).isEqualTo(ThumbnailException.Reason.ZIP_BOMB);
        assertThat(failure.get()).hasMessageContaining("zip-bomb");
        assertThat(allocated).as("bytes allocated").isLessThan(128 * MIB);
    }

    @Test
    void makingAThumbnailerSetsTheZipBombGuardToSafeValues() {
        double ratio = ZipSecureFile.getMinInflateRatio();
        long entrySize = ZipSecureFile.getMaxEntrySize();
        try {
            ZipSecureFile.setMinInflateRatio(0);
            ZipSecureFile.setMaxEntrySize(0xFFFFFFFFL);

            new Thumbnailer(ThumbnailSettings.defaults());

            assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(0.01);
            assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(100L * 1024 * 1024);
        } finally {
            ZipSecureFile.setMinInflateRatio(ratio);
            ZipSecureFile.setMaxEntrySize(entrySize);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                Samples.PDF,
                Samples.PPTX,
                Samples.PPT,
                "image/png",
                "image/jpeg",
                "image/gif"
            })
    void randomBytesLabelledAsASupportedTypeFailAsCorrupt(String mediaType) throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Path file = Files.write(dir.resolve("garbage"), garbage);

        assertFailure(file, mediaType, ThumbnailException.Reason.CORRUPT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                Samples.PDF,
                Samples.PPTX,
                Samples.PPT,
                "image/png",
                "image/jpeg",
                "image/gif"
            })
    void anEmptyFileFailsAsCorrupt(String mediaType) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));

        assertFailure(empty, mediaType, ThumbnailException.Reason.CORRUPT);
    }

    @Test
    void aPngLabelledAsAJpegFailsAsCorrupt() throws Exception {
        Path png = Files.write(
                dir.resolve("photo.jpg"),
                Samples.encode(Samples.halves(10, 10, BufferedImage.TYPE_INT_RGB, Color.RED, Color.RED), "png"));

        assertFailure(png, "image/jpeg", ThumbnailException.Reason.CORRUPT);
    }

    @Test
    void aFileOverTheSizeLimitIsNotOpened() throws Exception {
        Path pdf = Samples.pdf(
                dir.resolve("big.pdf"), PDRectangle.A4, new PDRectangle(0, 0, 100, 100), Color.BLACK);
        Thumbnailer small = new Thumbnailer(new ThumbnailSettings(480, 50_000_000L, Files.size(pdf) - 1));

        assertThatThrownBy(() -> small.thumbnail(pdf, Samples.PDF))
                .asInstanceOf(type(ThumbnailException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(ThumbnailException.Reason.TOO_LARGE));
        assertThat(thumbnailer.thumbnail(pdf, Samples.PDF)).as("under the default limit").isPresent();
    }

    @Test
    void aMissingFileFailsAsUnreadable() {
        assertFailure(dir.resolve("gone.pdf"), Samples.PDF, ThumbnailException.Reason.UNREADABLE);
    }

    private void assertFailure(Path file, String mediaType, ThumbnailException.Reason reason) {
        assertThatThrownBy(() -> thumbnailer.thumbnail(file, mediaType))
                .asInstanceOf(type(ThumbnailException.class))
                .satisfies(e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason))
                .satisfies(e -> assertThat(e.getMessage()).startsWith(reason + ": "));
    }
}
