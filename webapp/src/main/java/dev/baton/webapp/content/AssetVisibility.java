package dev.baton.webapp.content;

import dev.baton.indexer.search.Visibility;
import dev.baton.webapp.accounts.BatonUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * What a rep may see, stated once: a <b>published</b> asset whose expiry date, if it has one, is <b>after today</b>
 * (an asset expiring today is gone today). People who manage content ({@link BatonUser#canManageContent()}) see
 * everything. "Today" is the UTC date of Baton's clock (the {@link Clock} bean), never the JVM's or the database's
 * time zone.
 *
 * <p>The rule has three forms, all made here so that they cannot drift apart: the SQL condition the library's queries
 * filter with ({@link #REP_SQL}, today bound as a parameter), the Java test of one asset ({@link #visibleToRep}) and
 * the filter search applies to the index ({@link #repSearchFilter()}, which the index judges the same way: status
 * published, expiry after the date given).
 *
 * <p>An approval that lapses (review before publish: {@code asset.approval_expires_on}) counts as an expiry: the
 * library's SQL tests both dates, and what the index and other packages are given as an asset's expiry
 * ({@link AssetCatalog}, {@link ContentService#states}) is the earlier of the two.
 */
@Component
public class AssetVisibility {

    /** The SQL form, over the {@code asset} table as {@code a}; bind {@link #TODAY} to {@link #today()}. */
    static final String REP_SQL = "a.status = 'PUBLISHED' and (a.expires_on is null or a.expires_on > :today) "
            + "and (a.approval_expires_on is null or a.approval_expires_on > :today)";

    /** The name of {@link #REP_SQL}'s parameter. */
    static final String TODAY = "today";

    private final Clock clock;

    AssetVisibility(Clock clock) {
        this.clock = clock;
    }

    /** The day expiry is judged on: today in UTC. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Whether an asset has expired on {@code today}: its expiry date is today or earlier. */
    public static boolean expired(LocalDate expiresOn, LocalDate today) {
        return expiresOn != null && !expiresOn.isAfter(today);
    }

    /** The Java form: whether a rep sees an asset with this status and expiry date on {@code today}. */
    public static boolean visibleToRep(String status, LocalDate expiresOn, LocalDate today) {
        return "PUBLISHED".equals(status) && !expired(expiresOn, today);
    }

    /** The search form: what reps see in the index today. */
    public Visibility repSearchFilter() {
        return Visibility.rep(today());
    }
}
