package dev.baton.indexer.search;

import java.time.LocalDate;

/**
 * Which assets a searcher may see.
 *
 * @param repView only published assets that have not expired as of {@code asOf}; what reps (and anyone who has not
 *     asked for more) see
 * @param asOf the day expiry is judged on (an asset expiring on that day is already gone); required for a rep view
 */
public record Visibility(boolean repView, LocalDate asOf) {

    public Visibility {
        if (repView && asOf == null) {
            throw new IllegalArgumentException("A rep view needs the date expiry is judged on");
        }
        if (!repView) {
            asOf = null;
        }
    }

    /** Published assets that have not expired by {@code today}: what reps see. */
    public static Visibility rep(LocalDate today) {
        return new Visibility(true, today);
    }

    /** Every asset, drafts, archived and expired ones included: for marketers and admins who ask for them. */
    public static Visibility everything() {
        return new Visibility(false, null);
    }
}
