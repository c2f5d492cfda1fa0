package dev.baton.webapp.accounts;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed logins: the caller must wait {@link #retryAfter()} before trying again. */
class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("Too many failed sign-in attempts; try again in " + seconds(retryAfter) + " seconds");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
