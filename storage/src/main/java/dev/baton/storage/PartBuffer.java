package dev.baton.storage;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of the part being uploaded, read from the caller's stream; one per upload, grown to the part size. */
final class PartBuffer {

    private byte[] bytes;
    private int filled;
    private boolean ended;

    PartBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] bytes() {
        return bytes;
    }

    /** Bytes of the current part held. */
    int filled() {
        return filled;
    }

    /** Whether the stream has ended. */
    boolean ended() {
        return ended;
    }

    /** Makes room for a part of {@code size} bytes, keeping what is held. */
    void reserve(int size) {
        if (bytes.length < size) {
            byte[] larger = new byte[size];
            System.arraycopy(bytes, 0, larger, 0, filled);
            bytes = larger;
        }
    }

    /** Reads at most {@code max} bytes after those held; -1 (and {@link #ended()}) at the end of the stream. */
    int read(InputStream in, int max) throws IOException {
        int n = in.read(bytes, filled, max);
        if (n < 0) {
            ended = true;
        } else {
            filled += n;
        }
        return n;
    }

    /** Reads until {@code size} bytes are held or the stream ends. */
    void fill(InputStream in, int size) throws IOException {
        reserve(size);
        while (filled < size && !ended) {
            read(in, size - filled);
        }
    }

    /**
     * Starts the next part: forgets the bytes held and reads one byte ahead, so the stream's end shows now rather
     * than after a part has been started.
     *
     * @return whether there is a next part
     */
    boolean next(InputStream in) throws IOException {
        filled = 0;
        if (ended) {
            return false;
        }
        int b = in.read();
        if (b < 0) {
            ended = true;
            return false;
        }
        bytes[0] = (byte) b;
        filled = 1;
        return true;
    }
}
