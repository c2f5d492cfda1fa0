package dev.baton.indexer.preview;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.RenderDestination;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.sl.draw.Drawable;
import org.apache.poi.sl.usermodel.Slide;
import org.apache.poi.sl.usermodel.SlideShow;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Draws every page of a file as an image for reading on screen, with Java libraries alone: a PDF's pages (PDFBox), a
 * PPTX's or PPT's slides (POI), and a DOCX's pages, which POI cannot draw: {@link DocxLayout} lays the document's
 * content out on PDF pages with PDFBox first (see there for what that approximates), and those pages are drawn like a
 * PDF's. Each page becomes a JPEG {@link PageSettings#width()} pixels wide (a page more than {@link
 * PageSettings#MAX_ASPECT} times as tall as wide is drawn narrower), handed to a {@link PageSink} as soon as it is
 * drawn, so only one page image is held at a time. At most {@link PageSettings#maxPages()} pages are drawn.
 *
 * <p>Every file is treated as hostile, as by the {@link Thumbnailer}:
 *
 * <ul>
 *   <li>files larger than {@link PageSettings#maxFileBytes()} are not opened;
 *   <li>the XML parts of an OOXML file are inflated once, counting, before POI parses them: more than {@link
 *       PageSettings#maxXmlBytes()} in total is refused as too large, and a part that inflates more than a hundred
 *       times is refused as a zip bomb; POI's own zip-bomb guard is set as the thumbnailer sets it, too;
 *   <li>pictures (on slides and in documents) are refused from their header when they declare more than {@link
 *       PageSettings#maxPixels()}, and decoded with subsampling, never at full size; SVG is never drawn;
 *   <li>pages are drawn at a scale computed from their page box, never at a fixed DPI, with PDFBox's image subsampling
 *       on and its scratch memory limited;
 *   <li>the page count is bounded; a DOCX is laid out only as far as the last page drawn;
 *   <li>an {@link OutOfMemoryError} or {@link StackOverflowError} while reading or drawing one file is reported as a
 *       {@link PageRenderException} for that file rather than escaping.
 * </ul>
 *
 * <p>Instances are thread-safe. They have no time limit of their own: run them on a bounded background executor.
 */
public final class PageRenderer {

    static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final Set<String> DOCX = Set.of(
            DOCX_TYPE,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
            "application/vnd.ms-word.document.macroenabled.12",
            "application/vnd.ms-word.template.macroenabled.12");

    /** JPEG quality of page images: text stays crisp, photos stay small. */
    static final float JPEG_QUALITY = 0.88f;

    /** A part smaller than this is never called a zip bomb (as POI's guard, which allows small parts any ratio). */
    private static final long BOMB_GRACE_BYTES = 100 * 1024;

    private final PageSettings settings;

    public PageRenderer(PageSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Thumbnailer.guardZipBombs();
    }

    /** The settings this renderer works with. */
    public PageSettings settings() {
        return settings;
    }

    /** Whether files of {@code mediaType} can be drawn as pages: PDF, PPTX, PPT and DOCX (parameters are ignored). */
    public boolean supports(String mediaType) {
        String type = Thumbnailer.normalise(mediaType);
        return Thumbnailer.PDF.equals(type)
                || Thumbnailer.PPT.equals(type)
                || Thumbnailer.PPTX.contains(type)
                || DOCX.contains(type);
    }

    /** Receives each page image as soon as it is drawn. */
    @FunctionalInterface
    public interface PageSink {

        /**
         * Takes page {@code number} (1-based, in order).
         *
         * @throws IOException when the page could not be kept; the rendering stops and the exception is passed on
         */
        void accept(int number, RenderedPage page) throws IOException;
    }

    /**
     * What was drawn.
     *
     * @param rendered how many pages were drawn (handed to the sink)
     * @param total how many pages the file has, when known; {@code -1} when drawing stopped at the page limit before
     *     the count was known (a DOCX is laid out only as far as needed)
     */
    public record Result(int rendered, int total) {

        /** Whether pages were left out at the page limit. */
        public boolean truncated() {
            return total != rendered;
        }
    }

    /**
     * Draws the pages of {@code file}, read as {@code mediaType} (the type detected from its bytes), handing each to
     * {@code sink}.
     *
     * @throws PageRenderException when the file is of a supported type but its pages could not be drawn: too large,
     *     corrupt, encrypted, a zip bomb, or over a resource limit; {@link PageRenderException#reason()} says which.
     *     Pages drawn before the failure have been handed to the sink
     * @throws IOException only when the sink threw it (an unchecked exception of the sink is passed on too)
     * @throws IllegalArgumentException when the type is not supported ({@link #supports(String)})
     */
    public Result render(Path file, String mediaType, PageSink sink) throws PageRenderException, IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sink, "sink");
        String type = Thumbnailer.normalise(mediaType);
        if (!supports(type)) {
            throw new IllegalArgumentException("files of type " + type + " are not drawn as pages");
        }
        checkFileSize(file);
        Sink guarded = new Sink(sink);
        try {
            if (Thumbnailer.PDF.equals(type)) {
                return pdf(file, guarded);
            }
            if (Thumbnailer.PPTX.contains(type)) {
                checkXml(file);
                return pptx(file, guarded);
            }
            if (Thumbnailer.PPT.equals(type)) {
                return ppt(file, guarded);
            }
            checkXml(file);
            return docx(file, guarded);
        } catch (SinkFailed e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        } catch (PageRenderException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new PageRenderException(
                    PageRenderException.Reason.RESOURCE_LIMIT, "ran out of memory while drawing the pages", e);
        } catch (StackOverflowError e) {
            throw new PageRenderException(
                    PageRenderException.Reason.RESOURCE_LIMIT, "the file nests too deeply to be drawn", e);
        } catch (IOException | RuntimeException e) {
            throw PageRenderException.of(Thumbnailer.classify(e));
        }
    }

    private void checkFileSize(Path file) throws PageRenderException {
        try {
            Thumbnailer.checkFileSize(file, settings.maxFileBytes());
        } catch (ThumbnailException e) {
            throw PageRenderException.of(e);
        }
    }

    /**
     * Inflates the XML parts of an OOXML package, counting, before POI parses them into memory. Not an OOXML zip (an
     * encrypted one is an OLE2 file) passes: POI then says what it is.
     */
    private void checkXml(Path file) throws PageRenderException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (entry.isDirectory() || !(name.endsWith(".xml") || name.endsWith(".rels"))) {
                    continue;
                }
                long compressed = Math.max(1, entry.getCompressedSize());
                if (entry.getSize() > BOMB_GRACE_BYTES
                        && (double) compressed / entry.getSize() < Thumbnailer.MIN_INFLATE_RATIO) {
                    throw bomb(entry);
                }
                long inflated = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        inflated += n;
                        total += n;
                        if (inflated > BOMB_GRACE_BYTES
                                && (double) compressed / inflated < Thumbnailer.MIN_INFLATE_RATIO) {
                            throw bomb(entry);
                        }
                        if (total > settings.maxXmlBytes()) {
                            throw new PageRenderException(
                                    PageRenderException.Reason.TOO_LARGE,
                                    "the file's XML inflates to more than " + settings.maxXmlBytes() + " bytes");
                        }
                    }
                }
            }
        } catch (ZipException e) {
            // not a zip (an encrypted OOXML file is OLE2): POI tells what it is
        } catch (IOException e) {
            throw new PageRenderException(
                    PageRenderException.Reason.CORRUPT, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static PageRenderException bomb(ZipEntry entry) {
        return new PageRenderException(
                PageRenderException.Reason.ZIP_BOMB,
                "the part " + entry.getName() + " inflates more than "
                        + Math.round(1 / Thumbnailer.MIN_INFLATE_RATIO) + " times its compressed size (a zip-bomb)");
    }

    private Result pdf(Path file, Sink sink) throws IOException, PageRenderException {
        MemoryUsageSetting memory = MemoryUsageSetting.setupMixed(
                Thumbnailer.PDF_MAIN_MEMORY_BYTES, Thumbnailer.PDF_MAX_STORAGE_BYTES);
        try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file.toFile());
                PDDocument document = Loader.loadPDF(source, "", null, null, memory.streamCache)) {
            return pages(document, sink);
        }
    }

    /** Draws the pages of a loaded PDF (a file's, or one laid out from a DOCX). */
    private Result pages(PDDocument document, Sink sink) throws IOException, PageRenderException {
        int total = document.getNumberOfPages();
        if (total < 1) {
            throw new PageRenderException(PageRenderException.Reason.CORRUPT, "the PDF has no pages");
        }
        int count = Math.min(total, settings.maxPages());
        PDFRenderer renderer = new PDFRenderer(document);
        renderer.setSubsamplingAllowed(true);
        for (int i = 0; i < count; i++) {
            PDPage page = document.getPage(i);
            PDRectangle box = page.getCropBox();
            double boxWidth = box.getWidth();
            double boxHeight = box.getHeight();
            if (!(boxWidth > 0 && boxHeight > 0 && Double.isFinite(boxWidth) && Double.isFinite(boxHeight))) {
                throw new PageRenderException(
                        PageRenderException.Reason.CORRUPT,
                        "page " + (i + 1) + " has no usable size (" + boxWidth + " x " + boxHeight + " pt)");
            }
            boolean quarterTurn = page.getRotation() == 90 || page.getRotation() == 270;
            double pageWidth = quarterTurn ? boxHeight : boxWidth;
            double pageHeight = quarterTurn ? boxWidth : boxHeight;
            int[] size = settings.size(pageWidth, pageHeight);
            BufferedImage image = whiteCanvas(size[0], size[1]);
            Graphics2D g = image.createGraphics();
            try {
                // PDFBox clears the page area with the background colour first, which is black by default
                g.setBackground(Color.WHITE);
                renderer.renderPageToGraphics(
                        i, g, (float) (size[0] / pageWidth), (float) (size[1] / pageHeight), RenderDestination.VIEW);
            } finally {
                g.dispose();
            }
            sink.accept(i + 1, jpeg(image));
        }
        return new Result(count, total);
    }

    private Result pptx(Path file, Sink sink) throws IOException, PageRenderException {
        Thumbnailer.guardZipBombs();
        OPCPackage pack;
        try {
            pack = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OLE2NotOfficeXmlFileException e) {
            throw notOoxml(file, "presentation", e);
        } catch (InvalidFormatException e) {
            throw new PageRenderException(
                    PageRenderException.Reason.CORRUPT, "not a readable OOXML presentation: " + e.getMessage(), e);
        }
        try {
            // not closed: closing a read-only package is meant for saving, revert() releases it
            @SuppressWarnings("resource")
            XMLSlideShow show = new XMLSlideShow(pack);
            return slides(show, sink);
        } finally {
            pack.revert();
        }
    }

    private Result ppt(Path file, Sink sink) throws IOException, PageRenderException {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true);
                HSLFSlideShow show = new HSLFSlideShow(fs)) {
            return slides(show, sink);
        }
    }

    private Result slides(SlideShow<?, ?> show, Sink sink) throws IOException, PageRenderException {
        List<? extends Slide<?, ?>> slides = show.getSlides();
        if (slides.isEmpty()) {
            throw new PageRenderException(PageRenderException.Reason.CORRUPT, "the presentation has no slides");
        }
        Dimension page = show.getPageSize();
        if (page == null || page.width < 1 || page.height < 1) {
            throw new PageRenderException(
                    PageRenderException.Reason.CORRUPT, "the presentation has no usable slide size (" + page + ")");
        }
        int[] size = settings.size(page.width, page.height);
        int count = Math.min(slides.size(), settings.maxPages());
        for (int i = 0; i < count; i++) {
            BufferedImage image = whiteCanvas(size[0], size[1]);
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(
                        Drawable.IMAGE_RENDERER,
                        new BoundedSlideImageRenderer(settings.maxPixels(), Math.max(1, settings.width() / 2)));
                g.scale((double) size[0] / page.width, (double) size[1] / page.height);
                slides.get(i).draw(g);
            } finally {
                g.dispose();
            }
            sink.accept(i + 1, jpeg(image));
        }
        return new Result(count, slides.size());
    }

    private Result docx(Path file, Sink sink) throws IOException, PageRenderException {
        Thumbnailer.guardZipBombs();
        OPCPackage pack;
        try {
            pack = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OLE2NotOfficeXmlFileException e) {
            throw notOoxml(file, "document", e);
        } catch (InvalidFormatException e) {
            throw new PageRenderException(
                    PageRenderException.Reason.CORRUPT, "not a readable OOXML document: " + e.getMessage(), e);
        }
        try {
            // not closed: closing a read-only package is meant for saving, revert() releases it
            @SuppressWarnings("resource")
            XWPFDocument docx = new XWPFDocument(pack);
            MemoryUsageSetting memory = MemoryUsageSetting.setupMixed(
                    Thumbnailer.PDF_MAIN_MEMORY_BYTES, Thumbnailer.PDF_MAX_STORAGE_BYTES);
            try (PDDocument laidOut = new PDDocument(memory.streamCache)) {
                boolean truncated = new DocxLayout(docx, laidOut, settings).layOut();
                Result drawn = pages(laidOut, sink);
                return truncated ? new Result(drawn.rendered(), -1) : drawn;
            }
        } finally {
            pack.revert();
        }
    }

    private static PageRenderException notOoxml(Path file, String what, Exception e) {
        if (Thumbnailer.encryptedOoxml(file)) {
            return new PageRenderException(
                    PageRenderException.Reason.ENCRYPTED, "the " + what + " is encrypted with a password", e);
        }
        return new PageRenderException(
                PageRenderException.Reason.CORRUPT, "an OLE2 file, not an OOXML " + what, e);
    }

    static BufferedImage whiteCanvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** JPEG-encodes {@code image} with the JDK's encoder at {@link #JPEG_QUALITY}. */
    static RenderedPage jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return new RenderedPage(out.toByteArray(), RenderedPage.JPEG, image.getWidth(), image.getHeight());
    }

    private static ImageWriter jdkJpegWriter() {
        Module jdk = ImageIO.class.getModule();
        ImageWriter found = null;
        var writers = ImageIO.getImageWritersByFormatName("jpeg");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (found == null && writer.getClass().getModule() == jdk) {
                found = writer;
            } else {
                writer.dispose();
            }
        }
        if (found == null) {
            throw new IllegalStateException("this JVM has no JPEG encoder");
        }
        return found;
    }

    /** The caller's sink, its failures kept apart from the file's. */
    private static final class Sink {

        private final PageSink sink;

        Sink(PageSink sink) {
            this.sink = sink;
        }

        void accept(int number, RenderedPage page) {
            try {
                sink.accept(number, page);
            } catch (IOException | RuntimeException e) {
                throw new SinkFailed(e);
            }
        }
    }

    /** The sink failed: not the file's fault, passed on as it was. */
    private static final class SinkFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SinkFailed(Exception cause) {
            super(cause);
        }
    }
}
