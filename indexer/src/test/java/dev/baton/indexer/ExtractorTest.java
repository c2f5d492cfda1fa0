package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction with the default limits, in one forked parser shared by the tests, including hostile files. */
class ExtractorTest {

    private static final String SECRET = "TOP-SECRET-7f3a9c";
    private static final String ENGLISH = "Our platform shortens the sales cycle for mid-market software companies"
            + " by giving every representative the right case study at the right moment.";

    @TempDir
    static Path dir;

    private static Extractor extractor;
    private static HttpServer server;
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        extractor = new Extractor(ExtractionSettings.defaults());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            byte[] body = ("<!ENTITY leaked \"" + SECRET + "\">").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (extractor != null) {
            extractor.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aPdfGivesItsTextTitleAuthorPageCountAndLanguage() throws IOException {
        Path pdf = write("case-study.pdf", TestFiles.pdf(
                "Acme case study", "Dana Writer", List.of(ENGLISH, "Second page: results.", "Third page: quotes.")));

        ExtractionResult result = extractor.extract(pdf);

        assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(result.failureReason()).isNull();
        assertThat(result.text()).contains(ENGLISH, "Second page: results.", "Third page: quotes.");
        assertThat(result.truncated()).isFalse();
        assertThat(result.title()).isEqualTo("Acme case study");
        assertThat(result.author()).isEqualTo("Dana Writer");
        assertThat(result.pageCount()).isEqualTo(3);
        assertThat(result.language()).isEqualTo("en");
        assertThat(result.contentType()).isEqualTo("application/pdf");
    }

    @Test
    void aWordDocumentGivesItsTextTitleAuthorAndPageCount() throws IOException {
        Path docx = write("battlecard.docx", TestFiles.docx(
                "Battlecard: Acme vs Globex", "Sam Seller", 2, List.of(ENGLISH, "Objection handling.")));

        ExtractionResult result = extractor.extract(docx);

        assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(result.text()).contains(ENGLISH, "Objection handling.");
        assertThat(result.title()).isEqualTo("Battlecard: Acme vs Globex");
        assertThat(result.author()).isEqualTo("Sam Seller");
        assertThat(result.pageCount()).isEqualTo(2);
        assertThat(result.language()).isEqualTo("en");
        assertThat(result.contentType()).isEqualTo(MediaTypeNames.DOCX);
    }

    @Test
    void aPresentationGivesItsTextTitleAuthorAndSlideCount() throws IOException {
        Path pptx = write("deck.pptx", TestFiles.pptx(
                "Q3 pitch deck", "Pat Presenter", List.of("Why now", "The problem", "Our answer", ENGLISH)));

        ExtractionResult result = extractor.extract(pptx);

        assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(result.text()).contains("Why now", "The problem", "Our answer", ENGLISH);
        assertThat(result.title()).isEqualTo("Q3 pitch deck");
        assertThat(result.author()).isEqualTo("Pat Presenter");
        assertThat(result.pageCount()).isEqualTo(4);
        assertThat(result.contentType()).isEqualTo(MediaTypeNames.PPTX);
    }

    @Test
    void tooLittleTextGetsNoLanguage() throws IOException {
        ExtractionResult result = extractor.extract(write("short.txt", TestFiles.ascii("Price list")));

        assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(result.text()).isEqualTo("Price list");
        assertThat(result.language()).isNull();
        assertThat(result.pageCount()).isNull();
    }

    @Test
    void aZipBombWordDocumentFailsWithAReasonAndTheNextFileExtractsFine() throws IOException {
        Path bomb = dir.resolve("bomb.docx");
        TestFiles.zipBombDocx(bomb, 1L << 30);
        assertThat(Files.size(bomb)).as("small on disk").isLessThan(8L << 20);

        ExtractionResult result = extractor.extract(bomb);

        assertThat(result.status()).isEqualTo(ExtractionResult.Status.FAILED);
        assertThat(result.failureReason()).isEqualTo("ran out of memory (the parser may use 512m)");
        assertNextFileExtracts();
    }

    @Test
    void anExternalEntityInAWordDocumentReadsNoFileAndMakesNoRequest() throws IOException {
        int before = REQUESTS.get();
        Path docx = write("xxe.docx", TestFiles.handWrittenDocx(
                doctype("w:document"), "Visible body &file; &web;", "Title &file;"));

        ExtractionResult result = extractor.extract(docx);

        assertNoLeak(result);
        assertThat(REQUESTS.get() - before).as("requests to the test's server").isZero();
    }

    @Test
    void anExternalEntityInAPdfXfaFormReadsNoFileAndMakesNoRequest() throws IOException {
        int before = REQUESTS.get();
        String xdp = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype("xdp:xdp") + "\n"
                + "<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\">"
                + "<template xmlns=\"http://www.xfa.org/schema/xfa-template/3.3/\"><subform name=\"form1\">"
                + "<field name=\"secret\"><caption><value><text>Leak &file; &web;</text></value></caption></field>"
                + "</subform></template>"
                + "<xfa:datasets xmlns:xfa=\"http://www.xfa.org/schema/xfa-data/1.0/\"><xfa:data><form1>"
                + "<secret>&file; &web;</secret></form1></xfa:data></xfa:datasets></xdp:xdp>";
        Path pdf = write("xfa.pdf", TestFiles.pdfWithXfa("Visible page text", xdp));

        ExtractionResult result = extractor.extract(pdf);

        assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(result.text()).contains("Visible page text");
        assertNoLeak(result);
        assertThat(REQUESTS.get() - before).as("requests to the test's server").isZero();
    }

    @Test
    void documentsNestedDeeperThanTheLimitAreLeftOutAndTheTextIsMarkedTruncated() throws IOException {
        ExtractionResult shallow = extractor.extract(write("shallow.zip", nestedZips(3, "Shallow text")));
        ExtractionResult deep = extractor.extract(write("deep.zip", nestedZips(7, "Deep text")));

        assertThat(shallow.status()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(shallow.text()).contains("Shallow text");
        assertThat(shallow.truncated()).isFalse();
        assertThat(deep.status()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(deep.text()).contains("level6.zip").doesNotContain("Deep text");
        assertThat(deep.truncated()).isTrue();
    }

    @Test
    void anEncryptedPdfFailsAsEncrypted() throws IOException {
        byte[] plain = TestFiles.pdf("Pricing", "Ann", List.of("Confidential prices"));
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        try (PDDocument document = Loader.loadPDF(plain)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(encrypted);
        }

        ExtractionResult result = extractor.extract(write("locked.pdf", encrypted.toByteArray()));

        assertThat(result.status()).isEqualTo(ExtractionResult.Status.FAILED);
        assertThat(result.failureReason()).isEqualTo("the file is encrypted (password-protected)");
        assertThat(result.text()).doesNotContain("Confidential prices");
    }

    @Test
    void aDamagedFileFailsWithWhatTheParserSaid() throws IOException {
        byte[] pdf = TestFiles.pdf("Pricing", "Ann", List.of("Prices"));
        byte[] damaged = java.util.Arrays.copyOf(pdf, 40);

        ExtractionResult result = extractor.extract(write("damaged.pdf", damaged));

        assertThat(result.status()).isEqualTo(ExtractionResult.Status.FAILED);
        assertThat(result.failureReason()).startsWith("the file could not be parsed (damaged, or not what it claims to be): ");
    }

    @Test
    void aParserProcessKilledBetweenFilesIsReplacedForTheNextFile() throws Exception {
        assertNextFileExtracts();
        List<ProcessHandle> parsers = ParserProcesses.running();
        assertThat(parsers).isNotEmpty();

        for (ProcessHandle parser : parsers) {
            ParserProcesses.kill(parser);
        }

        assertNextFileExtracts();
        assertThat(ParserProcesses.running()).isNotEmpty().doesNotContainAnyElementsOf(parsers);
    }

    @Test
    void filesExtractedFromSeveralThreadsAtOnceEachGetTheirOwnText() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            files.add(write("parallel-" + i + ".pdf", TestFiles.pdf("Doc " + i, "Ann", List.of("Unique text " + i))));
        }

        List<CompletableFuture<ExtractionResult>> results = files.stream()
                .map(file -> CompletableFuture.supplyAsync(() -> extractor.extract(file)))
                .toList();

        for (int i = 0; i < files.size(); i++) {
            ExtractionResult result = results.get(i).get(60, TimeUnit.SECONDS);
            assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
            assertThat(result.text()).contains("Unique text " + i);
            assertThat(result.title()).isEqualTo("Doc " + i);
        }
    }

    @Test
    void aClosedExtractorStopsItsParserProcessRemovesItsFilesAndRefusesMoreFiles() throws Exception {
        Path file = write("before-close.pdf", TestFiles.pdf("Before", "Ann", List.of("Before close")));
        List<ProcessHandle> before = ParserProcesses.running();
        Extractor own = new Extractor(ExtractionSettings.defaults());
        List<ProcessHandle> started;
        try {
            assertThat(own.extract(file).status()).isEqualTo(ExtractionResult.Status.DONE);
            started = new ArrayList<>(ParserProcesses.running());
            started.removeAll(before);
            assertThat(started).hasSize(1);
        } finally {
            own.close();
        }

        assertThat(started.get(0).isAlive()).isFalse();
        assertThat(own.workDirectory()).doesNotExist();
        assertThatThrownBy(() -> own.extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The extractor is closed");
        own.close();
    }

    @Test
    void aMissingFileIsAnExceptionNotAFailedExtraction() {
        assertThatThrownBy(() -> extractor.extract(dir.resolve("nowhere.pdf")))
                .isInstanceOf(ExtractionException.class)
                .hasMessageContaining("nowhere.pdf");
    }

    private static void assertNextFileExtracts() throws IOException {
        Path next = write("next-" + System.nanoTime() + ".pdf", TestFiles.pdf("Next", "Ann", List.of("Next file text")));
        ExtractionResult result = extractor.extract(next);
        assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(result.text()).contains("Next file text");
    }

    private static void assertNoLeak(ExtractionResult result) {
        assertThat(result.text()).doesNotContain(SECRET);
        assertThat(String.valueOf(result.title())).doesNotContain(SECRET);
        assertThat(String.valueOf(result.author())).doesNotContain(SECRET);
        assertThat(String.valueOf(result.failureReason())).doesNotContain(SECRET);
    }

    /** A DOCTYPE whose entities read the secret file and call the test's server, one of them at once (%remote;). */
    private static String doctype(String root) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return "<!DOCTYPE " + root + " [\n"
                + "  <!ENTITY file SYSTEM \"" + secret.toUri() + "\">\n"
                + "  <!ENTITY web SYSTEM \"" + base + "/entity\">\n"
                + "  <!ENTITY % remote SYSTEM \"" + base + "/dtd\">\n"
                + "  %remote;\n"
                + "]>";
    }

    /** A text file in a ZIP in a ZIP ..., {@code levels} ZIPs deep inside the outer one. */
    private static byte[] nestedZips(int levels, String text) throws IOException {
        byte[] nested = zipHolding("innermost.txt", text.getBytes(StandardCharsets.UTF_8));
        for (int level = 0; level < levels; level++) {
            nested = zipHolding("level" + level + ".zip", nested);
        }
        return nested;
    }

    private static byte[] zipHolding(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
        }
        return bytes.toByteArray();
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
