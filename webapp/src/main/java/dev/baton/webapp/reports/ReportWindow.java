package dev.baton.webapp.reports;

import dev.baton.webapp.system.BatonException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The days a report covers, UTC dates both included: the last {@code days} days to today by Baton's clock, or the
 * dates given ({@code from}, {@code to}); a wrong value is a 400 that says which.
 */
record ReportWindow(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 3660;

    static ReportWindow of(Clock clock, String days, String from, String to, int defaultDays) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate end = to == null || to.isBlank() ? today : date("to", to);
        int span = defaultDays;
        if (days != null && !days.isBlank()) {
            try {
                span = Integer.parseInt(days.strip());
            } catch (NumberFormatException e) {
                span = -1;
            }
            if (span < 1 || span > MAX_DAYS) {
                throw new BatonException.InvalidInput("days", "give a number of days from 1 to " + MAX_DAYS);
            }
        }
        LocalDate start = from == null || from.isBlank() ? end.minusDays(span - 1L) : date("from", from);
        if (start.isAfter(end)) {
            throw new BatonException.InvalidInput("from", "the first day must not be after the last (" + end + ")");
        }
        return new ReportWindow(start, end);
    }

    Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The instant after the last day. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    long days() {
        return java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BatonException.InvalidInput(field, "give a date as YYYY-MM-DD");
        }
    }
}
