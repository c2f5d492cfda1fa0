package dev.baton.indexer.preview;

/**
 * Limits and size of preview thumbnails.
 *
 * @param maxSide the longest side of a thumbnail in pixels; pages and slides are always drawn at exactly this size,
 *     raster images are scaled down to it (never up)
 * @param maxPixels the most pixels (width times height) a source image may declare; a larger one is refused before
 *     any pixel is decoded
 * @param maxFileBytes the largest file the thumbnailer opens at all
 */
public record ThumbnailSettings(int maxSide, long maxPixels, long maxFileBytes) {

    public static final int DEFAULT_MAX_SIDE = 480;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final long DEFAULT_MAX_FILE_BYTES = 512L * 1024 * 1024;

    /** The largest {@link #maxSide} allowed: a thumbnail is a small picture, not a rendition. */
    public static final int MAX_SIDE_LIMIT = 4096;

    public ThumbnailSettings {
        if (maxSide < 1 || maxSide > MAX_SIDE_LIMIT) {
            throw new IllegalArgumentException(
                    "maxSide must be between 1 and " + MAX_SIDE_LIMIT + " pixels, was " + maxSide);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be 1 or more, was " + maxPixels);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be 1 or more, was " + maxFileBytes);
        }
    }

    /** 480 pixels on the longest side, source images up to 50 million pixels, files up to 512 MiB. */
    public static ThumbnailSettings defaults() {
        return new ThumbnailSettings(DEFAULT_MAX_SIDE, DEFAULT_MAX_PIXELS, DEFAULT_MAX_FILE_BYTES);
    }
}
