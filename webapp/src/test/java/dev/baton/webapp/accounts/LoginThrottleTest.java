package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.system.BatonProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String HOME = "10.0.0.1";
    private static final String ELSEWHERE = "10.0.0.2";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new BatonProperties.Login(3, 10, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(10)), clock);

    private void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.attempt(username, address)).isZero();
        }
    }

    @Test
    void aFewMistakesCostNothing() {
        fail("dana", HOME, 2);
        assertThat(throttle.attempt("Dana", HOME)).isZero();
    }

    @Test
    void repeatedFailuresMakeTheGuesserWaitLongerEachTimeUpToTheMaximum() {
        fail("dana", HOME, 3);
        assertThat(throttle.attempt("dana", HOME)).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        fail("dana", HOME, 1);
        assertThat(throttle.attempt("dana", HOME)).isEqualTo(Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(5));
            fail("dana", HOME, 1);
        }
        assertThat(throttle.attempt("dana", HOME)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aGuesserCannotLockTheRealUserOutFromAnotherAddress() {
        fail("dana", HOME, 3);
        assertThat(throttle.attempt("dana", HOME)).isPositive();
        assertThat(throttle.attempt("dana", ELSEWHERE)).isZero();
    }

    @Test
    void theWaitEndsByItselfAndSuccessClearsIt() {
        fail("dana", HOME, 3);
        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.retryAfter("dana", HOME)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.attempt("dana", HOME)).isZero();
        throttle.succeeded("dana", HOME);
        assertThat(throttle.retryAfter("dana", HOME)).isZero();
        fail("dana", HOME, 2);
        assertThat(throttle.attempt("dana", HOME)).isZero();
    }

    @Test
    void oneAddressGuessingManyNamesIsSlowedButSuccessesGiveTheirCountBack() {
        for (int i = 0; i < 9; i++) {
            fail("user" + i, HOME, 1);
        }
        // colleagues behind the same address signing in successfully do not use up the allowance
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.attempt("colleague" + i, HOME)).isZero();
            throttle.succeeded("colleague" + i, HOME);
        }
        fail("user9", HOME, 1);
        assertThat(throttle.attempt("someone-else", HOME)).isPositive();
        assertThat(throttle.attempt("someone-else", ELSEWHERE)).isZero();
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreThroughThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Duration>> guesses = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                guesses.add(() -> throttle.attempt("dana", HOME));
            }
            long admitted = 0;
            for (Future<Duration> result : pool.invokeAll(guesses)) {
                if (result.get().isZero()) {
                    admitted++;
                }
            }
            assertThat(admitted).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oldFailuresAreForgotten() {
        fail("dana", HOME, 3);
        clock.advance(Duration.ofHours(1));
        fail("dana", HOME, 1);
        assertThat(throttle.attempt("dana", HOME)).isZero();
    }

    @Test
    void anUnknownAddressIsStillCounted() {
        fail("dana", null, 3);
        assertThat(throttle.attempt("dana", null)).isPositive();
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
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
