package dev.baton.bench;

import java.util.List;

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
}
