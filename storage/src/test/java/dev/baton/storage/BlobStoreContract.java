package dev.baton.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link BlobStore} must show, written once. Extend it and return the store under test from
 * {@link #store()}; the store may be shared by all cases of the class.
 *
 * <p>Cases touch only keys under a fresh {@code contract-test/<uuid>/} prefix and delete what they wrote, so the kit
 * can run against a real bucket.
 */
public abstract class BlobStoreContract {

    /** Larger than the 5 MiB minimum part size, so multipart paths run when the store uses small parts. */
    protected static final int MULTIPART_SIZE = 12 * 1024 * 1024;

    private static final int FIVE_MIB = 5 * 1024 * 1024;

    private final List<String> written = new ArrayList<>();
    private String root;

    /** The store under test. */
    protected abstract BlobStore store();

    @BeforeEach
    public void freshPrefix() {
        root = "contract-test/" + UUID.randomUUID() + "/";
    }

    @AfterEach
    public void deleteWhatWasWritten() {
        for (String key : written) {
            store().delete(key);
        }
        written.clear();
    }

    /** A key under this case's private prefix, deleted after the case. */
    protected String key(String name) {
        return track(root + name);
    }

    /** This case's private prefix. */
    protected String root() {
        return root;
    }

    /** Marks a key for deletion after the case. */
    protected String track(String key) {
        written.add(key);
        return key;
    }

    private static byte[] randomContent(int size) {
        byte[] bytes = new byte[size];
        byte[] unique = UUID.randomUUID().toString().getBytes(UTF_8);
        System.arraycopy(unique, 0, bytes, 0, Math.min(size, unique.length));
        for (int i = unique.length; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private byte[] readAll(String key) throws IOException {
        try (InputStream in = store().open(key)) {
            return in.readAllBytes();
        }
    }

    private List<String> keysUnder(String prefix) {
        try (Stream<BlobStat> stats = store().list(prefix)) {
            return stats.map(BlobStat::key).toList();
        }
    }

    /** The listing's entry for exactly this key. */
    private BlobStat listed(String key) {
        try (Stream<BlobStat> stats = store().list(key)) {
            return stats.filter(stat -> stat.key().equals(key)).findFirst().orElseThrow();
        }
    }

    /** The put reports the digest and size, and the store holds exactly those bytes. */
    private void assertStoredWhole(PutResult result, String key, String sha, long size) throws IOException {
        assertThat(result.key()).isEqualTo(key);
        assertThat(result.sha256()).isEqualTo(sha);
        assertThat(result.size()).isEqualTo(size);
        assertThat(listed(key).size()).isEqualTo(size);
        try (InputStream in = store().open(key)) {
            assertThat(GeneratedInputStream.sha256Hex(in)).isEqualTo(sha);
        }
    }

    private void assertNoIncompleteWrites() {
        assertThat(store().abortIncompleteWrites(root, Instant.now().plusSeconds(60)))
                .as("no incomplete write left behind")
                .isZero();
    }

    // --- writing ---------------------------------------------------------------------------------------------------

    @Test
    public void putReportsKeyDigestAndSizeAndStoresTheBytes() throws IOException {
        byte[] content = randomContent(2048);
        String key = key("put.bin");

        PutResult result = store().put(key, new ByteArrayInputStream(content), BlobStore.UNKNOWN_LENGTH);

        assertThat(result).isEqualTo(new PutResult(key, GeneratedInputStream.sha256Hex(content), 2048));
        assertThat(readAll(key)).isEqualTo(content);
    }

    @Test
    public void putOfSeveralPartsStoresEveryByteUnderOneKey() throws IOException {
        long seed = UUID.randomUUID().getMostSignificantBits();
        String sha = GeneratedInputStream.sha256Hex(new GeneratedInputStream(MULTIPART_SIZE, seed));
        String key = key("parts.bin");

        PutResult result = store().put(key, new GeneratedInputStream(MULTIPART_SIZE, seed), BlobStore.UNKNOWN_LENGTH);

        assertStoredWhole(result, key, sha, MULTIPART_SIZE);
        assertNoIncompleteWrites();
    }

    /** Streams ending exactly at, or just past, a 5 MiB part boundary (one PUT, or parts with a one-byte last part). */
    @Test
    public void putOfUnknownSizeAtPartBoundariesStoresEveryByte() throws IOException {
        for (int size : new int[] {FIVE_MIB - 1, FIVE_MIB, FIVE_MIB + 1, 2 * FIVE_MIB, 2 * FIVE_MIB + 1}) {
            long seed = UUID.randomUUID().getMostSignificantBits();
            String sha = GeneratedInputStream.sha256Hex(new GeneratedInputStream(size, seed));
            String key = key("boundary-" + size);

            PutResult result = store().put(key, new GeneratedInputStream(size, seed), BlobStore.UNKNOWN_LENGTH);

            assertStoredWhole(result, key, sha, size);
        }
    }

    /**
     * A stream with an expected size: stored whole whether the size is a little more than the stream (an upload's
     * request length, the usual case), far more (the stream ends inside a part the store may have started to send),
     * exactly the stream's length, or less than it (a size that lied).
     */
    @ParameterizedTest
    @ValueSource(longs = {300_000, 6 * 1024 * 1024, 0, -5 * 1024 * 1024})
    public void putWithAnExpectedSizeStoresEveryByteWhateverTheSize(long expectedMinusSize) throws IOException {
        for (int size : new int[] {0, 1000, FIVE_MIB - 1, FIVE_MIB, FIVE_MIB + 1, 2 * FIVE_MIB, MULTIPART_SIZE + 7}) {
            long seed = UUID.randomUUID().getMostSignificantBits();
            String sha = GeneratedInputStream.sha256Hex(new GeneratedInputStream(size, seed));
            String key = key("expected-" + size);

            PutResult result = store().put(key, new GeneratedInputStream(size, seed),
                    Math.max(0, size + expectedMinusSize));

            assertStoredWhole(result, key, sha, size);
        }
        assertNoIncompleteWrites();
    }

    @Test
    public void putToAnExistingKeyReplacesTheBlob() throws IOException {
        String key = key("replaced");
        store().put(key, new ByteArrayInputStream("first version".getBytes(UTF_8)), 13);

        store().put(key, new ByteArrayInputStream("second".getBytes(UTF_8)), BlobStore.UNKNOWN_LENGTH);

        assertThat(readAll(key)).asString(UTF_8).isEqualTo("second");
        assertThat(listed(key).size()).isEqualTo(6);
    }

    @Test
    public void identicalBytesUnderTwoKeysAreTwoBlobs() throws IOException {
        byte[] content = randomContent(500);

        PutResult first = store().put(key("one"), new ByteArrayInputStream(content), content.length);
        PutResult second = store().put(key("two"), new ByteArrayInputStream(content), content.length);
        store().delete(first.key());

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(readAll(second.key())).isEqualTo(content);
    }

    @Test
    public void emptyBlobsWork() throws IOException {
        String key = key("empty");

        PutResult result = store().put(key, InputStream.nullInputStream(), 0);

        assertThat(result.size()).isZero();
        assertThat(result.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(listed(key).size()).isZero();
        assertThat(readAll(key)).isEmpty();
    }

    @Test
    public void putWhoseStreamFailsEarlyThrowsAPortExceptionAndLeavesNoObject() {
        String key = key("failed-early");

        assertThatThrownBy(() -> store().put(key, new FailingInputStream(1000), BlobStore.UNKNOWN_LENGTH))
                .isInstanceOf(BlobStoreException.class)
                .isNotInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("reading the content to store failed")
                .satisfies(BlobStoreContract::noVendorTypeInChain);
        assertThat(keysUnder(root)).isEmpty();
    }

    /** A stream failing after several parts: with and without an expected size (streamed and buffered parts). */
    @ParameterizedTest
    @ValueSource(longs = {BlobStore.UNKNOWN_LENGTH, MULTIPART_SIZE + 1000})
    public void putWhoseStreamFailsAfterSeveralMegabytesLeavesNoObject(long expectedSize) {
        String key = key("failed-late");

        assertThatThrownBy(() -> store().put(key, new FailingInputStream(MULTIPART_SIZE - 1000), expectedSize))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining("reading the content to store failed")
                .satisfies(BlobStoreContract::noVendorTypeInChain);
        assertThat(keysUnder(root)).isEmpty();
        assertNoIncompleteWrites();
    }

    // --- reading ---------------------------------------------------------------------------------------------------

    @Test
    public void openReadsAllBytesBack() throws IOException {
        byte[] content = randomContent(4096);
        String key = key("whole.bin");
        store().put(key, new ByteArrayInputStream(content), content.length);

        assertThat(readAll(key)).isEqualTo(content);
    }

    @Test
    public void readingAMissingKeyThrowsNotFound() {
        String key = key("never-written");

        assertThatThrownBy(() -> store().open(key)).isInstanceOf(BlobNotFoundException.class);
    }

    // --- deleting --------------------------------------------------------------------------------------------------

    @Test
    public void deletedBlobIsGone() {
        String key = key("deleted");
        store().put(key, new ByteArrayInputStream(new byte[4]), 4);

        store().delete(key);

        assertThatThrownBy(() -> store().open(key)).isInstanceOf(BlobNotFoundException.class);
        assertThat(keysUnder(root)).doesNotContain(key);
    }

    @Test
    public void deletingAMissingKeyIsFine() {
        String key = key("not-there");

        assertThatCode(() -> store().delete(key)).doesNotThrowAnyException();
        assertThatCode(() -> store().delete(key)).doesNotThrowAnyException();
    }

    // --- listing ---------------------------------------------------------------------------------------------------

    @Test
    public void listReturnsEveryKeyUnderThePrefixInKeyOrder() {
        List<String> expected = new ArrayList<>(IntStream.range(0, 30)
                .mapToObj(i -> root + "list/" + (i % 3 == 0 ? "A" : i % 3 == 1 ? "b" : "b-") + String.format("%02d", i))
                .toList());
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled);
        for (String key : shuffled) {
            store().put(track(key), new ByteArrayInputStream(key.getBytes(UTF_8)), BlobStore.UNKNOWN_LENGTH);
        }
        String outside = key("listing-outside");
        store().put(outside, new ByteArrayInputStream(new byte[1]), 1);
        Collections.sort(expected);

        List<BlobStat> listed;
        try (Stream<BlobStat> stats = store().list(root + "list/")) {
            listed = stats.toList();
        }

        assertThat(listed).extracting(BlobStat::key).containsExactlyElementsOf(expected);
        assertThat(listed).allSatisfy(stat -> {
            assertThat(stat.size()).isEqualTo(stat.key().getBytes(UTF_8).length);
            assertThat(stat.lastModified()).isNotNull();
        });
        assertThat(keysUnder(root)).hasSize(31).contains(outside);
    }

    @Test
    public void listOfAnEmptyPrefixIsEmpty() {
        assertThat(keysUnder(root + "nothing/")).isEmpty();
    }

    @Test
    public void listIsLazyAndCanBeClosedEarly() {
        for (int i = 0; i < 3; i++) {
            store().put(key("few/" + i), new ByteArrayInputStream(new byte[1]), 1);
        }

        try (Stream<BlobStat> stats = store().list(root + "few/")) {
            assertThat(stats.findFirst()).get().extracting(BlobStat::key).isEqualTo(root + "few/0");
        }
    }

    // --- key validation --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../b", "/abs", "a\\b", "", "a\nb", "tab\there", "sp ace", "ü", "a//b", "dir/"})
    public void invalidKeysAreRejected(String bad) {
        InputStream content = new ByteArrayInputStream(new byte[1]);

        assertThatThrownBy(() -> store().put(bad, content, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().open(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().delete(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../", "/abs/", "a\\b/"})
    public void invalidPrefixesAreRejected(String bad) {
        assertThatThrownBy(() -> store().list(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().abortIncompleteWrites(bad, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** No exception in the chain comes from a vendor SDK: the port's own or the JDK's only. */
    private static void noVendorTypeInChain(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                assertThat(s.getClass().getName()).startsWith("java");
            }
            assertThat(t.getClass().getName()).matches("(dev\\.baton\\.|java\\.).*");
        }
    }

    /** Yields zeros, then throws after {@code failAfter} bytes, as a broken upload would. */
    static final class FailingInputStream extends InputStream {
        private final long failAfter;
        private long position;

        FailingInputStream(long failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            if (position >= failAfter) {
                throw new IOException("client went away");
            }
            position++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= failAfter) {
                throw new IOException("client went away");
            }
            int n = (int) Math.min(len, failAfter - position);
            Arrays.fill(b, off, off + n, (byte) 0);
            position += n;
            return n;
        }
    }
}
