package dev.baton.indexer.preview;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Raster image helpers that never decode more pixels than a thumbnail needs: the header's dimensions are read and
 * checked first, then the image is decoded with source subsampling.
 */
final class BoundedImages {

    private BoundedImages() {}

    /**
     * Decodes the first image of {@code in} with {@code reader}, refusing it before decoding when it declares more
     * than {@code maxPixels}, and subsampling so that the decoded image's longest side is below four times
     * {@code side} (at least twice {@code side} when the source is that large, for a smooth final scaling).
     */
    static Decoded decode(ImageReader reader, ImageInputStream in, long maxPixels, int side)
            throws IOException, ThumbnailException {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width < 1 || height < 1) {
            throw new IIOException("the image declares no pixels: " + width + "x" + height);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ThumbnailException(
                    ThumbnailException.Reason.TOO_LARGE,
                    "the image declares " + width + "x" + height + " = " + pixels + " pixels, more than the limit of "
                            + maxPixels);
        }
        int step = Math.max(1, Math.max(width, height) / (2 * side));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        if (image == null) {
            throw new IIOException("the image decoder returned no image");
        }
        return new Decoded(image, width, height);
    }

    /**
     * The first of {@code readers} that comes with the JDK; the others are disposed of. Plugins on the class path
     * (jai-imageio, which Tika brings) register more readers, some for the same formats; the JDK's are the ones whose
     * header-first reading and subsampling this class relies on.
     */
    static Optional<ImageReader> jdkReader(Iterator<ImageReader> readers) {
        Module jdk = ImageIO.class.getModule();
        ImageReader found = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (found == null && reader.getClass().getModule() == jdk) {
                found = reader;
            } else {
                reader.dispose();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The size that fits {@code width x height} into {@code side}: the longest side becomes exactly {@code side}. */
    static int[] fit(double width, double height, int side) {
        if (width >= height) {
            return new int[] {side, (int) Math.max(1, Math.min(side, Math.round(height * side / width)))};
        }
        return new int[] {(int) Math.max(1, Math.min(side, Math.round(width * side / height))), side};
    }

    /** Scales {@code source} to exactly {@code width x height}, halving step by step first for a smooth result. */
    static BufferedImage scale(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h, alpha);
        }
        return draw(current, width, height, alpha);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage target =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.setComposite(AlphaComposite.SrcOver);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** PNG-encodes {@code image}. */
    static Thumbnail png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        if (!ImageIO.write(image, "png", out)) {
            throw new IllegalStateException("this JVM has no PNG encoder");
        }
        return new Thumbnail(out.toByteArray(), image.getWidth(), image.getHeight());
    }

    /**
     * A decoded, possibly subsampled image and the size its header declared.
     *
     * @param image the decoded pixels
     * @param declaredWidth the width of the full image
     * @param declaredHeight the height of the full image
     */
    record Decoded(BufferedImage image, int declaredWidth, int declaredHeight) {}
}
