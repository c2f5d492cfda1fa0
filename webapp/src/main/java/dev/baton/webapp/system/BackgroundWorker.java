package dev.baton.webapp.system;

import dev.baton.storage.BlobStoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One worker thread per node that claims work from the database and does it, one piece at a time: started after the
 * database pool and before the web server, woken at once when a request adds work, and otherwise looking every
 * {@code poll} for work that a restart or another node left. At start it releases the claims this node held before
 * it stopped, so interrupted work resumes by itself.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

    /**
     * After a failure of the database or the object store: the first wait, doubled at each failure in a row up to the
     * last.
     */
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);

    private static final Duration LAST_BACK_OFF = Duration.ofSeconds(15);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final Duration poll;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread worker;

    protected BackgroundWorker(String threadName, Duration poll) {
        this.threadName = threadName;
        this.poll = poll;
    }

    /** Releases the claims this node held when it last stopped; runs once, before the worker starts. */
    protected abstract void releaseOwnClaims();

    /** Claims and does one piece of work; {@code false} when there was none. */
    protected abstract boolean workOnce() throws Exception;

    /** What to say in the log when a piece of work failed for a reason other than its input. */
    protected abstract String problem();

    /**
     * Whether stopping interrupts the thread (the default: it may be waiting on a parser). Work that writes a Lucene
     * index says no: an interrupt closes the index's file channels under it.
     */
    protected boolean interruptOnStop() {
        return true;
    }

    /** Whether the worker is still meant to run: long work checks it between steps. */
    protected boolean running() {
        return running;
    }

    /** Frees what the work held, after the thread has ended. */
    protected void stopped() {}

    /** Tells the worker there is new work, so it does not wait for its next look. */
    public void wake() {
        wakeUp.release();
    }

    /** Waits one poll interval, to try again after a failure of the store or the database. */
    protected void pause() {
        try {
            Thread.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        releaseOwnClaims();
        running = true;
        worker = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            if (interruptOnStop()) {
                thread.interrupt();
            } else {
                wake();
            }
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopped();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the database pool, before the web server. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 4;
    }

    private void run() {
        Duration backOff = FIRST_BACK_OFF;
        while (running) {
            try {
                boolean worked = workOnce();
                backOff = FIRST_BACK_OFF;
                if (!worked) {
                    wakeUp.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                BlobStoreUnavailableException store = storeUnavailable(e);
                if (store != null || DatabaseUnavailable.is(e)) {
                    // the object store or the database is away: one line, and a look again soon (never later than
                    // the poll), so the work resumes within seconds of its return, however long the poll
                    Duration wait = backOff.compareTo(poll) < 0 ? backOff : poll;
                    if (store != null) {
                        log.warn("{} [the object store does not answer: {}; next try in {} ms]", problem(),
                                store.getMessage(), wait.toMillis());
                    } else {
                        log.warn("{} [the database does not answer: {}; next try in {} ms]", problem(),
                                DatabaseUnavailable.describe(e), wait.toMillis());
                    }
                    backOff = backOff.multipliedBy(2).compareTo(LAST_BACK_OFF) < 0 ? backOff.multipliedBy(2)
                            : LAST_BACK_OFF;
                    sleep(wait);
                } else {
                    log.warn(problem(), e);
                    pause();
                }
            }
        }
    }

    /** The object store's failure to answer that {@code error} is or was caused by, or null. */
    private static BlobStoreUnavailableException storeUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BlobStoreUnavailableException store) {
                return store;
            }
        }
        return null;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
