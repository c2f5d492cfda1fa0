package dev.baton.indexer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the Lucene index.
 *
 * @param directory the index home: one subdirectory per schema version lives under it ({@link IndexHome})
 * @param schemaVersion the version of the document schema the code writes; an index written with another version is
 *     refused and rebuilt into its own directory
 * @param commitInterval how often the committer makes applied changes durable, when something changed
 * @param maxReopenStale the longest a change may stay invisible to searches when nobody waits for it
 * @param minReopenStale the shortest time between two searcher reopens, even when someone waits for a change
 * @param ramBufferMb how much memory the writer buffers before it flushes a segment
 */
public record IndexSettings(
        Path directory,
        int schemaVersion,
        Duration commitInterval,
        Duration maxReopenStale,
        Duration minReopenStale,
        double ramBufferMb) {

    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_REOPEN_STALE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MIN_REOPEN_STALE = Duration.ofMillis(25);
    public static final double DEFAULT_RAM_BUFFER_MB = 64;

    public IndexSettings {
        if (directory == null) {
            throw new IllegalArgumentException("directory is required: the index home directory");
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be 1 or more, was " + schemaVersion);
        }
        requirePositive("commitInterval", commitInterval);
        requirePositive("maxReopenStale", maxReopenStale);
        if (minReopenStale == null || minReopenStale.isNegative()) {
            throw new IllegalArgumentException("minReopenStale must be zero or more, was " + minReopenStale);
        }
        if (minReopenStale.compareTo(maxReopenStale) > 0) {
            throw new IllegalArgumentException("minReopenStale (" + minReopenStale
                    + ") must not be longer than maxReopenStale (" + maxReopenStale + ")");
        }
        if (!(ramBufferMb > 0 && Double.isFinite(ramBufferMb))) {
            throw new IllegalArgumentException("ramBufferMb must be a finite number above 0, was " + ramBufferMb);
        }
    }

    /** Settings with the defaults: commit every second, reopen within 25 ms to 1 s, a 64 MB buffer. */
    public static IndexSettings defaults(Path directory, int schemaVersion) {
        return new IndexSettings(
                directory,
                schemaVersion,
                DEFAULT_COMMIT_INTERVAL,
                DEFAULT_MAX_REOPEN_STALE,
                DEFAULT_MIN_REOPEN_STALE,
                DEFAULT_RAM_BUFFER_MB);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, was " + value);
        }
    }
}
