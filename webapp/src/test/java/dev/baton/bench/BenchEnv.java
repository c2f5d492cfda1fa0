package dev.baton.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What every benchmark client reads the same way: its knobs from the environment, and medians. */
final class BenchEnv {

    private BenchEnv() {}

    /** The whole number in environment variable {@code name}, or {@code fallback} when it is unset or blank. */
    static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One call of a closed-loop client. */
    interface Call {
        void run() throws Exception;
    }

    /** Calls per second of {@code clients} closed-loop clients, each making {@code call} for {@code seconds}. */
    static double closedLoop(int clients, int seconds, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                start.await();
                while (System.nanoTime() < end) {
                    call.run();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return done.get() / elapsed;
    }
}
