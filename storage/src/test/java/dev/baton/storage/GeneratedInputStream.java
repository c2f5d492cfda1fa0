package dev.baton.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A deterministic pseudo-random byte stream of a given size (SplitMix64), generated on the fly: no big arrays, so a
 * gigabyte costs nothing but time. The same seed and size always give the same bytes.
 */
public final class GeneratedInputStream extends InputStream {

    private final long size;
    private long state;
    private long position;
    private long word;
    private int wordBytesLeft;

    public GeneratedInputStream(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        this.size = size;
        this.state = seed;
    }

    private long nextWord() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int read() {
        if (position >= size) {
            return -1;
        }
        if (wordBytesLeft == 0) {
            word = nextWord();
            wordBytesLeft = 8;
        }
        int b = (int) (word & 0xFF);
        word >>>= 8;
        wordBytesLeft--;
        position++;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        int i = off;
        int end = off + n;
        while (i < end && wordBytesLeft > 0) {
            b[i++] = (byte) word;
            word >>>= 8;
            wordBytesLeft--;
        }
        while (end - i >= 8) {
            long w = nextWord();
            for (int k = 0; k < 8; k++) {
                b[i++] = (byte) w;
                w >>>= 8;
            }
        }
        if (i < end) {
            word = nextWord();
            wordBytesLeft = 8;
            while (i < end) {
                b[i++] = (byte) word;
                word >>>= 8;
                wordBytesLeft--;
            }
        }
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    /** Lower-case hex SHA-256 of everything a stream yields (reads it to the end). */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest digest = DigestingInputStream.sha256();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            digest.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lower-case hex SHA-256 of a byte array. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(DigestingInputStream.sha256().digest(bytes));
    }
}
