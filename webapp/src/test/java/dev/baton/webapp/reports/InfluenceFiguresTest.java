package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.deals.DealDirectory.DealFacts;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.deals.DealHistory.StageAt;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The influence arithmetic without a database: sides, the minimum sample, medians, sums per currency. */
class InfluenceFiguresTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

    private static DealFacts deal(long id, Outcome outcome, long days, String amount, String currency) {
        Instant decided = outcome == Outcome.OPEN ? null : T;
        return new DealFacts(id, 1L, "buyer_stage", "decision", outcome,
                amount == null ? null : new BigDecimal(amount), currency, T.minus(Duration.ofDays(days)), decided);
    }

    @Test
    void aSideOfExactlyTheMinimumSampleHasARateAndOneBelowHasNone() {
        List<DealFacts> five = List.of(deal(1, Outcome.WON, 10, null, null), deal(2, Outcome.WON, 30, null, null),
                deal(3, Outcome.LOST, 5, null, null), deal(4, Outcome.WON, 20, null, null),
                deal(5, Outcome.LOST, 5, null, null));
        InfluenceFigures.Side side = InfluenceFigures.side(five, 5);
        assertThat(side.winRate()).isEqualByComparingTo("0.6");
        assertThat(side.medianDaysToClose()).isEqualByComparingTo("20");
        assertThat(side.winRatePercent()).isEqualTo("60%");

        InfluenceFigures.Side four = InfluenceFigures.side(five.subList(0, 4), 5);
        assertThat(four.decided()).isEqualTo(4);
        assertThat(four.won()).isEqualTo(3);
        assertThat(four.winRate()).isNull();
        assertThat(four.medianDaysToClose()).isNull();
        assertThat(four.winRatePercent()).isEqualTo("–");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(InfluenceFigures.median(List.of(10L, 20L, 31L, 40L))).isEqualByComparingTo("25.5");
        assertThat(InfluenceFigures.median(List.of(10L, 30L))).isEqualByComparingTo("20");
        assertThat(InfluenceFigures.median(List.of())).isNull();
    }

    @Test
    void aTouchAtOrAfterTheDecisionIsNotInfluenceAndOpenDealsAreThePipelinePerCurrency() {
        List<DealFacts> deals = new ArrayList<>(List.of(deal(1, Outcome.WON, 10, "100", "USD"),
                deal(2, Outcome.WON, 10, "50.5", "EUR"), deal(3, Outcome.LOST, 10, "70", "USD"),
                deal(4, Outcome.OPEN, 10, "1000", "GBP"), deal(5, Outcome.OPEN, 10, "1", "GBP"),
                deal(6, Outcome.OPEN, 10, null, null)));
        Map<Long, Instant> touched = Map.of(1L, T.minusSeconds(1), 2L, T, 3L, T.minusSeconds(60), 4L, T, 6L, T);
        InfluenceFigures.Figures figures = InfluenceFigures.of(deals, touched, 1);
        assertThat(figures.with().decided()).isEqualTo(2);
        assertThat(figures.with().won()).isEqualTo(1);
        assertThat(figures.without().decided()).isEqualTo(1);
        assertThat(figures.openDeals()).isEqualTo(2);
        assertThat(figures.pipeline()).containsExactly(new InfluenceFigures.Money("GBP", new BigDecimal("1000.00")));
        assertThat(figures.revenue()).containsExactly(new InfluenceFigures.Money("USD", new BigDecimal("100.00")));
    }

    @Test
    void aDealsStageAtAMomentIsTheLastItEnteredBeforeIt() {
        List<StageAt> history = List.of(new StageAt("buyer_stage", "awareness", T),
                new StageAt("buyer_stage", "decision", T.plusSeconds(100)));
        assertThat(StageDriftReport.stageAt(history, T.plusSeconds(99)).stage()).isEqualTo("awareness");
        assertThat(StageDriftReport.stageAt(history, T.plusSeconds(100)).stage()).isEqualTo("decision");
        assertThat(StageDriftReport.stageAt(history, T.minusSeconds(1)).stage()).isEqualTo("awareness");
        assertThat(StageDriftReport.stageAt(List.of(), T)).isNull();
    }
}
