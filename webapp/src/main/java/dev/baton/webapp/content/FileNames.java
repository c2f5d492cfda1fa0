package dev.baton.webapp.content;

import java.text.Normalizer;

/**
 * The name a file is shown and downloaded under, made safe: no path, no control or bidirectional-override
 * characters, at most 200 characters. Storage keys never come from it.
 */
final class FileNames {

    private FileNames() {}

    static String displayName(String raw) {
        String name = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        // C0/C1 controls (NUL included), bidi overrides and isolates, zero-width characters
        name = name.replaceAll("[\\p{Cc}\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]", "");
        name = name.strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.length() > 200) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, 200 - extension.length()) + extension;
        }
        return name.isBlank() ? "file" : name;
    }
}
