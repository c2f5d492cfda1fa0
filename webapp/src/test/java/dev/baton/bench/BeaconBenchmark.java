package dev.baton.bench;

import static dev.baton.bench.BenchEnv.intEnv;

import dev.baton.indexer.TestFiles;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Buyers reading a shared PDF (issue 13, point 12, the third benchmark); run by {@code
 * webapp/src/test/bench/beacons.sh}, results in {@code docs/benchmarks.md} ("Buyers reading a shared PDF").
 *
 * <p>{@code BENCH_BUYERS} (500) simulated buyers, each on a virtual thread, open one share link of a 20-page PDF as
 * the viewer's page does: {@code GET /s/{token}} (with a desktop browser's user agent), then the file its page names
 * ({@code /s/{token}/items/1/file?a=...}), then read one page every {@code BENCH_BEACON_SECONDS} (5) seconds and say
 * so with {@code POST /s/{token}/beacon} and the body the viewer's script ({@code static/js/share-viewer.js}) sends:
 * {@code {"access", "visitor", "seq", "webdriver": false, "pages": [{"item": 1, "page": n, "ms": 5000}]}}, 20 beacons
 * each. The buyers arrive evenly over {@code BENCH_ARRIVAL_SECONDS} (60; each reads for 100 s, so all 500 read at
 * once for the last 40 s of the arrivals and beyond, 100 beacons a second; 5 makes them all open within one beacon
 * interval, the opening herd). Reports the viewer page's,
 * the file's and the beacon's p50, p99 and maximum, then counts in the database (the bench's own embedded PostgreSQL,
 * as {@code psql} would) that every beacon answered 204 was counted once: one {@code share_beacon} row, its time on
 * the visit and one {@code PAGE_VIEW} usage event each.
 *
 * <p>Arguments: {@code baseUrl adminPassword dataDir}.
 */
public final class BeaconBenchmark {

    private static final int BUYERS = intEnv("BENCH_BUYERS", 500);
    private static final int PAGES = 20;
    private static final int BEACON_SECONDS = intEnv("BENCH_BEACON_SECONDS", 5);
    /** Over how many seconds the buyers arrive (5: all in one beacon interval, the opening herd). */
    private static final int ARRIVAL_SECONDS = intEnv("BENCH_ARRIVAL_SECONDS", 60);
    private static final long MS_PER_PAGE = BEACON_SECONDS * 1000L;
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?([0-9a-f-]+)\"?");
    private static final Pattern TOKEN = Pattern.compile("/s/([A-Za-z0-9_-]+)");
    private static final Pattern ACCESS = Pattern.compile("data-access=\"([A-Za-z0-9_-]+)\"");

    private final URI base;
    private final HttpClient http;
    private final String jdbcUrl;
    private final String jdbcPassword;
    private final ConcurrentLinkedQueue<Long> viewerNanos = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> fileNanos = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> beaconNanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong beaconsCounted = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private BeaconBenchmark(URI base, Path dataDir) throws Exception {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(30)).build();
        String port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip();
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        this.jdbcPassword = Files.readString(dataDir.resolve("postgres-password")).strip();
    }

    public static void main(String[] args) throws Exception {
        BeaconBenchmark bench = new BeaconBenchmark(URI.create(args[0]), Path.of(args[2]));
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + args[1]).getBytes(StandardCharsets.UTF_8));
        String bearer = ApiTokens.issue(bench.http, bench.base, basic, "beacon-bench");
        String[] share = bench.share(bearer);
        System.out.printf(Locale.ROOT, "share %s of a %d-page PDF; %d buyers, a beacon every %d s, %d beacons each%n",
                share[0], PAGES, BUYERS, BEACON_SECONDS, PAGES);
        bench.run(share[1]);
        bench.count(Long.parseLong(share[0]));
    }

    /** Uploads a published 20-page PDF and shares it: the link's id and token. */
    private String[] share(String bearer) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> pages = new ArrayList<>();
        for (int p = 1; p <= PAGES; p++) {
            pages.add("Beacon benchmark " + run + ", page " + p + ". " + "What the buyer reads on this page. ".repeat(40));
        }
        String metadata = URLEncoder.encode("{\"title\":\"Beacon benchmark " + run + "\",\"status\":\"published\"}",
                StandardCharsets.UTF_8);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(
                        base.resolve("/api/v1/assets?fileName=beacon-bench.pdf&metadata=" + metadata))
                .header("Authorization", bearer).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestFiles.pdf("Beacon benchmark " + run, "Bench", pages)))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher asset = ID.matcher(upload.body());
        if (upload.statusCode() != 201 || !asset.find()) {
            throw new IllegalStateException("upload: " + upload.statusCode() + " " + upload.body());
        }
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/shares"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"assetIds\":[\"" + asset.group(1)
                        + "\"],\"title\":\"Beacon benchmark\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(created.body());
        Matcher token = TOKEN.matcher(created.body());
        if (created.statusCode() != 201 || !id.find() || !token.find()) {
            throw new IllegalStateException("share: " + created.statusCode() + " " + created.body());
        }
        return new String[] {id.group(1), token.group(1)};
    }

    private void run(String token) throws Exception {
        long t0 = System.nanoTime();
        try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int b = 0; b < BUYERS; b++) {
                long startAt = t0 + b * ARRIVAL_SECONDS * 1_000_000_000L / BUYERS;
                all.add(buyers.submit(() -> {
                    sleepUntil(startAt);
                    buyer(token);
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        System.out.printf(Locale.ROOT, "run: %.0f s, %d beacons answered 204, %d failures%n",
                (System.nanoTime() - t0) / 1e9, beaconsCounted.get(), failures.get());
        report("viewer page GET /s/{token}", viewerNanos);
        report("file GET /s/{token}/items/1/file", fileNanos);
        report("beacon POST /s/{token}/beacon (goal p99 < 50 ms)", beaconNanos);
    }

    private void buyer(String token) throws Exception {
        String visitor = "bench" + UUID.randomUUID().toString().replace("-", "");
        long t = System.nanoTime();
        HttpResponse<String> page = http.send(get("/s/" + token), HttpResponse.BodyHandlers.ofString());
        viewerNanos.add(System.nanoTime() - t);
        Matcher access = ACCESS.matcher(page.body());
        if (page.statusCode() != 200 || !access.find()) {
            failures.incrementAndGet();
            System.err.println("viewer: " + page.statusCode());
            return;
        }
        String key = access.group(1);
        t = System.nanoTime();
        HttpResponse<byte[]> file = http.send(get("/s/" + token + "/items/1/file?a=" + key),
                HttpResponse.BodyHandlers.ofByteArray());
        fileNanos.add(System.nanoTime() - t);
        if (file.statusCode() != 200) {
            failures.incrementAndGet();
            System.err.println("file: " + file.statusCode());
        }
        long next = System.nanoTime();
        for (int p = 1; p <= PAGES; p++) {
            next += BEACON_SECONDS * 1_000_000_000L;
            sleepUntil(next);
            String body = "{\"access\":\"" + key + "\",\"visitor\":\"" + visitor + "\",\"seq\":" + (p - 1)
                    + ",\"webdriver\":false,\"pages\":[{\"item\":1,\"page\":" + p + ",\"ms\":" + MS_PER_PAGE + "}]}";
            t = System.nanoTime();
            // sendBeacon posts its Blob as text/plain
            HttpResponse<String> beacon = http.send(HttpRequest.newBuilder(base.resolve("/s/" + token + "/beacon"))
                    .header("User-Agent", BROWSER).header("Content-Type", "text/plain;charset=UTF-8")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            beaconNanos.add(System.nanoTime() - t);
            if (beacon.statusCode() == 204) {
                beaconsCounted.incrementAndGet();
            } else {
                failures.incrementAndGet();
                System.err.println("beacon: " + beacon.statusCode() + " " + beacon.body());
            }
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("User-Agent", BROWSER)
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    /** Checks in the database that every beacon answered 204 was counted once, with its time and its use. */
    private void count(long shareId) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", jdbcPassword);
                var s = db.createStatement()) {
            long beacons = one(s, "select count(*) from share_beacon b join share_access a on a.id = b.access_id "
                    + "where a.share_id = " + shareId);
            long millis = one(s, "select coalesce(sum(millis), 0) from share_visit where share_id = " + shareId);
            long verified = one(s, "select count(*) from share_visit where share_id = " + shareId
                    + " and verified_at is not null and bot_reason is null");
            long pageViews = one(s, "select count(*) from usage_event where share_id = " + shareId
                    + " and action = 'PAGE_VIEW'");
            long sent = beaconsCounted.get();
            System.out.printf(Locale.ROOT, "counted: %d beacons answered 204; share_beacon rows %d, PAGE_VIEW events "
                            + "%d, visit time %d ms (expected %d), verified visits %d of %d buyers%n",
                    sent, beacons, pageViews, millis, sent * MS_PER_PAGE, verified, BUYERS);
            boolean all = beacons == sent && pageViews == sent && millis == sent * MS_PER_PAGE;
            System.out.println(all ? "every beacon counted: yes" : "every beacon counted: NO");
            if (!all) {
                throw new IllegalStateException("beacons answered 204 are missing from the database");
            }
        }
    }

    private static long one(java.sql.Statement s, String sql) throws Exception {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void report(String what, ConcurrentLinkedQueue<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(what + ": none");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: n %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(),
                at(sorted, 0.50), at(sorted, 0.99), sorted.getLast() / 1e6);
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

}
