package dev.baton.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A {@link DigestInputStream} computing SHA-256 that also counts the bytes and remembers whether the source stream
 * itself failed (so a failing caller stream is not mistaken for an unavailable store). Skipping reads and digests the
 * skipped bytes; mark/reset is not supported.
 */
final class DigestingInputStream extends DigestInputStream {

    private long count;
    private boolean ended;
    private Exception sourceFailure;

    DigestingInputStream(InputStream in) {
        super(in, sha256());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            if (b >= 0) {
                count++;
            } else {
                ended = true;
            }
            return b;
        } catch (IOException | RuntimeException e) {
            sourceFailure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            } else if (n < 0) {
                ended = true;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            sourceFailure = e;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: the digest cannot be rewound
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** Whether the source stream reported its end. */
    boolean ended() {
        return ended;
    }

    /** What the source stream threw (an IOException or RuntimeException), or null. */
    Exception sourceFailure() {
        return sourceFailure;
    }

    /** Lower-case hex SHA-256 of everything read; call once, at the end. */
    String sha256Hex() {
        return HexFormat.of().formatHex(getMessageDigest().digest());
    }
}
