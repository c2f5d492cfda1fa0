package dev.baton.webapp.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Renders the judged set's text sources as the PDF, Word and PowerPoint files a marketer would upload, with PDFBox and
 * POI (as the demo library does). A source is plain text: {@code # title}, a lead paragraph, {@code ## heading}s
 * that start sections (a slide each in a deck), and paragraphs separated by blank lines; a {@code - } line is a bullet.
 */
final class JudgedFiles {

    private static final String AUTHOR = "Kestrel marketing";

    record Section(String heading, List<String> paragraphs) {}

    record Source(String title, String lead, List<Section> sections) {}

    private JudgedFiles() {}

    /** The file for a source named like {@code guide.pdf.txt}: its bytes in the format before {@code .txt}. */
    static byte[] render(String sourceName, String text) {
        Source source = parse(text);
        if (sourceName.endsWith(".pdf.txt")) {
            return pdf(source);
        } else if (sourceName.endsWith(".docx.txt")) {
            return docx(source);
        } else if (sourceName.endsWith(".pptx.txt")) {
            return pptx(source);
        }
        throw new IllegalArgumentException("not a source to render: " + sourceName);
    }

    static boolean isSource(String name) {
        return name.endsWith(".pdf.txt") || name.endsWith(".docx.txt") || name.endsWith(".pptx.txt");
    }

    static Source parse(String text) {
        String title = null;
        String lead = null;
        List<Section> sections = new ArrayList<>();
        List<String> paragraphs = null;
        StringBuilder paragraph = new StringBuilder();
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.add("");
        for (String line : lines) {
            boolean ends = line.isBlank() || line.startsWith("## ") || line.startsWith("- ");
            if (ends && !paragraph.isEmpty()) {
                if (paragraphs == null && lead == null) {
                    lead = paragraph.toString();
                } else if (paragraphs != null) {
                    paragraphs.add(paragraph.toString());
                }
                paragraph.setLength(0);
            }
            if (line.startsWith("# ")) {
                title = line.substring(2).strip();
            } else if (line.startsWith("## ")) {
                paragraphs = new ArrayList<>();
                sections.add(new Section(line.substring(3).strip(), paragraphs));
            } else if (!line.isBlank()) {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
            }
        }
        if (title == null || lead == null) {
            throw new IllegalArgumentException("a source needs a '# title' line and a lead paragraph");
        }
        return new Source(title, lead, sections);
    }

    private static byte[] pdf(Source source) {
        try (PDDocument pdf = new PDDocument()) {
            PdfPages pages = new PdfPages(pdf);
            pages.text(source.title(), 20, true);
            pages.text(source.lead(), 12, false);
            for (Section section : source.sections()) {
                pages.text(section.heading(), 14, true);
                for (String paragraph : section.paragraphs()) {
                    pages.text(paragraph, 11, false);
                }
            }
            pages.close();
            pdf.getDocumentInformation().setTitle(source.title());
            pdf.getDocumentInformation().setAuthor(AUTHOR);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays paragraphs out on US Letter pages, wrapping words at the margin and starting pages as they fill. */
    private static final class PdfPages {
        private static final float MARGIN = 60;
        private final PDDocument pdf;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream content;
        private float y;

        PdfPages(PDDocument pdf) {
            this.pdf = pdf;
        }

        void text(String text, float size, boolean strong) throws IOException {
            PDType1Font font = strong ? bold : regular;
            float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    line(line.toString(), font, size);
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            line(line.toString(), font, size);
            y -= size * 0.6f;
        }

        private void line(String text, PDType1Font font, float size) throws IOException {
            if (content == null || y < MARGIN + size) {
                close();
                PDPage page = new PDPage(PDRectangle.LETTER);
                pdf.addPage(page);
                content = new PDPageContentStream(pdf, page);
                y = PDRectangle.LETTER.getHeight() - MARGIN;
            }
            y -= size * 1.35f;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN, y);
            content.showText(text);
            content.endText();
        }

        void close() throws IOException {
            if (content != null) {
                content.close();
                content = null;
            }
        }
    }

    private static byte[] docx(Source source) {
        try (XWPFDocument word = new XWPFDocument()) {
            run(word, source.title(), 22, true);
            run(word, source.lead(), 12, false).setItalic(true);
            for (Section section : source.sections()) {
                run(word, section.heading(), 15, true);
                section.paragraphs().forEach(paragraph -> run(word, paragraph, 11, false));
            }
            word.getProperties().getCoreProperties().setTitle(source.title());
            word.getProperties().getCoreProperties().setCreator(AUTHOR);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            word.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XWPFRun run(XWPFDocument word, String text, int size, boolean bold) {
        XWPFRun run = word.createParagraph().createRun();
        run.setText(text);
        run.setFontSize(size);
        run.setBold(bold);
        return run;
    }

    private static byte[] pptx(Source source) {
        try (XMLSlideShow deck = new XMLSlideShow()) {
            XSLFSlideMaster master = deck.getSlideMasters().get(0);
            XSLFSlide cover = deck.createSlide(master.getLayout(SlideLayout.TITLE));
            cover.getPlaceholder(0).setText(source.title());
            cover.getPlaceholder(1).setText(source.lead());
            for (Section section : source.sections()) {
                XSLFSlide slide = deck.createSlide(master.getLayout(SlideLayout.TITLE_AND_CONTENT));
                slide.getPlaceholder(0).setText(section.heading());
                XSLFTextShape body = slide.getPlaceholder(1);
                body.clearText();
                section.paragraphs().forEach(text -> body.addNewTextParagraph().addNewTextRun().setText(text));
            }
            deck.getProperties().getCoreProperties().setTitle(source.title());
            deck.getProperties().getCoreProperties().setCreator(AUTHOR);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deck.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
