package dev.baton.webapp.system;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Tells a listener when a transaction that wrote outbox rows has committed, on any node: one connection of its own
 * (outside the pool) {@code LISTEN}s on the channel the outbox's insert trigger notifies. Best effort: when the
 * connection drops, the listener hears nothing until {@link #listen} is called again, and polling covers the gap.
 */
@Component
public class OutboxNotifications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);
    static final String CHANNEL = "baton_outbox";

    private final ConnectionFactory factory;
    private volatile Disposable subscription;

    OutboxNotifications(ConnectionPool pool) {
        this.factory = pool.unwrap();
    }

    /** Whether a connection is listening now. */
    public boolean listening() {
        Disposable current = subscription;
        return current != null && !current.isDisposed();
    }

    /** Starts listening (again) unless already listening; {@code onCommit} runs on a driver thread, so keep it short. */
    public synchronized void listen(Runnable onCommit) {
        if (listening()) {
            return;
        }
        subscription = Mono.from(factory.create())
                .cast(PostgresqlConnection.class)
                .flatMapMany(connection -> connection.createStatement("LISTEN " + CHANNEL).execute()
                        .flatMap(PostgresqlResult::getRowsUpdated)
                        .thenMany(connection.getNotifications())
                        .doFinally(signal -> Mono.from(connection.close()).subscribe(null, e -> {})))
                .subscribe(notification -> onCommit.run(),
                        error -> log.info("Stopped listening for outbox commits ({}); polling until it resumes",
                                error.toString()));
    }

    @Override
    public synchronized void close() {
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
    }
}
