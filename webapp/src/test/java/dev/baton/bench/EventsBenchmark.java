package dev.baton.bench;

import static dev.baton.bench.BenchEnv.closedLoop;
import static dev.baton.bench.BenchEnv.intEnv;
import static dev.baton.bench.BenchEnv.median;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.postgresql.PGConnection;

/**
 * Events from other tools (issue 13, point 12, the first two benchmarks); run by {@code webapp/src/test/bench/events.sh},
 * results in {@code docs/benchmarks.md} ("Events from other tools").
 *
 * <ul>
 *   <li><b>(a) requests per second</b>: {@code POST /api/v1/events} (a batch of {@code BENCH_BATCH} events, each a
 *       new idempotency key) against the bare peer {@code POST /api/v1/bench/events-peer} of the same JVM (same
 *       security chain and bearer token, reads the same body, answers 202, stores nothing), {@code BENCH_CLIENTS}
 *       clients in a closed loop, {@code BENCH_WINDOWS} windows of {@code BENCH_SECONDS} per side, the sides
 *       alternating (ABBA); the ratio of each pair of windows, and their median. Every event answered
 *       {@code recorded} is checked to be in the table at the end.
 *   <li><b>(b) rows per second</b>: the sink taking {@code BENCH_ROWS} rows as batches of 500 from
 *       {@code BENCH_CLIENTS} clients, against the PostgreSQL JDBC driver's {@code CopyManager} copying the same
 *       rows (same columns, values and keys) into the same table in one {@code COPY ... FROM STDIN}, as
 *       {@code psql \copy} would; {@code BENCH_ROUNDS} rounds alternating which goes first; the median of the
 *       rounds' ratios.
 * </ul>
 *
 * <p>Arguments: {@code baseUrl adminPassword dataDir}.
 */
public final class EventsBenchmark {

    private static final int CLIENTS = intEnv("BENCH_CLIENTS", 8);
    private static final int BATCH = intEnv("BENCH_BATCH", 10);
    private static final int SECONDS = intEnv("BENCH_SECONDS", 10);
    private static final int WINDOWS = intEnv("BENCH_WINDOWS", 6);
    private static final int WARMUP_SECONDS = intEnv("BENCH_WARMUP_SECONDS", 30);
    private static final int ROWS = intEnv("BENCH_ROWS", 50_000);
    private static final int ROUNDS = intEnv("BENCH_ROUNDS", 5);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?([0-9a-f-]+)\"?");

    private final URI base;
    private final String authorization;
    private final OkHttpClient client;
    private final String assetId;
    private final long accountId;
    private final String jdbcUrl;
    private final String jdbcPassword;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private EventsBenchmark(URI base, String adminPassword, Path dataDir) throws Exception {
        this.base = base;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        this.authorization = ApiTokens.issue(http, base, basic, "events-bench");
        this.client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(CLIENTS * 2, 5, TimeUnit.MINUTES))
                .dispatcher(dispatcher())
                .readTimeout(Duration.ofSeconds(60))
                .build();
        String me = call("GET", "/api/v1/me", null).body;
        Matcher id = ID.matcher(me);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + me);
        }
        this.accountId = Long.parseLong(id.group(1));
        String metadata = java.net.URLEncoder.encode("{\"title\":\"Events benchmark " + runId
                + "\",\"status\":\"published\"}", StandardCharsets.UTF_8);
        Reply upload = call("POST", "/api/v1/assets?fileName=bench.txt&metadata=" + metadata,
                RequestBody.create(("Events benchmark asset " + runId).getBytes(StandardCharsets.UTF_8),
                        MediaType.get("application/octet-stream")));
        Matcher asset = ID.matcher(upload.body);
        if (upload.status != 201 || !asset.find()) {
            throw new IllegalStateException("upload: " + upload.status + " " + upload.body);
        }
        this.assetId = asset.group(1);
        String port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip();
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        this.jdbcPassword = Files.readString(dataDir.resolve("postgres-password")).strip();
    }

    private static okhttp3.Dispatcher dispatcher() {
        okhttp3.Dispatcher d = new okhttp3.Dispatcher();
        d.setMaxRequests(256);
        d.setMaxRequestsPerHost(256);
        return d;
    }

    public static void main(String[] args) throws Exception {
        EventsBenchmark bench = new EventsBenchmark(URI.create(args[0]), args[1], Path.of(args[2]));
        System.out.printf(Locale.ROOT, "asset %s, account %d; %d clients, %d events per request%n", bench.assetId,
                bench.accountId, CLIENTS, BATCH);
        bench.requests();
        bench.rows();
        bench.client.dispatcher().executorService().shutdown();
        bench.client.connectionPool().evictAll();
    }

    // ---------------------------------------------------------------- (a) requests per second

    private void requests() throws Exception {
        // the same warm-up for both sides, in three alternating slices each, so that both paths are compiled
        // before the first window (with 10 s the events path was still getting faster window after window)
        System.out.printf(Locale.ROOT, "warm-up: %d s per side%n", WARMUP_SECONDS);
        for (int slice = 0; slice < 3; slice++) {
            int seconds = Math.max(1, WARMUP_SECONDS / 3);
            double b = window("/api/v1/events", BATCH, seconds);
            double p = window("/api/v1/bench/events-peer", BATCH, seconds);
            System.out.printf(Locale.ROOT, "warm-up %d: events %.0f req/s, peer %.0f req/s%n", slice + 1, b, p);
        }
        long recordedBefore = recorded.get();
        long rowsBefore = countRows();
        List<Double> ratios = new ArrayList<>();
        List<Double> baton = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            double b;
            double p;
            if (w % 2 == 0) {
                b = window("/api/v1/events", BATCH, SECONDS);
                p = window("/api/v1/bench/events-peer", BATCH, SECONDS);
            } else {
                p = window("/api/v1/bench/events-peer", BATCH, SECONDS);
                b = window("/api/v1/events", BATCH, SECONDS);
            }
            baton.add(b);
            peer.add(p);
            ratios.add(b / p);
            System.out.printf(Locale.ROOT, "window %d: events %.0f req/s (%.0f events/s), peer %.0f req/s, "
                    + "ratio %.3f%n", w + 1, b, b * BATCH, p, b / p);
        }
        long inTable = countRows() - rowsBefore;
        System.out.printf(Locale.ROOT, "(a) POST /api/v1/events: median %.0f req/s; bare peer: median %.0f req/s; "
                        + "ratio median %.3f (goal >= 0.5); failures %d; recorded %d, rows added %d%n",
                median(baton), median(peer), median(ratios), failures.get(), recorded.get() - recordedBefore,
                inTable);
        if (inTable != recorded.get() - recordedBefore) {
            throw new IllegalStateException("events answered recorded are missing from the table");
        }
    }

    /** Requests per second of {@code CLIENTS} closed-loop clients on one endpoint for {@code seconds}. */
    private double window(String path, int batch, int seconds) throws Exception {
        return closedLoop(CLIENTS, seconds, () -> {
            Reply reply = call("POST", path, RequestBody.create(batch(batch), JSON));
            if (reply.status / 100 != 2) {
                failures.incrementAndGet();
                System.err.println(path + ": " + reply.status + " " + reply.body);
            } else if (path.equals("/api/v1/events")) {
                recorded.addAndGet(count(reply.body, "\"recorded\""));
            }
        });
    }

    private String batch(int n) {
        StringBuilder json = new StringBuilder(n * 200).append("{\"events\":[");
        String at = Instant.now().minusSeconds(60).toString();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"assetId\":\"").append(assetId).append("\",\"action\":\"")
                    .append(i % 2 == 0 ? "used_in_email" : "presented").append("\",\"occurredAt\":\"").append(at)
                    .append("\",\"source\":\"bench\",\"idempotencyKey\":\"").append(runId).append('-')
                    .append(keys.incrementAndGet()).append("\"}");
        }
        return json.append("]}").toString();
    }

    // ---------------------------------------------------------------- (b) rows per second

    private void rows() throws Exception {
        List<Double> ratios = new ArrayList<>();
        List<Double> sinkRates = new ArrayList<>();
        List<Double> copyRates = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            double sink;
            double copy;
            if (r % 2 == 0) {
                sink = sink();
                copy = copy();
            } else {
                copy = copy();
                sink = sink();
            }
            sinkRates.add(sink);
            copyRates.add(copy);
            ratios.add(sink / copy);
            System.out.printf(Locale.ROOT, "round %d: sink %.0f rows/s, COPY %.0f rows/s, ratio %.3f%n", r + 1,
                    sink, copy, sink / copy);
        }
        System.out.printf(Locale.ROOT, "(b) event sink: median %.0f rows/s; COPY: median %.0f rows/s; "
                + "ratio median %.3f (goal >= 0.3)%n", median(sinkRates), median(copyRates), median(ratios));
    }

    /** {@code ROWS} events through {@code POST /api/v1/events} in batches of 500 from {@code CLIENTS} clients. */
    private double sink() throws Exception {
        int requests = (ROWS + 499) / 500;
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            bodies.add(batch(500));
        }
        AtomicLong next = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    Reply reply = call("POST", "/api/v1/events", RequestBody.create(bodies.get((int) i), JSON));
                    if (reply.status != 200) {
                        throw new IllegalStateException(reply.status + " " + reply.body);
                    }
                    rows.addAndGet(count(reply.body, "\"recorded\""));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (rows.get() != (long) requests * 500) {
            throw new IllegalStateException("the sink recorded " + rows.get() + " of " + requests * 500);
        }
        return rows.get() / elapsed;
    }

    /** The same rows (columns, values, fresh keys) into the same table with one COPY, as psql's \copy does. */
    private double copy() throws Exception {
        int n = ((ROWS + 499) / 500) * 500;
        StringBuilder data = new StringBuilder(n * 140);
        String at = Instant.now().minusSeconds(60).toString();
        for (int i = 0; i < n; i++) {
            data.append(at).append('\t').append(accountId).append('\t').append(assetId).append('\t')
                    .append(1).append('\t').append(i % 2 == 0 ? "EMAIL" : "MEETING").append('\t')
                    .append("bench").append('\t').append(runId).append("-copy-").append(keys.incrementAndGet())
                    .append('\n');
        }
        String text = data.toString();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", jdbcPassword)) {
            long t0 = System.nanoTime();
            long copied = db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy usage_event (occurred_at, "
                    + "account_id, asset_id, version, action, source, idempotency_key) from stdin",
                    new StringReader(text));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (copied != n) {
                throw new IllegalStateException("COPY took " + copied + " of " + n);
            }
            return copied / elapsed;
        }
    }

    private long countRows() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", jdbcPassword);
                var s = db.createStatement();
                var rs = s.executeQuery("select count(*) from usage_event where asset_id = '" + assetId
                        + "' and idempotency_key not like '%-copy-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Reply(int status, String body) {}

    private Reply call(String method, String path, RequestBody body) throws IOException {
        Request request = new Request.Builder().url(base.resolve(path).toString())
                .header("Authorization", authorization)
                .method(method, body)
                .build();
        try (Response response = client.newCall(request).execute()) {
            return new Reply(response.code(), response.body() == null ? "" : response.body().string());
        }
    }

    private static long count(String body, String needle) {
        // "outcome":"recorded" appears once per recorded event; the summary member is "recorded":n
        long n = 0;
        for (int i = body.indexOf("\"outcome\":\"recorded\""); i >= 0;
                i = body.indexOf("\"outcome\":\"recorded\"", i + 1)) {
            n++;
        }
        return n;
    }


}
