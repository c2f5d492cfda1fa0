package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.system.BatonProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new BatonProperties.Login(3, Duration.ofSeconds(30), Duration.ofMinutes(5)), clock);

    @Test
    void aFewMistakesCostNothing() {
        throttle.failed("dana", "10.0.0.1");
        throttle.failed("Dana", "10.0.0.1");
        assertThat(throttle.retryAfter("dana", "10.0.0.1")).isZero();
    }

    @Test
    void repeatedFailuresMakeTheUserWaitLongerEachTimeUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("dana", "10.0.0.1");
        }
        assertThat(throttle.retryAfter("dana", "10.0.0.2")).isEqualTo(Duration.ofSeconds(30));
        throttle.failed("dana", "10.0.0.1");
        assertThat(throttle.retryAfter("dana", "10.0.0.2")).isEqualTo(Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            throttle.failed("dana", "10.0.0.1");
        }
        assertThat(throttle.retryAfter("dana", "10.0.0.2")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theWaitEndsByItselfAndSuccessClearsIt() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("dana", "10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.retryAfter("dana", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("dana", "10.0.0.1")).isZero();
        throttle.failed("dana", "10.0.0.1");
        throttle.succeeded("dana");
        assertThat(throttle.retryAfter("dana", "10.0.0.3")).isZero();
    }

    @Test
    void oneAddressGuessingManyNamesIsSlowedToo() {
        for (int i = 0; i < 15; i++) {
            throttle.failed("user" + i, "10.9.9.9");
        }
        assertThat(throttle.retryAfter("someone-else", "10.9.9.9")).isPositive();
        assertThat(throttle.retryAfter("someone-else", "10.0.0.1")).isZero();
    }

    @Test
    void oldFailuresAreForgotten() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("dana", "10.0.0.1");
        }
        clock.advance(Duration.ofHours(1));
        throttle.failed("dana", "10.0.0.1");
        assertThat(throttle.retryAfter("dana", "10.0.0.1")).isZero();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
