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
 * <p>Cases touch only keys under a fresh {@code contract-test/<uuid>/} prefix, content-addressed blobs of random
 * content and the {@code staging/} prefix, and delete what they wrote, so the kit can run against a real bucket. That
 * bucket should not be in use by a running Baton at the same time (the staging checks expect {@code staging/} to be
 * empty).
 */
public abstract class BlobStoreContract {

    /** Larger than the 5 MiB minimum part size, so multipart paths run when the store uses small parts. */
    protected static final int MULTIPART_SIZE = 12 * 1024 * 1024;

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

    private byte[] readRange(String key, long offset, long length) throws IOException {
        try (InputStream in = store().open(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    private List<String> keysUnder(String prefix) {
        try (Stream<BlobStat> stats = store().list(prefix)) {
            return stats.map(BlobStat::key).toList();
        }
    }

    /** The put reports the digest and size, and the store holds exactly those bytes; no staging object is left. */
    private void assertStoredWhole(PutResult result, String sha, long size) throws IOException {
        assertThat(result.sha256()).isEqualTo(sha);
        assertThat(result.size()).isEqualTo(size);
        assertThat(store().stat(result.key()).size()).isEqualTo(size);
        try (InputStream in = store().open(result.key())) {
            assertThat(GeneratedInputStream.sha256Hex(in)).isEqualTo(sha);
        }
        assertNoStagingLeft();
    }

    private void assertNoStagingLeft() {
        assertThat(keysUnder(BlobKeys.STAGING_PREFIX)).as("objects left under staging/").isEmpty();
    }

    // --- write-once puts under a fresh key --------------------------------------------------------------------------

    @Test
    public void putNewWritesOnceUnderAFreshKeyAndReportsDigestAndSize() throws IOException {
        byte[] content = randomContent(1000);
        String sha = GeneratedInputStream.sha256Hex(content);

        PutResult result = store().putNew(new ByteArrayInputStream(content), BlobStore.UNKNOWN_LENGTH, "text/plain");
        track(result.key());

        assertThat(result.sha256()).isEqualTo(sha);
        assertThat(result.size()).isEqualTo(1000);
        assertThat(result.key()).startsWith(BlobKeys.ORIGINALS_PREFIX)
                .doesNotStartWith(BlobKeys.BLOBS_PREFIX)
                .doesNotContain(sha);
        assertThat(result.alreadyStored()).isFalse();
        assertThat(readAll(result.key())).isEqualTo(content);
        assertThat(store().stat(result.key()).contentType()).isEqualTo("text/plain");
        assertThat(store().exists(BlobKeys.contentAddressed(sha))).as("no copy under the content key").isFalse();
        assertNoStagingLeft();
    }

    @Test
    public void putNewOfSeveralPartsStoresEveryByteUnderOneKey() throws IOException {
        long seed = UUID.randomUUID().getMostSignificantBits();
        String sha = GeneratedInputStream.sha256Hex(new GeneratedInputStream(MULTIPART_SIZE, seed));

        PutResult result = store().putNew(new GeneratedInputStream(MULTIPART_SIZE, seed), BlobStore.UNKNOWN_LENGTH,
                null);
        track(result.key());

        assertStoredWhole(result, sha, MULTIPART_SIZE);
    }

    /** Streams ending exactly at, or just past, a 5 MiB part boundary (one PUT, or parts with a one-byte last part). */
    @Test
    public void putNewOfUnknownLengthAtPartBoundariesStoresEveryByte() throws IOException {
        int fiveMiB = 5 * 1024 * 1024;
        for (int size : new int[] {fiveMiB - 1, fiveMiB, fiveMiB + 1, 2 * fiveMiB, 2 * fiveMiB + 1}) {
            long seed = UUID.randomUUID().getMostSignificantBits();
            String sha = GeneratedInputStream.sha256Hex(new GeneratedInputStream(size, seed));

            PutResult result = store().putNew(new GeneratedInputStream(size, seed), BlobStore.UNKNOWN_LENGTH, null);
            track(result.key());

            assertStoredWhole(result, sha, size);
        }
    }

    /**
     * A stream of unknown length with a bound (an upload's request length): stored whole whether the bound is a little
     * more than the stream (the usual case), far more (the stream ends inside a part the store may have started to
     * send), exactly the stream's length, or less than it (a bound that lied).
     */
    @ParameterizedTest
    @ValueSource(longs = {300_000, 6 * 1024 * 1024, 0, -5 * 1024 * 1024})
    public void putNewWithABoundStoresEveryByteWhateverTheBound(long boundMinusSize) throws IOException {
        int fiveMiB = 5 * 1024 * 1024;
        for (int size : new int[] {1000, fiveMiB - 1, fiveMiB, fiveMiB + 1, 2 * fiveMiB, MULTIPART_SIZE + 7}) {
            long seed = UUID.randomUUID().getMostSignificantBits();
            String sha = GeneratedInputStream.sha256Hex(new GeneratedInputStream(size, seed));

            PutResult result = store().putNew(new GeneratedInputStream(size, seed), BlobStore.UNKNOWN_LENGTH,
                    Math.max(0, size + boundMinusSize), null);
            track(result.key());

            assertStoredWhole(result, sha, size);
        }
        assertThat(store().abortIncompleteUploads(BlobKeys.ORIGINALS_PREFIX, Instant.now().plusSeconds(60)))
                .as("no multipart upload left behind")
                .isZero();
    }

    @Test
    public void putNewWithABoundWhoseStreamFailsLeavesNoObject() {
        List<String> before = keysUnder(BlobKeys.ORIGINALS_PREFIX);

        assertThatThrownBy(() -> store().putNew(new FailingInputStream(MULTIPART_SIZE - 1000),
                        BlobStore.UNKNOWN_LENGTH, MULTIPART_SIZE + 1000, null))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining("reading the content to store failed");

        assertThat(keysUnder(BlobKeys.ORIGINALS_PREFIX)).isEqualTo(before);
        assertThat(store().abortIncompleteUploads(BlobKeys.ORIGINALS_PREFIX, Instant.now().plusSeconds(60)))
                .as("the failed multipart upload was aborted at once, not left for the sweep")
                .isZero();
    }

    @Test
    public void putNewOfIdenticalBytesTwiceGivesTwoKeys() {
        byte[] content = randomContent(500);

        PutResult first = store().putNew(new ByteArrayInputStream(content), content.length, null);
        track(first.key());
        PutResult second = store().putNew(new ByteArrayInputStream(content), content.length, null);
        track(second.key());

        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.alreadyStored()).isFalse();
    }

    @Test
    public void putNewWhoseStreamFailsAfterSeveralMegabytesLeavesNoObject() {
        List<String> before = keysUnder(BlobKeys.ORIGINALS_PREFIX);

        assertThatThrownBy(() -> store().putNew(new FailingInputStream(MULTIPART_SIZE - 1000),
                        BlobStore.UNKNOWN_LENGTH, null))
                .isInstanceOf(BlobStoreException.class);

        assertThat(keysUnder(BlobKeys.ORIGINALS_PREFIX)).isEqualTo(before);
        assertThat(store().abortIncompleteUploads(BlobKeys.ORIGINALS_PREFIX, Instant.now().plusSeconds(60)))
                .as("the failed multipart upload was aborted at once, not left for the sweep")
                .isZero();
    }

    // --- content-addressed puts ------------------------------------------------------------------------------------

    @Test
    public void contentAddressedPutOfKnownLengthReportsDigestSizeAndKey() throws IOException {
        byte[] content = randomContent(1000);
        String sha = GeneratedInputStream.sha256Hex(content);

        PutResult result = store().putContentAddressed(new ByteArrayInputStream(content), content.length, "text/plain");
        track(result.key());

        assertThat(result.sha256()).isEqualTo(sha);
        assertThat(result.size()).isEqualTo(1000);
        assertThat(result.key()).isEqualTo(BlobKeys.contentAddressed(sha));
        assertThat(result.alreadyStored()).isFalse();
        assertThat(readAll(result.key())).isEqualTo(content);
    }

    @Test
    public void contentAddressedPutOfUnknownLengthReportsDigestSizeAndKey() throws IOException {
        byte[] content = randomContent(777);
        String sha = GeneratedInputStream.sha256Hex(content);

        PutResult result =
                store().putContentAddressed(new ByteArrayInputStream(content), BlobStore.UNKNOWN_LENGTH, null);
        track(result.key());

        assertThat(result.sha256()).isEqualTo(sha);
        assertThat(result.size()).isEqualTo(777);
        assertThat(result.key()).isEqualTo(BlobKeys.contentAddressed(sha));
        assertThat(result.alreadyStored()).isFalse();
        assertThat(readAll(result.key())).isEqualTo(content);
    }

    @Test
    public void contentAddressedPutOfSeveralPartsWithUnknownLengthStoresEveryByte() throws IOException {
        long seed = UUID.randomUUID().getMostSignificantBits();
        String sha = GeneratedInputStream.sha256Hex(new GeneratedInputStream(MULTIPART_SIZE, seed));

        PutResult result = store().putContentAddressed(
                new GeneratedInputStream(MULTIPART_SIZE, seed), BlobStore.UNKNOWN_LENGTH, "application/pdf");
        track(result.key());

        assertStoredWhole(result, sha, MULTIPART_SIZE);
    }

    @Test
    public void contentAddressedPutOfSeveralPartsWithKnownLengthStoresEveryByte() throws IOException {
        long seed = UUID.randomUUID().getLeastSignificantBits();
        String sha = GeneratedInputStream.sha256Hex(new GeneratedInputStream(MULTIPART_SIZE, seed));

        PutResult result =
                store().putContentAddressed(new GeneratedInputStream(MULTIPART_SIZE, seed), MULTIPART_SIZE, null);
        track(result.key());

        assertThat(result.sha256()).isEqualTo(sha);
        assertThat(result.size()).isEqualTo(MULTIPART_SIZE);
        try (InputStream in = store().open(result.key())) {
            assertThat(GeneratedInputStream.sha256Hex(in)).isEqualTo(sha);
        }
    }

    @Test
    public void secondPutOfIdenticalBytesReportsAlreadyStoredAndKeepsOneBlob() {
        byte[] content = randomContent(300);

        PutResult first = store().putContentAddressed(new ByteArrayInputStream(content), content.length, null);
        track(first.key());
        PutResult second =
                store().putContentAddressed(new ByteArrayInputStream(content), BlobStore.UNKNOWN_LENGTH, null);

        assertThat(first.alreadyStored()).isFalse();
        assertThat(second.alreadyStored()).isTrue();
        assertThat(second.key()).isEqualTo(first.key());
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.size()).isEqualTo(300);
        String fanOutDir = first.key().substring(0, first.key().lastIndexOf('/') + 1);
        assertThat(keysUnder(fanOutDir)).filteredOn(first.key()::equals).hasSize(1);
        assertThat(keysUnder(BlobKeys.BLOBS_PREFIX)).filteredOn(first.key()::equals).hasSize(1);
    }

    @Test
    public void contentAddressedPutKeepsTheContentType() {
        PutResult result = store().putContentAddressed(
                new ByteArrayInputStream(randomContent(50)), 50, "application/vnd.ms-powerpoint");
        track(result.key());

        assertThat(store().stat(result.key()).contentType()).isEqualTo("application/vnd.ms-powerpoint");
    }

    @Test
    public void putsLeaveNothingUnderStaging() {
        track(store().putContentAddressed(new ByteArrayInputStream(randomContent(10)), 10, null).key());
        track(store().putContentAddressed(new ByteArrayInputStream(randomContent(20)), BlobStore.UNKNOWN_LENGTH, null)
                .key());
        byte[] again = randomContent(30);
        track(store().putContentAddressed(new ByteArrayInputStream(again), 30, null).key());
        store().putContentAddressed(new ByteArrayInputStream(again), 30, null);

        assertNoStagingLeft();
    }

    @Test
    public void putWhoseStreamFailsEarlyThrowsAPortExceptionAndLeavesNoStaging() {
        InputStream failing = new FailingInputStream(1000);

        assertThatThrownBy(() -> store().putContentAddressed(failing, BlobStore.UNKNOWN_LENGTH, null))
                .isInstanceOf(BlobStoreException.class)
                .isNotInstanceOf(BlobNotFoundException.class)
                .satisfies(BlobStoreContract::noVendorTypeInChain);
        assertNoStagingLeft();
    }

    @Test
    public void putWhoseStreamFailsAfterSeveralMegabytesThrowsAPortExceptionAndLeavesNoStaging() {
        InputStream failing = new FailingInputStream(MULTIPART_SIZE / 2 + 1234);

        assertThatThrownBy(() -> store().putContentAddressed(failing, MULTIPART_SIZE, null))
                .isInstanceOf(BlobStoreException.class)
                .satisfies(BlobStoreContract::noVendorTypeInChain);
        assertNoStagingLeft();
    }

    @Test
    public void putWhoseStreamIsShorterThanAnnouncedFails() {
        String key = key("short");

        assertThatThrownBy(() -> store().put(key, new ByteArrayInputStream(new byte[5]), 10, null))
                .isInstanceOf(BlobStoreException.class);
        assertThatThrownBy(() -> store().putContentAddressed(new ByteArrayInputStream(new byte[5]), 10, null))
                .isInstanceOf(BlobStoreException.class);
        assertNoStagingLeft();
    }

    // --- reading ---------------------------------------------------------------------------------------------------

    @Test
    public void openReadsAllBytesBack() throws IOException {
        byte[] content = randomContent(4096);
        String key = key("whole.bin");
        store().put(key, new ByteArrayInputStream(content), content.length, null);

        assertThat(readAll(key)).isEqualTo(content);
    }

    @Test
    public void openRangeReturnsExactlyTheRequestedBytes() throws IOException {
        byte[] content = new byte[100];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        String key = key("range.bin");
        store().put(key, new ByteArrayInputStream(content), content.length, null);

        assertThat(readRange(key, 10, 20)).isEqualTo(slice(content, 10, 30));
        assertThat(readRange(key, 0, 1)).isEqualTo(slice(content, 0, 1));
        assertThat(readRange(key, 99, 1)).isEqualTo(slice(content, 99, 100));
        assertThat(readRange(key, 0, 100)).isEqualTo(content);
    }

    @Test
    public void openRangeReachingPastTheEndReturnsTheTail() throws IOException {
        byte[] content = randomContent(100);
        String key = key("tail.bin");
        store().put(key, new ByteArrayInputStream(content), content.length, null);

        assertThat(readRange(key, 90, 50)).isEqualTo(slice(content, 90, 100));
        assertThat(readRange(key, 60, Long.MAX_VALUE)).isEqualTo(slice(content, 60, 100));
    }

    @Test
    public void openRangeStartingAtOrAfterTheEndIsEmpty() throws IOException {
        String key = key("short.bin");
        store().put(key, new ByteArrayInputStream(randomContent(10)), 10, null);

        assertThat(readRange(key, 10, 5)).isEmpty();
        assertThat(readRange(key, 500, 5)).isEmpty();
        assertThat(readRange(key, 3, 0)).isEmpty();
    }

    @Test
    public void openRangeOfAMissingKeyThrowsNotFound() {
        String key = key("missing-range");

        assertThatThrownBy(() -> store().open(key, 0, 10)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store().open(key, 0, 0)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    public void statReportsSizeContentTypeAndModificationTime() {
        String key = key("stat.txt");
        store().put(key, new ByteArrayInputStream("hello".getBytes(UTF_8)), 5, "text/plain");

        BlobStat stat = store().stat(key);

        assertThat(stat.key()).isEqualTo(key);
        assertThat(stat.size()).isEqualTo(5);
        assertThat(stat.contentType()).isEqualTo("text/plain");
        assertThat(stat.lastModified()).isNotNull();
    }

    @Test
    public void putWithoutContentTypeStoresOctetStream() {
        String key = key("untyped");
        store().put(key, new ByteArrayInputStream(new byte[3]), 3, null);

        assertThat(store().stat(key).contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    public void existsTellsWhetherABlobIsThere() {
        String key = key("exists");
        assertThat(store().exists(key)).isFalse();

        store().put(key, new ByteArrayInputStream(new byte[1]), 1, null);

        assertThat(store().exists(key)).isTrue();
    }

    @Test
    public void readingAMissingKeyThrowsNotFound() {
        String key = key("never-written");

        assertThatThrownBy(() -> store().open(key)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store().stat(key)).isInstanceOf(BlobNotFoundException.class);
    }

    // --- writing by key, deleting ----------------------------------------------------------------------------------

    @Test
    public void putByKeyReportsDigestAndSize() {
        byte[] content = randomContent(2048);
        String key = key("derived.txt");

        PutResult result = store().put(key, new ByteArrayInputStream(content), BlobStore.UNKNOWN_LENGTH, "text/plain");

        assertThat(result.key()).isEqualTo(key);
        assertThat(result.sha256()).isEqualTo(GeneratedInputStream.sha256Hex(content));
        assertThat(result.size()).isEqualTo(2048);
        assertThat(result.alreadyStored()).isFalse();
    }

    @Test
    public void putToAnExistingKeyReplacesTheBlob() throws IOException {
        String key = key("replaced");
        store().put(key, new ByteArrayInputStream("first version".getBytes(UTF_8)), 13, "text/plain");

        store().put(key, new ByteArrayInputStream("second".getBytes(UTF_8)), BlobStore.UNKNOWN_LENGTH, "text/csv");

        assertThat(readAll(key)).asString(UTF_8).isEqualTo("second");
        assertThat(store().stat(key).size()).isEqualTo(6);
        assertThat(store().stat(key).contentType()).isEqualTo("text/csv");
    }

    @Test
    public void emptyBlobsWork() throws IOException {
        String key = key("empty");

        PutResult byKey = store().put(key, InputStream.nullInputStream(), 0, null);
        PutResult addressed = store().putContentAddressed(InputStream.nullInputStream(), BlobStore.UNKNOWN_LENGTH, null);
        track(addressed.key());

        String emptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(byKey.size()).isZero();
        assertThat(byKey.sha256()).isEqualTo(emptySha);
        assertThat(addressed.sha256()).isEqualTo(emptySha);
        assertThat(addressed.size()).isZero();
        assertThat(store().stat(key).size()).isZero();
        assertThat(readAll(key)).isEmpty();
        assertThat(readAll(addressed.key())).isEmpty();
        assertThat(readRange(key, 0, 10)).isEmpty();
    }

    @Test
    public void deletedBlobIsGone() {
        String key = key("deleted");
        store().put(key, new ByteArrayInputStream(new byte[4]), 4, null);

        store().delete(key);

        assertThat(store().exists(key)).isFalse();
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(BlobNotFoundException.class);
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
            store().put(track(key), new ByteArrayInputStream(key.getBytes(UTF_8)), BlobStore.UNKNOWN_LENGTH, null);
        }
        String outside = key("listing-outside");
        store().put(outside, new ByteArrayInputStream(new byte[1]), 1, null);
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
            store().put(key("few/" + i), new ByteArrayInputStream(new byte[1]), 1, null);
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

        assertThatThrownBy(() -> store().put(bad, content, 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().open(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().open(bad, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().stat(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().exists(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().delete(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../", "/abs/", "a\\b/"})
    public void invalidPrefixesAreRejected(String bad) {
        assertThatThrownBy(() -> store().list(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static byte[] slice(byte[] content, int from, int to) {
        byte[] part = new byte[to - from];
        System.arraycopy(content, from, part, 0, part.length);
        return part;
    }

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
