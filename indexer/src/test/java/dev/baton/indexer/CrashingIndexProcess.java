package dev.baton.indexer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;

/**
 * Child JVM of {@link LuceneIndexCrashTest}: commits some documents at an outbox position, adds more with a higher
 * position without committing, prints {@code READY} and waits to be killed.
 *
 * <p>Arguments: index home, committed document count, committed position, uncommitted document count, uncommitted
 * position.
 */
final class CrashingIndexProcess {

    static final String READY = "READY";

    private CrashingIndexProcess() {}

    @SuppressWarnings("checkstyle:RegexpSinglelineJava") // stdout is how the parent test learns the child is ready
    public static void main(String[] args) throws IOException {
        Path home = Path.of(args[0]);
        int committedDocs = Integer.parseInt(args[1]);
        long committedPosition = Long.parseLong(args[2]);
        int uncommittedDocs = Integer.parseInt(args[3]);
        long uncommittedPosition = Long.parseLong(args[4]);
        // A commit interval far beyond the test's life: only the explicit commit below reaches the disk.
        IndexSettings settings = new IndexSettings(
                home, 1, Duration.ofDays(1), Duration.ofMillis(50), Duration.ofMillis(5), 16);

        LuceneIndex index = IndexHome.open(settings);
        for (int i = 0; i < committedDocs; i++) {
            index.update("committed-" + i, List.of(new TextField("title", "committed " + i, Field.Store.YES)));
        }
        index.applied(committedPosition);
        index.commit();
        long generation = 0;
        for (int i = 0; i < uncommittedDocs; i++) {
            generation = index.update("late-" + i, List.of(new TextField("title", "late " + i, Field.Store.YES)));
        }
        index.applied(uncommittedPosition);
        // Make the late documents searchable: the reopen flushes them into segment files, which a crash must not keep.
        try {
            index.waitForGeneration(generation, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        System.out.println(READY);
        System.out.flush();
        // Block until killed. Should the parent die first, stdin ends: stop at once, without closing (and committing).
        while (System.in.read() >= 0) {
            // ignore input
        }
        Runtime.getRuntime().halt(3);
    }
}
