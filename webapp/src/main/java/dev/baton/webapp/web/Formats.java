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
}
