package dev.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobKeysTest {

    private static final String SHA = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

    @Test
    void uniqueKeysAreFreshAndUnderTheOriginalsPrefix() {
        String first = BlobKeys.unique();

        assertThat(first).startsWith(BlobKeys.ORIGINALS_PREFIX).isNotEqualTo(BlobKeys.unique());
        assertThat(BlobKeys.requireValidKey(first)).isEqualTo(first);
    }

    /** A listing of one prefix (the sweep's of the originals) never includes keys of another. */
    @Test
    void noPrefixIsAPrefixOfAnother() {
        List<String> prefixes = List.of(BlobKeys.ORIGINALS_PREFIX, BlobKeys.LEGACY_ORIGINALS_PREFIX,
                BlobKeys.DERIVED_PREFIX, BlobKeys.STAGING_PREFIX);

        for (String prefix : prefixes) {
            assertThat(prefixes).filteredOn(other -> other.startsWith(prefix)).containsExactly(prefix);
        }
        assertThat(BlobKeys.derived(SHA, "text")).doesNotStartWith(BlobKeys.ORIGINALS_PREFIX);
        assertThat(BlobKeys.staging()).doesNotStartWith(BlobKeys.ORIGINALS_PREFIX);
    }

    @Test
    void derivedKeyNamesTheHashAndTheKind() {
        assertThat(BlobKeys.derived(SHA, "text")).isEqualTo("derived/sha256/ab/cd/" + SHA + "/text");
        assertThat(BlobKeys.derived(SHA, "thumb-256.png")).endsWith("/thumb-256.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
        "abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678g",
        "abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567890"})
    void malformedDigestsAreRejected(String bad) {
        assertThatThrownBy(() -> BlobKeys.derived(bad, "text")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullDigestIsRejected() {
        assertThatThrownBy(() -> BlobKeys.derived(null, "text")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Text", "-x", ".x", "a/b", "a..b", "x y", "ü",
        "a1234567890123456789012345678901234567890123456789012345678901234"})
    void malformedKindsAreRejected(String bad) {
        assertThatThrownBy(() -> BlobKeys.derived(SHA, bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stagingKeysAreFreshUuidsUnderStaging() {
        String one = BlobKeys.staging();
        String two = BlobKeys.staging();

        assertThat(one).matches("staging/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(one).isNotEqualTo(two);
        assertThat(BlobKeys.requireValidKey(one)).isEqualTo(one);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "blobs/sha256/ab/cd/x", "A-Z_a.z/0-9", "derived/x/text.v2"})
    void wellFormedKeysPass(String key) {
        assertThat(BlobKeys.requireValidKey(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../x", "a/../b", "a/..", "/abs", "a\\b", "a\nb", "a\u0000b", "a\u007fb",
        "a b", "a?b", "a%2e", "ü", "a//b", "dir/"})
    void unsafeKeysAreRejected(String bad) {
        assertThatThrownBy(() -> BlobKeys.requireValidKey(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullAndOverlongKeysAreRejected() {
        assertThatThrownBy(() -> BlobKeys.requireValidKey(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobKeys.requireValidKey("a".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BlobKeys.requireValidKey("a".repeat(1024))).hasSize(1024);
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        assertThatThrownBy(() -> BlobKeys.requireValidKey("bad\r\nkey"))
                .hasMessageContaining("bad\\u000d\\u000akey");
    }

    @Test
    void prefixesMayBeEmptyOrEndWithASlash() {
        assertThat(BlobKeys.requireValidPrefix("")).isEmpty();
        assertThat(BlobKeys.requireValidPrefix("blobs/")).isEqualTo("blobs/");
        assertThat(BlobKeys.requireValidPrefix("blobs/sha256/a")).isEqualTo("blobs/sha256/a");
        assertThatThrownBy(() -> BlobKeys.requireValidPrefix(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobKeys.requireValidPrefix("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobKeys.requireValidPrefix("../")).isInstanceOf(IllegalArgumentException.class);
    }
}
