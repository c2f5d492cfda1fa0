package dev.baton.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * One part of a multipart upload sent while its bytes arrive: a PUT of a declared length to a presigned upload-part
 * URL (its payload unsigned, so nothing has to be hashed before the first byte leaves), whose body reads the caller's
 * stream as it writes. Every byte sent is also kept in the caller's buffer, so the part can be sent again the usual
 * way when streaming it does not work out: the stream ends before the declared length (it was the last part), the
 * store refuses or fails the request, or (when asked to check) the part's ETag is not the MD5 of the bytes sent (a
 * transfer that changed them, or a store whose ETags are not MD5s, such as one encrypting with KMS).
 */
final class StreamedPart {

    /** What became of a streamed part. */
    enum Outcome {
        /** Stored whole; {@link #etag()} is set. */
        STORED,
        /** The stream ended first; the buffer holds the part's bytes, all of them. */
        ENDED_EARLY,
        /** The store did not take it (see {@link #problem()}); the buffer holds the bytes read so far. */
        NOT_TAKEN,
        /** Stored, but the ETag is not the MD5 of the bytes sent (see {@link #problem()}). */
        ETAG_MISMATCH
    }

    private static final int CHUNK = 64 * 1024;
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");

    private final PartBuffer buffer;
    private final int size;
    /** The MD5 of the bytes sent, when the ETag is checked; else null. */
    private final MessageDigest md5;
    private Outcome outcome;
    private String etag;
    private String problem;
    private int status;

    private StreamedPart(PartBuffer buffer, int size, boolean checkEtag) {
        this.buffer = buffer;
        this.size = size;
        this.md5 = checkEtag ? md5() : null;
    }

    /**
     * Sends a part of exactly {@code size} bytes to {@code url}: first what {@code buffer} already holds, then bytes
     * read from {@code in} as they come (each kept in {@code buffer} too).
     *
     * @param checkEtag whether the part's ETag must be the MD5 of the bytes sent (or the part is not stored)
     * @throws IOException when reading {@code in} fails (the caller's content, not the store)
     */
    static StreamedPart send(OkHttpClient http, String url, InputStream in, PartBuffer buffer, int size,
            boolean checkEtag) throws IOException {
        StreamedPart part = new StreamedPart(buffer, size, checkEtag);
        part.run(http, url, in);
        return part;
    }

    Outcome outcome() {
        return outcome;
    }

    /** The stored part's ETag, without quotes; null unless {@link Outcome#STORED}. */
    String etag() {
        return etag;
    }

    /** The store's HTTP status, or 0 when it did not answer. */
    int status() {
        return status;
    }

    /** Why the part was not stored as streamed, for the log. */
    String problem() {
        return problem;
    }

    private void run(OkHttpClient http, String url, InputStream in) throws IOException {
        Body body = new Body(in);
        Call call = http.newCall(new Request.Builder().url(url).put(body).build());
        try (Response response = call.execute()) {
            status = response.code();
            String tag = response.header("ETag");
            if (!response.isSuccessful() || tag == null) {
                outcome = Outcome.NOT_TAKEN;
                problem = "HTTP " + response.code() + " " + abbreviated(response);
                return;
            }
            tag = tag.replace("\"", "");
            String sent = md5 == null ? tag : HexFormat.of().formatHex(md5.digest());
            if (!tag.equalsIgnoreCase(sent)) {
                outcome = Outcome.ETAG_MISMATCH;
                problem = "ETag " + tag + ", MD5 of the bytes sent " + sent;
                return;
            }
            outcome = Outcome.STORED;
            etag = tag;
        } catch (IOException e) {
            if (body.sourceFailure != null) {
                throw body.sourceFailure;
            }
            if (buffer.ended()) {
                outcome = Outcome.ENDED_EARLY;
                return;
            }
            outcome = Outcome.NOT_TAKEN;
            problem = e.toString();
        }
    }

    private static String abbreviated(Response response) {
        try {
            String text = response.body().string().strip();
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        } catch (IOException e) {
            return "(no readable body)";
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5", e);
        }
    }

    /** The part's body: written once (never retried by OkHttp), reading the caller's stream as it goes. */
    private final class Body extends RequestBody {
        private final InputStream in;
        private IOException sourceFailure;

        Body(InputStream in) {
            this.in = in;
        }

        @Override
        public MediaType contentType() {
            return OCTETS;
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] bytes = buffer.bytes();
            sink.write(bytes, 0, buffer.filled());
            if (md5 != null) {
                md5.update(bytes, 0, buffer.filled());
            }
            while (buffer.filled() < size) {
                int start = buffer.filled();
                int n;
                try {
                    n = buffer.read(in, Math.min(CHUNK, size - start));
                } catch (IOException e) {
                    sourceFailure = e;
                    throw e;
                }
                if (n < 0) {
                    throw new IOException("The content ended " + (size - start) + " bytes before the part's end");
                }
                if (md5 != null) {
                    md5.update(bytes, start, n);
                }
                sink.write(bytes, start, n);
            }
        }
    }
}
