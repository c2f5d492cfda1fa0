package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The scorecard's periods: eight contiguous windows ending today, or the last eight complete quarters. */
class ScorecardPeriodsTest {

    @Test
    void thirtyDaysEndTodayAndFollowEachOtherWithoutGaps() {
        ScorecardPeriods p = ScorecardPeriods.of("30", LocalDate.parse("2026-12-07"));
        assertThat(p.periods()).hasSize(8);
        assertThat(p.current()).isEqualTo(new ScorecardPeriods.Period(LocalDate.parse("2026-11-08"),
                LocalDate.parse("2026-12-07")));
        assertThat(p.previous()).isEqualTo(new ScorecardPeriods.Period(LocalDate.parse("2026-10-09"),
                LocalDate.parse("2026-11-07")));
        for (int i = 1; i < 8; i++) {
            assertThat(p.periods().get(i).from()).isEqualTo(p.periods().get(i - 1).to().plusDays(1));
            assertThat(p.periods().get(i).days()).isEqualTo(30);
        }
        assertThat(p.bounds()).hasSize(9).first().isEqualTo(Instant.parse("2026-04-12T00:00:00Z"));
        assertThat(p.bounds().getLast()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
    }

    @Test
    void aQuarterIsTheLastCompleteOneAgainstTheOneBefore() {
        ScorecardPeriods p = ScorecardPeriods.of("quarter", LocalDate.parse("2026-01-01"));
        assertThat(p.current()).isEqualTo(new ScorecardPeriods.Period(LocalDate.parse("2025-10-01"),
                LocalDate.parse("2025-12-31")));
        assertThat(p.previous()).isEqualTo(new ScorecardPeriods.Period(LocalDate.parse("2025-07-01"),
                LocalDate.parse("2025-09-30")));
        assertThat(p.periods().getFirst().from()).isEqualTo(LocalDate.parse("2024-01-01"));
        assertThat(p.current().label("quarter")).isEqualTo("2025-Q4");
        assertThat(ScorecardPeriods.of("quarter", LocalDate.parse("2026-03-31")).current().to())
                .isEqualTo(LocalDate.parse("2025-12-31"));
    }

    @Test
    void anUnknownPeriodIsRefusedAndNoneIsThirtyDays() {
        assertThat(ScorecardPeriods.kind(null)).isEqualTo("30");
        assertThat(ScorecardPeriods.kind(" Quarter ")).isEqualTo("quarter");
        assertThatThrownBy(() -> ScorecardPeriods.kind("7")).isInstanceOf(BatonException.InvalidInput.class);
    }
}
