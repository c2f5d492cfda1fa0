package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MissLimiterTest {

    /** A clock a test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static SharingProperties properties(int misses, Duration window) {
        return new SharingProperties(Duration.ofDays(30), Duration.ofDays(365), 5, Duration.ofMinutes(15), misses,
                window, Duration.ofHours(12), Duration.ofMinutes(30));
    }

    @Test
    void anAddressWaitsOnlyOnceItMissedTheLimitAndUntilItsWindowEnds() {
        Hand clock = new Hand();
        MissLimiter limiter = new MissLimiter(clock, properties(3, Duration.ofMinutes(10)));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.waitFor("10.0.0.1")).isZero();
            limiter.miss("10.0.0.1");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(4));

        assertThat(limiter.waitFor("10.0.0.1")).isEqualTo(Duration.ofMinutes(6));
        assertThat(limiter.waitFor("10.0.0.2")).isZero();
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(limiter.waitFor("10.0.0.1")).isZero();
        limiter.miss("10.0.0.1");
        assertThat(limiter.waitFor("10.0.0.1")).isZero();
    }
}
