package dev.baton.indexer.preview;

import java.util.Objects;

/**
 * One drawn page: encoded image bytes, their media type and pixel size.
 *
 * @param bytes the encoded image (not copied: the renderer hands each array to its sink once)
 * @param mediaType {@value #JPEG}
 * @param width the width in pixels
 * @param height the height in pixels
 */
public record RenderedPage(byte[] bytes, String mediaType, int width, int height) {

    /** The media type of page images. */
    public static final String JPEG = "image/jpeg";

    public RenderedPage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("bytes must not be empty");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be 1 or more, were " + width + "x" + height);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedPage that && that.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(bytes);
    }

    @Override
    public String toString() {
        return "RenderedPage[" + width + "x" + height + ", " + bytes.length + " bytes " + mediaType + "]";
    }
}
