package dev.baton.webapp.accounts;

import dev.baton.webapp.system.BatonProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing. Each sign-in attempt is counted before its password is checked, in one atomic step,
 * so a burst of parallel guesses cannot slip past the limit; a successful sign-in takes its own count back.
 *
 * <p>Two counts: one per user name <em>and</em> address, which throttles a guesser without locking the real user
 * out from anywhere else, and one per address across all user names, which slows one machine trying many names
 * (set high enough for an office behind one NAT address). Once a count reaches its limit, each further attempt must
 * wait: the initial delay, doubling with every further failure up to the maximum delay. A count with no failure for
 * the maximum delay is forgotten. Both maps are bounded (least recently used entries go first).
 *
 * <p>State is in memory on each node; a restart forgets it.
 */
@Component
class LoginThrottle {

    static final int MAX_TRACKED = 50_000;

    private final BatonProperties.Login settings;
    private final Clock clock;
    private final Map<String, Failures> byUser = lru();
    private final Map<String, Failures> byAddress = lru();

    @Autowired
    LoginThrottle(BatonProperties properties) {
        this(properties.login(), Clock.systemUTC());
    }

    LoginThrottle(BatonProperties.Login settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Counts an attempt for this user name from this address, unless it must wait: then nothing is counted and the
     * wait is returned. Zero means go ahead and check the password.
     */
    Duration attempt(String username, String address) {
        Instant now = clock.instant();
        String userKey = userKey(username, address);
        String addressKey = addressKey(address);
        synchronized (this) {
            Duration wait = max(
                    wait(byUser.get(userKey), settings.maxFailures(), now),
                    wait(byAddress.get(addressKey), settings.maxFailuresPerAddress(), now));
            if (wait.isZero()) {
                byUser.put(userKey, fresh(byUser.get(userKey), now).next(now));
                byAddress.put(addressKey, fresh(byAddress.get(addressKey), now).next(now));
            }
            return wait;
        }
    }

    /** How long an attempt would have to wait now, without counting one. */
    synchronized Duration retryAfter(String username, String address) {
        Instant now = clock.instant();
        return max(
                wait(byUser.get(userKey(username, address)), settings.maxFailures(), now),
                wait(byAddress.get(addressKey(address)), settings.maxFailuresPerAddress(), now));
    }

    /** The attempt's password was right: its user name starts afresh, and the address gets its count back. */
    synchronized void succeeded(String username, String address) {
        byUser.remove(userKey(username, address));
        byAddress.computeIfPresent(addressKey(address), (k, f) -> f.count() <= 1 ? null : f.previous());
    }

    private Duration wait(Failures failures, int allowed, Instant now) {
        if (failures == null || failures.count() < allowed) {
            return Duration.ZERO;
        }
        Duration delay = delay(failures.count() - allowed);
        Duration left = Duration.between(now, failures.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Duration delay(int over) {
        long factor = 1L << Math.min(over, 20);
        Duration delay = settings.initialDelay().multipliedBy(factor);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    /** Failures older than the longest delay are forgotten: a user who mistyped last week starts afresh. */
    private Failures fresh(Failures failures, Instant now) {
        if (failures == null || failures.last().isBefore(now.minus(settings.maxDelay()))) {
            return new Failures(0, now);
        }
        return failures;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String userKey(String username, String address) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name + "\n" + addressKey(address);
    }

    private static String addressKey(String address) {
        return address == null ? "unknown" : address;
    }

    private static Map<String, Failures> lru() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }

    private record Failures(int count, Instant last) {
        Failures next(Instant now) {
            return new Failures(count + 1, now);
        }

        Failures previous() {
            return new Failures(count - 1, last);
        }
    }
}
