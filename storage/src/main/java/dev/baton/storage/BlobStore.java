package dev.baton.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The object-store port: a handful of operations on opaque keys, no vendor types in the signatures.
 *
 * <p>Keys are built by Baton's own code ({@link BlobKeys}), never from user-supplied names. Every method may throw
 * {@link BlobStoreUnavailableException} when the store does not answer; reads of a missing key throw
 * {@link BlobNotFoundException}. Implementations are thread-safe and blocking: callers on an event loop move calls off
 * it.
 */
public interface BlobStore extends AutoCloseable {

    /** Length to pass when the size of a stream is not known in advance. */
    long UNKNOWN_LENGTH = -1;

    /**
     * Stores the stream under a key derived from its SHA-256 ({@link BlobKeys#contentAddressed(String)}), computing
     * the digest while streaming. Bytes already in the store are not stored again.
     *
     * @param length the exact length, or {@link #UNKNOWN_LENGTH}
     * @return where the bytes are, their digest and size, and whether they were already stored
     */
    PutResult putContentAddressed(InputStream in, long length, String contentType);

    /**
     * Stores the stream once, under a fresh unique key ({@link BlobKeys#unique()}), computing its SHA-256 while
     * streaming. Unlike {@link #putContentAddressed} nothing is copied afterwards: the bytes are written once, and the
     * caller records the key with the digest (and removes the blob when it finds the same digest recorded already).
     *
     * @param length the exact length, or {@link #UNKNOWN_LENGTH}
     * @return the new key, the digest and size; {@link PutResult#alreadyStored()} is always false
     */
    PutResult putNew(InputStream in, long length, String contentType);

    /**
     * As {@link #putNew(InputStream, long, String)}, for a stream whose length is not known but bounded (an upload's
     * request length bounds the file in it): the store may use the bound to send the bytes on while they arrive. A
     * stream longer than the bound is still stored whole.
     *
     * @param atMost an upper bound of the stream's length, or {@link #UNKNOWN_LENGTH}
     */
    PutResult putNew(InputStream in, long length, long atMost, String contentType);

    /**
     * Stores the stream under the given key (derived blobs: extracted text, thumbnails), replacing what was there.
     *
     * @param length the exact length, or {@link #UNKNOWN_LENGTH}
     */
    PutResult put(String key, InputStream in, long length, String contentType);

    /** Opens the whole blob. The caller closes the stream. */
    InputStream open(String key);

    /** Opens {@code length} bytes from {@code offset} (fewer if the blob ends first). The caller closes the stream. */
    InputStream open(String key, long offset, long length);

    /** Size, content type and modification time of a blob. */
    BlobStat stat(String key);

    /** Whether a blob exists under the key. */
    boolean exists(String key);

    /** Removes a blob; removing a missing key is not an error. */
    void delete(String key);

    /** Every blob whose key starts with the prefix, in key order. The caller closes the stream. */
    Stream<BlobStat> list(String prefix);

    /**
     * Aborts the multipart uploads under the prefix that were started before {@code startedBefore} and never
     * completed (a process killed mid-upload leaves them, holding their parts' bytes in the store).
     *
     * @return how many were aborted
     */
    int abortIncompleteUploads(String prefix, Instant startedBefore);

    /** Throws {@link BlobStoreUnavailableException} unless the store answers now (used by health checks). */
    void checkAvailable();

    @Override
    void close();
}
