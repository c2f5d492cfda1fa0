package dev.baton.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The object-store port: bytes under opaque keys, a handful of operations, no vendor types in the signatures (modelled
 * on Apache Iceberg's {@code FileIO}). What the bytes are (their media type, their meaning) is the caller's to record.
 *
 * <p>Keys are built by Baton's own code ({@link BlobKeys}), never from user-supplied names. Every method may throw
 * {@link BlobStoreUnavailableException} when the store does not answer; reads of a missing key throw
 * {@link BlobNotFoundException}. Implementations are thread-safe and blocking: callers on an event loop move calls off
 * it.
 */
public interface BlobStore extends AutoCloseable {

    /** Size to pass when how long a stream is, or may be, is not known. */
    long UNKNOWN_LENGTH = -1;

    /**
     * Stores the stream under the key, replacing what was there, and computes its SHA-256 while streaming. A fresh key
     * ({@link BlobKeys#unique()}) makes a write-once blob: the caller records key and digest.
     *
     * @param expectedSize how long the stream is, or at most (an upload's request length bounds the file in it), or
     *     {@link #UNKNOWN_LENGTH}: the store may use it to send the bytes on while they arrive. A stream of another
     *     length is stored whole all the same
     * @return the key, the digest and the size of what was stored
     */
    PutResult put(String key, InputStream in, long expectedSize);

    /** Opens the whole blob. The caller closes the stream. */
    InputStream open(String key);

    /** Removes a blob; removing a missing key is not an error. */
    void delete(String key);

    /** Every blob whose key starts with the prefix, in key order. The caller closes the stream. */
    Stream<BlobStat> list(String prefix);

    /**
     * Abandons the writes under the prefix that started before {@code startedBefore} and never finished: a process
     * killed while writing leaves them, and some stores keep what they had received (S3's multipart uploads hold their
     * parts) until told.
     *
     * @return how many were abandoned
     */
    int abortIncompleteWrites(String prefix, Instant startedBefore);

    /** Throws {@link BlobStoreUnavailableException} unless the store answers now (used by health checks). */
    void checkAvailable();

    @Override
    void close();
}
