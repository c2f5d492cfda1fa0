package dev.baton.webapp.system;

import dev.baton.storage.BlobStoreException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the database itself (stopped, restarting, unreachable, out of connections) from a failure of the
 * statement: the former is the service's state, answered with a 503 and a Retry-After and logged without a stack;
 * the latter stays what it was.
 */
public final class DatabaseUnavailable {

    /**
     * SQLSTATEs of a database that is away: class 08 (connection exceptions) is checked apart; 57P01-57P03 (an
     * administrator's or a crash's shutdown, cannot connect now: starting or stopping), 53300 (too many connections).
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {}

    /**
     * Whether {@code error}, or one of its causes, says the database cannot be reached or is going away. A failure of
     * the object store is not one, though a refused connection to the store is its cause.
     */
    public static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BlobStoreException) {
                return false;
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof R2dbcNonTransientResourceException || t instanceof R2dbcTransientResourceException
                    || t instanceof ConnectException || t.getClass().getName().startsWith("reactor.pool.")) {
                return true;
            }
            if (t instanceof R2dbcException r && r.getSqlState() != null
                    && (r.getSqlState().startsWith("08") || STATES.contains(r.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    /** The first line of what the driver said, for a log line without a stack. */
    public static String describe(Throwable error) {
        Throwable deepest = error;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    }
}
