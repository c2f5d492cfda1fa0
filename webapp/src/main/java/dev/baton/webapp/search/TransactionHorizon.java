package dev.baton.webapp.search;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Which transactions the database is running now ({@code pg_current_snapshot()}), for the cursors that read tables
 * whose positions become visible at commit ({@link FeedCursor}). Blocking: called from the feed's threads.
 */
@Component
class TransactionHorizon {

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);

    private final DatabaseClient db;

    TransactionHorizon(DatabaseClient db) {
        this.db = db;
    }

    /** The snapshot's {@code xmin} and {@code xmax} now, with the time they were read. */
    FeedCursor.Moment now() {
        return db.sql("select pg_snapshot_xmin(s)::text as xmin, pg_snapshot_xmax(s)::text as xmax "
                        + "from pg_current_snapshot() as s")
                .map(row -> new FeedCursor.Moment(Long.parseLong(row.get("xmin", String.class)),
                        Long.parseLong(row.get("xmax", String.class)), System.nanoTime()))
                .one()
                .block(QUERY_TIMEOUT);
    }
}
