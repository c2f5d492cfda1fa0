package dev.baton.webapp.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formatting for templates, used as {@code ${@fmt.utc(instant)}}. */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter UTC_MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** "2026-11-23 14:05 UTC", or an empty string for no time. */
    public String utc(Instant instant) {
        return instant == null ? "" : UTC_MINUTES.format(instant);
    }

    /** "2026-11-23 14:05:09" in UTC, or an empty string for no time. */
    public String utcSeconds(Instant instant) {
        return instant == null ? "" : UTC_SECONDS.format(instant);
    }

    /** "840 bytes", "12.5 KB", "3.1 MB" (powers of 1024). */
    public String bytes(long size) {
        if (size < 1024) {
            return size + (size == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** The extension of a file name in capitals ("PDF"), or "FILE" when it has none: a thumbnail's stand-in. */
    public String extension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1 || fileName.length() - dot > 6) {
            return "FILE";
        }
        return fileName.substring(dot + 1).toUpperCase(java.util.Locale.ROOT);
    }

    /** Short names of the formats a library holds, by media type. */
    private static final java.util.Map<String, String> FORMATS = java.util.Map.ofEntries(
            java.util.Map.entry("application/pdf", "PDF"),
            java.util.Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
            java.util.Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"),
            java.util.Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
            java.util.Map.entry("application/msword", "DOC"),
            java.util.Map.entry("application/vnd.ms-powerpoint", "PPT"),
            java.util.Map.entry("application/vnd.ms-excel", "XLS"),
            java.util.Map.entry("application/vnd.oasis.opendocument.text", "ODT"),
            java.util.Map.entry("application/vnd.oasis.opendocument.presentation", "ODP"),
            java.util.Map.entry("application/vnd.oasis.opendocument.spreadsheet", "ODS"),
            java.util.Map.entry("application/rtf", "RTF"),
            java.util.Map.entry("text/plain", "TXT"),
            java.util.Map.entry("text/html", "HTML"),
            java.util.Map.entry("text/csv", "CSV"),
            java.util.Map.entry("text/markdown", "MD"),
            java.util.Map.entry("application/zip", "ZIP"),
            java.util.Map.entry("image/png", "PNG"),
            java.util.Map.entry("image/jpeg", "JPEG"),
            java.util.Map.entry("image/gif", "GIF"),
            java.util.Map.entry("image/webp", "WEBP"),
            java.util.Map.entry("image/svg+xml", "SVG"),
            java.util.Map.entry("video/mp4", "MP4"),
            java.util.Map.entry("video/quicktime", "MOV"),
            java.util.Map.entry("audio/mpeg", "MP3"));

    /**
     * A file's format as a reader names it ("PDF", "DOCX", "PPTX"), from its media type (parameters such as a
     * charset are ignored); for a type not listed, its subtype in capitals when it is short and plain; otherwise
     * null (no label rather than a misleading one).
     */
    public String fileFormat(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) {
            return null;
        }
        String type = mediaType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        String known = FORMATS.get(type);
        if (known != null) {
            return known;
        }
        int slash = type.indexOf('/');
        String subtype = slash < 0 ? "" : type.substring(slash + 1);
        if (subtype.startsWith("x-")) {
            subtype = subtype.substring(2);
        }
        return subtype.matches("[a-z0-9]{2,5}") && !subtype.equals("octet") ? subtype.toUpperCase(java.util.Locale.ROOT)
                : null;
    }
}
