package dev.baton.indexer.preview;

/**
 * Limits and size of page images (a deck's slides, a document's pages, shown one after another in a viewer).
 *
 * @param width the width of every page image in pixels; a page taller than {@link #MAX_ASPECT} times its width is
 *     drawn narrower, so no image is taller than {@code MAX_ASPECT * width}
 * @param maxPages the most pages drawn per file; the rest are left out (the result says so)
 * @param maxPixels the most pixels (width times height) a picture in the file may declare; a larger one is left out
 *     before any pixel is decoded
 * @param maxFileBytes the largest file the renderer opens at all
 * @param maxXmlBytes the most bytes the XML parts of an Office (OOXML) file may inflate to in total, checked before
 *     POI parses them (POI keeps the parsed XML in memory, several times its size)
 */
public record PageSettings(int width, int maxPages, long maxPixels, long maxFileBytes, long maxXmlBytes) {

    public static final int DEFAULT_WIDTH = 1400;
    public static final int DEFAULT_MAX_PAGES = 300;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final long DEFAULT_MAX_FILE_BYTES = 512L * 1024 * 1024;
    public static final long DEFAULT_MAX_XML_BYTES = 32L * 1024 * 1024;

    /** The widest page image allowed. */
    public static final int MAX_WIDTH = 4096;

    /** The most pages any setting may ask for. */
    public static final int MAX_PAGES_LIMIT = 10_000;

    /** The tallest page relative to its width: taller pages are drawn narrower. */
    public static final int MAX_ASPECT = 4;

    public PageSettings {
        if (width < 16 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("width must be between 16 and " + MAX_WIDTH + " pixels, was " + width);
        }
        if (maxPages < 1 || maxPages > MAX_PAGES_LIMIT) {
            throw new IllegalArgumentException(
                    "maxPages must be between 1 and " + MAX_PAGES_LIMIT + ", was " + maxPages);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be 1 or more, was " + maxPixels);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be 1 or more, was " + maxFileBytes);
        }
        if (maxXmlBytes < 1) {
            throw new IllegalArgumentException("maxXmlBytes must be 1 or more, was " + maxXmlBytes);
        }
    }

    /** 1400 pixels wide, at most 300 pages, pictures up to 50 million pixels, files up to 512 MiB, 32 MiB of XML. */
    public static PageSettings defaults() {
        return new PageSettings(
                DEFAULT_WIDTH, DEFAULT_MAX_PAGES, DEFAULT_MAX_PIXELS, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_XML_BYTES);
    }

    /** These settings with another width. */
    public PageSettings withWidth(int pixels) {
        return new PageSettings(pixels, maxPages, maxPixels, maxFileBytes, maxXmlBytes);
    }

    /** These settings with another page limit. */
    public PageSettings withMaxPages(int pages) {
        return new PageSettings(width, pages, maxPixels, maxFileBytes, maxXmlBytes);
    }

    /** These settings with another file size limit. */
    public PageSettings withMaxFileBytes(long bytes) {
        return new PageSettings(width, maxPages, maxPixels, bytes, maxXmlBytes);
    }

    /** These settings with another limit on inflated XML. */
    public PageSettings withMaxXmlBytes(long bytes) {
        return new PageSettings(width, maxPages, maxPixels, maxFileBytes, bytes);
    }

    /** The pixel size of a page of {@code pageWidth x pageHeight} (any unit): {@link #width()} wide unless too tall. */
    int[] size(double pageWidth, double pageHeight) {
        long height = Math.max(1, Math.round(pageHeight * width / pageWidth));
        if (height <= (long) MAX_ASPECT * width) {
            return new int[] {width, (int) height};
        }
        int tall = MAX_ASPECT * width;
        return new int[] {(int) Math.max(1, Math.round(pageWidth * tall / pageHeight)), tall};
    }
}
