package dev.baton.storage;

import io.minio.errors.MinioException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a stream of a known or bounded length as a multipart upload whose parts are streamed ({@link StreamedPart}):
 * each part of a declared size is sent while its bytes arrive ({@link #partSize}); what is left within the slack of
 * the expected size is read whole and sent the same way, its length then known, as the last part. Each goes from the
 * calling thread. A part that cannot be streamed is sent again from memory, signed as usual by the SDK; a store that
 * refuses streamed parts, or whose ETags are not the MD5s they are checked against, gets no more of them from this
 * instance (one per {@link S3BlobStore}). A stream that ends within its first part is one PUT.
 */
final class StreamedUpload {

    private static final Logger LOG = LoggerFactory.getLogger(StreamedUpload.class);

    /**
     * How much longer than a part the expected size of a streamed upload must be for the part to be streamed, and
     * about as much as is left for the last part, sent once the stream has ended. The expected size is usually a
     * request's length less the form fields before the file: it still holds the multipart envelope (a few hundred
     * bytes) and the fields after the file. A form with more than this after its file has its last streamed part sent
     * a second time.
     */
    static final int STREAMING_SLACK = 64 * 1024;

    private final S3Client s3;
    /**
     * Whether a streamed part's ETag is checked against the MD5 of the bytes sent: only where nothing else guards them
     * in transit, over plain HTTP to another machine (TLS does over HTTPS; on this machine, they never travel).
     */
    private final boolean checkEtags;
    /** Whether parts are streamed; off for good once the store refuses one. */
    private volatile boolean enabled = true;
    /** Parts stored as streamed, for tests and diagnostics. */
    private final AtomicLong streamedParts = new AtomicLong();

    StreamedUpload(S3Client s3, boolean checkEtags) {
        this.s3 = s3;
        this.checkEtags = checkEtags;
    }

    /** Whether the ETags of streamed parts need checking to this endpoint: plain HTTP to another machine. */
    static boolean needsEtagCheck(S3Settings settings) {
        return "http".equalsIgnoreCase(settings.endpoint().getScheme()) && !isLoopback(settings.endpoint().getHost());
    }

    /** Whether a stream of this expected size is streamed: longer than the smallest part and the slack. */
    boolean takes(long expectedSize) {
        return enabled && expectedSize > S3Client.MIN_PART_BYTES + STREAMING_SLACK;
    }

    /** Stores the stream, at most about {@code atMost} bytes long (a longer one is stored whole all the same). */
    void store(String key, InputStream in, long atMost)
            throws IOException, MinioException, ExecutionException, InterruptedException {
        int partSize = s3.partSize();
        MultipartUpload upload = MultipartUpload.start(s3, key);
        try {
            // as large as the first part (a whole 16 MiB upload is one), so it rarely grows
            PartBuffer buffer = new PartBuffer(Math.max(S3Client.MIN_PART_BYTES, partSize(atMost, partSize)));
            long sent = 0;
            for (int number = 1; ; number++) {
                int size = partSize(atMost - sent, partSize);
                String etag = null;
                if (size > 0 && enabled) {
                    buffer.reserve(size);
                    etag = stream(upload, number, in, buffer, size);
                } else {
                    size = partSize;
                }
                if (etag == null) {
                    buffer.fill(in, size);
                    if (number == 1 && buffer.ended()) {
                        upload.abortQuietly();
                        s3.putObject(key, buffer.bytes(), buffer.filled());
                        return;
                    }
                    if (enabled) {
                        // the whole part is in memory, its length known: sent the same way, from this thread
                        etag = stream(upload, number, InputStream.nullInputStream(), buffer, buffer.filled());
                    }
                }
                if (etag == null) {
                    upload.send(number, buffer.bytes(), buffer.filled());
                } else {
                    upload.stored(number, etag);
                }
                sent += buffer.filled();
                if (!buffer.next(in)) {
                    break;
                }
            }
            upload.complete();
        } catch (IOException | MinioException | ExecutionException | InterruptedException | RuntimeException e) {
            upload.abortQuietly();
            throw e;
        }
    }

    /**
     * The size of the next streamed part when at most {@code left} bytes are still to come, or 0 when the rest is to
     * be read whole and sent as the last part. As few parts as the part size allows, every one but the last at least
     * 5 MiB, and all of them within the bound less {@link #STREAMING_SLACK}: a 16 MiB upload is one streamed part and
     * a last one of at most the slack.
     */
    static int partSize(long left, int partSize) {
        long rest = left - STREAMING_SLACK;
        if (rest < S3Client.MIN_PART_BYTES) {
            return 0;
        }
        if (rest <= partSize) {
            return (int) rest;
        }
        if (rest - partSize >= S3Client.MIN_PART_BYTES) {
            return partSize;
        }
        // a full part would leave too little for another streamed one: split the rest into two
        return (int) Math.max(S3Client.MIN_PART_BYTES, rest - S3Client.MIN_PART_BYTES);
    }

    /**
     * Streams one part; its ETag when the store took it whole, else null (the buffer then holds what was read, for
     * sending it the usual way).
     */
    private String stream(MultipartUpload upload, int number, InputStream in, PartBuffer buffer, int size)
            throws IOException, MinioException {
        StreamedPart part = StreamedPart.send(s3.http(), upload.partUrl(number), in, buffer, size, checkEtags);
        switch (part.outcome()) {
            case STORED -> {
                streamedParts.incrementAndGet();
                return part.etag();
            }
            case ENDED_EARLY -> {
                return null;
            }
            case ETAG_MISMATCH, NOT_TAKEN -> {
                if (part.outcome() == StreamedPart.Outcome.ETAG_MISMATCH || refusesStreamedParts(part.status())) {
                    enabled = false;
                    LOG.warn("{} does not take parts streamed to presigned URLs ({}): parts are sent whole and "
                            + "signed from now on", s3.errors().where(), part.problem());
                } else {
                    LOG.info("Streaming part {} failed ({}); sending it again whole", number, part.problem());
                }
                return null;
            }
            default -> throw new IllegalStateException("Unexpected outcome " + part.outcome());
        }
    }

    /**
     * Whether an answer to a streamed part will repeat for every other: access denied (the presigned request is not
     * accepted), not implemented, or a success without an ETag. Server errors, throttling and timeouts (a client that
     * paused longer than the store waits) only send that part again.
     */
    private static boolean refusesStreamedParts(int status) {
        return status == 403 || status == 501 || (status >= 200 && status < 300);
    }

    /** How many parts were stored as streamed since this store was built. */
    long streamedParts() {
        return streamedParts.get();
    }

    /** Whether parts are still streamed: false once the store refused one. */
    boolean enabled() {
        return enabled;
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
