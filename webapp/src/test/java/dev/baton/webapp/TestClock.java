package dev.baton.webapp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

/**
 * Baton's clock in tests: the system's UTC clock, unless a test pins it to an instant (and releases it in a
 * {@code finally}). Replaces the application's clock bean, so whatever judges dates by that clock sees the pinned time.
 */
@TestComponent
@Primary
public class TestClock extends Clock {

    private volatile Instant pinned;

    /** From now on the clock says {@code instant}, and stands still. */
    public void pin(Instant instant) {
        pinned = instant;
    }

    /** Back to the system's time. */
    public void release() {
        pinned = null;
    }

    @Override
    public Instant instant() {
        Instant at = pinned;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock source = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return source.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }
        };
    }
}
