package dev.baton.webapp.usage;

import dev.baton.webapp.system.BackgroundWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code usage_event}'s monthly partitions ahead of time: at start and then daily, on every node (making a
 * partition that exists is a no-op), the partitions from this month to {@link #MONTHS_AHEAD} months ahead are made.
 * Events of a month without a partition would land in the default partition, which then blocks that month's own
 * partition; see docs/operations.md for detaching and archiving old months.
 */
@Component
class UsagePartitions extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(UsagePartitions.class);

    /** How many months after this one get their partition ahead of time. */
    static final int MONTHS_AHEAD = 3;

    private static final Duration INTERVAL = Duration.ofDays(1);

    private final DatabaseClient db;
    private final Clock clock;
    private volatile Instant lastRun;

    UsagePartitions(DatabaseClient db, Clock clock) {
        super("baton-usage-partitions", Duration.ofHours(1));
        this.db = db;
        this.clock = clock;
    }

    @Override
    protected void releaseOwnClaims() {
        // the upkeep claims nothing
    }

    @Override
    protected String problem() {
        return "Making the next months' usage partitions failed; trying again shortly";
    }

    /** Once a day (the worker looks every hour). */
    @Override
    protected boolean workOnce() {
        Instant now = clock.instant();
        if (lastRun != null && now.isBefore(lastRun.plus(INTERVAL))) {
            return false;
        }
        ensureAhead(LocalDate.ofInstant(now, ZoneOffset.UTC));
        lastRun = now;
        return false;
    }

    /** Makes the partitions of {@code today}'s month and the {@link #MONTHS_AHEAD} after it. Blocking. */
    void ensureAhead(LocalDate today) {
        LocalDate from = today.withDayOfMonth(1);
        LocalDate to = from.plusMonths(MONTHS_AHEAD);
        db.sql("select usage_event_ensure_partitions(:from, :to)")
                .bind("from", from)
                .bind("to", to)
                .fetch()
                .rowsUpdated()
                .block(Duration.ofMinutes(1));
        log.debug("usage_event partitions ensured from {} to {}", from, to);
    }
}
