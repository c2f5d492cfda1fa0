package dev.baton.webapp.content;

import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobNotFoundException;
import dev.baton.storage.BlobStat;
import dev.baton.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** What the object store holds of a file's bytes, whatever key they were written under. */
final class StoredCopies {

    private StoredCopies() {}

    /** The keys of originals whose objects hold exactly these bytes. */
    static List<String> of(BlobStore blobs, byte[] bytes) {
        try (Stream<BlobStat> stats = blobs.list(BlobKeys.ORIGINALS_PREFIX)) {
            return stats.filter(stat -> stat.size() == bytes.length)
                    .map(BlobStat::key)
                    .filter(key -> holds(blobs, key, bytes))
                    .toList();
        }
    }

    /** Whether the store holds a blob under the key. */
    static boolean exists(BlobStore blobs, String key) {
        try (InputStream in = blobs.open(key)) {
            return true;
        } catch (BlobNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holds(BlobStore blobs, String key, byte[] bytes) {
        try (InputStream in = blobs.open(key)) {
            return Arrays.equals(in.readAllBytes(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
