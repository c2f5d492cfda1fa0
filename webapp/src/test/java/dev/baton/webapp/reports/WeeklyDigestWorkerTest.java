package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** When the scheduled digest runs: once per week on a node, again after a failed send, never when switched off. */
class WeeklyDigestWorkerTest {

    private static final LocalDate WEEK = LocalDate.parse("2027-03-01");

    private final WeeklyDigests digests = mock(WeeklyDigests.class);

    @Test
    void itRunsOncePerWeekAndAgainInTheNextWeek() {
        WeeklyDigestWorker worker = new WeeklyDigestWorker(digests, properties(true));
        given(digests.emailOn()).willReturn(true);
        given(digests.currentWeek()).willReturn(WEEK);
        given(digests.run(null)).willReturn(Mono.just(outcome(WEEK, 0)));

        assertThat(worker.workOnce()).isFalse();
        worker.workOnce();
        then(digests).should(times(1)).run(null);

        given(digests.currentWeek()).willReturn(WEEK.plusWeeks(1));
        given(digests.run(null)).willReturn(Mono.just(outcome(WEEK.plusWeeks(1), 0)));
        worker.workOnce();
        worker.workOnce();
        then(digests).should(times(2)).run(null);
    }

    @Test
    void aWeekWithAFailedSendIsRunAgainAtTheNextLook() {
        WeeklyDigestWorker worker = new WeeklyDigestWorker(digests, properties(true));
        given(digests.emailOn()).willReturn(true);
        given(digests.currentWeek()).willReturn(WEEK);
        given(digests.run(null)).willReturn(Mono.just(outcome(WEEK, 1)), Mono.just(outcome(WEEK, 0)));

        worker.workOnce();
        worker.workOnce();
        worker.workOnce();
        then(digests).should(times(2)).run(null);
    }

    @Test
    void switchedOffOrWithoutEmailItSendsNothing() {
        given(digests.currentWeek()).willReturn(WEEK);
        given(digests.emailOn()).willReturn(true);
        new WeeklyDigestWorker(digests, properties(false)).workOnce();
        given(digests.emailOn()).willReturn(false);
        new WeeklyDigestWorker(digests, properties(true)).workOnce();
        then(digests).should(never()).run(null);
    }

    private static DigestProperties properties(boolean enabled) {
        return new DigestProperties(enabled, DayOfWeek.MONDAY, LocalTime.of(8, 0), ZoneOffset.UTC, 5,
                Duration.ofMinutes(1));
    }

    private static WeeklyDigests.RunOutcome outcome(LocalDate week, int failed) {
        return new WeeklyDigests.RunOutcome(week, true, 1, 0, 0, 0, 0, failed, 0);
    }
}
