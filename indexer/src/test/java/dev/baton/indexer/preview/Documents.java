package dev.baton.indexer.preview;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;

/** DOCX test inputs made with POI on the fly. */
final class Documents {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private Documents() {}

    /** A DOCX built by {@code content}. */
    static byte[] docx(Content content) throws Exception {
        try (XWPFDocument document = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            content.fill(document);
            document.write(out);
            return out.toByteArray();
        }
    }

    /** Writes into a new document. */
    @FunctionalInterface
    interface Content {
        void fill(XWPFDocument document) throws Exception;
    }

    static XWPFParagraph heading(XWPFDocument document, String text) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setStyle("Heading1");
        paragraph.createRun().setText(text);
        return paragraph;
    }

    static XWPFParagraph text(XWPFDocument document, String text) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.createRun().setText(text);
        return paragraph;
    }

    /** A paragraph of a bold run, then an italic one, then a plain red one. */
    static XWPFParagraph styled(XWPFDocument document, String bold, String italic, String red) {
        XWPFParagraph paragraph = document.createParagraph();
        XWPFRun b = paragraph.createRun();
        b.setBold(true);
        b.setText(bold + " ");
        XWPFRun i = paragraph.createRun();
        i.setItalic(true);
        i.setText(italic + " ");
        XWPFRun r = paragraph.createRun();
        r.setColor("FF0000");
        r.setFontSize(20);
        r.setText(red);
        return paragraph;
    }

    /** A numbered list of the items. */
    static void numbered(XWPFDocument document, String... items) {
        XWPFNumbering numbering = document.createNumbering();
        CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
        abstractNum.setAbstractNumId(java.math.BigInteger.ZERO);
        CTLvl level = abstractNum.addNewLvl();
        level.setIlvl(java.math.BigInteger.ZERO);
        level.addNewNumFmt().setVal(STNumberFormat.DECIMAL);
        level.addNewLvlText().setVal("%1.");
        java.math.BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(abstractNum));
        java.math.BigInteger numId = numbering.addNum(abstractId);
        for (String item : items) {
            XWPFParagraph paragraph = document.createParagraph();
            paragraph.setNumID(numId);
            paragraph.setNumILvl(java.math.BigInteger.ZERO);
            paragraph.createRun().setText(item);
        }
    }

    /** A table of the given rows; the first cell of the first row is shaded {@code shade} (RRGGBB). */
    static XWPFTable table(XWPFDocument document, String shade, String[]... rows) {
        XWPFTable table = document.createTable(rows.length, rows[0].length);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                table.getRow(r).getCell(c).setText(rows[r][c]);
            }
        }
        if (shade != null) {
            table.getRow(0).getCell(0).setColor(shade);
        }
        return table;
    }

    /** A centred paragraph holding {@code png} shown at {@code widthPt x heightPt}. */
    static void picture(XWPFDocument document, byte[] png, int widthPt, int heightPt) throws Exception {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setAlignment(ParagraphAlignment.CENTER);
        paragraph.createRun().addPicture(new ByteArrayInputStream(png), Document.PICTURE_TYPE_PNG, "picture.png",
                Units.toEMU(widthPt), Units.toEMU(heightPt));
    }

    static void pageBreak(XWPFDocument document) {
        document.createParagraph().createRun().addBreak(org.apache.poi.xwpf.usermodel.BreakType.PAGE);
    }

    /** A solid {@code width x height} PNG of {@code color}. */
    static byte[] png(int width, int height, Color color) throws IOException {
        return Samples.encode(Samples.halves(width, height, BufferedImage.TYPE_INT_RGB, color, color), "png");
    }

    /** Collects what a renderer hands over. */
    static final class Collected implements PageRenderer.PageSink {

        final List<Integer> numbers = new ArrayList<>();
        final List<RenderedPage> pages = new ArrayList<>();

        @Override
        public void accept(int number, RenderedPage page) {
            numbers.add(number);
            pages.add(page);
        }

        BufferedImage image(int index) throws IOException {
            RenderedPage page = pages.get(index);
            BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(page.bytes()));
            if (image == null || image.getWidth() != page.width() || image.getHeight() != page.height()) {
                throw new AssertionError("page " + (index + 1) + " does not decode to " + page);
            }
            return image;
        }
    }
}
