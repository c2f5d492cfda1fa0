package dev.baton.indexer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits of text extraction: each file is parsed in a forked JVM that is killed when it passes them.
 *
 * @param timeout the longest one file may take to parse; the parser process is then killed and the file is
 *     {@code FAILED} with "timed out"
 * @param maxHeap the forked JVM's maximum heap, in the {@code -Xmx} form ({@code 512m}, {@code 2g}); a file that needs
 *     more is {@code FAILED} with "ran out of memory"
 * @param maxChars the most characters of text kept from one file, embedded documents included; the rest is dropped
 *     and the result says it was truncated
 * @param maxEmbeddedDepth how deep documents may nest inside each other (an attachment in a document is depth 1, a
 *     document inside that attachment depth 2); the text of documents nested deeper is left out and the result is
 *     marked truncated
 * @param maxEmbeddedCount the most embedded documents parsed in one file (images included); the ones past it are
 *     skipped
 * @param javaCommand the {@code java} executable that runs the forked parser
 * @param classPath the forked parser's class path (Tika and its parsers), in the platform's path-separator form; {@code
 *     null} for this JVM's own {@code java.class.path}, which serves when this JVM runs from plain jars (not from a
 *     Spring Boot jar, whose nested jars a plain JVM cannot load)
 */
public record ExtractionSettings(
        Duration timeout,
        String maxHeap,
        int maxChars,
        int maxEmbeddedDepth,
        int maxEmbeddedCount,
        String javaCommand,
        String classPath) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_MAX_HEAP = "512m";
    public static final int DEFAULT_MAX_CHARS = 10_000_000;
    public static final int DEFAULT_MAX_EMBEDDED_DEPTH = 5;
    public static final int DEFAULT_MAX_EMBEDDED_COUNT = 1_000;

    public ExtractionSettings {
        if (timeout == null || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeout);
        }
        if (maxHeap == null || !maxHeap.matches("[1-9][0-9]*[kKmMgG]?")) {
            throw new IllegalArgumentException(
                    "maxHeap must be a size in the -Xmx form, like 512m or 2g, was '" + maxHeap + "'");
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be 1 or more, was " + maxChars);
        }
        if (maxEmbeddedDepth < 1) {
            throw new IllegalArgumentException("maxEmbeddedDepth must be 1 or more, was " + maxEmbeddedDepth);
        }
        if (maxEmbeddedCount < 0) {
            throw new IllegalArgumentException("maxEmbeddedCount must be 0 or more, was " + maxEmbeddedCount);
        }
        if (javaCommand == null || javaCommand.isBlank()) {
            throw new IllegalArgumentException("javaCommand is required: the java executable that runs the parser");
        }
    }

    /** The defaults: 60 s, a 512m heap, 10 million characters, 5 levels and 1,000 embedded documents, this java. */
    public static ExtractionSettings defaults() {
        return new ExtractionSettings(
                DEFAULT_TIMEOUT,
                DEFAULT_MAX_HEAP,
                DEFAULT_MAX_CHARS,
                DEFAULT_MAX_EMBEDDED_DEPTH,
                DEFAULT_MAX_EMBEDDED_COUNT,
                currentJava(),
                null);
    }

    /** The {@code java} of the running JVM. */
    public static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public ExtractionSettings withTimeout(Duration newTimeout) {
        return new ExtractionSettings(
                newTimeout, maxHeap, maxChars, maxEmbeddedDepth, maxEmbeddedCount, javaCommand, classPath);
    }

    public ExtractionSettings withMaxHeap(String newMaxHeap) {
        return new ExtractionSettings(
                timeout, newMaxHeap, maxChars, maxEmbeddedDepth, maxEmbeddedCount, javaCommand, classPath);
    }

    public ExtractionSettings withMaxChars(int newMaxChars) {
        return new ExtractionSettings(
                timeout, maxHeap, newMaxChars, maxEmbeddedDepth, maxEmbeddedCount, javaCommand, classPath);
    }

    public ExtractionSettings withClassPath(String newClassPath) {
        return new ExtractionSettings(
                timeout, maxHeap, maxChars, maxEmbeddedDepth, maxEmbeddedCount, javaCommand, newClassPath);
    }

    public ExtractionSettings withMaxEmbeddedDepth(int newMaxEmbeddedDepth) {
        return new ExtractionSettings(
                timeout, maxHeap, maxChars, newMaxEmbeddedDepth, maxEmbeddedCount, javaCommand, classPath);
    }
}
