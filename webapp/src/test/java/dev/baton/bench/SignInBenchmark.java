package dev.baton.bench;

import static dev.baton.bench.BenchEnv.closedLoop;
import static dev.baton.bench.BenchEnv.intEnv;
import static dev.baton.bench.BenchEnv.median;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What signing in costs a script (issue 17, point 8): {@code GET /api/v1/me} with HTTP Basic against the same call
 * with an API token, side by side; run by {@code webapp/src/test/bench/sign-in.sh}, results in
 * {@code docs/benchmarks.md} ("Signing in: HTTP Basic beside a token").
 *
 * <p>{@code BENCH_CLIENTS} (4) closed-loop clients (OkHttp, keep-alive) call one side at a time for
 * {@code BENCH_SECONDS} (5), the sides alternating window by window (ABBA) after a warm-up of each; prints each
 * window's requests per second, and the median of the windows' ratios Basic / token (goal: at least about 1, a Basic
 * call costing no more than a token call). The first Basic call pays Argon2 once; every window after that is what
 * a script's stream of calls costs.
 *
 * <p>Arguments: {@code baseUrl adminPassword dataDir}.
 */
public final class SignInBenchmark {

    private static final int CLIENTS = intEnv("BENCH_CLIENTS", 4);
    private static final int SECONDS = intEnv("BENCH_SECONDS", 5);
    private static final int WINDOWS = intEnv("BENCH_WINDOWS", 6);
    private static final int WARMUP_SECONDS = intEnv("BENCH_WARMUP_SECONDS", 5);

    private final URI base;
    private final String basic;
    private final String token;
    private final OkHttpClient client;
    private final AtomicLong failures = new AtomicLong();

    private SignInBenchmark(URI base, String adminPassword) throws Exception {
        this.base = base;
        this.basic = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        this.token = ApiTokens.issue(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), base,
                basic, "sign-in-bench");
        this.client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(CLIENTS * 2, 5, TimeUnit.MINUTES))
                .build();
    }

    public static void main(String[] args) throws Exception {
        SignInBenchmark bench = new SignInBenchmark(URI.create(args[0]), args[1]);
        System.out.printf(Locale.ROOT, "%d clients, GET /api/v1/me, %d windows of %d s per side%n", CLIENTS, WINDOWS,
                SECONDS);
        bench.run();
        bench.client.dispatcher().executorService().shutdown();
        bench.client.connectionPool().evictAll();
    }

    private void run() throws Exception {
        window(basic, WARMUP_SECONDS);
        window(token, WARMUP_SECONDS);
        List<Double> basics = new ArrayList<>();
        List<Double> tokens = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            double b;
            double t;
            if (w % 2 == 0) {
                b = window(basic, SECONDS);
                t = window(token, SECONDS);
            } else {
                t = window(token, SECONDS);
                b = window(basic, SECONDS);
            }
            basics.add(b);
            tokens.add(t);
            ratios.add(b / t);
            System.out.printf(Locale.ROOT, "window %d: Basic %.0f req/s (%.2f ms each), token %.0f req/s "
                    + "(%.2f ms each), ratio %.3f%n", w + 1, b, CLIENTS * 1000 / b, t, CLIENTS * 1000 / t, b / t);
        }
        System.out.printf(Locale.ROOT, "Basic: median %.0f req/s; token: median %.0f req/s; ratio Basic / token "
                + "median %.3f (goal: about 1 or more); failures %d%n", median(basics), median(tokens),
                median(ratios), failures.get());
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " calls failed");
        }
    }

    /** Requests per second of {@code CLIENTS} closed-loop clients with this authorization for {@code seconds}. */
    private double window(String authorization, int seconds) throws Exception {
        Request request = new Request.Builder().url(base.resolve("/api/v1/me").toString())
                .header("Authorization", authorization).build();
        return closedLoop(CLIENTS, seconds, () -> {
            try (Response response = client.newCall(request).execute()) {
                response.body().bytes();
                if (response.code() != 200) {
                    failures.incrementAndGet();
                }
            }
        });
    }


}
