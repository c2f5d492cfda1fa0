package dev.baton.indexer.preview;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFPictureData;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBrType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays a DOCX's content out on PDF pages with PDFBox, since POI has no renderer for Word documents. What is kept:
 * the body's paragraphs in order, headings (styles "Title" and "Heading 1" to "Heading 9", larger and bold), bold,
 * italic, underlined and coloured runs, font sizes, left/centred/right alignment, spacing before and after paragraphs,
 * bulleted and numbered lists (indented by level, numbered per list and level), tables (a grid of equal columns with
 * cell borders, cell shading and each cell's paragraphs), raster pictures (PNG, JPEG, GIF, BMP) in their stated size,
 * page breaks, and the page size and margins of the document's last section (A4 with 2.5 cm margins when it states
 * none).
 *
 * <p>What is approximated: one font for everything (Liberation Sans, which PDFBox ships; bold is drawn by stroking,
 * italic by slanting; characters it has no glyph for show as "?"), so lines break where Word's would not; line
 * spacing is 1.2 times the largest font on the line; justified text is left-aligned; tabs are spaces; pictures are
 * placed as blocks between lines, never floating or wrapped; pictures in table cells, charts, drawings, SVG and
 * metafile pictures become a grey placeholder; table column widths are equal, merged cells are not merged, a row
 * never splits across pages (a row taller than a page is cut), at most 64 columns are drawn; headers, footers,
 * footnotes, comments, text boxes, columns, and section-specific page sizes are left out. Numbering starts at 1.
 *
 * <p>Layout stops once {@link PageSettings#maxPages()} pages are full, so a document of any length costs at most that
 * many pages of work. Pictures are read as the {@link Thumbnailer} reads them: header first, refused over the pixel
 * limit, decoded with subsampling.
 */
final class DocxLayout {

    private static final Logger LOG = LoggerFactory.getLogger(DocxLayout.class);
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float BODY_SIZE = 11;
    private static final float LINE = 1.2f;
    private static final float ASCENT = 0.9f;
    private static final float LIST_INDENT = 18;
    private static final float CELL_PADDING = 4;
    private static final int MAX_COLUMNS = 64;
    private static final Pattern HEADING = Pattern.compile("heading\\s*([1-9])");
    private static final Color PLACEHOLDER = new Color(0xE5, 0xE7, 0xEB);
    private static final Color BORDER = new Color(0x9C, 0xA3, 0xAF);

    private final XWPFDocument docx;
    private final PDDocument pdf;
    private final PageSettings settings;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private final Map<Integer, Float> advances = new HashMap<>();
    private final Map<BigInteger, int[]> numbering = new HashMap<>();
    private PDFont font;
    private PDRectangle pageSize;
    private float left;
    private float right;
    private float top;
    private float bottom;
    private PDPageContentStream out;
    private float y;
    private boolean pageEmpty;

    DocxLayout(XWPFDocument docx, PDDocument pdf, PageSettings settings) {
        this.docx = docx;
        this.pdf = pdf;
        this.settings = settings;
    }

    /** Lays the document out on pages of {@code pdf}; {@code true} when it stopped at the page limit. */
    boolean layOut() throws IOException {
        try (InputStream ttf = PDDocument.class.getResourceAsStream(FONT)) {
            if (ttf == null) {
                throw new IllegalStateException("PDFBox's Liberation Sans font is missing from the class path");
            }
            font = PDType0Font.load(pdf, ttf, false);
        }
        geometry();
        try {
            newPage();
            for (IBodyElement element : docx.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    paragraph(paragraph);
                } else if (element instanceof XWPFTable table) {
                    table(table);
                }
            }
            return false;
        } catch (PagesFull full) {
            return true;
        } finally {
            if (out != null) {
                out.close();
                out = null;
            }
        }
    }

    private void geometry() {
        float width = PDRectangle.A4.getWidth();
        float height = PDRectangle.A4.getHeight();
        float margin = 72;
        float[] margins = {margin, margin, margin, margin};
        CTSectPr section = docx.getDocument().getBody() == null ? null : docx.getDocument().getBody().getSectPr();
        if (section != null && section.isSetPgSz()) {
            CTPageSz size = section.getPgSz();
            float w = twips(size.getW());
            float h = twips(size.getH());
            if (w >= 144 && w <= 1728 && h >= 144 && h <= 1728) {
                width = w;
                height = h;
            }
        }
        if (section != null && section.isSetPgMar()) {
            CTPageMar mar = section.getPgMar();
            float[] given = {twips(mar.getTop()), twips(mar.getRight()), twips(mar.getBottom()), twips(mar.getLeft())};
            for (int i = 0; i < 4; i++) {
                float limit = (i % 2 == 0 ? height : width) / 4;
                if (given[i] >= 0 && given[i] <= limit) {
                    margins[i] = given[i];
                }
            }
        }
        pageSize = new PDRectangle(width, height);
        top = height - margins[0];
        right = width - margins[1];
        bottom = margins[2];
        left = margins[3];
    }

    /** Points from a twips value POI gives as a number of some type; -1 when it is none. */
    private static float twips(Object value) {
        if (value == null) {
            return -1;
        }
        try {
            return (float) (Double.parseDouble(value.toString()) / 20);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- pages

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        if (pdf.getNumberOfPages() >= settings.maxPages()) {
            throw new PagesFull();
        }
        PDPage page = new PDPage(pageSize);
        pdf.addPage(page);
        out = new PDPageContentStream(pdf, page);
        y = top;
        pageEmpty = true;
    }

    /** Makes room for {@code height} points, on a new page when this one has content and too little room. */
    private void room(float height) throws IOException {
        if (y - height < bottom && !pageEmpty) {
            newPage();
        }
    }

    // ---- paragraphs

    private void paragraph(XWPFParagraph paragraph) throws IOException {
        if (paragraph.isPageBreak() && !pageEmpty) {
            newPage();
        }
        int heading = headingLevel(paragraph);
        float defaultSize = switch (heading) {
            case 0 -> BODY_SIZE;
            case -1 -> 24;
            case 1 -> 18;
            case 2 -> 15;
            case 3 -> 13;
            default -> 12;
        };
        float before = spacing(paragraph.getSpacingBefore(), heading == 0 ? 0 : 10);
        float after = spacing(paragraph.getSpacingAfter(), 6);
        float indent = 0;
        String marker = null;
        if (paragraph.getNumID() != null) {
            int level = paragraph.getNumIlvl() == null ? 0 : Math.clamp(paragraph.getNumIlvl().intValue(), 0, 8);
            indent = LIST_INDENT * (level + 1);
            marker = marker(paragraph, level);
        }
        if (!pageEmpty) {
            y -= before;
        }
        List<Piece> pieces = new ArrayList<>();
        if (marker != null) {
            pieces.add(new Piece(marker + " ", new Style(heading != 0, false, false, defaultSize, Color.BLACK)));
        }
        boolean wrote = false;
        for (XWPFRun run : paragraph.getRuns()) {
            Style style = style(run, defaultSize, heading != 0);
            String text = run.text();
            if (text != null && !text.isEmpty()) {
                pieces.add(new Piece(text, style));
            }
            List<XWPFPicture> pictures = run.getEmbeddedPictures();
            if (!pictures.isEmpty()) {
                if (!pieces.isEmpty()) {
                    lines(pieces, indent, paragraph.getAlignment());
                    pieces.clear();
                }
                for (XWPFPicture picture : pictures) {
                    picture(picture, indent, paragraph.getAlignment());
                }
                wrote = true;
            }
            if (pageBreak(run)) {
                if (!pieces.isEmpty()) {
                    lines(pieces, indent, paragraph.getAlignment());
                    pieces.clear();
                }
                newPage();
                wrote = true;
            }
        }
        if (!pieces.isEmpty() || !wrote) {
            if (pieces.isEmpty()) {
                // an empty paragraph is an empty line
                pieces.add(new Piece(" ", new Style(false, false, false, defaultSize, Color.BLACK)));
            }
            lines(pieces, indent, paragraph.getAlignment());
        }
        y -= after;
    }

    private static boolean pageBreak(XWPFRun run) {
        for (CTBr br : run.getCTR().getBrList()) {
            if (br.getType() == STBrType.PAGE) {
                return true;
            }
        }
        return false;
    }

    private static float spacing(int twips, float fallback) {
        return twips < 0 ? fallback : Math.min(twips / 20f, 72);
    }

    /** 0 for body text, -1 for a title, 1 to 9 for headings. */
    private int headingLevel(XWPFParagraph paragraph) {
        String id = paragraph.getStyleID();
        if (id == null) {
            return 0;
        }
        String name = id;
        if (docx.getStyles() != null) {
            XWPFStyle style = docx.getStyles().getStyle(id);
            if (style != null && style.getName() != null) {
                name = style.getName();
            }
        }
        for (String candidate : new String[] {name, id}) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            if (lower.equals("title")) {
                return -1;
            }
            Matcher heading = HEADING.matcher(lower);
            if (heading.matches()) {
                return Integer.parseInt(heading.group(1));
            }
        }
        return 0;
    }

    /** The list marker of a paragraph: a bullet, or the next number of its list at its level. */
    private String marker(XWPFParagraph paragraph, int level) {
        String format = null;
        try {
            format = paragraph.getNumFmt();
        } catch (RuntimeException e) {
            LOG.debug("Unreadable numbering format", e);
        }
        if (format == null || format.equals("bullet") || format.equals("none")) {
            return level % 2 == 0 ? "\u2022" : "\u2013";
        }
        int[] counters = numbering.computeIfAbsent(paragraph.getNumID(), id -> new int[9]);
        counters[level]++;
        for (int deeper = level + 1; deeper < counters.length; deeper++) {
            counters[deeper] = 0;
        }
        int n = counters[level];
        return switch (format) {
            case "lowerLetter" -> letters(n) + ".";
            case "upperLetter" -> letters(n).toUpperCase(Locale.ROOT) + ".";
            case "lowerRoman" -> roman(n).toLowerCase(Locale.ROOT) + ".";
            case "upperRoman" -> roman(n) + ".";
            default -> n + ".";
        };
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = n; i > 0; i = (i - 1) / 26) {
            s.insert(0, (char) ('a' + (i - 1) % 26));
        }
        return s.toString();
    }

    private static String roman(int n) {
        if (n <= 0 || n >= 4000) {
            return Integer.toString(n);
        }
        int[] values = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
        String[] symbols = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
        StringBuilder s = new StringBuilder();
        int rest = n;
        for (int i = 0; i < values.length; i++) {
            while (rest >= values[i]) {
                s.append(symbols[i]);
                rest -= values[i];
            }
        }
        return s.toString();
    }

    private static Style style(XWPFRun run, float defaultSize, boolean heading) {
        Double size = run.getFontSizeAsDouble();
        float points = size == null || !(size > 0) ? defaultSize : (float) Math.clamp(size, 4, 96);
        return new Style(
                heading || run.isBold(),
                run.isItalic(),
                run.getUnderline() != null && run.getUnderline() != UnderlinePatterns.NONE,
                points,
                color(run.getColor(), Color.BLACK));
    }

    private static Color color(String hex, Color fallback) {
        if (hex == null || !hex.matches("[0-9A-Fa-f]{6}")) {
            return fallback;
        }
        return new Color(Integer.parseInt(hex, 16));
    }

    /** Breaks {@code pieces} into lines of the body's width less {@code indent} and writes them, page by page. */
    private void lines(List<Piece> pieces, float indent, ParagraphAlignment alignment) throws IOException {
        float width = right - left - indent;
        for (Line line : breakLines(pieces, width)) {
            room(line.height());
            float x = left + indent + offset(alignment, width, line.width());
            draw(line, x, y - line.height() * ASCENT / LINE);
            y -= line.height();
            pageEmpty = false;
        }
    }

    private static float offset(ParagraphAlignment alignment, float width, float used) {
        if (alignment == ParagraphAlignment.CENTER) {
            return Math.max(0, (width - used) / 2);
        }
        if (alignment == ParagraphAlignment.RIGHT || alignment == ParagraphAlignment.END) {
            return Math.max(0, width - used);
        }
        return 0;
    }

    /**
     * Greedy line breaking at spaces; a word longer than a line is broken between characters. Stops after as many
     * lines as the page limit could hold.
     */
    private List<Line> breakLines(List<Piece> pieces, float width) throws IOException {
        int maxLines = (int) Math.min(1_000_000, (long) settings.maxPages() * (long) ((top - bottom) / 4 + 1));
        List<Line> lines = new ArrayList<>();
        Line line = new Line();
        for (Piece piece : pieces) {
            String text = piece.text().replace('\t', ' ').replace('\r', '\n');
            String[] paragraphs = text.split("\n", -1);
            for (int p = 0; p < paragraphs.length; p++) {
                if (p > 0) {
                    line.ensureHeight(piece.style().size());
                    lines.add(line);
                    line = new Line();
                    if (lines.size() >= maxLines) {
                        return lines;
                    }
                }
                for (String word : paragraphs[p].split("(?<= )")) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    String clean = clean(word);
                    float w = width(clean, piece.style().size());
                    if (line.width() + width(clean.stripTrailing(), piece.style().size()) <= width) {
                        line.add(clean, piece.style(), w);
                        continue;
                    }
                    if (!line.isEmpty()) {
                        lines.add(line);
                        line = new Line();
                        if (lines.size() >= maxLines) {
                            return lines;
                        }
                    }
                    if (clean.isBlank()) {
                        continue;
                    }
                    // a word longer than the whole line: as many characters as fit on each line
                    float size = piece.style().size();
                    if (width(clean.stripTrailing(), size) <= width) {
                        line.add(clean, piece.style(), w);
                        continue;
                    }
                    StringBuilder part = new StringBuilder();
                    float partWidth = 0;
                    for (int i = 0; i < clean.length(); ) {
                        int cp = clean.codePointAt(i);
                        i += Character.charCount(cp);
                        String ch = new String(Character.toChars(cp));
                        float cw = charWidth(cp) * size;
                        if (partWidth + cw > width && !part.isEmpty()) {
                            line.add(part.toString(), piece.style(), partWidth);
                            lines.add(line);
                            if (lines.size() >= maxLines) {
                                return lines;
                            }
                            line = new Line();
                            part.setLength(0);
                            partWidth = 0;
                        }
                        part.append(ch);
                        partWidth += cw;
                    }
                    if (!part.isEmpty()) {
                        line.add(part.toString(), piece.style(), partWidth);
                    }
                    if (lines.size() >= maxLines) {
                        return lines;
                    }
                }
            }
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    /** The text with characters the font cannot draw replaced by "?" and control characters by spaces. */
    private String clean(String text) throws IOException {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                s.append(' ');
            } else if (glyphs.computeIfAbsent(cp, this::hasGlyph)) {
                s.appendCodePoint(cp);
            } else {
                s.append('?');
            }
        }
        return s.toString();
    }

    private boolean hasGlyph(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** The width of one character at size 1, remembered. */
    private float charWidth(int codePoint) throws IOException {
        Float known = advances.get(codePoint);
        if (known == null) {
            known = font.getStringWidth(new String(Character.toChars(codePoint))) / 1000;
            advances.put(codePoint, known);
        }
        return known;
    }

    private float width(String text, float size) throws IOException {
        return text.isEmpty() ? 0 : font.getStringWidth(text) / 1000 * size;
    }

    private void draw(Line line, float x, float baseline) throws IOException {
        float at = x;
        for (Segment segment : line.segments()) {
            Style style = segment.style();
            out.setNonStrokingColor(style.color());
            out.setStrokingColor(style.color());
            out.setLineWidth(style.size() * 0.04f);
            out.beginText();
            out.setFont(font, style.size());
            out.setRenderingMode(style.bold() ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            out.setTextMatrix(new Matrix(1, 0, style.italic() ? 0.2f : 0, 1, at, baseline));
            out.showText(segment.text());
            out.endText();
            if (style.underline()) {
                out.addRect(at, baseline - style.size() * 0.12f, segment.width(), Math.max(0.5f, style.size() / 18));
                out.fill();
            }
            at += segment.width();
        }
    }

    // ---- pictures

    private void picture(XWPFPicture picture, float indent, ParagraphAlignment alignment) throws IOException {
        float width = right - left - indent;
        float height = top - bottom;
        double w = picture.getWidth();
        double h = picture.getDepth();
        BufferedImage image = decode(picture.getPictureData());
        if (!(w > 0 && h > 0) && image != null) {
            w = image.getWidth() * 0.75;
            h = image.getHeight() * 0.75;
        }
        if (!(w > 0 && h > 0 && Double.isFinite(w) && Double.isFinite(h))) {
            w = width;
            h = width * 0.5;
        }
        double scale = Math.min(1, Math.min(width / w, height / h));
        float shownWidth = (float) Math.max(1, w * scale);
        float shownHeight = (float) Math.max(1, h * scale);
        room(shownHeight);
        float x = left + indent + offset(alignment, width, shownWidth);
        float lowY = y - shownHeight;
        if (image == null) {
            out.setNonStrokingColor(PLACEHOLDER);
            out.addRect(x, lowY, shownWidth, shownHeight);
            out.fill();
        } else {
            // no more pixels than the page image will show
            double pixelsPerPoint = (double) settings.width() / pageSize.getWidth();
            int needWidth = (int) Math.max(1, Math.min(image.getWidth(), Math.ceil(shownWidth * pixelsPerPoint)));
            int needHeight = (int) Math.max(1, Math.min(image.getHeight(), Math.ceil(shownHeight * pixelsPerPoint)));
            BufferedImage scaled = needWidth < image.getWidth() || needHeight < image.getHeight()
                    ? BoundedImages.scale(image, needWidth, needHeight, false)
                    : image;
            PDImageXObject object = LosslessFactory.createFromImage(pdf, scaled);
            out.drawImage(object, x, lowY, shownWidth, shownHeight);
        }
        y = lowY - 2;
        pageEmpty = false;
    }

    /** The picture's pixels, read as the thumbnailer reads them, or {@code null} when it is not drawn. */
    private BufferedImage decode(XWPFPictureData data) {
        if (data == null) {
            return null;
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data.getData()))) {
            ImageReader reader = BoundedImages.jdkReader(ImageIO.getImageReaders(in)).orElse(null);
            if (reader == null) {
                return null;
            }
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!List.of("png", "jpeg", "gif", "bmp").contains(format)) {
                    return null;
                }
                in.seek(0);
                BufferedImage decoded = BoundedImages.decode(
                                reader, in, settings.maxPixels(), Math.max(1, settings.width() / 2))
                        .image();
                // onto white: PDF images have no alpha here, and a transparent area should look like paper
                BufferedImage rgb = PageRenderer.whiteCanvas(decoded.getWidth(), decoded.getHeight());
                var g = rgb.createGraphics();
                try {
                    g.drawImage(decoded, 0, 0, null);
                } finally {
                    g.dispose();
                }
                return rgb;
            } finally {
                reader.dispose();
            }
        } catch (ThumbnailException | IOException | RuntimeException e) {
            LOG.info("A picture in the document is left out of its pages: {}", e.toString());
            return null;
        }
    }

    // ---- tables

    private void table(XWPFTable table) throws IOException {
        float width = right - left;
        for (XWPFTableRow row : table.getRows()) {
            List<XWPFTableCell> cells = row.getTableCells();
            int columns = Math.min(cells.size(), MAX_COLUMNS);
            if (columns == 0) {
                continue;
            }
            float columnWidth = width / columns;
            float inner = Math.max(1, columnWidth - 2 * CELL_PADDING);
            List<List<Line>> content = new ArrayList<>();
            float rowHeight = 0;
            for (int c = 0; c < columns; c++) {
                List<Line> lines = new ArrayList<>();
                cellLines(cells.get(c), inner, lines, 0);
                float height = 2 * CELL_PADDING;
                for (Line line : lines) {
                    height += line.height();
                }
                content.add(lines);
                rowHeight = Math.max(rowHeight, height);
            }
            rowHeight = Math.min(rowHeight, top - bottom);
            room(rowHeight);
            float rowTop = y;
            float rowBottom = Math.max(bottom, rowTop - rowHeight);
            for (int c = 0; c < columns; c++) {
                float x = left + c * columnWidth;
                Color fill = color(cells.get(c).getColor(), null);
                if (fill != null) {
                    out.setNonStrokingColor(fill);
                    out.addRect(x, rowBottom, columnWidth, rowTop - rowBottom);
                    out.fill();
                }
                float lineTop = rowTop - CELL_PADDING;
                for (Line line : content.get(c)) {
                    if (lineTop - line.height() < rowBottom) {
                        break;
                    }
                    draw(line, x + CELL_PADDING, lineTop - line.height() * ASCENT / LINE);
                    lineTop -= line.height();
                }
                out.setStrokingColor(BORDER);
                out.setLineWidth(0.5f);
                out.addRect(x, rowBottom, columnWidth, rowTop - rowBottom);
                out.stroke();
            }
            y = rowBottom;
            pageEmpty = false;
        }
        y -= 6;
    }

    /** A cell's paragraphs as lines; nested tables give their cells' paragraphs, one after another. */
    private void cellLines(XWPFTableCell cell, float width, List<Line> lines, int depth) throws IOException {
        for (IBodyElement element : cell.getBodyElements()) {
            if (element instanceof XWPFParagraph paragraph) {
                List<Piece> pieces = new ArrayList<>();
                boolean heading = headingLevel(paragraph) != 0;
                for (XWPFRun run : paragraph.getRuns()) {
                    Style style = style(run, BODY_SIZE, heading);
                    String text = run.text();
                    if (text != null && !text.isEmpty()) {
                        pieces.add(new Piece(text, style));
                    }
                    if (!run.getEmbeddedPictures().isEmpty()) {
                        pieces.add(new Piece(" [picture] ", style));
                    }
                }
                if (pieces.isEmpty()) {
                    pieces.add(new Piece(" ", new Style(false, false, false, BODY_SIZE, Color.BLACK)));
                }
                lines.addAll(breakLines(pieces, width));
            } else if (element instanceof XWPFTable nested && depth < 4) {
                for (XWPFTableRow row : nested.getRows()) {
                    for (XWPFTableCell inner : row.getTableCells()) {
                        cellLines(inner, width, lines, depth + 1);
                    }
                }
            }
            if (lines.size() > 10_000) {
                return;
            }
        }
    }

    // ---- the model

    private record Style(boolean bold, boolean italic, boolean underline, float size, Color color) {}

    private record Piece(String text, Style style) {}

    private record Segment(String text, Style style, float width) {}

    /** One line: its segments, its width and its height (the largest font's line height). */
    private static final class Line {

        private final List<Segment> segments = new ArrayList<>();
        private float width;
        private float height;

        void add(String text, Style style, float w) {
            segments.add(new Segment(text, style, w));
            width += w;
            ensureHeight(style.size());
        }

        void ensureHeight(float size) {
            height = Math.max(height, size * LINE);
        }

        boolean isEmpty() {
            return segments.isEmpty();
        }

        List<Segment> segments() {
            return segments;
        }

        float width() {
            return width;
        }

        float height() {
            return Math.max(height, BODY_SIZE * LINE);
        }
    }

    /** The page limit is reached: layout stops. */
    private static final class PagesFull extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PagesFull() {
            super(null, null, false, false);
        }
    }
}
