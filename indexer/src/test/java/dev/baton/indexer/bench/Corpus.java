package dev.baton.indexer.bench;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * A fixed corpus of sales collateral, the same on every run (seeded): PDFs made with PDFBox, Word and PowerPoint files
 * made with POI, HTML pages and plain text, each of 1 to 20 pages of English prose, the mix a content library holds.
 */
final class Corpus {

    private static final String[] SUBJECTS = {
        "Our platform", "The onboarding team", "Every account executive", "The revenue operations group",
        "A mid-market customer", "The security review", "Our integration with the CRM", "The pricing model",
        "The analytics dashboard", "Each sales representative", "The implementation partner", "The procurement team",
    };
    private static final String[] VERBS = {
        "shortens", "simplifies", "measures", "improves", "protects", "explains", "accelerates", "reduces",
        "tracks", "supports", "replaces", "connects",
    };
    private static final String[] OBJECTS = {
        "the sales cycle for software companies", "the hand-off between marketing and sales",
        "the time a new hire needs to close a first deal", "the cost of onboarding a regional office",
        "every conversation with a buyer in the decision stage", "the renewal rate of enterprise accounts",
        "the quality of leads passed from inquiry to opportunity", "the risk of sharing outdated collateral",
        "the number of tools a representative has to open", "the forecast accuracy of the quarter",
        "the evidence a champion needs to convince the committee", "the onboarding of customers in healthcare",
    };
    private static final String[] TAILS = {
        "within the first ninety days.", "according to the latest customer survey.", "without extra headcount.",
        "across every region we serve.", "as the case study in the appendix shows.", "for teams of any size.",
        "while keeping data in the customer's own cloud.", "in a way that finance teams can audit.",
    };

    /** A kind of file in the corpus and how many of it. */
    enum Kind {
        PDF("pdf", 24),
        DOCX("docx", 12),
        PPTX("pptx", 12),
        HTML("html", 6),
        TEXT("txt", 6);

        final String extension;
        final int count;

        Kind(String extension, int count) {
            this.extension = extension;
            this.count = count;
        }
    }

    private Corpus() {}

    /** Writes the corpus into {@code dir} and returns the files, kinds interleaved. */
    static List<Path> write(Path dir) throws IOException {
        Random random = new Random(20261123L);
        List<List<Path>> byKind = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < kind.count; i++) {
                // 1..20 pages, spread evenly so every kind has short and long files
                int pages = 1 + (i * 19) / Math.max(1, kind.count - 1);
                String title = title(random, i);
                Path file = dir.resolve(String.format("%s-%02d.%s", kind.extension, i, kind.extension));
                byte[] bytes = switch (kind) {
                    case PDF -> pdf(random, title, pages);
                    case DOCX -> docx(random, title, pages);
                    case PPTX -> pptx(random, title, pages);
                    case HTML -> html(random, title, pages);
                    case TEXT -> text(random, title, pages);
                };
                Files.write(file, bytes);
                files.add(file);
            }
            byKind.add(files);
        }
        List<Path> all = new ArrayList<>();
        for (int i = 0; all.size() < byKind.stream().mapToInt(List::size).sum(); i++) {
            for (List<Path> files : byKind) {
                if (i < files.size()) {
                    all.add(files.get(i));
                }
            }
        }
        return all;
    }

    private static String title(Random random, int i) {
        return "Case study " + (i + 1) + ": " + SUBJECTS[random.nextInt(SUBJECTS.length)] + " "
                + VERBS[random.nextInt(VERBS.length)] + " " + OBJECTS[random.nextInt(OBJECTS.length)];
    }

    private static String sentence(Random random) {
        return SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + VERBS[random.nextInt(VERBS.length)] + " "
                + OBJECTS[random.nextInt(OBJECTS.length)] + " " + TAILS[random.nextInt(TAILS.length)];
    }

    private static String paragraph(Random random, int sentences) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(sentence(random));
        }
        return text.toString();
    }

    /** Lines of at most {@code width} characters. */
    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** A letter-size page: 52 lines of 10-point Helvetica, about 3,500 characters. */
    private static byte[] pdf(Random random, String title, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(bold, 14);
                    content.setLeading(13);
                    content.newLineAtOffset(50, 740);
                    content.showText(p == 0 ? title : "Page " + (p + 1));
                    content.newLine();
                    content.setFont(font, 10);
                    int lines = 0;
                    while (lines < 52) {
                        for (String line : wrap(paragraph(random, 4), 95)) {
                            content.newLine();
                            content.showText(line);
                            lines++;
                        }
                        content.newLine();
                        lines++;
                    }
                    content.endText();
                }
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor("Product Marketing");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A Word page: six paragraphs of five sentences, then a page break. */
    private static byte[] docx(Random random, String title, int pages) throws IOException {
        try (XWPFDocument document = new XWPFDocument()) {
            XWPFRun heading = document.createParagraph().createRun();
            heading.setBold(true);
            heading.setText(title);
            for (int p = 0; p < pages; p++) {
                for (int i = 0; i < 6; i++) {
                    XWPFRun run = document.createParagraph().createRun();
                    run.setText(paragraph(random, 5));
                    if (i == 5 && p < pages - 1) {
                        run.addBreak(BreakType.PAGE);
                    }
                }
            }
            document.getProperties().getCoreProperties().setTitle(title);
            document.getProperties().getCoreProperties().setCreator("Product Marketing");
            document.getProperties().getExtendedProperties().getUnderlyingProperties().setPages(pages);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        }
    }

    /** A slide: a title and six bullet sentences. */
    private static byte[] pptx(Random random, String title, int slides) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow()) {
            for (int s = 0; s < slides; s++) {
                XSLFSlide slide = show.createSlide();
                XSLFTextBox heading = slide.createTextBox();
                heading.setAnchor(new Rectangle(40, 20, 640, 60));
                heading.setText(s == 0 ? title : "Why it matters, part " + s);
                XSLFTextBox body = slide.createTextBox();
                body.setAnchor(new Rectangle(40, 100, 640, 400));
                body.clearText();
                for (int i = 0; i < 6; i++) {
                    body.addNewTextParagraph().addNewTextRun().setText(sentence(random));
                }
            }
            show.getProperties().getCoreProperties().setTitle(title);
            show.getProperties().getCoreProperties().setCreator("Product Marketing");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            show.write(out);
            return out.toByteArray();
        }
    }

    /** A web page: per page a heading, four paragraphs and a small table, with navigation and a script around. */
    private static byte[] html(Random random, String title, int pages) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(title).append("</title>")
                .append("<script>window.dataLayer = window.dataLayer || [];</script></head><body>")
                .append("<nav><a href=\"/\">Home</a> <a href=\"/customers\">Customers</a></nav><main><h1>")
                .append(title).append("</h1>");
        for (int p = 0; p < pages; p++) {
            html.append("<h2>Section ").append(p + 1).append("</h2>");
            for (int i = 0; i < 4; i++) {
                html.append("<p>").append(paragraph(random, 6)).append("</p>\n");
            }
            html.append("<table><tr><th>Metric</th><th>Before</th><th>After</th></tr>");
            for (int r = 0; r < 3; r++) {
                html.append("<tr><td>").append(OBJECTS[random.nextInt(OBJECTS.length)]).append("</td><td>")
                        .append(random.nextInt(100)).append("%</td><td>").append(random.nextInt(100))
                        .append("%</td></tr>");
            }
            html.append("</table>\n");
        }
        html.append("</main><footer>Copyright Example Corp.</footer></body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A page of plain text: five paragraphs of six sentences. */
    private static byte[] text(Random random, String title, int pages) {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        for (int p = 0; p < pages * 5; p++) {
            for (String line : wrap(paragraph(random, 6), 78)) {
                text.append(line).append('\n');
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
