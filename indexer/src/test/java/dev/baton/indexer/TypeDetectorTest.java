package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypeDetectorTest {

    private static TypeDetector detector;
    private static final AllowList ALLOW_LIST = AllowList.defaults();

    @BeforeAll
    static void buildDetector() {
        detector = new TypeDetector();
    }

    static Stream<Arguments> allowedFiles() {
        return Stream.of(
                Arguments.of("case-study.pdf", TestFiles.pdf("Case study", "Ann", List.of("Text")), MediaTypeNames.PDF,
                        "PDF document"),
                Arguments.of("battlecard.docx", TestFiles.docx("Battlecard", "Ann", 1, List.of("Text")),
                        MediaTypeNames.DOCX, "Word document"),
                Arguments.of("deck.pptx", TestFiles.pptx("Deck", "Ann", List.of("Slide")), MediaTypeNames.PPTX,
                        "PowerPoint presentation"),
                Arguments.of("roi.xlsx", TestFiles.xlsx(), MediaTypeNames.XLSX, "Excel workbook"),
                Arguments.of("old-brief.doc", TestFiles.doc(), MediaTypeNames.DOC, "Word 97-2003 document"),
                Arguments.of("old-deck.ppt", TestFiles.ppt(), MediaTypeNames.PPT, "PowerPoint 97-2003 presentation"),
                Arguments.of("old-roi.xls", TestFiles.xls(), MediaTypeNames.XLS, "Excel 97-2003 workbook"),
                Arguments.of("brief.odt", TestFiles.odf("text"), MediaTypeNames.ODT, "OpenDocument text document"),
                Arguments.of("prices.ods", TestFiles.odf("spreadsheet"), MediaTypeNames.ODS, "OpenDocument spreadsheet"),
                Arguments.of("pitch.odp", TestFiles.odf("presentation"), MediaTypeNames.ODP,
                        "OpenDocument presentation"),
                Arguments.of("landing.html", TestFiles.html(), MediaTypeNames.HTML, "HTML page"),
                Arguments.of("notes.txt", TestFiles.ascii("Talk track for the discovery call.\nAsk about budget."),
                        MediaTypeNames.TEXT, "plain text"),
                Arguments.of("README.md", TestFiles.ascii("# Onboarding\n\nRead the *battlecards* first.\n- one\n"),
                        MediaTypeNames.MARKDOWN, "Markdown text"),
                Arguments.of("logo.png", TestFiles.image("png"), MediaTypeNames.PNG, "PNG image"),
                Arguments.of("photo.jpg", TestFiles.image("jpeg"), MediaTypeNames.JPEG, "JPEG image"),
                Arguments.of("anim.gif", TestFiles.image("gif"), MediaTypeNames.GIF, "GIF image"),
                Arguments.of("icon.svg", TestFiles.svg(), MediaTypeNames.SVG, "SVG image"),
                Arguments.of("demo.mp4", TestFiles.mp4(), MediaTypeNames.MP4, "MP4 video"),
                Arguments.of("demo.mov", TestFiles.quickTime(), MediaTypeNames.QUICKTIME, "QuickTime video"),
                Arguments.of("demo.webm", TestFiles.webm(), MediaTypeNames.WEBM, "WebM video"),
                Arguments.of("demo.mkv", matroska(), "video/x-matroska", "Matroska video"),
                Arguments.of("demo.avi", avi(), "video/x-msvideo", "AVI video"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedFiles")
    void anAllowedTypeIsDetectedFromItsBytesAndAccepted(
            String name, byte[] bytes, String mediaType, String label) throws IOException {
        Detection detection = detect(bytes, name);

        assertThat(detection.mediaType()).isEqualTo(mediaType);
        assertThat(detection.label()).isEqualTo(label);
        assertThat(detection.nameMatches()).isTrue();
        assertThat(detection.reason()).isNull();
        assertThat(ALLOW_LIST.check(detection)).isEqualTo(new AllowList.Verdict(true, null));
    }

    @Test
    void theTypeComesFromTheBytesWhateverTheName() throws IOException {
        Detection unnamed = detect(TestFiles.pdf("Case study", "Ann", List.of("Text")), null);
        Detection unknownExtension = detect(TestFiles.pdf("Case study", "Ann", List.of("Text")), "case-study.final");
        Detection upperCase = detect(TestFiles.pdf("Case study", "Ann", List.of("Text")), "CASE-STUDY.PDF");

        assertThat(List.of(unnamed, unknownExtension, upperCase)).allSatisfy(detection -> {
            assertThat(detection.mediaType()).isEqualTo(MediaTypeNames.PDF);
            assertThat(detection.nameMatches()).isTrue();
            assertThat(ALLOW_LIST.check(detection).accepted()).isTrue();
        });
    }

    static Stream<Arguments> refusedFiles() {
        byte[] pdf = TestFiles.pdf("Case study", "Ann", List.of("Text"));
        return Stream.of(
                Arguments.of("archive.zip", TestFiles.zip(),
                        "The file is a ZIP archive (application/zip), which the library does not accept"),
                Arguments.of("setup.exe", TestFiles.windowsProgram(),
                        "The file is a Windows program (application/x-msdownload), which the library does not accept"),
                Arguments.of("invoice.pdf", TestFiles.windowsProgram(),
                        "The name says .pdf but the content is a Windows program (application/x-msdownload)"),
                Arguments.of("pricing.pdf", TestFiles.html(),
                        "The name says .pdf but the content is an HTML page (text/html)"),
                Arguments.of("notes.txt", TestFiles.html(),
                        "The name says .txt but the content is an HTML page (text/html)"),
                Arguments.of("proposal.docx", TestFiles.zip(),
                        "The name says .docx but the content is a ZIP archive (application/zip)"),
                Arguments.of("proposal.pdf", TestFiles.docx("Proposal", "Ann", 1, List.of("Text")),
                        "The name says .pdf but the content is a Word document (" + MediaTypeNames.DOCX + ")"),
                Arguments.of("logo.jpg", TestFiles.image("png"),
                        "The name says .jpg but the content is a PNG image (image/png)"),
                Arguments.of("empty.pdf", new byte[0], "The file is empty"),
                Arguments.of("invoice\u202Efdp.exe", pdf,
                        "The name says .exe but the content is a PDF document (application/pdf)"),
                Arguments.of("report.pdf\u0000.exe", pdf,
                        "The name says .exe but the content is a PDF document (application/pdf)"),
                Arguments.of("blob.pdf", new byte[] {1, 2, 3, 4, 5, (byte) 200, (byte) 201, 0, 0, 9},
                        "The name says .pdf but the content is unrecognised binary content (application/octet-stream)"),
                Arguments.of("blob", new byte[] {1, 2, 3, 4, 5, (byte) 200, (byte) 201, 0, 0, 9},
                        "The file is unrecognised binary content (application/octet-stream), which the library does"
                                + " not accept"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void aFileOutsideTheListOrWithALyingNameIsRefusedWithWhatWasFound(
            String name, byte[] bytes, String message) throws IOException {
        AllowList.Verdict verdict = ALLOW_LIST.check(detect(bytes, name));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.message()).isEqualTo(message);
    }

    @Test
    void aPdfThatIsAlsoHtmlIsRefusedAsTwoFormatsInOne() throws IOException {
        byte[] pdf = TestFiles.pdf("Case study", "Ann", List.of("Text"));
        String header = "%PDF-1.7\n%<html><body><script>alert(document.domain)</script></body></html>\n";
        byte[] polyglot = concat(header.getBytes(StandardCharsets.ISO_8859_1), afterFirstLine(pdf));

        Detection detection = detect(polyglot, "case-study.pdf");

        assertThat(detection.mediaType()).isEqualTo(MediaTypeNames.PDF);
        assertThat(detection.nameMatches()).isTrue();
        AllowList.Verdict verdict = ALLOW_LIST.check(detection);
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.message())
                .isEqualTo("The file is a PDF document that also contains HTML markup (<html>); files that pass for"
                        + " two formats at once are not accepted");
    }

    @Test
    void anHtmlPageThatPdfReadersWouldOpenIsRefusedAsTwoFormatsInOne() throws IOException {
        byte[] polyglot = TestFiles.ascii(
                "<html><!-- %PDF-1.4 1 0 obj << >> endobj --><body><p>Pricing</p></body></html>");

        AllowList.Verdict verdict = ALLOW_LIST.check(detect(polyglot, "pricing.html"));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.message())
                .isEqualTo("The file is an HTML page (text/html) that also carries a PDF header; files that pass for"
                        + " two formats at once are not accepted");
    }

    @Test
    void plainTextNamedLikeAnotherTextFormatIsAcceptedAsPlainText() throws IOException {
        Detection csv = detect(TestFiles.ascii("seats,price\n10,99\n"), "prices.csv");
        Detection htmlWithoutMarkup = detect(TestFiles.ascii("Just words, no tags."), "page.html");

        assertThat(List.of(csv, htmlWithoutMarkup)).allSatisfy(detection -> {
            assertThat(detection.mediaType()).isEqualTo(MediaTypeNames.TEXT);
            assertThat(detection.nameMatches()).isTrue();
            assertThat(ALLOW_LIST.check(detection).accepted()).isTrue();
        });
    }

    @Test
    void aNameWithPathSegmentsIsJudgedByItsLastExtension() {
        assertThat(TypeDetector.extension("../../etc/passwd.pdf")).isEqualTo("pdf");
        assertThat(TypeDetector.extension("..\\..\\windows\\report.PDF")).isEqualTo("pdf");
        assertThat(TypeDetector.extension("archive.tar.gz")).isEqualTo("gz");
        assertThat(TypeDetector.extension("no-extension")).isEmpty();
        assertThat(TypeDetector.extension("trailing-dot.")).isEmpty();
        assertThat(TypeDetector.extension("dir.d/file")).isEmpty();
        assertThat(TypeDetector.extension("x".repeat(2000) + ".docx")).isEqualTo("docx");
        assertThat(TypeDetector.extension("deck 🚀.pptx")).isEqualTo("pptx");
        assertThat(TypeDetector.extension(null)).isEmpty();
    }

    @Test
    void aMarkableStreamIsResetSoTheCallerCanStoreAllOfIt() throws IOException {
        byte[] pdf = TestFiles.pdf("Case study", "Ann", List.of("Text"));
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(pdf));

        Detection detection = detector.detect(in, "case-study.pdf");

        assertThat(detection.mediaType()).isEqualTo(MediaTypeNames.PDF);
        assertThat(in.readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void detectionReadsNoMoreThanThePrefixLimit() throws IOException {
        TypeDetector smallPrefix = new TypeDetector(4096);
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 'a');
        CountingStream in = new CountingStream(new ByteArrayInputStream(big));

        Detection detection = smallPrefix.detect(in, "big.txt");

        assertThat(detection.mediaType()).isEqualTo(MediaTypeNames.TEXT);
        assertThat(in.count).isEqualTo(4096);
        assertThatThrownBy(() -> new TypeDetector(16 * 1024 * 1024)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileOnDiskIsDetectedLikeItsStream(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("upload.bin");
        Files.write(file, TestFiles.pptx("Deck", "Ann", List.of("Slide")));

        assertThat(detector.detect(file, "deck.pptx").mediaType()).isEqualTo(MediaTypeNames.PPTX);
    }

    @Test
    void detectingOfficeFilesLeavesPoiZipBombGuardOnInThisJvm() throws IOException {
        detect(TestFiles.docx("Battlecard", "Ann", 1, List.of("Text")), "battlecard.docx");
        detect(TestFiles.xlsx(), "roi.xlsx");
        detect(TestFiles.ppt(), "old.ppt");

        // Tika's OOXML parser sets this to -1 (off) for the whole JVM as soon as it is loaded
        assertThat(ZipSecureFile.getMinInflateRatio()).isGreaterThan(0);
    }

    private static Detection detect(byte[] bytes, String name) throws IOException {
        return detector.detect(new ByteArrayInputStream(bytes), name);
    }

    private static byte[] matroska() {
        byte[] webm = TestFiles.webm();
        String asText = new String(webm, StandardCharsets.ISO_8859_1);
        // same EBML header, DocType "matroska" (8 bytes) instead of "webm" (4)
        String header = asText.replace("\u0042\u0082\u0084webm", "\u0042\u0082\u0088matroska")
                .replace("\u009F", "\u00A3");
        return header.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] avi() {
        return TestFiles.ascii("RIFF\u0000\u0010\u0000\u0000AVI LIST\u0000\u0001\u0000\u0000hdrlavih");
    }

    private static byte[] afterFirstLine(byte[] bytes) {
        int newline = 0;
        while (bytes[newline] != '\n') {
            newline++;
        }
        return Arrays.copyOfRange(bytes, newline + 1, bytes.length);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
