package dev.baton.webapp.system;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * What other transactions, on any node, have committed, heard on one connection of its own (outside the pool) that
 * {@code LISTEN}s on the channels database triggers notify: {@link #OUTBOX} when outbox rows were written (the index
 * feed wakes), {@link #ACCOUNTS} when a user's role or enabled state or an API token changed (verified tokens are no
 * longer trusted). Best effort: while the connection is down nothing is heard, so {@link #listening()} is false and
 * whoever relies on a channel falls back (the feed polls, tokens are checked in the database); when it is up again
 * every listener runs once, as anything may have been missed.
 */
@Component
public class DatabaseNotifications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    public static final String OUTBOX = "baton_outbox";
    public static final String ACCOUNTS = "baton_accounts";
    private static final List<String> CHANNELS = List.of(OUTBOX, ACCOUNTS);

    private final ConnectionFactory factory;
    private final Map<String, List<Runnable>> listeners = Map.of(
            OUTBOX, new CopyOnWriteArrayList<>(), ACCOUNTS, new CopyOnWriteArrayList<>());
    private volatile Disposable subscription;
    private volatile boolean listening;

    DatabaseNotifications(ConnectionPool pool) {
        this.factory = pool.unwrap();
    }

    /** Runs {@code listener} at each notification on {@code channel}; it runs on a driver thread, so keep it short. */
    public void on(String channel, Runnable listener) {
        List<Runnable> each = listeners.get(channel);
        if (each == null) {
            throw new IllegalArgumentException("No channel " + channel);
        }
        each.add(listener);
    }

    /** Whether the channels are being listened to now: a commit from now on will be heard. */
    public boolean listening() {
        return listening;
    }

    /** Connects and listens unless already connected (or connecting); the index feed calls this on every poll. */
    public synchronized void listen() {
        Disposable current = subscription;
        if (current != null && !current.isDisposed()) {
            return;
        }
        String statement = String.join("; ", CHANNELS.stream().map(channel -> "LISTEN " + channel).toList());
        subscription = Mono.from(factory.create())
                .cast(PostgresqlConnection.class)
                .flatMapMany(connection -> connection.createStatement(statement).execute()
                        .flatMap(PostgresqlResult::getRowsUpdated)
                        .then(Mono.fromRunnable(this::started))
                        .thenMany(connection.getNotifications())
                        .doFinally(signal -> {
                            listening = false;
                            Mono.from(connection.close()).subscribe(null, e -> {});
                        }))
                .subscribe(notification -> notifyAll(notification.getName()),
                        error -> {
                            listening = false;
                            log.info("Stopped listening for database notifications ({}); polling until it resumes",
                                    error.toString());
                        });
    }

    private void started() {
        listening = true;
        CHANNELS.forEach(this::notifyAll);
    }

    private void notifyAll(String channel) {
        List<Runnable> each = listeners.get(channel);
        if (each == null) {
            return;
        }
        for (Runnable listener : each) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("A listener of {} failed", channel, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        listening = false;
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
    }
}
