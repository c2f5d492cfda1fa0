package dev.baton.indexer.preview;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.poi.sl.draw.BitmapImageRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the bitmaps on a slide the way {@link Thumbnailer} reads images: dimensions first, refused over the pixel
 * limit, decoded with subsampling. POI's own {@link BitmapImageRenderer} decodes every picture at full size, so a
 * small PPTX holding a PNG that declares 20000x20000 pixels would allocate gigabytes.
 *
 * <p>A picture over the limit, or one that cannot be decoded, is left out of the thumbnail (logged, not thrown) and
 * the rest of the slide is drawn. SVG pictures are refused with an exception (a thumbnail never renders user SVG):
 * POI logs it and draws the bitmap fallback PowerPoint stores next to an SVG picture instead.
 */
final class BoundedSlideImageRenderer extends BitmapImageRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedSlideImageRenderer.class);
    private static final Set<String> BITMAP_FORMATS = Set.of("png", "jpeg", "gif", "bmp");
    private static final String SVG = "image/svg+xml";

    private final long maxPixels;
    private final int side;

    BoundedSlideImageRenderer(long maxPixels, int side) {
        this.maxPixels = maxPixels;
        this.side = side;
    }

    @Override
    public boolean canRender(String contentType) {
        return SVG.equalsIgnoreCase(contentType) || super.canRender(contentType);
    }

    @Override
    public void loadImage(InputStream data, String contentType) throws IOException {
        img = null;
        refuseSvg(contentType);
        try (ImageInputStream in = new MemoryCacheImageInputStream(data)) {
            img = read(in);
        }
    }

    @Override
    public void loadImage(byte[] data, String contentType) throws IOException {
        img = null;
        if (data == null) {
            return;
        }
        loadImage(new ByteArrayInputStream(data), contentType);
    }

    /** Empty for a picture left out: POI's texture fills then use a transparent paint instead of failing. */
    @Override
    public Rectangle2D getNativeBounds() {
        return img == null ? new Rectangle2D.Double() : super.getNativeBounds();
    }

    private static void refuseSvg(String contentType) throws IOException {
        if (SVG.equalsIgnoreCase(contentType)) {
            throw new IIOException("SVG pictures are not rendered in thumbnails");
        }
    }

    /** The picture, or null (POI then draws nothing in its place) when it is not drawn in thumbnails. */
    private BufferedImage read(ImageInputStream in) {
        ImageReader reader = BoundedImages.jdkReader(ImageIO.getImageReaders(in)).orElse(null);
        if (reader == null) {
            LOG.debug("A picture on the slide is left out of the thumbnail: no bitmap decoder for it");
            return null;
        }
        try {
            if (!BITMAP_FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                LOG.debug("A {} picture on the slide is left out of the thumbnail", reader.getFormatName());
                return null;
            }
            in.seek(0);
            return argb(BoundedImages.decode(reader, in, maxPixels, side).image());
        } catch (ThumbnailException | IOException | RuntimeException e) {
            LOG.info("A picture on the slide is left out of the thumbnail: {}", e.toString());
            return null;
        } finally {
            reader.dispose();
        }
    }

    /** POI's alpha handling ({@link #setAlpha(double)}) expects four bands, as its own renderer delivers. */
    private static BufferedImage argb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB) {
            return image;
        }
        BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return argb;
    }
}
