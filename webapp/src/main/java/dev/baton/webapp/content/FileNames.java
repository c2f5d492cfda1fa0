package dev.baton.webapp.content;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The name a file is shown and downloaded under, made safe: no path, no control characters, no bidirectional
 * controls (which can make {@code exe.pdf} read as {@code fdp.exe}), no invisible spaces, and at most
 * {@link #MAX_BYTES} bytes of UTF-8 (what file systems take), cut between characters and keeping the extension.
 * Other format characters stay: the zero-width joiner holds emoji sequences such as 👩🏽‍💻 together and scripts
 * such as Devanagari need the joiners. Storage keys never come from it.
 */
public final class FileNames {

    /** The most bytes of UTF-8 a name may take: what common file systems allow for one name. */
    static final int MAX_BYTES = 255;

    /**
     * C0 and C1 controls (NUL, line breaks, DEL included); the bidirectional embeddings, overrides and isolates
     * (U+202A-202E, U+2066-2069) and marks (U+200E, U+200F, U+061C); the zero-width space and the byte-order mark.
     */
    private static final String UNSAFE = "[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C\\u200B\\uFEFF]";

    private FileNames() {}

    static String displayName(String raw) {
        String name = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        name = name.replaceAll(UNSAFE, "");
        name = name.strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        name = fit(name);
        return name.isBlank() ? "file" : name;
    }

    /** The name cut to {@link #MAX_BYTES} bytes of UTF-8 between characters (never inside one), extension kept. */
    static String fit(String name) {
        if (bytes(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 && bytes(name.substring(dot)) <= 20
                ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = MAX_BYTES - bytes(extension);
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(stem);
        int end = 0;
        for (int next = characters.next(); next != BreakIterator.DONE; next = characters.next()) {
            if (bytes(stem.substring(0, next)) > budget) {
                break;
            }
            end = next;
        }
        return stem.substring(0, end).strip() + extension;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The {@code Content-Disposition} a file is served with (RFC 6266): {@code inline} or {@code attachment}, the
     * exact name as {@code filename*=UTF-8''...}, and a plain-ASCII {@code filename="..."} for old clients in which
     * every other character, quotes, backslashes, {@code %}, {@code ;} and {@code ,} become {@code _} (a naive parser
     * cannot split it). Names stored before the byte limit are cut to it here.
     */
    public static String contentDisposition(boolean inline, String stored) {
        String fileName = fit(stored);
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
                && c != ';' && c != ',' ? (char) c : '_'));
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
