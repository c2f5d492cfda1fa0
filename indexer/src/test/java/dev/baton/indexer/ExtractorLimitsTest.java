package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction past its limits: a short timeout and a small text limit, so that ordinary files can cross them. */
class ExtractorLimitsTest {

    // long enough for a cold parser (it loads its parsers and language model on the first file) on a loaded machine
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_CHARS = 500;
    /** About 25 s of parsing on the 2-core machine, far past {@link #TIMEOUT}; about 110 KiB on disk. */
    private static final int SLOW_PAGES = 10_000;

    private static final int OPERATIONS_PER_PAGE = 3_000;

    @TempDir
    static Path dir;

    private static Extractor extractor;
    private static Path slowPdf;

    @BeforeAll
    static void start() throws IOException {
        extractor = new Extractor(
                ExtractionSettings.defaults().withTimeout(TIMEOUT).withMaxChars(MAX_CHARS));
        slowPdf = write("slow.pdf", TestFiles.slowPdf(SLOW_PAGES, OPERATIONS_PER_PAGE));
    }

    @AfterAll
    static void stop() {
        if (extractor != null) {
            extractor.close();
        }
    }

    @Test
    void aFileThatParsesTooLongFailsAsTimedOutWithinTheLimitAndTheNextFileExtractsFine()
            throws IOException {
        assertNextFileExtracts();

        long start = System.nanoTime();
        ExtractionResult result = extractor.extract(slowPdf);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.status()).isEqualTo(ExtractionResult.Status.FAILED);
        assertThat(result.failureReason()).isEqualTo("timed out after 10 s");
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plusSeconds(20));
        assertNextFileExtracts();
    }

    @Test
    void aParserProcessKilledWhileParsingFailsThatFileAsCrashedAndTheNextFileExtractsFine()
            throws Exception {
        assertNextFileExtracts();
        List<ProcessHandle> parsers = ParserProcesses.running();
        assertThat(parsers).hasSize(1);
        ProcessHandle parser = parsers.get(0);
        Duration idleCpu = ParserProcesses.cpuTime(parser);

        CompletableFuture<ExtractionResult> slow = CompletableFuture.supplyAsync(() -> extractor.extract(slowPdf));
        // the parse has begun once the parser has burnt some CPU on it
        while (ParserProcesses.cpuTime(parser).minus(idleCpu).toMillis() < 300 && !slow.isDone()) {
            try {
                slow.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillParsing) {
                // look at the CPU time again
            }
        }
        ParserProcesses.kill(parser);
        ExtractionResult result = slow.get(30, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(ExtractionResult.Status.FAILED);
        assertThat(result.failureReason()).isEqualTo("the parser crashed");
        assertNextFileExtracts();
    }

    @Test
    void textPastTheCharacterLimitIsCutAndMarkedTruncated() throws IOException {
        StringBuilder long_ = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            long_.append("Sentence number ").append(i).append(" of a long plain text file.\n");
        }

        ExtractionResult result = extractor.extract(write("long.txt", TestFiles.ascii(long_.toString())));

        assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(result.truncated()).isTrue();
        assertThat(result.text()).startsWith("Sentence number 0 ").hasSizeLessThanOrEqualTo(MAX_CHARS);
        assertThat(result.text()).doesNotContain("Sentence number 199");
    }

    private static void assertNextFileExtracts() throws IOException {
        Path next = write("next-" + System.nanoTime() + ".pdf", TestFiles.pdf("Next", "Ann", List.of("Next file text")));
        ExtractionResult result = extractor.extract(next);
        assertThat(result.status()).as("failure reason: %s", result.failureReason()).isEqualTo(ExtractionResult.Status.DONE);
        assertThat(result.text()).contains("Next file text");
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
