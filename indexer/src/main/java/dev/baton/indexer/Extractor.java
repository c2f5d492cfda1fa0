package dev.baton.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.pipes.FetchEmitTuple;
import org.apache.tika.pipes.HandlerConfig;
import org.apache.tika.pipes.PipesConfig;
import org.apache.tika.pipes.PipesException;
import org.apache.tika.pipes.PipesParser;
import org.apache.tika.pipes.PipesResult;
import org.apache.tika.pipes.emitter.EmitKey;
import org.apache.tika.pipes.fetcher.FetchKey;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts text and document metadata with Tika's parsers, in a separate JVM.
 *
 * <p>Tika's pipes ({@link PipesParser}) fork a JVM ({@code org.apache.tika.pipes.PipesServer}) from this JVM's class
 * path, with {@link ExtractionSettings#maxHeap()} as its heap, and send it one file at a time. The child is kept for
 * the next file. When a file takes longer than {@link ExtractionSettings#timeout()} the child is killed; when it runs
 * out of memory or crashes it exits; either way that file is {@code FAILED} with the reason and the next file starts a
 * fresh child (a few seconds). Nothing a file does in the child can reach this JVM.
 *
 * <p>Thread-safe. One child parses one file at a time; other callers wait their turn.
 */
public final class Extractor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Extractor.class);

    private static final String FETCHER = "baton-files";
    /** What Tika's SecureContentHandler says when documents nest past the depth limit. */
    private static final String PACKAGE_NESTING = "levels of package entry nesting";
    private static final long STARTUP_TIMEOUT_MILLIS = 120_000;
    /** tcpmux: nothing listens there; the forked parser's URL connections go to it and fail. */
    private static final int DEAD_PORT = 1;
    /** Below this many letters, language detection guesses: report none. */
    private static final int MIN_LETTERS_FOR_LANGUAGE = 40;
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*(?:\\n[ \\t\\x0B\\f\\r]*){2,}");
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^(?:Caused by: )?([\\w.$]+)(?::\\s*(.*))?$");
    private static final Map<String, String> TWO_LETTER_LANGUAGES = twoLetterLanguages();

    private final ExtractionSettings settings;
    private final Path workDirectory;
    private final PipesParser pipes;
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    /**
     * An extractor with the given limits. No process starts until the first file.
     *
     * @throws IOException when the parser's configuration cannot be written to a temporary directory
     */
    public Extractor(ExtractionSettings settings) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workDirectory = Files.createTempDirectory("baton-extractor-");
        try {
            Path childTemp = Files.createDirectory(workDirectory.resolve("tmp"));
            Path config = workDirectory.resolve("tika-config.xml");
            Files.writeString(config, tikaConfig(settings, childTemp), StandardCharsets.UTF_8);
            PipesConfig pipesConfig = PipesConfig.load(config);
            // a caller waits for the child while another file parses: at most one timeout per file queued ahead
            pipesConfig.setMaxWaitForClientMillis(Long.MAX_VALUE / 2);
            this.pipes = new PipesParser(pipesConfig);
        } catch (TikaConfigException e) {
            deleteWorkDirectory();
            throw new IllegalStateException("Tika's pipes configuration was refused: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            deleteWorkDirectory();
            throw e;
        }
    }

    public ExtractionSettings settings() {
        return settings;
    }

    /** The directory of the child's configuration and temporary files; removed by {@link #close()}. */
    Path workDirectory() {
        return workDirectory;
    }

    /**
     * Parses one file in the forked JVM and returns its text and metadata, or why it failed.
     *
     * @param file a regular file this process (and so the forked one) can read
     * @throws ExtractionException when extraction could not be attempted (no such file, the parser process cannot
     *     start, the extractor is closed, the thread is interrupted): nothing is known about the file
     */
    public ExtractionResult extract(Path file) {
        if (closed) {
            throw new ExtractionException("The extractor is closed");
        }
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new ExtractionException("No readable file at " + absolute);
        }
        ParseContext context = new ParseContext();
        context.set(
                HandlerConfig.class,
                new HandlerConfig(
                        BasicContentHandlerFactory.HANDLER_TYPE.TEXT,
                        HandlerConfig.PARSE_MODE.CONCATENATE,
                        settings.maxChars(),
                        settings.maxEmbeddedCount(),
                        false));
        FetchEmitTuple tuple = new FetchEmitTuple(
                "file-" + ids.incrementAndGet(),
                new FetchKey(FETCHER, absolute.toString()),
                new EmitKey("", ""),
                new Metadata(),
                context,
                FetchEmitTuple.ON_PARSE_EXCEPTION.EMIT);
        PipesResult result;
        try {
            result = pipes.parse(tuple);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException("Interrupted while extracting " + absolute, e);
        } catch (PipesException | IOException | RuntimeException e) {
            throw new ExtractionException("The forked parser could not be used: " + e.getMessage(), e);
        }
        ExtractionResult extraction = toResult(result);
        if (!extraction.done()) {
            LOG.info("Text extraction failed for {}: {}", absolute, extraction.failureReason());
        }
        return extraction;
    }

    /** Stops the forked JVM and removes its configuration and temporary files. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pipes.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the forked parser cleanly", e);
        } finally {
            deleteWorkDirectory();
        }
    }

    private ExtractionResult toResult(PipesResult result) {
        Metadata metadata = firstMetadata(result);
        return switch (result.getStatus()) {
            case PARSE_SUCCESS, EMPTY_OUTPUT -> fromMetadata(metadata, null);
            case PARSE_SUCCESS_WITH_EXCEPTION -> fromMetadata(metadata, reasonFor(result.getMessage()));
            case TIMEOUT -> fromMetadata(metadata, "timed out after " + describe(settings.timeout()));
            case OOM -> fromMetadata(metadata, "ran out of memory (the parser may use " + settings.maxHeap() + ")");
            case UNSPECIFIED_CRASH -> fromMetadata(metadata, "the parser crashed");
            case PARSE_EXCEPTION_NO_EMIT -> ExtractionResult.failed(reasonFor(result.getMessage()));
            case INTERRUPTED_EXCEPTION -> throw new ExtractionException("The forked parser was interrupted");
            default -> throw new ExtractionException(
                    "The forked parser could not handle the request: " + result.getStatus() + " "
                            + firstLine(result.getMessage()));
        };
    }

    private ExtractionResult fromMetadata(Metadata metadata, String failureReason) {
        if (metadata == null) {
            return ExtractionResult.failed(failureReason == null ? "the parser returned nothing" : failureReason);
        }
        String text = tidy(metadata.get(TikaCoreProperties.TIKA_CONTENT));
        boolean truncated = "true".equalsIgnoreCase(metadata.get(TikaCoreProperties.WRITE_LIMIT_REACHED))
                || nestedTooDeep(metadata);
        String author = String.join("; ", nonBlank(metadata.getValues(TikaCoreProperties.CREATOR)));
        return new ExtractionResult(
                failureReason == null ? ExtractionResult.Status.DONE : ExtractionResult.Status.FAILED,
                failureReason,
                text,
                truncated,
                blankToNull(metadata.get(TikaCoreProperties.TITLE)),
                blankToNull(author),
                pageCount(metadata),
                failureReason == null ? language(metadata, text) : null,
                blankToNull(metadata.get(Metadata.CONTENT_TYPE)));
    }

    /** Whether documents nested past the depth limit were left out: Tika records that per embedded document. */
    private static boolean nestedTooDeep(Metadata metadata) {
        for (String exception : metadata.getValues(TikaCoreProperties.EMBEDDED_EXCEPTION)) {
            if (exception != null && exception.contains(PACKAGE_NESTING)) {
                return true;
            }
        }
        return false;
    }

    private static Metadata firstMetadata(PipesResult result) {
        if (result.getEmitData() == null || result.getEmitData().getMetadataList() == null
                || result.getEmitData().getMetadataList().isEmpty()) {
            return null;
        }
        return result.getEmitData().getMetadataList().get(0);
    }

    /** A reason a person understands, from the stack trace of the exception that stopped the parse. */
    private String reasonFor(String stackTrace) {
        String stack = stackTrace == null ? "" : stackTrace;
        if (stack.contains("EncryptedDocumentException")) {
            return "the file is encrypted (password-protected)";
        }
        if (stack.contains(PACKAGE_NESTING)) {
            return "documents are nested inside each other more than " + settings.maxEmbeddedDepth() + " deep";
        }
        if (stack.contains("levels of XML element nesting")) {
            return "the document's structure is nested too deeply";
        }
        if (stack.contains("DOCTYPE is disallowed")) {
            return "the file's XML declares a document type (DOCTYPE), which this kind of file never needs and"
                    + " malicious files use to read or fetch other files; it was not read";
        }
        if (stack.contains("Suspected zip bomb") || stack.contains("Zip bomb detected")) {
            return "the file expands to far more than its own size (a zip bomb)";
        }
        return "the file could not be parsed (damaged, or not what it claims to be): " + rootCause(stack);
    }

    private static String rootCause(String stack) {
        String cause = null;
        for (String line : stack.split("\\R")) {
            if (line.startsWith("Caused by: ")) {
                cause = line;
            }
        }
        String line = cause != null ? cause : firstLine(stack);
        Matcher matcher = EXCEPTION_LINE.matcher(line.strip());
        String message;
        if (matcher.matches()) {
            String type = matcher.group(1).substring(matcher.group(1).lastIndexOf('.') + 1);
            message = matcher.group(2) == null || matcher.group(2).isBlank() ? type : matcher.group(2);
        } else {
            message = line.strip();
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    private static Integer pageCount(Metadata metadata) {
        for (Property property : List.of(Office.SLIDE_COUNT, PagedText.N_PAGES, Office.PAGE_COUNT)) {
            String value = metadata.get(property);
            if (value != null) {
                try {
                    int count = Integer.parseInt(value.strip());
                    if (count >= 0) {
                        return count;
                    }
                } catch (NumberFormatException e) {
                    // a value the format got wrong: try the next property
                }
            }
        }
        return null;
    }

    private static String language(Metadata metadata, String text) {
        String detected = metadata.get(TikaCoreProperties.TIKA_DETECTED_LANGUAGE);
        if (detected == null || detected.isBlank() || letters(text, MIN_LETTERS_FOR_LANGUAGE) < MIN_LETTERS_FOR_LANGUAGE) {
            return null;
        }
        String code = detected.strip().toLowerCase(Locale.ROOT);
        return TWO_LETTER_LANGUAGES.getOrDefault(code, code);
    }

    private static int letters(String text, int enough) {
        int count = 0;
        for (int i = 0; i < text.length() && count < enough; i++) {
            if (Character.isLetter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static Map<String, String> twoLetterLanguages() {
        Map<String, String> map = new HashMap<>();
        for (String twoLetter : Locale.getISOLanguages()) {
            try {
                map.put(Locale.of(twoLetter).getISO3Language(), twoLetter);
            } catch (MissingResourceException e) {
                // a language without a three-letter code: nothing to map
            }
        }
        // OpenNLP names Chinese by its main variety
        map.put("cmn", "zh");
        return Map.copyOf(map);
    }

    private static String tidy(String text) {
        if (text == null) {
            return "";
        }
        return BLANK_LINES.matcher(text.strip()).replaceAll("\n\n");
    }

    private static List<String> nonBlank(String[] values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank() && !kept.contains(value.strip())) {
                kept.add(value.strip());
            }
        }
        return kept;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** "60 s", "1.5 s", "250 ms". */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String tikaConfig(ExtractionSettings settings, Path childTemp) {
        List<String> jvmArgs = new ArrayList<>(List.of(
                "-Xmx" + settings.maxHeap(),
                "-XX:+UseSerialGC",
                // what a killed child leaves behind (spooled files) goes where close() removes it
                "-Djava.io.tmpdir=" + childTemp,
                // POI logs through Log4j's API; without a provider it complains on every start
                "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
                // no parser needs the network: send every URL connection (an external entity, a remote image) to a
                // proxy that is not there. An empty list of exceptions also covers loopback addresses.
                "-Dhttp.proxyHost=127.0.0.1",
                "-Dhttp.proxyPort=" + DEAD_PORT,
                "-Dhttps.proxyHost=127.0.0.1",
                "-Dhttps.proxyPort=" + DEAD_PORT,
                "-Dhttp.nonProxyHosts=",
                "-Dftp.proxyHost=127.0.0.1",
                "-Dftp.proxyPort=" + DEAD_PORT,
                "-Dftp.nonProxyHosts="));
        if (settings.classPath() != null) {
            jvmArgs.add("-cp");
            jvmArgs.add(settings.classPath());
        }
        StringBuilder args = new StringBuilder();
        for (String arg : jvmArgs) {
            args.append("        <arg>").append(xml(arg)).append("</arg>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <properties>
                  <autoDetectParserConfig>
                    <params>
                      <maximumPackageEntryDepth>%d</maximumPackageEntryDepth>
                    </params>
                  </autoDetectParserConfig>
                  <metadataFilters>
                    <metadataFilter class="org.apache.tika.langdetect.opennlp.metadatafilter.OpenNLPMetadataFilter"/>
                  </metadataFilters>
                  <fetchers>
                    <fetcher class="org.apache.tika.pipes.fetcher.fs.FileSystemFetcher">
                      <params>
                        <name>%s</name>
                        <allowAbsolutePaths>true</allowAbsolutePaths>
                      </params>
                    </fetcher>
                  </fetchers>
                  <pipes>
                    <params>
                      <numClients>1</numClients>
                      <timeoutMillis>%d</timeoutMillis>
                      <startupTimeoutMillis>%d</startupTimeoutMillis>
                      <maxForEmitBatchBytes>-1</maxForEmitBatchBytes>
                      <javaPath>%s</javaPath>
                      <forkedJvmArgs>
                %s      </forkedJvmArgs>
                    </params>
                  </pipes>
                </properties>
                """
                .formatted(
                        settings.maxEmbeddedDepth() + 1,
                        FETCHER,
                        settings.timeout().toMillis(),
                        STARTUP_TIMEOUT_MILLIS,
                        xml(settings.javaCommand()),
                        args);
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void deleteWorkDirectory() {
        try (Stream<Path> paths = Files.walk(workDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove {}", workDirectory, e);
        }
    }
}
