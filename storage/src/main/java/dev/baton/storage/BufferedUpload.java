package dev.baton.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;

/**
 * Stores a stream whose length is not known (or within one part), a part at a time: a first part of the smallest size
 * S3 takes ({@link S3Client#MIN_PART_BYTES}), then parts of the configured size, each read whole before it is sent,
 * one after another; a stream that ends within the first part is one PUT. The SDK's own {@code putObject} reads a
 * whole part before it sends any of it, so the first bytes of an upload waited for a full part (16 MiB) to arrive;
 * this way the first part leaves after 5 MiB and the rest keeps arriving while it is sent. One part is held in memory
 * at a time. The parts carry no checksum header of their own: over HTTP each is signed with its SHA-256, which the
 * server checks, and over HTTPS TLS protects it.
 */
final class BufferedUpload {

    private BufferedUpload() {}

    static void store(S3Client s3, String key, InputStream in)
            throws IOException, ExecutionException, InterruptedException {
        int partSize = s3.partSize();
        byte[] buffer = new byte[Math.min(S3Client.MIN_PART_BYTES, partSize)];
        int length = in.readNBytes(buffer, 0, buffer.length);
        int next = length == buffer.length ? in.read() : -1;
        if (next < 0) {
            s3.putObject(key, buffer, length);
            return;
        }
        MultipartUpload upload = MultipartUpload.start(s3, key);
        try {
            for (int number = 1; ; number++) {
                upload.send(number, buffer, length);
                if (next < 0) {
                    break;
                }
                if (buffer.length < partSize) {
                    buffer = new byte[partSize];
                }
                buffer[0] = (byte) next;
                length = 1 + in.readNBytes(buffer, 1, partSize - 1);
                next = length == partSize ? in.read() : -1;
            }
            upload.complete();
        } catch (IOException | ExecutionException | InterruptedException | RuntimeException e) {
            upload.abortQuietly();
            throw e;
        }
    }
}
