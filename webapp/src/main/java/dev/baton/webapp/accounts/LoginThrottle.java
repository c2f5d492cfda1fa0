package dev.baton.webapp.accounts;

import dev.baton.webapp.system.BatonProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing. After {@code maxFailures} failed logins in a row for one user name, or five times as
 * many from one address, each further attempt must wait: the initial delay, doubling with every further failure up
 * to the maximum delay. A successful login clears the user name's count. The real user is never locked out for good:
 * the wait is bounded and ends by itself.
 *
 * <p>State is in memory on each node; a restart forgets it.
 */
@Component
class LoginThrottle {

    private static final int ADDRESS_FACTOR = 5;
    private static final int MAX_TRACKED = 100_000;

    private final BatonProperties.Login settings;
    private final Clock clock;
    private final ConcurrentMap<String, Failures> byUser = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Failures> byAddress = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(BatonProperties properties) {
        this(properties.login(), Clock.systemUTC());
    }

    LoginThrottle(BatonProperties.Login settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the caller must wait before another attempt for this user from this address; zero if none. */
    Duration retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration user = wait(byUser.get(key(username)), settings.maxFailures(), now);
        Duration addr = wait(byAddress.get(address), settings.maxFailures() * ADDRESS_FACTOR, now);
        return user.compareTo(addr) >= 0 ? user : addr;
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        if (byUser.size() > MAX_TRACKED || byAddress.size() > MAX_TRACKED) {
            evictExpired(now);
        }
        byUser.compute(key(username), (k, f) -> fresh(f, now).next(now));
        if (address != null) {
            byAddress.compute(address, (k, f) -> fresh(f, now).next(now));
        }
    }

    /** Failures older than the longest delay are forgotten: a user who mistyped last week starts afresh. */
    private Failures fresh(Failures failures, Instant now) {
        if (failures == null || failures.last().isBefore(now.minus(settings.maxDelay()))) {
            return new Failures(0, now);
        }
        return failures;
    }

    void succeeded(String username) {
        byUser.remove(key(username));
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

    private void evictExpired(Instant now) {
        Instant horizon = now.minus(settings.maxDelay());
        byUser.values().removeIf(f -> f.last().isBefore(horizon));
        byAddress.values().removeIf(f -> f.last().isBefore(horizon));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant last) {
        Failures next(Instant now) {
            return new Failures(count + 1, now);
        }
    }
}
