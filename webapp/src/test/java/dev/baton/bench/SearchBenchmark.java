package dev.baton.bench;

import static dev.baton.bench.BenchEnv.intEnv;

import dev.baton.indexer.IndexSettings;
import dev.baton.indexer.search.AssetDocument;
import dev.baton.indexer.search.AssetSchema;
import dev.baton.indexer.search.AssetSearcher;
import dev.baton.indexer.search.AssetStatus;
import dev.baton.indexer.search.SearchRequest;
import dev.baton.indexer.search.Synonyms;
import dev.baton.indexer.search.Visibility;
import dev.baton.storage.BlobKeys;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.postgresql.PGConnection;

/**
 * Search: Baton's HTTP search endpoint against the same searches run in-process on the same engine, and against Apache
 * Solr serving the same documents over HTTP; plus suggestion latency per keystroke and indexing throughput. See
 * {@code docs/benchmarks.md} ("Search") for what is measured and how; run by {@code webapp/src/test/bench/search.sh}.
 *
 * <ul>
 *   <li><b>(a) in-process</b>: {@link AssetSearcher} (the code Baton's endpoint calls, Lucene underneath) on an index
 *       built here from the same corpus through {@link AssetDocument}, given the {@link SearchRequest} Baton builds
 *       from the HTTP query;
 *   <li><b>(b) Baton</b>: {@code GET /api/v1/search} of the running {@code baton.jar}, with a bearer API token, after the
 *       corpus was loaded as extraction would leave it (rows in its PostgreSQL, extracted text in its S3 store) and
 *       its index rebuilt ({@code POST /api/v1/search/index/rebuild});
 *   <li><b>(c) Solr</b> 9.10.1 in its own JVM ({@code JettySolrRunner}), the same documents with the same analysis,
 *       edismax with the same field weights, the same facets counted among the hits, the unified highlighter.
 * </ul>
 *
 * <p>Latency: each side warmed up, then rounds of the mix with one client, the three sides interleaved search by search
 * (the order rotating), so only one side works at a time and a busy neighbour on a shared machine slows all alike.
 * Saturated throughput: a closed loop of {@code BENCH_CLIENTS} clients on one side at a time, {@code BENCH_SECONDS}
 * per side in {@code BENCH_WINDOWS} windows whose order rotates. While the HTTP sides run, the CPU time of this JVM (the
 * client) and of the server's process are read, to show the client is not the bottleneck. Baton's own engine time
 * comes from its search log ({@code took_ms}).
 *
 * <p>Arguments: {@code baseUrl adminPassword s3Endpoint s3AccessKey s3SecretKey bucket batonPid dataDir workDir
 * solrClasspath solrHome}.
 */
public final class SearchBenchmark {

    private static final int DOCS = intEnv("BENCH_DOCS", 100_000);
    private static final int CLIENTS = intEnv("BENCH_CLIENTS", 4);
    private static final int SECONDS = intEnv("BENCH_SECONDS", 40);
    private static final int WINDOWS = intEnv("BENCH_WINDOWS", 4);
    private static final int WARMUP_SECONDS = intEnv("BENCH_WARMUP_SECONDS", 15);
    private static final int ROUNDS = intEnv("BENCH_ROUNDS", 10);
    private static final int BUILD_THREADS = intEnv("BENCH_BUILD_THREADS", 4);
    private static final int SOLR_PORT = intEnv("BENCH_SOLR_PORT", 18983);
    private static final long SEED = intEnv("BENCH_SEED", 20261206);
    private static final int PAGE_SIZE = 20;

    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final Pattern NUM_FOUND = Pattern.compile("\"numFound\"\\s*:\\s*(\\d+)");

    private final URI baton;
    private final String adminPassword;
    private final String s3Endpoint;
    private final String s3Access;
    private final String s3Secret;
    private final String bucket;
    private final long batonPid;
    private final Path dataDir;
    private final Path workDir;
    private final String solrClasspath;
    private final Path solrHomeTemplate;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    /**
     * Sends the timed requests to Baton and Solr alike: OkHttp's synchronous call writes the request and reads the
     * answer on the calling thread. {@code java.net.http} hands each request to its selector thread and the answer
     * back, two more thread wake-ups per request on the client's side: with 30 ms pauses between requests, as in the
     * interleaved rounds, 1.5 to 2.6 ms more per request on this machine (both clients against the same server).
     * Plain answers ({@code Accept-Encoding: identity}), as before.
     */
    private final OkHttpClient timedClient = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofMinutes(2))
            .readTimeout(Duration.ofMinutes(2))
            .connectionPool(new ConnectionPool(2 * CLIENTS + 2, 5, TimeUnit.MINUTES))
            .build();
    private final Instant now = Instant.now();
    private final LocalDate today = LocalDate.now();
    private final List<SearchCorpus.Query> queries = SearchCorpus.queries();
    private String bearer;
    private String jdbcUrl;
    private Instant latencyStart;
    private String jdbcPassword;
    private URI solr;
    private Process solrProcess;
    private final Map<String, String> results = new java.util.LinkedHashMap<>();

    private SearchBenchmark(String[] args) {
        baton = URI.create(args[0]);
        adminPassword = args[1];
        s3Endpoint = args[2];
        s3Access = args[3];
        s3Secret = args[4];
        bucket = args[5];
        batonPid = Long.parseLong(args[6]);
        dataDir = Path.of(args[7]);
        workDir = Path.of(args[8]);
        solrClasspath = args[9];
        solrHomeTemplate = Path.of(args[10]);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 11) {
            throw new IllegalArgumentException("usage: baseUrl adminPassword s3Endpoint s3AccessKey s3SecretKey bucket"
                    + " batonPid dataDir workDir solrClasspath solrHome");
        }
        SearchBenchmark bench = new SearchBenchmark(args);
        try {
            bench.run();
        } finally {
            bench.stopSolr();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "corpus: %d assets (seed %d), %d searches in the mix, page size %d; %d clients"
                + " for %d s per side when saturated (%d windows), %d rounds for latency, %d s warm-up%n",
                DOCS, SEED, queries.size(), PAGE_SIZE, CLIENTS, SECONDS, WINDOWS, ROUNDS, WARMUP_SECONDS);
        SearchCorpus corpus = new SearchCorpus(DOCS, SEED, now);
        long t0 = System.nanoTime();
        SearchCorpus.Asset[] assets = new SearchCorpus.Asset[DOCS];
        IntStream.range(0, DOCS).parallel().forEach(i -> assets[i] = corpus.asset(i));
        long chars = 0;
        long words = 0;
        int[] lengths = new int[DOCS];
        for (int i = 0; i < DOCS; i++) {
            chars += assets[i].body().length();
            lengths[i] = assets[i].body().length();
        }
        java.util.Arrays.sort(lengths);
        words = chars / 7 / 1_000_000;
        System.out.printf(Locale.ROOT, "corpus made in %.1f s: body text %.0f MiB (about %d million words), body length in"
                + " characters: median %d, p90 %d, p99 %d, max %d; %d published%n",
                (System.nanoTime() - t0) / 1e9, chars / 1048576.0, words, lengths[DOCS / 2], lengths[DOCS * 9 / 10],
                lengths[Math.min(DOCS - 1, DOCS * 99 / 100)], lengths[DOCS - 1],
                Stream.of(assets).filter(a -> a.status().equals("PUBLISHED")).count());
        results.put("corpus", String.format(Locale.ROOT, "%d assets, %.0f MiB of body text", DOCS, chars / 1048576.0));

        // ---- indexing ----
        double bare = bareIndexWriter(assets);
        AssetSearcher inProcess = inProcessBuild(assets);
        try {
            useApiToken();
            loadBaton(assets);
            double batonRate = rebuildBaton();
            startSolr();
            double solrRate = indexSolr(assets);
            System.out.printf(Locale.ROOT, "INDEXING docs/s: Baton rebuild %.0f, in-process AssetSearcher (%d threads)"
                    + " %s, Solr %.0f, bare single-threaded IndexWriter %.0f; Baton / bare IndexWriter %.2f%n",
                    batonRate, BUILD_THREADS, results.get("inproc-build"), solrRate, bare, batonRate / bare);
            results.put("indexing", String.format(Locale.ROOT, "Baton %.0f docs/s, in-process %s, Solr %.0f, bare"
                    + " IndexWriter %.0f; Baton / bare %.2f", batonRate, results.get("inproc-build"), solrRate, bare,
                    batonRate / bare));

            // ---- the same answers? ----
            compareTotals(inProcess);

            // ---- searches, one side at a time ----
            Side a = new Side("a in-process", 0, q -> inProcess.search(request(q)).total());
            Side b = new Side("b Baton HTTP", batonPid, q -> get(batonSearch(q), TOTAL));
            Side c = new Side("c Solr HTTP", solrProcess.pid(), q -> get(solrSearch(q), NUM_FOUND));
            Map<Side, List<Double>> medians = new HashMap<>();
            Map<Side, List<Double>> times = latencies(List.of(a, b, c), medians);
            Instant latencyEnd = Instant.now();
            Map<Side, Saturated> saturated = throughputs(List.of(a, b, c));
            Figures fa = figures(a, times.get(a), medians.get(a), saturated.get(a));
            Figures fb = figures(b, times.get(b), medians.get(b), saturated.get(b));
            Figures fc = figures(c, times.get(c), medians.get(c), saturated.get(c));
            engineTimeInsideBaton(latencyStart, latencyEnd);
            System.out.println("median ms per search (a in-process / b Baton / c Solr):");
            for (int i = 0; i < queries.size(); i++) {
                System.out.printf(Locale.ROOT, "  %8.2f %8.2f %8.2f  %s%n", fa.queryMedians().get(i),
                        fb.queryMedians().get(i), fc.queryMedians().get(i), queries.get(i));
            }
            fixedCosts();
            int hold = intEnv("BENCH_HOLD_SECONDS", 0);
            if (hold > 0) {
                // for probing by hand (curl, jcmd) with everything loaded
                System.out.println("holding for " + hold + " s; token: " + bearer + "; Solr at " + solr);
                Thread.sleep(hold * 1000L);
            }

            // ---- suggestions ----
            Latency sa = suggestions("a in-process", prefix -> inProcess.suggest(prefix, 8, Visibility.rep(today)));
            Latency sb = suggestions("b Baton HTTP", prefix -> get(baton.resolve("/api/v1/search/suggest?n=8&q="
                    + encode(prefix)), null));
            Latency sc = suggestions("c Solr HTTP", prefix -> get(solrSuggest(prefix), NUM_FOUND));

            System.out.println();
            System.out.println("SUMMARY (" + results.get("corpus") + ")");
            System.out.printf(Locale.ROOT, "| side | p50 ms | p99 ms | QPS (%d clients) |%n", CLIENTS);
            for (Figures f : List.of(fa, fb, fc)) {
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f |%n", f.name, f.p50, f.p99, f.qps);
            }
            double p50ba = fb.p50 / fa.p50;
            double qpsba = fb.qps / fa.qps;
            System.out.printf(Locale.ROOT, "b/a: p50 %.2f (goal <= 1.5: %s), QPS %.2f (goal >= 0.6: %s)%n",
                    p50ba, p50ba <= 1.5 ? "met" : "NOT met", qpsba, qpsba >= 0.6 ? "met" : "NOT met");
            double p50bc = fb.p50 / fc.p50;
            double qpsbc = fb.qps / fc.qps;
            System.out.printf(Locale.ROOT, "b/c: p50 %.2f (goal <= 1: %s), QPS %.2f (goal >= 1: %s); p99 %.2f%n",
                    p50bc, p50bc <= 1 ? "met" : "NOT met", qpsbc, qpsbc >= 1 ? "met" : "NOT met", fb.p99 / fc.p99);
            System.out.printf(Locale.ROOT, "suggestions per keystroke: a p50 %.2f ms p99 %.2f ms; b p50 %.2f ms p99 %.2f"
                    + " ms; c (Solr prefix query on title) p50 %.2f ms p99 %.2f ms%n",
                    sa.p50(), sa.p99(), sb.p50(), sb.p99(), sc.p50(), sc.p99());
            System.out.println("indexing: " + results.get("indexing"));
        } finally {
            inProcess.close();
        }
    }

    // ---- indexing ----

    /** A bare, single-threaded IndexWriter: EnglishAnalyzer, the text fields only, nothing stored, no facets. */
    private double bareIndexWriter(SearchCorpus.Asset[] assets) throws IOException {
        Path dir = workDir.resolve("bare-index");
        long t0 = System.nanoTime();
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalyzer())
                        .setRAMBufferSizeMB(IndexSettings.DEFAULT_RAM_BUFFER_MB))) {
            for (SearchCorpus.Asset asset : assets) {
                Document doc = new Document();
                doc.add(new StringField("id", asset.id().toString(), Field.Store.NO));
                doc.add(new TextField("title", asset.title(), Field.Store.NO));
                doc.add(new TextField("description", asset.description(), Field.Store.NO));
                doc.add(new TextField("body", asset.body(), Field.Store.NO));
                for (String tag : asset.tags()) {
                    doc.add(new TextField("tags", tag, Field.Store.NO));
                }
                for (String label : asset.labels()) {
                    doc.add(new TextField("labels", label, Field.Store.NO));
                }
                writer.addDocument(doc);
            }
            writer.commit();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = assets.length / seconds;
        System.out.printf(Locale.ROOT, "bare IndexWriter (1 thread, EnglishAnalyzer, text fields, nothing stored):"
                + " %d docs in %.1f s, %.0f docs/s, index %.0f MiB%n", assets.length, seconds, rate, size(dir));
        delete(dir);
        return rate;
    }

    /** Baton's own engine in this JVM: AssetSearcher fed AssetDocuments on {@link #BUILD_THREADS} threads. */
    private AssetSearcher inProcessBuild(SearchCorpus.Asset[] assets) throws Exception {
        Path dir = workDir.resolve("inprocess-index");
        AssetSearcher searcher = AssetSearcher.open(IndexSettings.defaults(dir, AssetSchema.VERSION));
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(BUILD_THREADS);
        AtomicLong last = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < BUILD_THREADS; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < assets.length; i = next.getAndIncrement()) {
                    long generation = searcher.index(document(assets[i]));
                    last.accumulateAndGet(generation, Math::max);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        searcher.luceneIndex().waitForGeneration(last.get(), Duration.ofMinutes(5));
        searcher.luceneIndex().commit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = assets.length / seconds;
        results.put("inproc-build", String.format(Locale.ROOT, "%.0f", rate));
        System.out.printf(Locale.ROOT, "in-process AssetSearcher build (%d threads): %d docs in %.1f s, %.0f docs/s,"
                + " index %.0f MiB, %d segments%n", BUILD_THREADS, assets.length, seconds, rate, size(dir),
                segments(dir.resolve("v" + AssetSchema.VERSION)));
        return searcher;
    }

    /** The document Baton's IndexedAssets makes of the same rows and text. */
    private static AssetDocument document(SearchCorpus.Asset a) {
        AssetDocument.Builder builder = AssetDocument.builder(a.id().toString(), a.title(),
                        AssetStatus.valueOf(a.status()), a.updatedAt())
                .description(a.description())
                .tags(a.tags().toArray(String[]::new))
                .owner(a.owner())
                .language(a.language())
                .expiresOn(a.expiresOn())
                .internalOnly(a.internalOnly())
                .publishedAt(a.publishedAt())
                .usageCount(a.usage())
                .thumbnail(false)
                .file(a.fileName(), a.mediaType())
                .version(1)
                .body(a.body())
                .fingerprint(a.sha256().substring(0, 32))
                .contentType(a.contentType(), a.contentTypeLabel());
        a.facetKeys().forEach((facet, values) -> values.forEach(
                value -> builder.facet(facet, value, SearchCorpus.TAXONOMY.get(facet).get(value))));
        return builder.build();
    }

    /**
     * Loads the corpus into Baton as uploads, metadata edits and extraction would have left it: accounts for the
     * owners, asset, version and facet rows, usage events, and the extracted text in the S3 store under the key
     * Baton's extraction uses ({@code derived/sha256/../<sha>/text.txt}). COPY for the rows, parallel puts for the text.
     */
    private void loadBaton(SearchCorpus.Asset[] assets) throws Exception {
        long t0 = System.nanoTime();
        String port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip();
        String password = Files.readString(dataDir.resolve("postgres-password")).strip();
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        jdbcPassword = password;
        Map<String, Long> owners = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", password)) {
            try (PreparedStatement insert = db.prepareStatement("insert into account (username, display_name,"
                    + " password_hash, role) values (?, ?, 'not-a-password', 'MARKETER') on conflict do nothing")) {
                for (int o = 1; o <= SearchCorpus.OWNERS; o++) {
                    insert.setString(1, SearchCorpus.ownerName(o));
                    insert.setString(2, "Owner " + o);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement s = db.createStatement();
                    ResultSet rows = s.executeQuery("select id, username from account")) {
                while (rows.next()) {
                    owners.put(rows.getString(2), rows.getLong(1));
                }
            }
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            int batch = 5_000;
            for (int from = 0; from < assets.length; from += batch) {
                StringBuilder asset = new StringBuilder();
                StringBuilder version = new StringBuilder();
                StringBuilder facet = new StringBuilder();
                StringBuilder usage = new StringBuilder();
                for (int i = from; i < Math.min(assets.length, from + batch); i++) {
                    SearchCorpus.Asset a = assets[i];
                    long owner = owners.get(a.owner());
                    row(asset, a.id(), a.title(), a.description(), a.status(), a.internalOnly(), owner, 1,
                            a.updatedAt(), a.updatedAt(), a.contentType(), "{" + String.join(",", a.tags()) + "}",
                            a.expiresOn(), a.publishedAt());
                    row(version, a.id(), 1, BlobKeys.unique(), a.sha256(),
                            a.body().length() + 1000, a.mediaType(), a.fileName(), "DONE", owner, a.updatedAt(),
                            BlobKeys.derived(a.sha256(), "text.txt"), a.language(), "NONE");
                    for (SearchCorpus.Value v : a.facets()) {
                        row(facet, a.id(), v.facet(), v.key());
                    }
                    for (long u = 0; u < a.usage(); u++) {
                        row(usage, 1 + (u * 7 + i) % owners.size(), a.id(), 1, "VIEW");
                    }
                }
                copy.copyIn("copy asset (id, title, description, status, internal_only, owner_id, current_version,"
                        + " created_at, updated_at, content_type, tags, expires_on, published_at) from stdin",
                        new StringReader(asset.toString()));
                copy.copyIn("copy asset_version (asset_id, version, blob_key, sha256, size, media_type, file_name,"
                        + " extraction_status, created_by, created_at, text_key, language, thumbnail_status) from stdin",
                        new StringReader(version.toString()));
                copy.copyIn("copy asset_facet (asset_id, facet_key, value_key) from stdin",
                        new StringReader(facet.toString()));
                copy.copyIn("copy usage_event (account_id, asset_id, version, action) from stdin",
                        new StringReader(usage.toString()));
            }
            try (Statement s = db.createStatement()) {
                s.execute("analyze");
            }
        }
        double rows = (System.nanoTime() - t0) / 1e9;
        MinioClient minio = MinioClient.builder().endpoint(s3Endpoint).credentials(s3Access, s3Secret).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> puts = new ArrayList<>();
        for (SearchCorpus.Asset a : assets) {
            puts.add(pool.submit(() -> {
                byte[] text = a.body().getBytes(StandardCharsets.UTF_8);
                minio.putObject(PutObjectArgs.builder()
                        .bucket(bucket)
                        .object(BlobKeys.derived(a.sha256(), "text.txt"))
                        .stream(new ByteArrayInputStream(text), (long) text.length, -1L)
                        .contentType("text/plain; charset=utf-8")
                        .build());
                return null;
            }));
        }
        for (Future<?> f : puts) {
            f.get();
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "Baton loaded: rows (COPY) in %.1f s, %d texts put to its S3 store in %.1f s%n",
                rows, assets.length, (System.nanoTime() - t0) / 1e9 - rows);
    }

    /** Baton's indexing of already-extracted text: an admin rebuild, polled until the new index serves. */
    private double rebuildBaton() throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(baton.resolve("/api/v1/search/index/rebuild"))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild answered " + started.statusCode() + ": " + started.body());
        }
        Matcher g = Pattern.compile("\"generation\"\\s*:\\s*\"(g[0-9]+)\"").matcher(started.body());
        if (!g.find()) {
            throw new IllegalStateException("no generation in " + started.body());
        }
        String generation = g.group(1);
        long t0 = System.nanoTime();
        Pattern last = Pattern.compile("\"lastBuild\"\\s*:\\s*\\{([^}]*)\\}");
        // the new generation serves: the index is READY and its last build is the one just started
        String status = Awaitility.await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(baton.resolve("/api/v1/search/index"), null).body(), body -> {
                    Matcher m = last.matcher(body);
                    return body.contains("\"state\":\"READY\"") && m.find() && m.group(1).contains(generation);
                });
        double wall = (System.nanoTime() - t0) / 1e9;
        Matcher m = last.matcher(status);
        m.find();
        Matcher rate = Pattern.compile("\"documentsPerSecond\"\\s*:\\s*([0-9.]+)").matcher(m.group(1));
        Matcher docs = Pattern.compile("\"documents\"\\s*:\\s*(\\d+)").matcher(status);
        docs.find();
        rate.find();
        System.out.printf(Locale.ROOT, "Baton rebuild: %s documents serving after %.1f s (from the POST until"
                + " it serves: %.0f docs/s); Baton reports %s docs/s for the build (its 2 s settle"
                + " wait included), %d segments%n", docs.group(1), wall, DOCS / wall, rate.group(1),
                segments(batonIndex()));
        return Double.parseDouble(rate.group(1));
    }

    private Path batonIndex() throws IOException {
        String current = Files.readAllLines(dataDir.resolve("index/current")).stream()
                .filter(l -> l.startsWith("generation=")).findFirst().orElseThrow().substring(11);
        return dataDir.resolve("index").resolve(current).resolve("v" + AssetSchema.VERSION);
    }

    // ---- Solr ----

    private void startSolr() throws Exception {
        Path home = workDir.resolve("solr-home");
        copy(solrHomeTemplate, home);
        Files.writeString(home.resolve("baton/conf/synonyms.txt"), solrSynonyms());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dsolr.log.dir=" + workDir.resolve("solr-logs"),
                "-Dlog4j2.configurationFile=" + solrHomeTemplate.resolveSibling("log4j2-bench.xml"),
                "-Dsolr.data.home=" + workDir.resolve("solr-data")));
        String extra = System.getenv("BENCH_SOLR_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-cp", solrClasspath, "dev.baton.bench.solr.SolrServer", Integer.toString(SOLR_PORT),
                home.toString()));
        solrProcess = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(solrProcess.getInputStream(),
                StandardCharsets.UTF_8));
        Path log = workDir.resolve("solr.log");
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("SOLR STARTED")) {
                break;
            }
        }
        Files.writeString(log, seen);
        if (line == null) {
            throw new IllegalStateException("Solr did not start; its output:\n" + seen);
        }
        Thread.ofPlatform().daemon().start(() -> {
            try (var w = Files.newBufferedWriter(log, StandardOpenOption.APPEND)) {
                String l;
                while ((l = out.readLine()) != null) {
                    w.write(l);
                    w.newLine();
                    w.flush();
                }
            } catch (IOException e) {
                // Solr stopped
            }
        });
        solr = URI.create("http://127.0.0.1:" + SOLR_PORT + "/solr/baton/");
        System.out.println("Solr 9.10.1 started at " + solr + " (pid " + solrProcess.pid() + ")");
    }

    private void stopSolr() {
        if (solrProcess != null && solrProcess.isAlive()) {
            try {
                solrProcess.getOutputStream().close();
                if (!solrProcess.waitFor(30, TimeUnit.SECONDS)) {
                    solrProcess.destroy();
                }
            } catch (IOException | InterruptedException e) {
                solrProcess.destroy();
            }
        }
    }

    /** Baton's default synonym groups, each entry stemmed like Baton's query chain does before its synonym filter. */
    private static String solrSynonyms() throws IOException {
        Analyzer stemmer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream s = new KStemFilter(new EnglishMinimalStemFilter(new ASCIIFoldingFilter(
                        new LowerCaseFilter(new EnglishPossessiveFilter(tokenizer)))));
                return new TokenStreamComponents(tokenizer, s);
            }
        };
        StringBuilder out = new StringBuilder("# Baton's Synonyms.DEFAULTS, stemmed as Baton's analysis does\n");
        for (List<String> group : Synonyms.DEFAULTS) {
            List<String> entries = new ArrayList<>();
            for (String entry : group) {
                List<String> terms = new ArrayList<>();
                try (TokenStream ts = stemmer.tokenStream("", entry)) {
                    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                    ts.reset();
                    while (ts.incrementToken()) {
                        terms.add(term.toString());
                    }
                    ts.end();
                }
                entries.add(String.join(" ", terms));
            }
            out.append(String.join(", ", entries)).append('\n');
        }
        stemmer.close();
        return out.toString();
    }

    private double indexSolr(SearchCorpus.Asset[] assets) throws Exception {
        long t0 = System.nanoTime();
        int batch = 250;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> sent = new ArrayList<>();
        for (int from = 0; from < assets.length; from += batch) {
            int start = from;
            sent.add(pool.submit(() -> {
                StringBuilder json = new StringBuilder("[");
                for (int i = start; i < Math.min(assets.length, start + batch); i++) {
                    if (i > start) {
                        json.append(',');
                    }
                    solrDocument(json, assets[i]);
                }
                json.append(']');
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(solr.resolve("update"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("Solr update answered " + r.statusCode() + ": " + r.body());
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        pool.shutdown();
        HttpResponse<String> commit = http.send(HttpRequest.newBuilder(solr.resolve("update?commit=true"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (commit.statusCode() != 200) {
            throw new IllegalStateException("Solr commit answered " + commit.statusCode() + ": " + commit.body());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Solr indexed %d docs in %.1f s (JSON over HTTP, 2 senders, then a commit):"
                + " %.0f docs/s%n", assets.length, seconds, assets.length / seconds);
        return assets.length / seconds;
    }

    private static void solrDocument(StringBuilder json, SearchCorpus.Asset a) {
        json.append('{');
        field(json, "id", a.id().toString());
        field(json, "title", a.title());
        field(json, "description", a.description());
        field(json, "body", a.body());
        field(json, "tags", a.tags());
        field(json, "labels", a.labels());
        Map<String, List<String>> facets = new java.util.TreeMap<>(a.facetKeys());
        facets.forEach((facet, values) -> field(json, facet, values));
        field(json, "content_type", List.of(a.contentType()));
        field(json, "language", List.of(a.language()));
        field(json, "owner", List.of(a.owner()));
        field(json, "tag", a.tags());
        field(json, "status", a.status());
        number(json, "expires_on", a.expiresOn() == null ? Long.MAX_VALUE : a.expiresOn().toEpochDay());
        number(json, "updated_at", a.updatedAt().toEpochMilli());
        number(json, "usage", a.usage());
        number(json, "version", 1);
        number(json, "internal_only", a.internalOnly() ? 1 : 0);
        number(json, "thumbnail", 0);
        field(json, "media_type", a.mediaType());
        field(json, "type", a.contentType());
        field(json, "type_label", a.contentTypeLabel());
        List<String> stages = new ArrayList<>();
        for (String stage : AssetSchema.STAGE_FACETS) {
            facets.getOrDefault(stage, List.of()).forEach(v -> stages.add(stage + "/" + v));
        }
        field(json, "stages", stages);
        json.setLength(json.length() - 1);
        json.append('}');
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        string(json, value);
        json.append(',');
    }

    private static void field(StringBuilder json, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        json.append('"').append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, values.get(i));
        }
        json.append("],");
    }

    private static void number(StringBuilder json, String name, long value) {
        json.append('"').append(name).append("\":").append(value).append(',');
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    // ---- the three ways of searching ----

    /** The request Baton's SearchCriteria builds from the same query string (relevance, page 1, size 20). */
    private SearchRequest request(SearchCorpus.Query q) {
        SearchRequest request = SearchRequest.of(q.q(), Visibility.rep(today)).withPage(1, PAGE_SIZE);
        for (Map.Entry<String, List<String>> f : q.filters().entrySet()) {
            request = request.withFilter(f.getKey(), f.getValue().toArray(String[]::new));
        }
        return request;
    }

    private URI batonSearch(SearchCorpus.Query q) {
        StringBuilder uri = new StringBuilder("/api/v1/search?q=").append(encode(q.q()));
        q.filters().forEach((k, values) -> values.forEach(v -> uri.append('&').append(k).append('=')
                .append(encode(v))));
        return baton.resolve(uri.toString());
    }

    /**
     * The same search for Solr: edismax over the same fields and weights (in solrconfig.xml), every word required,
     * the same visibility filter, facet filters tagged and excluded from their own counts (Solr's drill sideways),
     * counts of every facet among the hits (25 values), Baton's recency and usage multiplier as the boost, and the
     * unified highlighter on title (whole), description (1 passage) and body (2 passages of about 160 characters).
     */
    private URI solrSearch(SearchCorpus.Query q) {
        StringBuilder p = new StringBuilder("select?q=").append(encode(q.solrQ().isBlank() ? "*:*" : q.solrQ()));
        p.append("&rows=").append(PAGE_SIZE);
        p.append("&fl=").append(encode("id,title,status,updated_at,version,internal_only,thumbnail,media_type,type,"
                + "type_label,stages,score"));
        p.append("&fq=").append(encode("status:PUBLISHED"));
        p.append("&fq=").append(encode("expires_on:[" + (today.toEpochDay() + 1) + " TO *]"));
        q.filters().forEach((facet, values) -> {
            StringBuilder fq = new StringBuilder("{!tag=").append(facet).append('}').append(facet).append(":(");
            for (int i = 0; i < values.size(); i++) {
                fq.append(i > 0 ? " OR " : "").append('"').append(values.get(i)).append('"');
            }
            p.append("&fq=").append(encode(fq.append(')').toString()));
        });
        p.append("&boost=").append(encode("sum(1,product(0.1,pow(0.5,div(ms(NOW,updated_at),7776000000))),"
                + "product(0.2,div(log(sum(1,usage)),sum(log(sum(1,usage)),log(21)))))"));
        p.append("&facet=true&facet.limit=25&facet.mincount=1&facet.sort=count");
        for (String facet : AssetSchema.FACETS) {
            String field = facet.equals("tags") ? "tag" : facet;
            if (facet.equals("status")) {
                continue;
            }
            p.append("&facet.field=").append(encode("{!ex=" + facet + "}" + field));
        }
        p.append("&hl=true&hl.method=unified&hl.fl=title,description,body&hl.snippets=1&f.body.hl.snippets=2")
                .append("&hl.fragsize=160&hl.fragsizeIsMinimum=false&hl.fragAlignRatio=0.5&hl.bs.type=SENTENCE")
                .append("&f.title.hl.bs.type=WHOLE&f.title.hl.fragsize=0&hl.encoder=html&hl.maxAnalyzedChars=1000000")
                .append("&hl.defaultSummary=false&hl.tag.pre=").append(encode("<mark>"))
                .append("&hl.tag.post=").append(encode("</mark>"));
        return solr.resolve(p.toString());
    }

    /** Solr's nearest to title completion without a suggester: every typed word a prefix of a title word. */
    private URI solrSuggest(String prefix) {
        List<String> words = List.of(prefix.toLowerCase(Locale.ROOT).strip().split("\\s+"));
        StringBuilder q = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty()) {
                q.append(q.isEmpty() ? "" : " AND ").append("title:").append(w.replaceAll("[^a-z0-9]", "")).append('*');
            }
        }
        return solr.resolve("select?defType=lucene&rows=8&fl=id,title&q=" + encode(q.toString())
                + "&fq=status:PUBLISHED&fq=" + encode("expires_on:[" + (today.toEpochDay() + 1) + " TO *]"));
    }

    private void compareTotals(AssetSearcher inProcess) throws Exception {
        System.out.println("hits per search (a in-process / b Baton / c Solr):");
        int differ = 0;
        for (SearchCorpus.Query q : queries) {
            long a = inProcess.search(request(q)).total();
            long b = get(batonSearch(q), TOTAL).total();
            long c = get(solrSearch(q), NUM_FOUND).total();
            if (a != b) {
                differ++;
            }
            System.out.printf(Locale.ROOT, "  %7d %7d %7d  %s%n", a, b, c, q);
        }
        if (differ > 0) {
            System.out.println("WARNING: Baton and the in-process searcher disagree on " + differ + " searches");
        }
    }

    // ---- measuring ----

    @FunctionalInterface
    interface Search {
        Object run(SearchCorpus.Query q) throws Exception;
    }

    @FunctionalInterface
    interface Suggest {
        Object run(String prefix) throws Exception;
    }

    record Side(String name, long pid, Search search) {}

    record Figures(String name, double p50, double p99, double qps, List<Double> queryMedians) {}

    record Latency(double p50, double p99) {}

    /**
     * Latency with one client, the sides interleaved: every search of the mix goes to a, b and c one after the other
     * (the order rotating), so a change in what else runs on the machine hits all three alike, and only one side
     * works at any moment. Each side is warmed up first (the JIT, caches, the page cache).
     */
    private Map<Side, List<Double>> latencies(List<Side> sides, Map<Side, List<Double>> queryMedians)
            throws Exception {
        for (Side side : sides) {
            loop(side, WARMUP_SECONDS, CLIENTS);
        }
        latencyStart = Instant.now();
        Map<Side, List<Double>> times = new java.util.LinkedHashMap<>();
        Map<Side, List<List<Double>>> byQuery = new java.util.LinkedHashMap<>();
        for (Side side : sides) {
            times.put(side, new ArrayList<>());
            List<List<Double>> each = new ArrayList<>();
            queries.forEach(q -> each.add(new ArrayList<>()));
            byQuery.put(side, each);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < queries.size(); i++) {
                for (int k = 0; k < sides.size(); k++) {
                    Side side = sides.get((round + i + k) % sides.size());
                    long t0 = System.nanoTime();
                    side.search.run(queries.get(i));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    times.get(side).add(ms);
                    byQuery.get(side).get(i).add(ms);
                }
            }
        }
        for (Side side : sides) {
            times.get(side).sort(null);
            List<Double> medians = new ArrayList<>();
            for (List<Double> each : byQuery.get(side)) {
                each.sort(null);
                medians.add(percentile(each, 0.5));
            }
            queryMedians.put(side, medians);
        }
        return times;
    }

    /** What the closed loops of one side added up to. */
    private static final class Saturated {
        long count;
        double seconds;
        double clientCpuSeconds;
        double serverCpuSeconds;
        final List<Double> windowMedians = new ArrayList<>();
        final List<Double> windowRates = new ArrayList<>();
    }

    /**
     * Saturated throughput: a closed loop of {@link #CLIENTS} clients on one side at a time while the others sit idle,
     * in {@link #WINDOWS} windows per side whose order rotates (a b c, b c a, ...), so a neighbour's burst on the
     * shared machine is spread over all sides instead of landing on one.
     */
    private Map<Side, Saturated> throughputs(List<Side> sides) throws Exception {
        Map<Side, Saturated> all = new java.util.LinkedHashMap<>();
        sides.forEach(side -> all.put(side, new Saturated()));
        int seconds = Math.max(1, SECONDS / WINDOWS);
        for (int w = 0; w < WINDOWS; w++) {
            for (int k = 0; k < sides.size(); k++) {
                Side side = sides.get((w + k) % sides.size());
                Saturated sum = all.get(side);
                long clientCpu0 = processCpuNanos();
                long serverCpu0 = side.pid == 0 ? 0 : cpuNanos(side.pid);
                Loop loop = loop(side, seconds, CLIENTS);
                sum.clientCpuSeconds += (processCpuNanos() - clientCpu0) / 1e9;
                sum.serverCpuSeconds += side.pid == 0 ? 0 : (cpuNanos(side.pid) - serverCpu0) / 1e9;
                sum.count += loop.count;
                sum.seconds += loop.seconds;
                sum.windowMedians.add(loop.p50);
                sum.windowRates.add(loop.count / loop.seconds);
            }
        }
        return all;
    }

    private Figures figures(Side side, List<Double> times, List<Double> queryMedians, Saturated sat) {
        double p50 = percentile(times, 0.50);
        double p99 = percentile(times, 0.99);
        double qps = sat.count / sat.seconds;
        double clientCores = sat.clientCpuSeconds / sat.seconds;
        double serverCores = sat.serverCpuSeconds / sat.seconds;
        List<String> rates = sat.windowRates.stream().map(r -> String.format(Locale.ROOT, "%.1f", r)).toList();
        List<Double> medians = new ArrayList<>(sat.windowMedians);
        medians.sort(null);
        System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms (1 client, %d searches); %.1f searches/s with %d"
                + " clients (windows %s; p50 under load %.1f ms); CPU: %s; load average %s%n",
                side.name, p50, p99, times.size(), qps, CLIENTS, String.join(", ", rates), percentile(medians, 0.5),
                side.pid == 0
                        ? String.format(Locale.ROOT, "this JVM %.2f cores", clientCores)
                        : String.format(Locale.ROOT, "server %.2f cores, client (this JVM) %.2f cores (%.2f ms of"
                                + " client CPU per search)", serverCores, clientCores,
                                sat.clientCpuSeconds * 1000 / sat.count),
                loadAverage());
        return new Figures(side.name, p50, p99, qps, queryMedians);
    }

    /**
     * How long Baton's own engine call took for the searches of the latency rounds, from its search log ({@code
     * took_ms}: {@code AssetSearcher.search} inside Baton, whole milliseconds): what is left of b's time is the HTTP
     * path around it.
     */
    private void engineTimeInsideBaton(Instant from, Instant to) throws Exception {
        // the search log is written in batches a little after the searches: wait until every search of the rounds
        // is in it
        int searches = ROUNDS * queries.size();
        List<Double> took = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> loggedEngineTimes(from, to), rows -> rows.size() >= searches);
        took.sort(null);
        System.out.printf(Locale.ROOT, "b's engine time inside Baton (search log took_ms, %d searches of the latency"
                + " rounds): p50 %.0f ms, p99 %.0f ms%n", took.size(), percentile(took, 0.5), percentile(took, 0.99));
    }

    private List<Double> loggedEngineTimes(Instant from, Instant to) throws Exception {
        List<Double> took = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", jdbcPassword);
                PreparedStatement select = db.prepareStatement(
                        "select took_ms from search_log where searched_at between ? and ?")) {
            select.setObject(1, from.atOffset(ZoneOffset.UTC));
            select.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    took.add((double) rows.getInt(1));
                }
            }
        }
        return took;
    }

    record Loop(long count, double seconds, double p50) {}

    /** A closed loop: {@code clients} threads, each searching the mix from its own place, for {@code seconds}. */
    private Loop loop(Side side, int seconds, int clients) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong count = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int offset = c * queries.size() / clients;
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                int i = offset;
                try {
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        side.search.run(queries.get(i++ % queries.size()));
                        mine.add((System.nanoTime() - s) / 1e6);
                        count.incrementAndGet();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        if (!errors.isEmpty()) {
            throw new IllegalStateException(side.name + " failed under load", errors.get(0));
        }
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        all.sort(null);
        return new Loop(count.get(), elapsed, all.isEmpty() ? 0 : percentile(all, 0.5));
    }

    /** Types each of the typed searches one keystroke at a time; 3 passes, the first a warm-up. */
    private Latency suggestions(String name, Suggest suggest) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            for (String typed : SearchCorpus.typed()) {
                for (int k = 1; k <= typed.length(); k++) {
                    String prefix = typed.substring(0, k);
                    long t0 = System.nanoTime();
                    suggest.run(prefix);
                    if (pass > 0) {
                        times.add((System.nanoTime() - t0) / 1e6);
                    }
                }
            }
        }
        times.sort(null);
        Latency latency = new Latency(percentile(times, 0.5), percentile(times, 0.99));
        System.out.printf(Locale.ROOT, "suggestions %s: p50 %.2f ms, p99 %.2f ms per keystroke (%d keystrokes)%n", name,
                latency.p50(), latency.p99(), times.size());
        return latency;
    }

    /** What a request costs that does (almost) no work: the floor under every HTTP search. */
    private void fixedCosts() throws Exception {
        Map<String, URI> cheap = new java.util.LinkedHashMap<>();
        cheap.put("Baton GET /actuator/health (no authentication)", baton.resolve("/actuator/health"));
        cheap.put("Baton GET /api/v1/me (bearer token)", baton.resolve("/api/v1/me"));
        cheap.put("Baton GET /api/v1/search/synonyms (bearer token)", baton.resolve("/api/v1/search/synonyms"));
        cheap.put("Solr GET admin/ping", solr.resolve("admin/ping"));
        for (Map.Entry<String, URI> each : cheap.entrySet()) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                long t0 = System.nanoTime();
                Request.Builder request = new Request.Builder().url(each.getValue().toString())
                        .header("Accept-Encoding", "identity");
                if (each.getValue().getPort() == baton.getPort() && !each.getKey().contains("no authentication")) {
                    request.header("Authorization", bearer);
                }
                try (Response response = timedClient.newCall(request.build()).execute()) {
                    response.body().string();
                }
                if (i >= 10) {
                    times.add((System.nanoTime() - t0) / 1e6);
                }
            }
            times.sort(null);
            System.out.printf(Locale.ROOT, "fixed cost, %s: p50 %.2f ms, p99 %.2f ms%n", each.getKey(),
                    percentile(times, 0.5), percentile(times, 0.99));
        }
    }

    // ---- HTTP ----

    record Answer(String body, long total) {}

    private Answer get(URI uri, Pattern total) throws Exception {
        Request.Builder request = new Request.Builder().url(uri.toString()).header("Accept-Encoding", "identity");
        if (uri.getPort() == baton.getPort()) {
            request.header("Authorization", bearer);
        }
        String body;
        try (Response response = timedClient.newCall(request.build()).execute()) {
            body = response.body().string();
            if (response.code() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.code() + ": "
                        + body.substring(0, Math.min(500, body.length())));
            }
        }
        long n = -1;
        if (total != null) {
            Matcher m = total.matcher(body);
            if (m.find()) {
                n = Long.parseLong(m.group(1));
            }
        }
        return new Answer(body, n);
    }

    private void useApiToken() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        bearer = ApiTokens.issue(http, baton, basic, "search-benchmark");
    }

    // ---- helpers ----

    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
                continue;
            }
            String s = v instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC).toString() : v.toString();
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
        out.append('\n');
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime + stime of a process from /proc, in nanoseconds (clock ticks of 10 ms). */
    private static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static int segments(Path index) {
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
            return reader.leaves().size();
        } catch (IOException e) {
            return -1;
        }
    }

    private static double size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / 1048576.0;
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
