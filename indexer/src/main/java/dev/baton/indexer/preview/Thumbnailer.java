package dev.baton.indexer.preview;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.RenderDestination;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.sl.draw.Drawable;
import org.apache.poi.sl.usermodel.Slide;
import org.apache.poi.sl.usermodel.SlideShow;
import org.apache.poi.xslf.usermodel.XMLSlideShow;

/**
 * Makes preview thumbnails with Java libraries alone: the first page of a PDF (PDFBox), the first slide of a PPTX or
 * PPT (POI), and PNG, JPEG and GIF images (ImageIO). The result is a PNG whose longest side is
 * {@link ThumbnailSettings#maxSide()}; pages and slides are drawn at exactly that size whatever their page box, and
 * images larger than it are scaled down to it (smaller images keep their size).
 *
 * <p>Every file is treated as hostile:
 *
 * <ul>
 *   <li>files larger than {@link ThumbnailSettings#maxFileBytes()} are not opened;
 *   <li>images are refused from the dimensions in their header when they declare more than
 *       {@link ThumbnailSettings#maxPixels()}, and decoded with source subsampling (never at full size); the same
 *       applies to the bitmaps on a slide;
 *   <li>a PDF page is drawn at a scale computed from its crop box, never at a fixed DPI, with PDFBox's image
 *       subsampling on and its scratch memory limited;
 *   <li>POI's zip-bomb guard is set explicitly ({@link #MIN_INFLATE_RATIO}, {@link #MAX_ENTRY_SIZE}) when the
 *       thumbnailer is made and again before every OOXML file is opened, because loading Tika's parsers in the same
 *       JVM switches the guard off for the whole JVM;
 *   <li>SVG is never rendered (it may carry scripts and external references), neither as a file nor inside a slide;
 *   <li>an {@link OutOfMemoryError} or {@link StackOverflowError} while reading or drawing one file is reported as a
 *       {@link ThumbnailException} for that file rather than escaping, as a last line behind the limits above.
 * </ul>
 *
 * <p>Instances are thread-safe. They need a headless-capable AWT ({@code java.awt.headless=true} is the caller's
 * choice) and have no time limit of their own: run them on a bounded background executor.
 */
public final class Thumbnailer {

    /**
     * The smallest ratio of compressed to uncompressed size POI accepts for an OOXML part (1:100, POI's default).
     * Real Office parts stay well above it; zip bombs fall far below.
     */
    public static final double MIN_INFLATE_RATIO = 0.01;

    /**
     * The largest uncompressed OOXML part POI will read (100 MiB): enough for a large photo on a slide, far below
     * what would exhaust the heap. POI's default is 4 GiB.
     */
    public static final long MAX_ENTRY_SIZE = 100L * 1024 * 1024;

    /** Main memory PDFBox may use for its stream cache per document before it spills to a temporary file. */
    static final long PDF_MAIN_MEMORY_BYTES = 16L * 1024 * 1024;

    /** Main memory plus temporary file space PDFBox may use for its stream cache per document. */
    static final long PDF_MAX_STORAGE_BYTES = 256L * 1024 * 1024;

    static final String PDF = "application/pdf";
    static final String PPT = "application/vnd.ms-powerpoint";
    static final Set<String> PPTX = Set.of(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
            "application/vnd.openxmlformats-officedocument.presentationml.template",
            "application/vnd.ms-powerpoint.presentation.macroenabled.12",
            "application/vnd.ms-powerpoint.slideshow.macroenabled.12");
    static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif");

    private final ThumbnailSettings settings;

    public Thumbnailer(ThumbnailSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        guardZipBombs();
    }

    /** The settings this thumbnailer works with. */
    public ThumbnailSettings settings() {
        return settings;
    }

    /**
     * Whether files of {@code mediaType} get a thumbnail at all (parameters such as {@code ;charset=} are ignored).
     * SVG does not: it is never rendered in the service.
     */
    public boolean supports(String mediaType) {
        String type = normalise(mediaType);
        return PDF.equals(type)
                || PPT.equals(type)
                || PPTX.contains(type)
                || PageRenderer.DOCX.contains(type)
                || IMAGES.contains(type);
    }

    /**
     * A thumbnail of {@code file}, read as {@code mediaType} (the type detected from its bytes).
     *
     * @return the thumbnail, or empty when files of this type get none ({@link #supports(String)} is false)
     * @throws ThumbnailException when the file is of a supported type but no thumbnail could be made of it: too
     *     large, corrupt, encrypted, a zip bomb, or over a resource limit while drawing; {@link
     *     ThumbnailException#reason()} says which
     */
    public Optional<Thumbnail> thumbnail(Path file, String mediaType) throws ThumbnailException {
        Objects.requireNonNull(file, "file");
        String type = normalise(mediaType);
        if (!supports(type)) {
            return Optional.empty();
        }
        checkFileSize(file);
        try {
            if (PDF.equals(type)) {
                return Optional.of(pdf(file));
            }
            if (PPTX.contains(type)) {
                return Optional.of(pptx(file));
            }
            if (PPT.equals(type)) {
                return Optional.of(ppt(file));
            }
            if (PageRenderer.DOCX.contains(type)) {
                return Optional.of(docx(file, type));
            }
            return Optional.of(image(file, type));
        } catch (ThumbnailException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new ThumbnailException(
                    ThumbnailException.Reason.RESOURCE_LIMIT, "ran out of memory while drawing the thumbnail", e);
        } catch (StackOverflowError e) {
            throw new ThumbnailException(
                    ThumbnailException.Reason.RESOURCE_LIMIT, "the file nests too deeply to be drawn", e);
        } catch (IOException | RuntimeException e) {
            throw classify(e);
        }
    }

    /**
     * Sets POI's JVM-wide zip-bomb guard to at least {@link #MIN_INFLATE_RATIO} and at most {@link #MAX_ENTRY_SIZE}
     * (stricter values set elsewhere are kept). Called when a thumbnailer is made and before each OOXML file is
     * opened, since other code in the JVM (loading Tika's parsers) relaxes the guard.
     */
    static synchronized void guardZipBombs() {
        if (!(ZipSecureFile.getMinInflateRatio() >= MIN_INFLATE_RATIO)) {
            ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        }
        if (ZipSecureFile.getMaxEntrySize() > MAX_ENTRY_SIZE) {
            ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
        }
    }

    private void checkFileSize(Path file) throws ThumbnailException {
        checkFileSize(file, settings.maxFileBytes());
    }

    /** Refuses a file that cannot be read, is empty or has more than {@code maxBytes} bytes, before opening it. */
    static void checkFileSize(Path file, long maxBytes) throws ThumbnailException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ThumbnailException(ThumbnailException.Reason.UNREADABLE, "cannot read " + file.getFileName(), e);
        }
        if (size > maxBytes) {
            throw new ThumbnailException(ThumbnailException.Reason.TOO_LARGE,
                    "the file has " + size + " bytes, more than the limit of " + maxBytes);
        }
        if (size == 0) {
            throw new ThumbnailException(ThumbnailException.Reason.CORRUPT, "the file is empty");
        }
    }

    private Thumbnail pdf(Path file) throws IOException, ThumbnailException {
        MemoryUsageSetting memory = MemoryUsageSetting.setupMixed(PDF_MAIN_MEMORY_BYTES, PDF_MAX_STORAGE_BYTES);
        try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file.toFile());
                PDDocument document = Loader.loadPDF(source, "", null, null, memory.streamCache)) {
            if (document.getNumberOfPages() < 1) {
                throw new ThumbnailException(ThumbnailException.Reason.CORRUPT, "the PDF has no pages");
            }
            PDPage page = document.getPage(0);
            PDRectangle box = page.getCropBox();
            double boxWidth = box.getWidth();
            double boxHeight = box.getHeight();
            if (!(boxWidth > 0 && boxHeight > 0 && Double.isFinite(boxWidth) && Double.isFinite(boxHeight))) {
                throw new ThumbnailException(
                        ThumbnailException.Reason.CORRUPT,
                        "the first page has no usable size (" + boxWidth + " x " + boxHeight + " pt)");
            }
            int rotation = page.getRotation();
            boolean quarterTurn = rotation == 90 || rotation == 270;
            double pageWidth = quarterTurn ? boxHeight : boxWidth;
            double pageHeight = quarterTurn ? boxWidth : boxHeight;
            int[] size = BoundedImages.fit(pageWidth, pageHeight, settings.maxSide());

            PDFRenderer renderer = new PDFRenderer(document);
            renderer.setSubsamplingAllowed(true);
            BufferedImage image = whiteCanvas(size[0], size[1]);
            Graphics2D g = image.createGraphics();
            try {
                // PDFBox clears the page area with the background colour first, which is black by default
                g.setBackground(Color.WHITE);
                renderer.renderPageToGraphics(
                        0,
                        g,
                        (float) (size[0] / pageWidth),
                        (float) (size[1] / pageHeight),
                        RenderDestination.VIEW);
            } finally {
                g.dispose();
            }
            return BoundedImages.png(image);
        }
    }

    private Thumbnail pptx(Path file) throws IOException, ThumbnailException {
        guardZipBombs();
        OPCPackage pack;
        try {
            pack = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OLE2NotOfficeXmlFileException e) {
            if (encryptedOoxml(file)) {
                throw new ThumbnailException(
                        ThumbnailException.Reason.ENCRYPTED, "the presentation is encrypted with a password", e);
            }
            throw new ThumbnailException(
                    ThumbnailException.Reason.CORRUPT, "an OLE2 file, not an OOXML presentation", e);
        } catch (InvalidFormatException e) {
            throw new ThumbnailException(
                    ThumbnailException.Reason.CORRUPT, "not a readable OOXML presentation: " + e.getMessage(), e);
        }
        try {
            // not closed: closing a read-only package is meant for saving, revert() releases it
            @SuppressWarnings("resource")
            XMLSlideShow show = new XMLSlideShow(pack);
            return slide(show);
        } finally {
            pack.revert();
        }
    }

    private Thumbnail ppt(Path file) throws IOException, ThumbnailException {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true);
                HSLFSlideShow show = new HSLFSlideShow(fs)) {
            return slide(show);
        }
    }

    /**
     * The first page of a DOCX. POI cannot draw a document, so the page renderer lays it out with {@link DocxLayout}
     * (text, tables, pictures) and draws its first page, under the renderer's own limits (inflated XML counted before
     * POI parses it, pictures bounded); that page is then scaled to the thumbnail's size.
     */
    private Thumbnail docx(Path file, String type) throws IOException, ThumbnailException {
        PageSettings pages = new PageSettings(
                Math.max(16, settings.maxSide()),
                1,
                settings.maxPixels(),
                settings.maxFileBytes(),
                PageSettings.DEFAULT_MAX_XML_BYTES);
        RenderedPage[] first = new RenderedPage[1];
        try {
            new PageRenderer(pages).render(file, type, (number, page) -> {
                if (number == 1) {
                    first[0] = page;
                }
            });
        } catch (PageRenderException e) {
            throw new ThumbnailException(
                    ThumbnailException.Reason.valueOf(e.reason().name()),
                    e.getMessage().substring(e.reason().name().length() + 2),
                    e.getCause() == null ? e : e.getCause());
        }
        if (first[0] == null) {
            throw new ThumbnailException(ThumbnailException.Reason.CORRUPT, "the document has no pages");
        }
        BufferedImage page = ImageIO.read(new java.io.ByteArrayInputStream(first[0].bytes()));
        if (page == null) {
            throw new IllegalStateException("the first page of the document could not be read back");
        }
        int[] size = BoundedImages.fit(page.getWidth(), page.getHeight(), settings.maxSide());
        BufferedImage scaled = size[0] == page.getWidth() && size[1] == page.getHeight()
                ? page
                : BoundedImages.scale(page, size[0], size[1], false);
        return BoundedImages.png(scaled);
    }

    static boolean encryptedOoxml(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            return fs.getRoot().hasEntry("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Thumbnail slide(SlideShow<?, ?> show) throws IOException, ThumbnailException {
        List<? extends Slide<?, ?>> slides = show.getSlides();
        if (slides.isEmpty()) {
            throw new ThumbnailException(ThumbnailException.Reason.CORRUPT, "the presentation has no slides");
        }
        Dimension page = show.getPageSize();
        if (page == null || page.width < 1 || page.height < 1) {
            throw new ThumbnailException(
                    ThumbnailException.Reason.CORRUPT, "the presentation has no usable slide size (" + page + ")");
        }
        int[] size = BoundedImages.fit(page.width, page.height, settings.maxSide());
        BufferedImage image = whiteCanvas(size[0], size[1]);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(
                    Drawable.IMAGE_RENDERER, new BoundedSlideImageRenderer(settings.maxPixels(), settings.maxSide()));
            g.scale((double) size[0] / page.width, (double) size[1] / page.height);
            slides.get(0).draw(g);
        } finally {
            g.dispose();
        }
        return BoundedImages.png(image);
    }

    private Thumbnail image(Path file, String type) throws IOException, ThumbnailException {
        ImageReader reader = BoundedImages.jdkReader(ImageIO.getImageReadersByMIMEType(type))
                .orElseThrow(() -> new IllegalStateException("this JVM has no ImageIO decoder for " + type));
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            if (!reader.getOriginatingProvider().canDecodeInput(in)) {
                throw new ThumbnailException(ThumbnailException.Reason.CORRUPT, "the bytes are not a " + type);
            }
            BoundedImages.Decoded decoded = BoundedImages.decode(reader, in, settings.maxPixels(), settings.maxSide());
            int width = decoded.declaredWidth();
            int height = decoded.declaredHeight();
            int[] size = Math.max(width, height) <= settings.maxSide()
                    ? new int[] {width, height}
                    : BoundedImages.fit(width, height, settings.maxSide());
            boolean alpha = decoded.image().getColorModel().hasAlpha();
            return BoundedImages.png(BoundedImages.scale(decoded.image(), size[0], size[1], alpha));
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage whiteCanvas(int width, int height) {
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

    static ThumbnailException classify(Exception failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
            if (cause instanceof InvalidPasswordException || cause instanceof EncryptedDocumentException) {
                return new ThumbnailException(
                        ThumbnailException.Reason.ENCRYPTED, "the file is encrypted with a password", failure);
            }
            String message = cause.getMessage();
            if (message != null && message.contains("Zip bomb detected")) {
                return new ThumbnailException(
                        ThumbnailException.Reason.ZIP_BOMB,
                        "a part of the file inflates beyond POI's zip-bomb limits (compressed/inflated ratio at least "
                                + ZipSecureFile.getMinInflateRatio() + ", at most " + ZipSecureFile.getMaxEntrySize()
                                + " bytes per part)",
                        failure);
            }
            if (message != null && message.contains("potentially malicious")) {
                return new ThumbnailException(
                        ThumbnailException.Reason.ZIP_BOMB, "the file holds more parts than POI accepts", failure);
            }
            if (message != null && message.contains("Maximum allowed scratch file memory exceeded")) {
                return new ThumbnailException(
                        ThumbnailException.Reason.RESOURCE_LIMIT,
                        "the PDF needs more than " + PDF_MAX_STORAGE_BYTES + " bytes of scratch space",
                        failure);
            }
        }
        String detail = failure instanceof IIOException || failure.getMessage() == null
                ? failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                : failure.getMessage();
        return new ThumbnailException(ThumbnailException.Reason.CORRUPT, "cannot read the file: " + detail, failure);
    }

    static String normalise(String mediaType) {
        Objects.requireNonNull(mediaType, "mediaType");
        int parameters = mediaType.indexOf(';');
        String type = parameters < 0 ? mediaType : mediaType.substring(0, parameters);
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
