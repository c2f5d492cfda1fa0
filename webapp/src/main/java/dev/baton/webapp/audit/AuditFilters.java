package dev.baton.webapp.audit;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log's filters as the page's form and the API's query send them: who (a user name), what (an action), from
 * and to (a UTC day, {@code 2026-12-07}, both days included; or an instant, {@code 2026-12-07T10:15:00Z}, to
 * excluded), and the page (older than the entry {@code before}).
 */
record AuditFilters(String actor, String action, String from, String to, Long before, int limit) {

    static final int PAGE_SIZE = 50;

    AuditFilters {
        actor = blankToNull(actor);
        action = blankToNull(action);
        from = blankToNull(from);
        to = blankToNull(to);
    }

    /** The query these filters ask for; a date or time that cannot be read is a 400 that names the field. */
    AuditLog.Query query() {
        Map<String, String> wrong = new LinkedHashMap<>();
        Instant start = instant(from, false, "from", wrong);
        Instant end = instant(to, true, "to", wrong);
        if (before != null && before < 1) {
            wrong.put("before", "must be an entry's id (a positive number)");
        }
        if (!wrong.isEmpty()) {
            throw new BatonException.InvalidInput(wrong);
        }
        return new AuditLog.Query(actor, action, start, end, before, limit);
    }

    /** Whether any filter is set (not the page). */
    public boolean filtered() {
        return actor != null || action != null || from != null || to != null;
    }

    /** The filters as query parameters, without the page, for links that keep them. */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (actor != null) {
            parameters.put("actor", actor);
        }
        if (action != null) {
            parameters.put("action", action);
        }
        if (from != null) {
            parameters.put("from", from);
        }
        if (to != null) {
            parameters.put("to", to);
        }
        return parameters;
    }

    private static Instant instant(String text, boolean end, String field, Map<String, String> wrong) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            wrong.put(field, "give a day (2026-12-07) or a time in UTC (2026-12-07T10:15:00Z), not '" + text + "'");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
