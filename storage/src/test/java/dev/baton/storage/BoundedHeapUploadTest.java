package dev.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploading is streamed: a child JVM with a 96 MiB heap uploads 1 GiB of unknown length (default 16 MiB parts, one
 * part buffered at a time) to an embedded S3 server in this JVM, and the stored blob has the right size and digest.
 */
class BoundedHeapUploadTest {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedHeapUploadTest.class);

    private static final long GIB = 1024L * 1024 * 1024;
    private static final long SEED = 20261123L;
    private static final int CHILD_HEAP_MIB = 96;
    private static final String CHILD_HEAP = "-Xmx" + CHILD_HEAP_MIB + "m";
    private static final String ACCESS = "heap-access";
    private static final String SECRET = "heap-secret-key";
    private static final String BUCKET = "bounded-heap";

    @TempDir
    Path workDir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void childWithSmallHeapUploadsOneGibibyteOfUnknownLength() throws IOException, InterruptedException {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(workDir.resolve("s3"), ACCESS, SECRET, 0)) {
            Path resultFile = workDir.resolve("result.properties");
            Path childLog = workDir.resolve("child.log");
            Process child = startChild(server, resultFile, childLog);

            String expectedSha256 = GeneratedInputStream.sha256Hex(new GeneratedInputStream(GIB, SEED));

            if (!child.waitFor(8, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                fail("Child upload did not finish within 8 minutes; log:%n%s", Files.readString(childLog));
            }
            assertThat(child.exitValue()).as("child exit code; log:%n%s", Files.readString(childLog)).isZero();
            Properties result = new Properties();
            try (Reader in = Files.newBufferedReader(resultFile, StandardCharsets.UTF_8)) {
                result.load(in);
            }
            LOG.info("Child uploaded 1 GiB in {} ms, heap max {} MiB, peak heap pools {} MiB",
                    result.getProperty("millis"),
                    Long.parseLong(result.getProperty("maxHeapBytes")) >> 20,
                    Long.parseLong(result.getProperty("peakHeapBytes")) >> 20);

            assertThat(Long.parseLong(result.getProperty("size"))).isEqualTo(GIB);
            assertThat(result.getProperty("sha256")).isEqualTo(expectedSha256);
            assertThat(result.getProperty("key")).startsWith(BlobKeys.ORIGINALS_PREFIX);
            // the child really ran with the small heap, and never needed more of it than that
            long heapLimit = (long) CHILD_HEAP_MIB << 20;
            assertThat(Long.parseLong(result.getProperty("maxHeapBytes"))).isLessThanOrEqualTo(heapLimit);
            assertThat(Long.parseLong(result.getProperty("peakHeapBytes")))
                    .isPositive()
                    .isLessThanOrEqualTo(heapLimit);

            try (S3BlobStore store = S3BlobStore.create(server.settings(BUCKET))) {
                String key = result.getProperty("key");
                try (Stream<BlobStat> listed = store.list(key)) {
                    assertThat(listed).singleElement().extracting(BlobStat::size).isEqualTo(GIB);
                }
                try (InputStream stored = store.open(key)) {
                    assertThat(GeneratedInputStream.sha256Hex(stored)).isEqualTo(expectedSha256);
                }
                store.delete(key);
            }
        }
    }

    private static Process startChild(EmbeddedS3Server server, Path resultFile, Path childLog) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                CHILD_HEAP,
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                BoundedHeapUploadMain.class.getName(),
                server.endpoint().toString(),
                ACCESS,
                SECRET,
                BUCKET,
                Long.toString(GIB),
                Long.toString(SEED),
                resultFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        // the test classpath, passed by environment so the command line stays short
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(childLog.toFile());
        return builder.start();
    }
}
