package dev.baton.indexer.preview;

import java.util.Arrays;
import java.util.Objects;

/**
 * A preview picture: PNG bytes and their pixel size.
 *
 * @param png the PNG-encoded picture (a copy is kept and handed out)
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record Thumbnail(byte[] png, int width, int height) {

    /** The media type of {@link #png()}. */
    public static final String MEDIA_TYPE = "image/png";

    public Thumbnail {
        Objects.requireNonNull(png, "png");
        if (png.length == 0) {
            throw new IllegalArgumentException("png must not be empty");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be 1 or more, were " + width + "x" + height);
        }
        png = png.clone();
    }

    /** The PNG bytes (a copy). */
    @Override
    public byte[] png() {
        return png.clone();
    }

    /** The media type of the bytes, always {@value #MEDIA_TYPE}. */
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Thumbnail that
                && width == that.width
                && height == that.height
                && Arrays.equals(png, that.png);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(png) + width) + height;
    }

    @Override
    public String toString() {
        return "Thumbnail[" + width + "x" + height + ", " + png.length + " bytes PNG]";
    }
}
