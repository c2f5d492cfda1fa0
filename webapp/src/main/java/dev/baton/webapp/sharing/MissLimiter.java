package dev.baton.webapp.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts the viewer's misses per address (an unknown token, a wrong passcode, a viewer key that does not fit): past
 * {@link SharingProperties#missesPerAddress()} within {@link SharingProperties#missWindow()}, the address is answered
 * 429 with Retry-After until its window ends. In memory, per node: a guesser spread over nodes gets as many tries
 * per node (docs/sharing.md). Memory stays small: past {@link #MAX_ADDRESSES} addresses the ended windows are dropped.
 */
@Component
class MissLimiter {

    static final int MAX_ADDRESSES = 100_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limit;
    private final Duration window;

    MissLimiter(Clock clock, SharingProperties properties) {
        this.clock = clock;
        this.limit = properties.missesPerAddress();
        this.window = properties.missWindow();
    }

    private record Window(Instant start, int misses) {}

    /** How long this address must wait before the viewer answers it again; zero when it may ask now. */
    Duration waitFor(String address) {
        Window w = windows.get(key(address));
        Instant now = clock.instant();
        if (w == null || !now.isBefore(w.start().plus(window)) || w.misses() < limit) {
            return Duration.ZERO;
        }
        return Duration.between(now, w.start().plus(window));
    }

    /** Counts a miss of this address. */
    void miss(String address) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_ADDRESSES) {
            prune(now);
        }
        windows.compute(key(address), (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1)
                : new Window(w.start(), w.misses() + 1));
    }

    /** Forgets every address (tests that trip the limit on purpose clean up after themselves). */
    void forgetAll() {
        windows.clear();
    }

    private void prune(Instant now) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (!now.isBefore(w.start().plus(window))) {
                it.remove();
            }
        }
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }
}
