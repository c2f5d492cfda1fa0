package dev.baton.webapp.demo;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.sl.usermodel.TableCell.BorderEdge;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Renders a {@link Doc} (a title, a lead and sections of paragraphs with an optional table) as a PDF, a Word
 * document or a slide deck. The same content model serves all three so the demo copy is written once.
 */
final class DemoFiles {

    /** A section: a heading, paragraphs (bullets on a slide) and an optional table whose first row is the header. */
    record Section(String heading, List<String> paragraphs, List<List<String>> table) {
        Section(String heading, List<String> paragraphs) {
            this(heading, paragraphs, List.of());
        }
    }

    /**
     * A document: its title, the lead sentence that also serves as the asset's description, its sections, and the
     * language of the few words the renderers add (contents, page numbers).
     */
    record Doc(String title, String lead, List<Section> sections, String language) {
        Doc(String title, String lead, List<Section> sections) {
            this(title, lead, sections, "en");
        }

        Doc in(String otherLanguage) {
            return new Doc(title, lead, sections, otherLanguage);
        }

        /** 0: contents heading, 1: page footer (page, pages), 2: title of a table slide (section heading). */
        String label(int which) {
            return LABELS.getOrDefault(language, LABELS.get("en")).get(which);
        }
    }

    private static final Map<String, List<String>> LABELS = Map.of(
            "en", List.of("In this document", "Page %d of %d", "%s: the numbers"),
            "de", List.of("Inhalt", "Seite %d von %d", "%s in Zahlen"),
            "fr", List.of("Sommaire", "Page %d sur %d", "%s : les chiffres"));

    private static final String VENDOR = "Northwind Analytics";

    private DemoFiles() {
    }

    static byte[] pdf(Doc doc, String author) {
        try (PDDocument pdf = new PDDocument()) {
            PdfWriter writer = new PdfWriter(pdf);
            writer.cover(doc);
            for (Section section : doc.sections()) {
                writer.heading(section.heading());
                for (String paragraph : section.paragraphs()) {
                    writer.paragraph(paragraph);
                }
                if (!section.table().isEmpty()) {
                    writer.table(section.table());
                }
            }
            writer.finish(doc);
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(doc.title());
            info.setAuthor(author);
            info.setSubject(doc.lead());
            info.setCreator(VENDOR);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] docx(Doc doc, String author) {
        try (XWPFDocument word = new XWPFDocument()) {
            addStyle(word, "Title", "title", 0);
            addStyle(word, "Heading1", "heading 1", 1);
            run(word.createParagraph(), "Title", doc.title(), 24, true);
            run(word.createParagraph(), null, doc.lead(), 13, false).setItalic(true);
            for (Section section : doc.sections()) {
                run(word.createParagraph(), "Heading1", section.heading(), 15, true);
                section.paragraphs().forEach(text -> run(word.createParagraph(), null, text, 11, false));
                List<List<String>> rows = section.table();
                if (!rows.isEmpty()) {
                    XWPFTable table = word.createTable(rows.size(), rows.get(0).size());
                    table.setWidth("100%");
                    for (int r = 0; r < rows.size(); r++) {
                        for (int c = 0; c < rows.get(r).size(); c++) {
                            XWPFParagraph cell = table.getRow(r).getCell(c).getParagraphs().get(0);
                            run(cell, null, rows.get(r).get(c), 10, r == 0);
                        }
                    }
                    word.createParagraph();
                }
            }
            var properties = word.getProperties().getCoreProperties();
            properties.setTitle(doc.title());
            properties.setCreator(author);
            properties.setDescription(doc.lead());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            word.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XWPFRun run(XWPFParagraph paragraph, String style, String text, int size, boolean bold) {
        if (style != null) {
            paragraph.setStyle(style);
        }
        XWPFRun run = paragraph.createRun();
        run.setText(text);
        run.setFontSize(size);
        run.setBold(bold);
        return run;
    }

    /** A named paragraph style, so Word shows headings in its navigation pane. */
    private static void addStyle(XWPFDocument word, String id, String name, int outlineLevel) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        style.setType(STStyleType.PARAGRAPH);
        style.addNewName().setVal(name);
        style.addNewQFormat();
        if (outlineLevel > 0) {
            style.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel - 1L));
        }
        word.createStyles().addStyle(new XWPFStyle(style));
    }

    static byte[] pptx(Doc doc, String author) {
        try (XMLSlideShow deck = new XMLSlideShow()) {
            XSLFSlideMaster master = deck.getSlideMasters().get(0);
            XSLFSlide cover = deck.createSlide(master.getLayout(SlideLayout.TITLE));
            cover.getPlaceholder(0).setText(doc.title()).setFontSize(34.0);
            cover.getPlaceholder(1).setText(doc.lead()).setFontSize(18.0);
            for (Section section : doc.sections()) {
                XSLFSlide slide = deck.createSlide(master.getLayout(SlideLayout.TITLE_AND_CONTENT));
                slide.getPlaceholder(0).setText(section.heading()).setFontSize(30.0);
                XSLFTextShape body = slide.getPlaceholder(1);
                body.clearText();
                for (String text : section.paragraphs()) {
                    body.addNewTextParagraph().addNewTextRun().setText(text);
                }
                body.getTextParagraphs().forEach(p -> p.getTextRuns().forEach(r -> r.setFontSize(15.0)));
                if (!section.table().isEmpty()) {
                    XSLFSlide tableSlide = deck.createSlide(master.getLayout(SlideLayout.TITLE_ONLY));
                    String heading = doc.label(2).formatted(section.heading());
                    tableSlide.getPlaceholder(0).setText(heading).setFontSize(28.0);
                    slideTable(tableSlide, section.table());
                }
            }
            deck.getProperties().getCoreProperties().setTitle(doc.title());
            deck.getProperties().getCoreProperties().setCreator(author);
            deck.getProperties().getCoreProperties().setDescription(doc.lead());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deck.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void slideTable(XSLFSlide slide, List<List<String>> rows) {
        XSLFTable table = slide.createTable();
        for (int r = 0; r < rows.size(); r++) {
            XSLFTableRow row = table.addRow();
            for (String text : rows.get(r)) {
                XSLFTableCell cell = row.addCell();
                cell.setText(text).setFontSize(14.0);
                cell.getTextParagraphs().get(0).getTextRuns().get(0).setBold(r == 0);
                if (r == 0) {
                    cell.setFillColor(new Color(222, 232, 245));
                }
                for (BorderEdge edge : BorderEdge.values()) {
                    cell.setBorderColor(edge, Color.GRAY);
                    cell.setBorderWidth(edge, 1.0);
                }
            }
        }
        int columns = rows.get(0).size();
        for (int c = 0; c < columns; c++) {
            table.setColumnWidth(c, 648.0 / columns);
        }
        table.setAnchor(new Rectangle2D.Double(36, 140, 648, 34.0 * rows.size()));
    }

    /** Lays text out top to bottom on Letter pages, starting a new page when the next block does not fit. */
    private static final class PdfWriter {
        private static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private static final float MARGIN = 60;
        private static final float WIDTH = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
        private static final float TOP = PDRectangle.LETTER.getHeight() - MARGIN;

        private final PDDocument pdf;
        private PDPageContentStream content;
        private float y;

        PdfWriter(PDDocument pdf) {
            this.pdf = pdf;
        }

        void cover(Doc doc) throws IOException {
            newPage();
            content.setNonStrokingColor(0.11f, 0.27f, 0.49f);
            content.addRect(0, PDRectangle.LETTER.getHeight() - 150, PDRectangle.LETTER.getWidth(), 150);
            content.fill();
            content.setNonStrokingColor(1f, 1f, 1f);
            text(BOLD, 12, MARGIN, PDRectangle.LETTER.getHeight() - 80, VENDOR.toUpperCase(Locale.ROOT));
            content.setNonStrokingColor(0f, 0f, 0f);
            y = PDRectangle.LETTER.getHeight() - 230;
            lines(BOLD, 26, 32, doc.title());
            y -= 20;
            lines(REGULAR, 14, 20, doc.lead());
            y -= 40;
            lines(BOLD, 11, 16, doc.label(0));
            for (Section section : doc.sections()) {
                lines(REGULAR, 11, 16, "-  " + section.heading());
            }
            newPage();
        }

        void heading(String text) throws IOException {
            if (y - 60 < MARGIN) {
                newPage();
            }
            y -= 10;
            content.setNonStrokingColor(0.11f, 0.27f, 0.49f);
            lines(BOLD, 14, 20, text);
            content.setNonStrokingColor(0f, 0f, 0f);
            y -= 4;
        }

        void paragraph(String text) throws IOException {
            lines(REGULAR, 10.5f, 15, text);
            y -= 8;
        }

        void table(List<List<String>> rows) throws IOException {
            int columns = rows.get(0).size();
            float cellWidth = WIDTH / columns;
            for (int r = 0; r < rows.size(); r++) {
                PDFont font = r == 0 ? BOLD : REGULAR;
                List<List<String>> cells = new ArrayList<>();
                int height = 1;
                for (String text : rows.get(r)) {
                    List<String> wrapped = wrap(text, font, 9.5f, cellWidth - 8);
                    cells.add(wrapped);
                    height = Math.max(height, wrapped.size());
                }
                float rowHeight = height * 12 + 8;
                if (y - rowHeight < MARGIN) {
                    newPage();
                }
                if (r == 0) {
                    content.setNonStrokingColor(0.87f, 0.91f, 0.96f);
                    content.addRect(MARGIN, y - rowHeight, WIDTH, rowHeight);
                    content.fill();
                    content.setNonStrokingColor(0f, 0f, 0f);
                }
                content.setLineWidth(0.6f);
                line(MARGIN, y, MARGIN + WIDTH, y);
                line(MARGIN, y - rowHeight, MARGIN + WIDTH, y - rowHeight);
                for (int c = 0; c <= columns; c++) {
                    line(MARGIN + c * cellWidth, y, MARGIN + c * cellWidth, y - rowHeight);
                }
                for (int c = 0; c < cells.size(); c++) {
                    float lineY = y - 13;
                    for (String lineText : cells.get(c)) {
                        text(font, 9.5f, MARGIN + c * cellWidth + 4, lineY, lineText);
                        lineY -= 12;
                    }
                }
                y -= rowHeight;
            }
            y -= 14;
        }

        /** Closes the last page and stamps every page with a footer. */
        void finish(Doc doc) throws IOException {
            content.close();
            int pages = pdf.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(pdf, pdf.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    footer.setNonStrokingColor(0.4f, 0.4f, 0.4f);
                    footer.beginText();
                    footer.setFont(REGULAR, 8);
                    footer.newLineAtOffset(MARGIN, 30);
                    footer.showText(VENDOR + " | " + doc.title() + " | " + doc.label(1).formatted(i + 1, pages));
                    footer.endText();
                }
            }
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.LETTER);
            pdf.addPage(page);
            content = new PDPageContentStream(pdf, page);
            y = TOP;
        }

        private void lines(PDFont font, float size, float leading, String text) throws IOException {
            for (String lineText : wrap(text, font, size, WIDTH)) {
                if (y - leading < MARGIN) {
                    newPage();
                }
                y -= leading;
                text(font, size, MARGIN, y, lineText);
            }
        }

        private void text(PDFont font, float size, float x, float atY, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, atY);
            content.showText(text);
            content.endText();
        }

        private void line(float x1, float y1, float x2, float y2) throws IOException {
            content.moveTo(x1, y1);
            content.lineTo(x2, y2);
            content.stroke();
        }

        private static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            lines.add(current.toString());
            return lines;
        }
    }
}
