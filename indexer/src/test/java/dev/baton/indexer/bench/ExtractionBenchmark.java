package dev.baton.indexer.bench;

import dev.baton.indexer.ExtractionResult;
import dev.baton.indexer.ExtractionSettings;
import dev.baton.indexer.Extractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.extractor.DocumentSelector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.xml.sax.ContentHandler;

/**
 * Extraction throughput: documents per second through Baton's {@link Extractor} (Tika's parsers in a forked JVM, one
 * file at a time over Tika pipes) against Tika's {@link AutoDetectParser} called in this JVM on one thread, on the
 * same generated corpus, file by file in alternating order. Prints each round, the medians and the ratio Baton /
 * in-process.
 *
 * <p>The in-process peer does the work the forked parser does for Baton: the same parser configuration (package entry
 * depth, OpenNLP language detection as a metadata filter), a text handler with the same write limit, the same limit
 * on embedded documents, text added to the metadata and the filter applied. What it does not do is what the fork
 * adds: serialising the request and the result, the second JVM, Baton's tidying of the text.
 *
 * <p>Not a test: run by {@code indexer/src/test/bench/extraction.sh} (see {@code docs/benchmarks.md}). Arguments:
 * {@code [rounds] [warm-up rounds]}, default 5 and 2.
 */
public final class ExtractionBenchmark {

    private ExtractionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ExtractionSettings settings = ExtractionSettings.defaults();
        Path dir = Files.createTempDirectory("baton-extraction-bench-");
        try {
            List<Path> corpus = Corpus.write(Files.createDirectory(dir.resolve("corpus")));
            long bytes = 0;
            for (Path file : corpus) {
                bytes += Files.size(file);
            }
            System.out.printf(Locale.ROOT, "machine: %d cores, %s, java %s (%s)%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                    System.getProperty("java.vm.version"),
                    String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            System.out.printf(Locale.ROOT, "corpus: %d files (%s), %.1f MiB; %d warm-up rounds, %d measured%n",
                    corpus.size(), describe(), bytes / 1048576.0, warmups, rounds);
            System.out.printf(Locale.ROOT, "forked parser: -Xmx%s -XX:+UseSerialGC, timeout %s, %d chars max%n",
                    settings.maxHeap(), settings.timeout(), settings.maxChars());

            try (Extractor extractor = new Extractor(settings)) {
                InProcess inProcess = new InProcess(settings, dir);
                Side baton = new Side("Baton Extractor (forked)", file -> {
                    ExtractionResult result = extractor.extract(file);
                    if (!result.done()) {
                        throw new IllegalStateException(file + ": " + result.failureReason());
                    }
                    return result.text().length();
                });
                Side tika = new Side("Tika in-process, 1 thread", inProcess::parse);

                long t0 = System.nanoTime();
                for (Path file : corpus) {
                    baton.extraction().extract(file); // starts the forked JVM
                }
                System.out.printf(Locale.ROOT, "first pass through the forked parser (includes its start): %d ms%n",
                        (System.nanoTime() - t0) / 1_000_000);
                for (int i = 0; i < warmups; i++) {
                    interleaved(corpus, baton, tika, i, new TreeMap<>());
                }

                List<Double> batonRates = new ArrayList<>();
                List<Double> tikaRates = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                long batonTotal = 0;
                long tikaTotal = 0;
                Map<String, long[]> byKind = new TreeMap<>();
                for (int round = 1; round <= rounds; round++) {
                    Pass[] passes = interleaved(corpus, baton, tika, round, byKind);
                    double a = passes[0].docsPerSecond(corpus.size());
                    double b = passes[1].docsPerSecond(corpus.size());
                    batonRates.add(a);
                    tikaRates.add(b);
                    ratios.add(a / b);
                    batonTotal += passes[0].nanos();
                    tikaTotal += passes[1].nanos();
                    System.out.printf(Locale.ROOT, "round %d: Baton %.1f docs/s, in-process %.1f docs/s, ratio %.3f"
                            + " (text: %d and %d chars)%n", round, a, b, a / b, passes[0].chars(), passes[1].chars());
                }
                double a = median(batonRates);
                double b = median(tikaRates);
                System.out.printf(Locale.ROOT, "median: Baton %.1f docs/s, in-process %.1f docs/s%n", a, b);
                System.out.printf(Locale.ROOT, "ratio Baton / in-process: %.3f, the median of the rounds' ratios"
                        + " (ratio of the medians %.3f, of all rounds pooled %.3f; goal >= 0.85)%n",
                        median(ratios), a / b, (double) tikaTotal / batonTotal);
                List<String> kinds = new ArrayList<>();
                for (Map.Entry<String, long[]> kind : byKind.entrySet()) {
                    long[] k = kind.getValue();
                    kinds.add(String.format(Locale.ROOT, "%s %.1f / %.1f", kind.getKey(), k[0] / 1e6 / k[2],
                            k[1] / 1e6 / k[2]));
                }
                System.out.println("ms per file by kind, Baton / in-process: " + String.join(", ", kinds));

                // the fixed cost of one file through the fork: the smallest file, many times, alternating
                Path smallest = corpus.stream().min(Comparator.comparingLong(ExtractionBenchmark::size)).orElseThrow();
                List<Double> perFileA = new ArrayList<>();
                List<Double> perFileB = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    perFileA.add(baton.millis(smallest));
                    perFileB.add(tika.millis(smallest));
                }
                System.out.printf(Locale.ROOT, "smallest file (%s, %d bytes), median per call: Baton %.2f ms,"
                        + " in-process %.2f ms%n", smallest.getFileName(), size(smallest), median(perFileA),
                        median(perFileB));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static String describe() {
        List<String> kinds = new ArrayList<>();
        for (Corpus.Kind kind : Corpus.Kind.values()) {
            kinds.add(kind.count + " " + kind.extension);
        }
        return String.join(", ", kinds) + "; 1 to 20 pages each";
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** One way of extracting a file; returns the number of characters of text. */
    @FunctionalInterface
    interface Extraction {
        int extract(Path file) throws Exception;
    }

    record Pass(long nanos, long chars) {
        double docsPerSecond(int docs) {
            return docs / (nanos / 1e9);
        }
    }

    record Side(String name, Extraction extraction) {

        /** Nanoseconds for one file; adds its characters of text to {@code chars[0]}. */
        long time(Path file, long[] chars) throws Exception {
            long t0 = System.nanoTime();
            int n = extraction.extract(file);
            long nanos = System.nanoTime() - t0;
            chars[0] += n;
            return nanos;
        }

        double millis(Path file) throws Exception {
            return time(file, new long[1]) / 1e6;
        }
    }

    /**
     * One pass over the corpus by both sides, file by file, alternating which side goes first, so a busy neighbour
     * on a shared machine slows both sides alike. Returns Baton's pass and the in-process one.
     */
    static Pass[] interleaved(List<Path> corpus, Side baton, Side tika, int round, Map<String, long[]> byKind)
            throws Exception {
        long[] batonChars = new long[1];
        long[] tikaChars = new long[1];
        long batonNanos = 0;
        long tikaNanos = 0;
        for (int i = 0; i < corpus.size(); i++) {
            Path file = corpus.get(i);
            long a;
            long b;
            if ((i + round) % 2 == 0) {
                a = baton.time(file, batonChars);
                b = tika.time(file, tikaChars);
            } else {
                b = tika.time(file, tikaChars);
                a = baton.time(file, batonChars);
            }
            batonNanos += a;
            tikaNanos += b;
            String name = file.getFileName().toString();
            long[] kind = byKind.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), k -> new long[3]);
            kind[0] += a;
            kind[1] += b;
            kind[2]++;
        }
        return new Pass[] {new Pass(batonNanos, batonChars[0]), new Pass(tikaNanos, tikaChars[0])};
    }

    /** Tika's AutoDetectParser in this JVM, configured as the forked parser is. */
    static final class InProcess {

        private final TikaConfig config;
        private final AutoDetectParser parser;
        private final ExtractionSettings settings;

        InProcess(ExtractionSettings settings, Path dir) throws Exception {
            this.settings = settings;
            // the parsing part of the configuration Extractor writes for its child (no pipes, no fetcher)
            Path file = dir.resolve("tika-config-in-process.xml");
            Files.writeString(file, """
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
                    </properties>
                    """.formatted(settings.maxEmbeddedDepth() + 1), StandardCharsets.UTF_8);
            this.config = new TikaConfig(file);
            this.parser = new AutoDetectParser(config);
        }

        int parse(Path file) throws Exception {
            Metadata metadata = new Metadata();
            ParseContext context = new ParseContext();
            ContentHandler handler = new BasicContentHandlerFactory(
                    BasicContentHandlerFactory.HANDLER_TYPE.TEXT, settings.maxChars(), false, context)
                    .getNewContentHandler();
            int maxEmbedded = settings.maxEmbeddedCount();
            context.set(DocumentSelector.class, new DocumentSelector() {
                private int embedded;

                @Override
                public boolean select(Metadata embeddedMetadata) {
                    return embedded++ < maxEmbedded;
                }
            });
            try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
                parser.parse(in, handler, metadata, context);
            }
            metadata.add(TikaCoreProperties.TIKA_CONTENT, handler.toString());
            config.getMetadataFilter().filter(metadata);
            if (metadata.get(TikaCoreProperties.TIKA_DETECTED_LANGUAGE) == null) {
                throw new IllegalStateException("no language detected for " + file);
            }
            return metadata.get(TikaCoreProperties.TIKA_CONTENT).length();
        }
    }
}
