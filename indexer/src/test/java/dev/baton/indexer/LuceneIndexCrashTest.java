package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM that holds uncommitted changes, then checks what a restart finds on disk. */
class LuceneIndexCrashTest {

    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path home;

    @TempDir
    Path logs;

    @Test
    void aCrashLosesTheUncommittedChangesAndKeepsThePositionOfTheLastCommit() throws Exception {
        int committedDocs = 5;
        long committedPosition = 100;
        int uncommittedDocs = 3;
        long uncommittedPosition = 107;
        Path childErr = logs.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingIndexProcess.class.getName(),
                        home.toString(),
                        Integer.toString(committedDocs),
                        Long.toString(committedPosition),
                        Integer.toString(uncommittedDocs),
                        Long.toString(uncommittedPosition))
                .redirectError(childErr.toFile())
                .start();
        try {
            BufferedReader out = child.inputReader();
            String firstLine = CompletableFuture.supplyAsync(() -> readLine(out))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(firstLine).as("child output; its stderr: %s", stderr(childErr))
                    .isEqualTo(CrashingIndexProcess.READY);

            child.destroyForcibly();
            assertThat(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed, not exited").isNotZero();
        } finally {
            child.destroyForcibly();
        }

        try (LuceneIndex index = IndexHome.open(IndexSettings.defaults(home, 1))) {
            assertThat(index.isNew()).isFalse();
            assertThat(index.lastCommittedPosition()).isEqualTo(committedPosition);
            assertThat(index.docCount()).isEqualTo(committedDocs);
            int lateDocs = index.withSearcher(searcher -> searcher.count(new TermQuery(new Term("title", "late"))));
            assertThat(lateDocs).isZero();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stderr(Path file) throws IOException {
        return Files.exists(file) ? String.join("\n", Files.readAllLines(file)) : "(none)";
    }
}
