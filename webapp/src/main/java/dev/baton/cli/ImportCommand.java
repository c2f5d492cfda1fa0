package dev.baton.cli;

import dev.baton.webapp.content.ImportStatus;
import dev.baton.webapp.content.bulk.EntryNames;
import dev.baton.webapp.content.bulk.ImportSource;
import dev.baton.webapp.system.BatonException;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * {@code java -jar baton.jar import PATH}: uploads a folder (zipped on the fly) or a ZIP with an optional manifest
 * to a running Baton ({@code POST /api/v1/imports}), then follows the import to its end with a progress bar and
 * prints every problem with its manifest line. Runs without Spring: {@code BatonApplication.main} hands over first.
 * Baton's answers are read into the server's own {@link ImportStatus}.
 */
public final class ImportCommand {

    static final String USAGE = """
            Usage: java -jar baton.jar import PATH [--manifest FILE] [--url URL] [--token TOKEN]

            Imports a folder or a ZIP of files into Baton's library, with an optional manifest of their metadata
            (CSV or JSON, see docs/api.md "Bulk import"). Without --manifest, a manifest.csv or manifest.json at
            the top of PATH is used. Files already in the library are skipped: an import can be run again.

              PATH             a folder (zipped on the fly into a temporary file) or a .zip file
              --manifest FILE  the manifest, a .csv or .json file
              --url URL        Baton's address (default: $BATON_URL, else http://localhost:8080)
              --token TOKEN    an API token of a marketer or an admin (default: $BATON_TOKEN); admins issue
                               tokens under Admin > API tokens
              --help           this text

            Exit status: 0 every file imported or skipped, 1 some files failed or problems were reported,
            2 the import did not run (usage, connection, refused).
            """;

    private static final int NOT_RUN = 2;
    private static final int POLL_FAILURES_TOLERATED = 20;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean terminal;
    private final Duration pollInterval;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private String baseUrl;
    private String authorization;

    private ImportCommand(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal,
            Duration pollInterval) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
        this.pollInterval = pollInterval;
    }

    /**
     * Runs the command.
     *
     * @param args what follows {@code import} on the command line
     * @return the exit status: 0 all imported or skipped, 1 some failed or problems were reported, 2 not run
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), isTerminal(), Duration.ofMillis(500));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal,
            Duration pollInterval) {
        try {
            return new ImportCommand(out, err, env, terminal, pollInterval).execute(args);
        } catch (Failure e) {
            err.println(e.getMessage());
            if (e.usage) {
                err.println("Run with --help for usage.");
            }
            return NOT_RUN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted.");
            return NOT_RUN;
        }
    }

    private int execute(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        Options options = Options.parse(args, env);
        baseUrl = options.url();
        authorization = "Bearer " + options.token();
        checkAccess();
        List<String> notSent = new ArrayList<>();
        Path upload = options.path();
        Path manifest = options.manifest();
        boolean packed = Files.isDirectory(upload);
        if (packed) {
            Packed folder = pack(options.path(), notSent);
            upload = folder.zip();
            manifest = manifest != null ? manifest : folder.manifest();
        } else {
            requireZip(upload);
        }
        try {
            String name = packed ? options.path().toAbsolutePath().normalize().getFileName() + ".zip"
                    : upload.getFileName().toString();
            Status status = follow(upload(upload, name, manifest));
            return report(status, notSent);
        } finally {
            if (packed) {
                deleteQuietly(upload);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ options

    private record Options(Path path, Path manifest, String url, String token) {

        static Options parse(String[] args, Map<String, String> env) {
            Path path = null;
            Path manifest = null;
            String url = env.getOrDefault("BATON_URL", "");
            String token = env.getOrDefault("BATON_TOKEN", "");
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean inline = arg.startsWith("--") && arg.contains("=");
                switch (option) {
                    case "--manifest", "--url", "--token" -> {
                        String value;
                        if (inline) {
                            value = arg.substring(arg.indexOf('=') + 1);
                        } else if (i + 1 < args.length) {
                            value = args[++i];
                        } else {
                            throw new Failure(option + " needs a value", true);
                        }
                        switch (option) {
                            case "--manifest" -> manifest = Path.of(value);
                            case "--url" -> url = value;
                            default -> token = value;
                        }
                    }
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new Failure("Unknown option " + option, true);
                        }
                        if (path != null) {
                            throw new Failure("Give one folder or ZIP; found " + path + " and " + arg, true);
                        }
                        path = Path.of(arg);
                    }
                }
            }
            if (path == null) {
                throw new Failure("Give the folder or ZIP file to import", true);
            }
            if (!Files.exists(path)) {
                throw new Failure("No such file or folder: " + path, false);
            }
            if (manifest != null && !Files.isRegularFile(manifest)) {
                throw new Failure("No such manifest file: " + manifest, false);
            }
            url = url.isBlank() ? "http://localhost:8080" : url.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new Failure("Not a URL: " + url, true);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new Failure("Not an http:// or https:// URL: " + url, true);
            }
            if (token.isBlank()) {
                throw new Failure("No API token: pass --token or set BATON_TOKEN (an admin issues tokens under "
                        + "Admin > API tokens)", true);
            }
            return new Options(path, manifest, url, token.strip());
        }
    }

    // --------------------------------------------------------------------------------------------------- HTTP

    /** Fails early, before a long upload, when Baton is not there or refuses the token. */
    private void checkAccess() throws InterruptedException {
        HttpResponse<String> response = send(request("/api/v1/me").GET().build());
        if (response.statusCode() != 200) {
            throw new Failure(problem(response), false);
        }
    }

    private Status upload(Path zip, String zipName, Path manifest) throws InterruptedException {
        String boundary = "baton-" + UUID.randomUUID();
        List<BodyPublisher> parts = new ArrayList<>();
        try {
            parts.add(BodyPublishers.ofString(partHeader(boundary, "file", zipName, "application/zip")));
            parts.add(BodyPublishers.ofFile(zip));
            if (manifest != null) {
                String name = manifest.getFileName().toString();
                String type = name.toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json" : "text/csv";
                parts.add(BodyPublishers.ofString("\r\n" + partHeader(boundary, "manifest", name, type)));
                parts.add(BodyPublishers.ofFile(manifest));
            }
        } catch (IOException e) {
            throw new Failure("Cannot read " + e.getMessage(), false);
        }
        parts.add(BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        BodyPublisher body = BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
        long length = body.contentLength();
        out.println("Uploading " + EntryNames.printable(zipName) + (manifest == null ? "" : " with " + manifest)
                + " to " + baseUrl);
        ProgressBar bar = new ProgressBar(out, terminal);
        HttpRequest request = request("/api/v1/imports")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(new Counting(body, sent -> bar.update(sent, length,
                        ImportSource.bytes(sent) + " of " + ImportSource.bytes(length))))
                .build();
        HttpResponse<String> response = send(request);
        bar.finish();
        if (response.statusCode() / 100 != 2) {
            throw new Failure(problem(response), false);
        }
        Status status = Status.of(parse(response.body()));
        String location = response.headers().firstValue("Location")
                .orElse("/api/v1/imports/" + status.body().id());
        return status.at(URI.create(baseUrl + "/").resolve(location));
    }

    /** Polls the import until it is done or failed, drawing its progress. */
    private Status follow(Status status) throws InterruptedException {
        out.println("Importing");
        ProgressBar bar = new ProgressBar(out, terminal);
        int failures = 0;
        while (!status.finished()) {
            bar.update(status.processed(), status.total(), status.caption());
            Thread.sleep(pollInterval.toMillis());
            HttpResponse<String> response = null;
            try {
                response = http.send(request(status.uri()).GET().build(), BodyHandlers.ofString());
            } catch (IOException e) {
                // a restart or a network blip: try again
            }
            if (response != null && response.statusCode() == 200) {
                status = Status.of(parse(response.body())).at(status.uri());
                failures = 0;
            } else if (response != null && response.statusCode() / 100 == 4) {
                throw new Failure(problem(response), false);
            } else if (++failures >= POLL_FAILURES_TOLERATED) {
                throw new Failure("Lost contact with Baton; the import goes on there. See GET " + status.uri(),
                        false);
            }
        }
        bar.update(status.processed(), status.total(), status.caption());
        bar.finish();
        return status;
    }

    private int report(Status status, List<String> notSent) {
        List<String> problems = new ArrayList<>();
        notSent.forEach(problem -> problems.add(problem + " (not sent)"));
        for (ImportStatus.Problem problem : status.problems()) {
            problems.add(describe(problem));
        }
        if (!problems.isEmpty()) {
            out.println("Problems:");
            problems.forEach(problem -> out.println("  " + problem));
        }
        if (status.state().equals("FAILED")) {
            out.println("The import failed after " + status.processed() + " of " + status.total() + " files.");
        }
        if (!status.body().skips().isEmpty()) {
            out.println("Skipped, already in the library:");
            for (ImportStatus.Skip skip : status.body().skips()) {
                out.println("  " + EntryNames.printable(skip.file()) + ": asset " + skip.assetId()
                        + (skip.title() == null ? "" : " (" + EntryNames.printable(skip.title()) + ")"));
            }
        }
        out.printf(Locale.ROOT, "%d in all (files and manifest rows): %d imported, %d skipped (already in the "
                        + "library), %d failed.%n",
                status.total(), status.imported(), status.skipped(), status.failed());
        return status.failed() > 0 || !problems.isEmpty() || status.state().equals("FAILED") ? 1 : 0;
    }

    /** {@code line 3 (a.pdf): reason}, leaving out what the problem does not say. */
    static String describe(ImportStatus.Problem problem) {
        int line = problem.line();
        String file = EntryNames.printable(problem.file());
        String reason = EntryNames.printable(problem.reason());
        String where = line > 0 ? "line " + line + (file.isEmpty() ? "" : " (" + file + ")") : file;
        return where.isEmpty() ? reason : where + ": " + reason;
    }

    private HttpRequest.Builder request(String path) {
        return request(URI.create(baseUrl + path));
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", authorization).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure("Cannot connect to Baton at " + baseUrl + " (is it running? set --url or BATON_URL)",
                    false);
        } catch (IOException e) {
            throw new Failure("Cannot reach Baton at " + baseUrl + ": " + e, false);
        }
    }

    /** What Baton said was wrong, from its problem document. */
    private static String problem(HttpResponse<String> response) {
        String body = response.body();
        String said = Answers.problem(body)
                .map(problem -> Objects.toString(problem.title(), "") + ": " + Objects.toString(problem.detail(), ""))
                .orElseGet(() -> body.length() > 200 ? body.substring(0, 200) : body);
        return "Baton refused (" + response.statusCode() + ") " + said;
    }

    private static ImportStatus parse(String body) {
        try {
            return Answers.read(body, ImportStatus.class);
        } catch (StreamReadException e) {
            throw new Failure("Baton's answer is not JSON: " + e.getOriginalMessage(), false);
        } catch (JacksonException e) {
            throw new Failure("Baton's answer is not an import's status: " + e.getOriginalMessage(), false);
        }
    }

    private static String partHeader(String boundary, String name, String fileName, String type) {
        String safeName = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + safeName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n";
    }

    /** An import as Baton reports it; {@code uri} is where to ask again. */
    private record Status(ImportStatus body, URI uri) {

        static Status of(ImportStatus body) {
            return new Status(body, null);
        }

        Status at(URI where) {
            return new Status(body, where);
        }

        String state() {
            return Objects.toString(body.status(), "");
        }

        long total() {
            return body.total();
        }

        long processed() {
            return body.processed();
        }

        long imported() {
            return body.imported();
        }

        long skipped() {
            return body.skipped();
        }

        long failed() {
            return body.failed();
        }

        List<ImportStatus.Problem> problems() {
            return body.problems() == null ? List.of() : body.problems();
        }

        boolean finished() {
            return body.finished();
        }

        String caption() {
            if (state().equals("QUEUED")) {
                return "waiting to start";
            }
            return processed() + "/" + total() + " imported " + imported() + ", skipped " + skipped() + ", failed "
                    + failed();
        }
    }

    /** Hands the body on unchanged, telling {@code progress} how many bytes went so far. */
    private record Counting(BodyPublisher body, LongConsumer progress) implements BodyPublisher {

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            body.subscribe(new Flow.Subscriber<ByteBuffer>() {
                private long sent;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    sent += item.remaining();
                    progress.accept(sent);
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }

    // ---------------------------------------------------------------------------------------------- packing

    private record Packed(Path zip, Path manifest) {}

    /**
     * Zips a folder into a temporary file, streaming each file in as it is (stored, not compressed: collateral is
     * mostly compressed already), leaving out what an import would skip. Names an import would refuse are reported.
     */
    private Packed pack(Path folder, List<String> notSent) {
        Path zip = null;
        try {
            zip = Files.createTempFile("baton-import-", ".zip");
            try (ImportSource source = ImportSource.open(folder, zip.getParent());
                    ZipArchiveOutputStream zipOut = new ZipArchiveOutputStream(zip)) {
                zipOut.setMethod(ZipArchiveOutputStream.STORED);
                int total = source.count();
                out.println("Packing " + total + " files from " + folder);
                ProgressBar bar = new ProgressBar(out, terminal);
                int[] done = {0};
                source.forEach(new ImportSource.Visitor() {
                    @Override
                    public void file(String path, Path file, long size) throws IOException {
                        ZipArchiveEntry entry = new ZipArchiveEntry(path);
                        entry.setSize(size);
                        zipOut.putArchiveEntry(entry);
                        try (InputStream in = Files.newInputStream(file)) {
                            in.transferTo(zipOut);
                        }
                        zipOut.closeArchiveEntry();
                        bar.update(++done[0], total, done[0] + "/" + total);
                    }

                    @Override
                    public void refused(String path, String reason) {
                        notSent.add(path + ": " + reason);
                        bar.update(++done[0], total, done[0] + "/" + total);
                    }
                });
                bar.finish();
                return new Packed(zip, source.manifestName().map(folder::resolve).orElse(null));
            }
        } catch (IOException | BatonException e) {
            deleteQuietly(zip);
            throw new Failure("Cannot pack " + folder + ": " + e.getMessage(), false);
        }
    }

    private static void requireZip(Path file) {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(4);
        } catch (IOException e) {
            throw new Failure("Cannot read " + file + ": " + e.getMessage(), false);
        }
        if (start.length < 4 || start[0] != 'P' || start[1] != 'K' || !(start[2] == 3 && start[3] == 4
                || start[2] == 5 && start[3] == 6)) {
            throw new Failure(file + " is neither a folder nor a ZIP file", true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file; the system cleans its temporary folder
        }
    }

    /** Whether standard output is a terminal a bar can be redrawn on (JDK 22+ has a Console for pipes too). */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Ends the command with exit status 2 and a message. */
    private static final class Failure extends RuntimeException {
        final boolean usage;

        Failure(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }
    }
}
