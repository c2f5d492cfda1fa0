package dev.baton.webapp.reports;

import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The periods the joint scorecard compares, oldest first, the last being the current one: the last 30 days (the
 * default) or 90 days to today (UTC) and the windows of the same length before; or the last complete calendar
 * quarter and the quarters before. Contiguous, so their bounds are one list of instants.
 */
record ScorecardPeriods(String kind, List<Period> periods) {

    /** How many periods the trend shows. */
    static final int COUNT = 8;

    static final List<String> KINDS = List.of("30", "90", "quarter");

    /** One period: its first and last day (UTC), both included. */
    record Period(LocalDate from, LocalDate to) {

        long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }

        /** A short name for a chart's axis: "2026-Q3" for a quarter, else the last day. */
        String label(String kind) {
            return kind.equals("quarter") ? from.getYear() + "-Q" + from.get(IsoFields.QUARTER_OF_YEAR)
                    : to.toString();
        }
    }

    /** Reads {@code period} (30, 90 or quarter; none: 30); anything else is a 400 that says what to use. */
    static String kind(String period) {
        String kind = period == null || period.isBlank() ? "30" : period.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new BatonException.InvalidInput("period", "use 30, 90 or quarter");
        }
        return kind;
    }

    static ScorecardPeriods of(String kind, LocalDate today) {
        List<Period> periods = new ArrayList<>();
        if (kind.equals("quarter")) {
            LocalDate thisQuarter = today.withDayOfMonth(1)
                    .withMonth((today.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1);
            for (int k = COUNT; k >= 1; k--) {
                LocalDate from = thisQuarter.minusMonths(3L * k);
                periods.add(new Period(from, from.plusMonths(3).minusDays(1)));
            }
        } else {
            int days = Integer.parseInt(kind);
            for (int k = COUNT - 1; k >= 0; k--) {
                LocalDate to = today.minusDays((long) k * days);
                periods.add(new Period(to.minusDays(days - 1L), to));
            }
        }
        return new ScorecardPeriods(kind, List.copyOf(periods));
    }

    Period current() {
        return periods.getLast();
    }

    Period previous() {
        return periods.get(periods.size() - 2);
    }

    LocalDate first() {
        return periods.getFirst().from();
    }

    /** The day after the current period. */
    LocalDate end() {
        return current().to().plusDays(1);
    }

    /** Each period's first instant, then the instant after the last period: {@code COUNT + 1} ascending bounds. */
    List<Instant> bounds() {
        List<Instant> bounds = new ArrayList<>();
        periods.forEach(p -> bounds.add(p.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        bounds.add(end().atStartOfDay(ZoneOffset.UTC).toInstant());
        return bounds;
    }

    /** What the period is, for people: "the last 30 days", "the last complete quarter". */
    String describe() {
        return kind.equals("quarter") ? "the last complete calendar quarter" : "the last " + kind + " days";
    }
}
