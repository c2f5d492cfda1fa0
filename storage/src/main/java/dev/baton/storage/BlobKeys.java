package dev.baton.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Baton's object-key scheme. Every key is built here from digests, fixed words and random UUIDs; no key is ever built
 * from a user-supplied name.
 *
 * <ul>
 *   <li>{@code originals/<uuid>} — original bytes, written once under a fresh key as they arrive; the SHA-256 that
 *       identifies them is kept beside the key by the caller (Baton's version rows)
 *   <li>{@code blobs/…} — original bytes stored by earlier versions of Baton, under {@code blobs/<uuid>} or addressed
 *       by their SHA-256 ({@code blobs/sha256/ab/cd/abcd…}); still read and swept, never written
 *   <li>{@code derived/sha256/ab/cd/abcd…/<kind>} — things computed from a blob (extracted text, thumbnails, …)
 *   <li>{@code staging/<uuid>} — files kept while work on them is under way (import archives)
 * </ul>
 *
 * <p>No prefix is a prefix of another: a listing of one never includes keys of another.
 */
public final class BlobKeys {

    /** Prefix of original blobs, each written once under a unique key ({@link #unique()}). */
    public static final String ORIGINALS_PREFIX = "originals/";

    /**
     * Prefix of the original blobs earlier versions of Baton wrote (under {@code blobs/<uuid>}, and content-addressed
     * under {@code blobs/sha256/ab/cd/<sha256>}): the version rows that name them keep working, nothing writes there
     * any more.
     */
    public static final String LEGACY_ORIGINALS_PREFIX = "blobs/";

    /** Prefix of derived blobs. */
    public static final String DERIVED_PREFIX = "derived/sha256/";

    /** Prefix of files kept while work on them is under way. */
    public static final String STAGING_PREFIX = "staging/";

    /** S3 allows keys of up to 1024 bytes; our keys are ASCII, so characters equal bytes. */
    public static final int MAX_KEY_LENGTH = 1024;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern KEY_CHARS = Pattern.compile("[A-Za-z0-9/._-]*");

    private BlobKeys() {}

    /**
     * {@code derived/sha256/ab/cd/<hash>/<kind>}: something computed from the blob with that digest.
     *
     * @param kind what was derived, e.g. {@code text}, {@code thumb-256.png}; {@code [a-z0-9][a-z0-9._-]{0,63}}
     */
    public static String derived(String sha256hex, String kind) {
        requireSha256(sha256hex);
        if (kind == null || !KIND.matcher(kind).matches() || kind.contains("..")) {
            throw new IllegalArgumentException(
                    "Derived kind must match [a-z0-9][a-z0-9._-]{0,63} without '..', got: " + describe(kind));
        }
        return DERIVED_PREFIX + fanOut(sha256hex) + "/" + kind;
    }

    /** A fresh {@code originals/<random uuid>} key: original bytes written once, before their digest is known. */
    public static String unique() {
        return ORIGINALS_PREFIX + UUID.randomUUID();
    }

    /** A fresh {@code staging/<random uuid>} key for a file kept while work on it is under way. */
    public static String staging() {
        return STAGING_PREFIX + UUID.randomUUID();
    }

    /**
     * Returns the key if it is a safe object key, else throws {@link IllegalArgumentException}: it must be non-empty, at
     * most {@value #MAX_KEY_LENGTH} characters of {@code [A-Za-z0-9/._-]}, must not start or end with {@code /}, and
     * must not contain {@code ..} or {@code //}. Backslashes and control characters are thus rejected as well.
     */
    public static String requireValidKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Blob key must not be empty");
        }
        if (key.endsWith("/")) {
            throw new IllegalArgumentException("Blob key must not end with '/': " + describe(key));
        }
        checkPath(key, "Blob key");
        return key;
    }

    /**
     * Returns the prefix if it is usable for listing: empty, or following the key rules except that it may end with
     * {@code /}.
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("Prefix must not be null (use \"\" for everything)");
        }
        if (!prefix.isEmpty()) {
            checkPath(prefix, "Prefix");
        }
        return prefix;
    }

    private static void checkPath(String path, String what) {
        if (path.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_KEY_LENGTH + " characters");
        }
        if (!KEY_CHARS.matcher(path).matches()) {
            throw new IllegalArgumentException(
                    what + " may only contain A-Z a-z 0-9 / . _ - (no backslash, space or control characters): "
                            + describe(path));
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException(what + " must not start with '/': " + describe(path));
        }
        if (path.contains("..")) {
            throw new IllegalArgumentException(what + " must not contain '..': " + describe(path));
        }
        if (path.contains("//")) {
            throw new IllegalArgumentException(what + " must not contain an empty segment '//': " + describe(path));
        }
    }

    private static void requireSha256(String sha256hex) {
        if (sha256hex == null || !SHA256_HEX.matcher(sha256hex).matches()) {
            throw new IllegalArgumentException(
                    "Expected a SHA-256 as 64 lower-case hex characters, got: " + describe(sha256hex));
        }
    }

    private static String fanOut(String sha256hex) {
        return sha256hex.substring(0, 2) + "/" + sha256hex.substring(2, 4) + "/" + sha256hex;
    }

    /** Quotes a rejected value for an error message, escaping control characters and cutting it short. */
    static String describe(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        int limit = Math.min(value.length(), 120);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && Character.isISOControl(c))) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (value.length() > limit) {
            sb.append("…");
        }
        return sb.append('"').toString();
    }
}
