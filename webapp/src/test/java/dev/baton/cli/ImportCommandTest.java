package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.webapp.content.ImportStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command against a stand-in for Baton's import API (the real end-to-end test runs it against Baton): what it
 * sends, how it follows the import, what it prints and the exit status.
 */
class ImportCommandTest {

    private static final String TOKEN = "baton_test-token";
    private static final String ID = "4f1c8a0e-5b7d-4c2a-9e3f-0a1b2c3d4e5f";

    @TempDir
    Path dir;

    private FakeBaton baton;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        baton = new FakeBaton();
    }

    @AfterEach
    void stop() {
        baton.server.stop(0);
    }

    private int run(boolean terminal, String... args) {
        Map<String, String> env = Map.of("BATON_URL", baton.url(), "BATON_TOKEN", TOKEN);
        return run(env, terminal, args);
    }

    private int run(Map<String, String> env, boolean terminal, String... args) {
        return ImportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, terminal, Duration.ofMillis(5));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path zip(String... names) throws IOException {
        Path zip = dir.resolve("collateral.zip");
        try (ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : names) {
                zipOut.putNextEntry(new ZipEntry(name));
                zipOut.write(name.getBytes(StandardCharsets.UTF_8));
                zipOut.closeEntry();
            }
        }
        return zip;
    }

    private static String status(String state, int total, int processed, int imported, int skipped, int failed,
            String problems) {
        return "{\"id\":\"" + ID + "\",\"status\":\"" + state + "\",\"total\":" + total + ",\"processed\":" + processed
                + ",\"imported\":" + imported + ",\"skipped\":" + skipped + ",\"failed\":" + failed
                + ",\"problems\":" + problems + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"finishedAt\":null}";
    }

    @Test
    void uploadsTheZipWithItsManifestAndFollowsTheImportUntilItIsDone() throws IOException {
        Path zip = zip("a.pdf", "b.pdf");
        Path manifest = Files.writeString(dir.resolve("meta.csv"), "file,title\na.pdf,A\n");
        baton.statuses.add(status("RUNNING", 2, 1, 1, 0, 0, "[]"));
        baton.statuses.add(status("DONE", 2, 2, 1, 1, 0, "[]"));

        int exit = run(false, zip.toString(), "--manifest", manifest.toString());

        assertThat(exit).isZero();
        assertThat(baton.authorization).isEqualTo("Bearer " + TOKEN);
        Map<String, Part> parts = baton.parts();
        assertThat(parts.get("file").fileName()).isEqualTo("collateral.zip");
        assertThat(parts.get("file").contentType()).isEqualTo("application/zip");
        assertThat(parts.get("file").content()).isEqualTo(Files.readAllBytes(zip));
        assertThat(parts.get("manifest").fileName()).isEqualTo("meta.csv");
        assertThat(new String(parts.get("manifest").content(), StandardCharsets.UTF_8))
                .isEqualTo("file,title\na.pdf,A\n");
        assertThat(baton.polls.get()).isEqualTo(2);
        assertThat(out()).contains("[############............] 1/2 imported 1, skipped 0, failed 0")
                .contains("[########################] 2/2 imported 1, skipped 1, failed 0")
                .endsWith("2 in all (files and manifest rows): 1 imported, 1 skipped (already in the library), 0 failed.\n");
    }

    @Test
    void problemsArePrintedWithTheirLineNumbersAndMakeTheExitStatusOne() throws IOException {
        baton.statuses.add(status("DONE", 3, 3, 1, 0, 2, """
                [{"line":3,"file":"a.pdf","reason":"review_by: 'soon' is not a date; use yyyy-MM-dd"},
                 {"line":1,"file":null,"reason":"unknown column 'colour' ignored"},
                 {"line":null,"file":"bomb.pdf","reason":"looks like a zip bomb"}]"""));

        int exit = run(false, zip("a.pdf").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out()).contains("Problems:\n"
                + "  line 3 (a.pdf): review_by: 'soon' is not a date; use yyyy-MM-dd\n"
                + "  line 1: unknown column 'colour' ignored\n"
                + "  bomb.pdf: looks like a zip bomb\n"
                + "3 in all (files and manifest rows): 1 imported, 0 skipped (already in the library), 2 failed.");
    }

    @Test
    void theStatusIsReadAsTheServerWritesItsOwnRecord() throws IOException {
        UUID existing = UUID.fromString("0b9d1e7a-3c55-4f7e-9a1d-2f4c8e6b5a10");
        baton.statuses.add(JsonMapper.builder().build().writeValueAsString(new ImportStatus(UUID.fromString(ID),
                "DONE", 3, 3, 1, 1, 1, List.of(new ImportStatus.Problem(4, "b.pdf", "not a PDF")), null, "dana",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z"),
                List.of(new ImportStatus.Skip("c.pdf", existing, "Price list")))));

        int exit = run(false, zip("a.pdf", "b.pdf", "c.pdf").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out()).contains("Problems:\n  line 4 (b.pdf): not a PDF\n")
                .contains("Skipped, already in the library:\n  c.pdf: asset " + existing + " (Price list)\n")
                .endsWith("3 in all (files and manifest rows): 1 imported, 1 skipped (already in the library), "
                        + "1 failed.\n");
    }

    @Test
    void anImportThatFailsOnTheServerEndsWithStatusOne() throws IOException {
        baton.statuses.add(status("FAILED", 4, 1, 1, 0, 0, "[{\"reason\":\"storage is full\"}]"));

        assertThat(run(false, zip("a.pdf").toString())).isEqualTo(1);
        assertThat(out()).contains("  storage is full\n").contains("The import failed after 1 of 4 files.");
    }

    @Test
    void aFolderIsZippedOnTheFlyWithoutWhatAnImportSkipsAndItsManifestIsSentAlongside() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("Q3 launch"));
        Files.writeString(folder.resolve("a.pdf"), "A");
        Files.writeString(Files.createDirectory(folder.resolve("decks")).resolve("b.pptx"), "B");
        Files.writeString(folder.resolve(".DS_Store"), "junk");
        Files.writeString(folder.resolve("Thumbs.db"), "junk");
        Files.writeString(folder.resolve("manifest.csv"), "file\na.pdf\n");
        baton.statuses.add(status("DONE", 2, 2, 2, 0, 0, "[]"));

        int exit = run(false, folder.toString());

        assertThat(exit).isZero();
        Map<String, Part> parts = baton.parts();
        assertThat(parts.get("file").fileName()).isEqualTo("Q3 launch.zip");
        Map<String, String> entries = new HashMap<>();
        List<Integer> methods = new ArrayList<>();
        try (ZipInputStream zipIn = new ZipInputStream(new ByteArrayInputStream(parts.get("file").content()))) {
            for (ZipEntry entry; (entry = zipIn.getNextEntry()) != null;) {
                entries.put(entry.getName(), new String(zipIn.readAllBytes(), StandardCharsets.UTF_8));
                methods.add(entry.getMethod());
            }
        }
        assertThat(entries).containsOnly(Map.entry("a.pdf", "A"), Map.entry("decks/b.pptx", "B"));
        assertThat(methods).containsOnly(ZipEntry.STORED);
        assertThat(parts.get("manifest").fileName()).isEqualTo("manifest.csv");
        assertThat(out()).contains("Packing 2 files from");
    }

    @Test
    void withoutATerminalProgressIsALinePerTenth() throws IOException {
        int[] processed = {0, 5, 10, 15, 50, 99, 100};
        for (int done : processed) {
            baton.statuses.add(status(done == 100 ? "DONE" : "RUNNING", 100, done, done, 0, 0, "[]"));
        }

        run(false, zip("a.pdf").toString());

        String importing = out().substring(out().indexOf("Importing"));
        assertThat(importing.lines().filter(line -> line.startsWith("[")))
                .containsExactly("[........................] 0/100 imported 0, skipped 0, failed 0",
                        "[##......................] 10/100 imported 10, skipped 0, failed 0",
                        "[############............] 50/100 imported 50, skipped 0, failed 0",
                        "[#######################.] 99/100 imported 99, skipped 0, failed 0",
                        "[########################] 100/100 imported 100, skipped 0, failed 0");
        assertThat(out()).doesNotContain("\r");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlace() throws IOException {
        baton.statuses.add(status("QUEUED", 0, 0, 0, 0, 0, "[]"));
        baton.statuses.add(status("RUNNING", 10, 4, 4, 0, 0, "[]"));
        baton.statuses.add(status("DONE", 10, 10, 10, 0, 0, "[]"));

        run(true, zip("a.pdf").toString());

        String importing = out().substring(out().indexOf("Importing\n") + "Importing\n".length());
        String bar = importing.substring(0, importing.indexOf('\n'));
        assertThat(bar.split("\r")).containsSubsequence("[........................] waiting to start",
                "[#########...............] 4/10 imported 4, skipped 0, failed 0",
                "[########################] 10/10 imported 10, skipped 0, failed 0");
    }

    @Test
    void aRefusedTokenStopsBeforeUploadingWithBatonsReason() throws IOException {
        int exit = run(Map.of(), false, zip("a.pdf").toString(), "--url", baton.url(), "--token", "baton_wrong");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("Baton refused (401) Unauthorized: Give a valid API token");
        assertThat(baton.body).isNull();
    }

    @Test
    void aRefusedImportEndsWithStatusTwoAndTheProblemsDetail() throws IOException {
        baton.postStatus = 400;
        baton.postBody = "{\"type\":\"about:blank\",\"title\":\"Invalid import\",\"status\":400,"
                + "\"detail\":\"manifest.csv has no 'file' column\"}";

        int exit = run(false, zip("a.pdf").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("Baton refused (400) Invalid import: manifest.csv has no 'file' column");
    }

    @Test
    void aBatonThatIsNotRunningEndsWithStatusTwo() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        int exit = run(Map.of("BATON_TOKEN", TOKEN), false, zip("a.pdf").toString(), "--url=http://127.0.0.1:" + port);

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("Cannot connect to Baton at http://127.0.0.1:" + port);
    }

    @Test
    void usageMistakesEndWithStatusTwoAndSayWhatIsWrong() throws IOException {
        Path notZip = Files.writeString(dir.resolve("notes.txt"), "hello");

        assertThat(run(false)).isEqualTo(2);
        assertThat(run(false, "--colour", "red", notZip.toString())).isEqualTo(2);
        assertThat(run(false, dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(run(Map.of(), false, notZip.toString())).isEqualTo(2);
        assertThat(run(false, notZip.toString())).isEqualTo(2);
        assertThat(err()).contains("Give the folder or ZIP file to import", "Unknown option --colour",
                "No such file or folder", "No API token: pass --token or set BATON_TOKEN",
                "notes.txt is neither a folder nor a ZIP file", "Run with --help for usage.");
        assertThat(baton.body).isNull();
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run(Map.of(), false, "--help")).isZero();
        assertThat(out()).startsWith("Usage: java -jar baton.jar import PATH [--manifest FILE] [--url URL]");
    }

    // -------------------------------------------------------------------------------------------- the stand-in

    private record Part(String fileName, String contentType, byte[] content) {}

    /** Answers like Baton's import API: a token check, a 202 for the upload, then the statuses queued here. */
    private static final class FakeBaton {
        final HttpServer server;
        final LinkedList<String> statuses = new LinkedList<>();
        final AtomicInteger polls = new AtomicInteger();
        volatile byte[] body;
        volatile String contentType;
        volatile String authorization;
        volatile int postStatus = 202;
        volatile String postBody;

        FakeBaton() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/me", exchange -> {
                boolean valid = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                answer(exchange, valid ? 200 : 401, valid ? "{\"username\":\"dana\"}"
                        : "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Give a valid API token\"}");
            });
            server.createContext("/api/v1/imports", exchange -> {
                if (exchange.getRequestMethod().equals("POST")) {
                    authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                    body = exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Location", "/api/v1/imports/" + ID);
                    answer(exchange, postStatus, postBody != null ? postBody : status("QUEUED", 0, 0, 0, 0, 0, "[]"));
                } else if (exchange.getRequestURI().getPath().equals("/api/v1/imports/" + ID)) {
                    polls.incrementAndGet();
                    String next;
                    synchronized (statuses) {
                        next = statuses.size() > 1 ? statuses.removeFirst() : statuses.getFirst();
                    }
                    answer(exchange, 200, next);
                } else {
                    answer(exchange, 404, "{\"title\":\"Not found\",\"status\":404,\"detail\":\"No such import\"}");
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private static void answer(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        /** The parts of the uploaded multipart body, by name. */
        Map<String, Part> parts() {
            assertThat(contentType).startsWith("multipart/form-data; boundary=");
            String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + 9);
            String raw = new String(body, StandardCharsets.ISO_8859_1);
            assertThat(raw).startsWith(boundary + "\r\n").endsWith(boundary + "--\r\n");
            Map<String, Part> parts = new HashMap<>();
            for (String chunk : raw.split("\r\n" + java.util.regex.Pattern.quote(boundary))) {
                chunk = chunk.startsWith(boundary) ? chunk.substring(boundary.length()) : chunk;
                if (chunk.startsWith("--")) {
                    continue;
                }
                int split = chunk.indexOf("\r\n\r\n");
                String headers = chunk.substring(0, split);
                String name = headers.replaceAll("(?s).*; name=\"([^\"]*)\".*", "$1");
                String fileName = headers.replaceAll("(?s).*filename=\"([^\"]*)\".*", "$1");
                String type = headers.replaceAll("(?s).*Content-Type: ([^\r\n]*).*", "$1");
                parts.put(name, new Part(fileName, type,
                        chunk.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1)));
            }
            return parts;
        }
    }
}
