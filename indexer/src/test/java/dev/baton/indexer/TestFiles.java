package dev.baton.indexer;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDXFAResource;
import org.apache.pdfbox.util.Matrix;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Files for the tests, made on the fly: PDFBox for PDFs, POI for Office files, bytes for the rest. */
public final class TestFiles {

    static final String OOXML_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
    static final String WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private TestFiles() {}

    /** A PDF with one page per text, and a title and author in its document information. */
    public static byte[] pdf(String title, String author, List<String> pageTexts) {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pageTexts) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(50, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor(author);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PDF that is slow to parse yet small and legitimate: {@code pages} pages that all share one content stream of
     * {@code operations} save/transform/restore operations and one word. Each page costs the parser every operation,
     * while the text stays short (no zip-bomb ratio) and the file a few bytes per page.
     */
    public static byte[] slowPdf(int pages, int operations) {
        try (PDDocument document = new PDDocument()) {
            PDPage first = new PDPage();
            document.addPage(first);
            try (PDPageContentStream content = new PDPageContentStream(document, first)) {
                for (int i = 0; i < operations; i++) {
                    content.saveGraphicsState();
                    content.transform(new Matrix(1, 0, 0, 1, 0, 0));
                    content.restoreGraphicsState();
                }
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                content.newLineAtOffset(50, 750);
                content.showText("Page");
                content.endText();
            }
            for (int i = 1; i < pages; i++) {
                PDPage page = new PDPage();
                page.getCOSObject().setItem(COSName.CONTENTS, first.getCOSObject().getItem(COSName.CONTENTS));
                page.setResources(first.getResources());
                document.addPage(page);
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF whose AcroForm carries the given XFA form (an XDP document). */
    public static byte[] pdfWithXfa(String pageText, String xdp) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText(pageText);
                content.endText();
            }
            PDAcroForm form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
            COSStream xfa = document.getDocument().createCOSStream();
            try (OutputStream out = xfa.createOutputStream()) {
                out.write(xdp.getBytes(StandardCharsets.UTF_8));
            }
            form.setXFA(new PDXFAResource(xfa));
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Word document; {@code pages} goes into its extended properties, as Word writes it. */
    public static byte[] docx(String title, String author, int pages, List<String> paragraphs) {
        try (XWPFDocument document = new XWPFDocument()) {
            for (int i = 0; i < paragraphs.size(); i++) {
                XWPFRun run = document.createParagraph().createRun();
                run.setText(paragraphs.get(i));
                if (i < paragraphs.size() - 1) {
                    run.addBreak(BreakType.PAGE);
                }
            }
            document.getProperties().getCoreProperties().setTitle(title);
            document.getProperties().getCoreProperties().setCreator(author);
            document.getProperties().getExtendedProperties().getUnderlyingProperties().setPages(pages);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PowerPoint presentation with one slide per text. */
    public static byte[] pptx(String title, String author, List<String> slideTexts) {
        try (XMLSlideShow show = new XMLSlideShow()) {
            for (String text : slideTexts) {
                XSLFSlide slide = show.createSlide();
                XSLFTextBox box = slide.createTextBox();
                box.setAnchor(new java.awt.Rectangle(50, 50, 600, 100));
                box.setText(text);
            }
            show.getProperties().getCoreProperties().setTitle(title);
            show.getProperties().getCoreProperties().setCreator(author);
            show.getProperties().getExtendedProperties().getUnderlyingProperties().setSlides(slideTexts.size());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xlsx() {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("Pricing").createRow(0).createCell(0).setCellValue("Seats");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xls() {
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            workbook.createSheet("Pricing").createRow(0).createCell(0).setCellValue("Seats");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] ppt() {
        try (HSLFSlideShow show = new HSLFSlideShow()) {
            show.createSlide();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An OLE2 container holding a {@code WordDocument} stream, which is what marks a Word 97-2003 file (POI cannot
     * write a .doc from scratch).
     */
    public static byte[] doc() {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(new byte[4096]), "WordDocument");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenDocument file of the given kind: text, spreadsheet or presentation. */
    public static byte[] odf(String kind) {
        byte[] mimetype = ("application/vnd.oasis.opendocument." + kind).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A ZIP archive with one small text file. */
    public static byte[] zip() {
        return zipOf(Map.of("notes.txt", "Quarterly notes"));
    }

    public static byte[] zipOf(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] image(String format) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] svg() {
        return ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/>"
                + "</svg>");
    }

    /** The first boxes of an MP4 file: {@code ftyp} with brand {@code mp42}, then a {@code free} box. */
    public static byte[] mp4() {
        return bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'm', 'p', '4', '2', 'i', 's',
                'o', 'm', 0, 0, 0, 8, 'f', 'r', 'e', 'e');
    }

    /** The first boxes of a QuickTime movie: {@code ftyp} with brand {@code qt}. */
    public static byte[] quickTime() {
        return bytes(0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'q', 't', ' ', ' ', 0, 0, 2, 0, 'q', 't', ' ', ' ', 0, 0, 0, 8,
                'w', 'i', 'd', 'e');
    }

    /** The EBML header of a WebM file. */
    public static byte[] webm() {
        return bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81,
                0x04, 0x42, 0xF3, 0x81, 0x08, 0x42, 0x82, 0x84, 'w', 'e', 'b', 'm', 0x42, 0x87, 0x81, 0x02, 0x42, 0x85,
                0x81, 0x02);
    }

    /** The start of a Windows program: an MZ header pointing to a PE header. */
    public static byte[] windowsProgram() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    public static byte[] html() {
        return ascii("<!DOCTYPE html>\n<html><head><title>Pricing</title></head><body><p>Hello</p></body></html>");
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a Word document whose {@code word/document.xml} inflates to more than {@code inflatedBytes}: one run of
     * the letter "a", streamed through a {@link ZipOutputStream} at the fastest level (a few MiB on disk).
     */
    public static void zipBombDocx(Path target, long inflatedBytes) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target)))) {
            zip.setLevel(Deflater.BEST_SPEED);
            writeEntry(zip, "[Content_Types].xml", contentTypes());
            writeEntry(zip, "_rels/.rels", packageRelationships());
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(ascii("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<w:document xmlns:w=\"" + WORD_NS + "\"><w:body><w:p><w:r><w:t>"));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            for (long written = 0; written <= inflatedBytes; written += chunk.length) {
                zip.write(chunk);
            }
            zip.write(ascii("</w:t></w:r></w:p></w:body></w:document>"));
            zip.closeEntry();
        }
    }

    /**
     * A minimal Word document written part by part, so that its XML can carry what POI would never write: {@code
     * prolog} goes between the XML declaration and the root element of both {@code word/document.xml} and {@code
     * docProps/core.xml}.
     */
    public static byte[] handWrittenDocx(String prolog, String bodyText, String title) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            writeEntry(zip, "[Content_Types].xml", contentTypes());
            writeEntry(zip, "_rels/.rels", packageRelationships());
            writeEntry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                    + prolog + "\n<w:document xmlns:w=\"" + WORD_NS + "\"><w:body><w:p><w:r><w:t>" + bodyText
                    + "</w:t></w:r></w:p></w:body></w:document>");
            writeEntry(zip, "docProps/core.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                    + prolog + "\n<cp:coreProperties"
                    + " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                    + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + title + "</dc:title>"
                    + "<dc:creator>Hand Writer</dc:creator></cp:coreProperties>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String contentTypes() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"" + OOXML_CONTENT_TYPES_NS + "\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\""
                + "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                + "<Override PartName=\"/docProps/core.xml\""
                + " ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                + "</Types>";
    }

    private static String packageRelationships() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\""
                + "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
                + " Target=\"word/document.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\""
                + "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\""
                + " Target=\"docProps/core.xml\"/>"
                + "</Relationships>";
    }

    private static void writeEntry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
