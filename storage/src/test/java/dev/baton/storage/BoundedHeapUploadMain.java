package dev.baton.storage;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Child-process side of {@link BoundedHeapUploadTest}: uploads a generated stream of unknown length through {@link
 * S3BlobStore#put} under a fresh key and writes the result to a properties file.
 *
 * <p>Arguments: endpoint accessKey secretKey bucket size seed resultFile.
 */
public final class BoundedHeapUploadMain {

    private BoundedHeapUploadMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: endpoint accessKey secretKey bucket size seed resultFile");
        }
        S3Settings settings = S3Settings.of(URI.create(args[0]), args[1], args[2], args[3]);
        long size = Long.parseLong(args[4]);
        long seed = Long.parseLong(args[5]);
        Path resultFile = Path.of(args[6]);

        long started = System.nanoTime();
        PutResult result;
        try (S3BlobStore store = S3BlobStore.create(settings)) {
            result = store.put(BlobKeys.unique(), new GeneratedInputStream(size, seed), BlobStore.UNKNOWN_LENGTH);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        Properties properties = new Properties();
        properties.setProperty("key", result.key());
        properties.setProperty("sha256", result.sha256());
        properties.setProperty("size", Long.toString(result.size()));
        properties.setProperty("millis", Long.toString(millis));
        properties.setProperty("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        properties.setProperty("peakHeapBytes", Long.toString(peakHeapUsed()));
        try (Writer out = Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8)) {
            properties.store(out, "BoundedHeapUploadMain result");
        }
    }

    /** Sum of the peak usage of the heap pools (an upper bound of the real peak). */
    private static long peakHeapUsed() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
