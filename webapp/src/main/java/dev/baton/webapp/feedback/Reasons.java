package dev.baton.webapp.feedback;

import dev.baton.webapp.system.BatonException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The one-tap answers reps give: what is wrong with an asset (flags), and why they did not share it. */
final class Reasons {

    private Reasons() {}

    /** A one-tap reason: its key (what the API takes and returns) and what people read. */
    record Reason(String key, String label) {}

    enum Flag {
        OUTDATED("Outdated"),
        WRONG_STAGE("Wrong stage"),
        FACTUAL_ERROR("Factual error"),
        MISSING_INFORMATION("Missing information"),
        BROKEN_FILE("Broken file");

        final String label;

        Flag(String label) {
            this.label = label;
        }
    }

    enum NotShared {
        NOT_RELEVANT("Not relevant to my deal"),
        OUTDATED("Outdated"),
        TOO_LONG("Too long"),
        WRONG_STAGE("Wrong stage"),
        OTHER_ASSET("I use another asset"),
        OTHER("Other");

        final String label;

        NotShared(String label) {
            this.label = label;
        }
    }

    static final List<Reason> FLAGS = Arrays.stream(Flag.values()).map(f -> new Reason(f.name(), f.label)).toList();
    static final List<Reason> NOT_SHARED =
            Arrays.stream(NotShared.values()).map(r -> new Reason(r.name(), r.label)).toList();

    static Flag flag(String value) {
        try {
            return Flag.valueOf(key(value));
        } catch (IllegalArgumentException e) {
            throw new BatonException.InvalidInput("reason", "use one of " + keys(FLAGS));
        }
    }

    static NotShared notShared(String value) {
        try {
            return NotShared.valueOf(key(value));
        } catch (IllegalArgumentException e) {
            throw new BatonException.InvalidInput("reason", "use one of " + keys(NOT_SHARED));
        }
    }

    /** What people read for a stored kind and reason. */
    static String label(String kind, String reason) {
        if (reason == null || reason.isEmpty()) {
            return "";
        }
        try {
            return kind.equals("FLAG") ? Flag.valueOf(reason).label : NotShared.valueOf(reason).label;
        } catch (IllegalArgumentException e) {
            return reason;
        }
    }

    private static String key(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    private static String keys(List<Reason> reasons) {
        return String.join(", ", reasons.stream().map(Reason::key).toList());
    }
}
