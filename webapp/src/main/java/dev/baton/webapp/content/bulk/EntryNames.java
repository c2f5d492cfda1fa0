package dev.baton.webapp.content.bulk;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for paths inside an import (ZIP entry names, files under a folder, a manifest's {@code file} column).
 * A path is only ever a key to match and a name to show: nothing is written under it. Public for {@link #printable},
 * which the import command ({@code dev.baton.cli}) shows names with.
 */
public final class EntryNames {

    static final int MAX_BYTES = 1024;

    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    // C0/C1 controls, bidirectional marks, embeddings, overrides and isolates: shown escaped in messages
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private EntryNames() {}

    /** Why a raw name is refused, or null when it is acceptable. */
    static String refusal(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "the name is empty";
        }
        if (raw.indexOf('\0') >= 0) {
            return "the name contains a NUL character";
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the name is longer than " + MAX_BYTES + " bytes";
        }
        if (raw.startsWith("/") || raw.startsWith("\\") || DRIVE.matcher(raw).matches()) {
            return "the name is an absolute path; only paths inside the import are accepted";
        }
        for (String segment : SEPARATORS.split(raw)) {
            if (segment.equals("..")) {
                return "the name climbs out of its folder with '..'";
            }
        }
        return null;
    }

    /**
     * The path an acceptable raw name stands for: NFC (a Mac's folder and a hand-typed manifest then agree),
     * {@code /} as the only separator, no empty or {@code .} segments. Empty when nothing is left.
     */
    static String normalize(String raw) {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        List<String> segments = new ArrayList<>();
        for (String segment : SEPARATORS.split(name)) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /** Files no one means to import: hidden files and folders, a Mac's {@code __MACOSX}, Windows' thumbnails. */
    static boolean ignored(String path) {
        if (path.isEmpty()) {
            return true;
        }
        String[] segments = path.split("/");
        for (String segment : segments) {
            if (segment.startsWith(".") || segment.equals("__MACOSX")) {
                return true;
            }
        }
        String last = segments[segments.length - 1].toLowerCase(Locale.ROOT);
        return last.equals("thumbs.db") || last.equals("desktop.ini");
    }

    /** A name safe to print in a message: controls and bidi marks escaped, at most 120 characters. */
    public static String printable(String raw) {
        if (raw == null) {
            return "";
        }
        String shown = UNPRINTABLE.matcher(raw)
                .replaceAll(match -> String.format("\\\\u%04X", (int) match.group().charAt(0)));
        if (shown.codePointCount(0, shown.length()) > 120) {
            shown = shown.substring(0, shown.offsetByCodePoints(0, 119)) + "…";
        }
        return shown;
    }
}
