package dev.baton.indexer.preview;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.poi.hslf.usermodel.HSLFAutoShape;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.sl.usermodel.ShapeType;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFAutoShape;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;

/** Test inputs, all generated on the fly: no binary fixtures live in the repository. */
final class Samples {

    static final String PDF = "application/pdf";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String PPT = "application/vnd.ms-powerpoint";

    private Samples() {}

    /** A PDF with one page per box; page {@code i} gets a filled rectangle {@code fills[i]} in {@code colors[i]}. */
    static Path pdf(Path file, PDRectangle[] boxes, PDRectangle[] fills, Color[] colors) throws IOException {
        try (PDDocument document = new PDDocument()) {
            addPages(document, boxes, fills, colors);
            document.save(file.toFile());
        }
        return file;
    }

    /** A one-page PDF of size {@code box} with a rectangle {@code fill} in {@code color}. */
    static Path pdf(Path file, PDRectangle box, PDRectangle fill, Color color) throws IOException {
        return pdf(file, new PDRectangle[] {box}, new PDRectangle[] {fill}, new Color[] {color});
    }

    /** A one-page A4 PDF with a black rectangle over the top half, protected by the given passwords. */
    static Path encryptedPdf(Path file, String ownerPassword, String userPassword) throws IOException {
        try (PDDocument document = new PDDocument()) {
            addPages(
                    document,
                    new PDRectangle[] {PDRectangle.A4},
                    new PDRectangle[] {new PDRectangle(0, 421, 595, 421)},
                    new Color[] {Color.BLACK});
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy(ownerPassword, userPassword, new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(file.toFile());
        }
        return file;
    }

    private static void addPages(PDDocument document, PDRectangle[] boxes, PDRectangle[] fills, Color[] colors)
            throws IOException {
        for (int i = 0; i < boxes.length; i++) {
            PDPage page = new PDPage(boxes[i]);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.setNonStrokingColor(colors[i]);
                content.addRect(fills[i].getLowerLeftX(), fills[i].getLowerLeftY(), fills[i].getWidth(), fills[i]
                        .getHeight());
                content.fill();
            }
        }
    }

    /**
     * A PPTX (default 720 x 540 pt slides) whose slide {@code i} has a rectangle at 100,100 of 300 x 200 pt in
     * {@code colors[i]}; with {@code picture} set, the first slide also shows that PNG at {@code pictureAnchor}.
     */
    static byte[] pptx(Color[] colors, byte[] picture, Rectangle2D pictureAnchor) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Color color : colors) {
                XSLFSlide slide = show.createSlide();
                XSLFAutoShape shape = slide.createAutoShape();
                shape.setShapeType(ShapeType.RECT);
                shape.setAnchor(new Rectangle2D.Double(100, 100, 300, 200));
                shape.setFillColor(color);
            }
            if (picture != null) {
                XSLFPictureData data = show.addPicture(picture, PictureData.PictureType.PNG);
                show.getSlides().get(0).createPicture(data).setAnchor(pictureAnchor);
            }
            show.write(out);
            return out.toByteArray();
        }
    }

    /** A PPT (default 720 x 540 pt slides) whose slide {@code i} has a rectangle in {@code colors[i]}. */
    static byte[] ppt(Color... colors) throws IOException {
        try (HSLFSlideShow show = new HSLFSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Color color : colors) {
                HSLFSlide slide = show.createSlide();
                HSLFAutoShape shape = slide.createAutoShape();
                shape.setShapeType(ShapeType.RECT);
                shape.setAnchor(new Rectangle2D.Double(100, 100, 300, 200));
                shape.setFillColor(color);
            }
            show.write(out);
            return out.toByteArray();
        }
    }

    /** {@code pptx} encrypted with a password (agile encryption, as Office writes it): an OLE2 container. */
    static byte[] encryptedOoxml(byte[] pptx, String password) throws IOException, GeneralSecurityException {
        try (POIFSFileSystem fs = new POIFSFileSystem();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword(password);
            try (OutputStream data = encryptor.getDataStream(fs)) {
                data.write(pptx);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    /**
     * Copies the PPTX {@code pptx} into {@code file} streaming, with a comment of {@code bombBytes} letters inserted
     * before the end of its first slide's XML: legal XML that inflates hugely from a small file.
     */
    static Path zipBombPptx(Path file, byte[] pptx, long bombBytes) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pptx));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("ppt/slides/slide1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int end = xml.lastIndexOf("</p:sld>");
                    out.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
                    out.write("<!--".getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[1 << 20];
                    Arrays.fill(chunk, (byte) 'A');
                    for (long written = 0; written < bombBytes; written += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, bombBytes - written));
                    }
                    out.write("-->".getBytes(StandardCharsets.US_ASCII));
                    out.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
        }
        return file;
    }

    /**
     * A PNG whose IHDR declares {@code width x height} RGB pixels followed by a tiny IDAT that holds far fewer: the
     * header is all a careful reader looks at, a careless one allocates the full raster.
     */
    static byte[] pngDeclaring(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed)) {
            deflate.write(new byte[1 + 3 * 16]);
        }
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(typeBytes);
        png.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** An image of {@code width x height} whose left half is {@code left} and right half {@code right}. */
    static BufferedImage halves(int width, int height, int type, Color left, Color right) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(left);
            g.fillRect(0, 0, width / 2, height);
            g.setColor(right);
            g.fillRect(width / 2, 0, width - width / 2, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@code image} encoded as {@code format} ("png", "jpeg", "gif"). */
    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** The thumbnail's PNG decoded, checking that its size is what the thumbnail says. */
    static BufferedImage decode(Thumbnail thumbnail) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.png()));
        if (image == null || image.getWidth() != thumbnail.width() || image.getHeight() != thumbnail.height()) {
            throw new AssertionError("the thumbnail's PNG does not decode to " + thumbnail);
        }
        return image;
    }

    /** How many pixels of {@code image} in the given region have an ARGB value matching {@code test}. */
    static int count(BufferedImage image, int x0, int y0, int x1, int y1, IntPredicate test) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (test.test(image.getRGB(x, y))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** How many pixels of the whole {@code image} match {@code test}. */
    static int count(BufferedImage image, IntPredicate test) {
        return count(image, 0, 0, image.getWidth(), image.getHeight(), test);
    }

    static boolean dark(int argb) {
        return red(argb) < 60 && green(argb) < 60 && blue(argb) < 60;
    }

    static boolean light(int argb) {
        return red(argb) > 200 && green(argb) > 200 && blue(argb) > 200;
    }

    static boolean reddish(int argb) {
        return red(argb) > 180 && green(argb) < 80 && blue(argb) < 80;
    }

    static boolean greenish(int argb) {
        return green(argb) > 150 && red(argb) < 80 && blue(argb) < 80;
    }

    static boolean bluish(int argb) {
        return blue(argb) > 180 && red(argb) < 80 && green(argb) < 80;
    }

    static int alpha(int argb) {
        return (argb >>> 24) & 0xff;
    }

    private static int red(int argb) {
        return (argb >> 16) & 0xff;
    }

    private static int green(int argb) {
        return (argb >> 8) & 0xff;
    }

    private static int blue(int argb) {
        return argb & 0xff;
    }

    /** Runs {@code action} and returns how many bytes the current thread allocated meanwhile. */
    static long bytesAllocatedBy(ThrowingRunnable action) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** An action that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
