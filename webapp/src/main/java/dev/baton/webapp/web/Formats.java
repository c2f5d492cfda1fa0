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
}
