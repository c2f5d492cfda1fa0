package dev.baton.webapp.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The weekly digest email (prefix {@code baton.reports.digest}); listed in docs/configuration.md.
 *
 * @param enabled whether the digest goes out by itself each week (the admin's "send now" works either way)
 * @param day the day of the week it goes out
 * @param time the time of day it goes out, in {@code zone}
 * @param zone the time zone of {@code day} and {@code time}: UTC unless set (Baton's clock is UTC)
 * @param items how many assets or requests each part of the email names (the rest are counted, with a link)
 * @param poll how often each node looks whether this week's digest is due (and retries what failed)
 */
@ConfigurationProperties("baton.reports.digest")
record DigestProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("MONDAY") DayOfWeek day,
        @DefaultValue("08:00") LocalTime time,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("5") int items,
        @DefaultValue("1m") Duration poll) {

    DigestProperties {
        if (items < 1 || items > 50) {
            throw new IllegalArgumentException("baton.reports.digest.items must be from 1 to 50");
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("baton.reports.digest.poll must be positive");
        }
    }

    /**
     * The send time of the digest week {@code now} is in: the latest configured day and time at or before
     * {@code now}. Its local date names the week.
     */
    ZonedDateTime weekStart(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate().with(TemporalAdjusters.previousOrSame(day)),
                time, zone);
        return candidate.toInstant().isAfter(now) ? candidate.minusWeeks(1) : candidate;
    }
}
