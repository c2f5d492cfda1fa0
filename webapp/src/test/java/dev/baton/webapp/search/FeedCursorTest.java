package dev.baton.webapp.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cursor on made-up rows: positions handed out at insert, visible at commit. Moments are made up too: a
 * transaction horizon ({@code xmin}, {@code xmax}) and a time in seconds.
 */
class FeedCursorTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final FeedCursor cursor = new FeedCursor(10, SETTLE);

    @Test
    void rowsReadInOrderMoveTheWatermarkWithThem() {
        assertThat(round(List.of(11L, 12L, 13L), List.of(), null)).isTrue();

        assertThat(cursor.read()).isEqualTo(13);
        assertThat(cursor.watermark()).isEqualTo(13);
        assertThat(cursor.openGaps()).isZero();
    }

    @Test
    void aRoundWithoutGapsNeedsNoMoment() {
        FeedCursor.Round round = cursor.round(List.of(11L, 12L), 100);

        assertThat(round.lookUp()).isEmpty();
        cursor.advance(round, List.of(), null);
        assertThat(cursor.watermark()).isEqualTo(12);
    }

    @Test
    void aRowCommittedAfterALaterOneHoldsTheWatermarkUntilItShowsUp() {
        // 12 is held by a transaction still open (id 500) while 13 commits
        assertThat(round(List.of(11L, 13L), List.of(), moment(490, 501, 0))).isTrue();
        assertThat(cursor.read()).isEqualTo(13);
        assertThat(cursor.watermark()).as("below the gap").isEqualTo(11);
        assertThat(cursor.openGaps()).isEqualTo(1);

        // the round after: 12 is looked up again, still missing; 14 has come
        FeedCursor.Round next = cursor.round(List.of(14L), 100);
        assertThat(next.lookUp()).containsExactly(12L);
        cursor.advance(next, List.of(), moment(495, 502, 1));
        assertThat(cursor.watermark()).isEqualTo(11);

        // 12 commits: found, applied, and the watermark jumps past everything read
        FeedCursor.Round late = cursor.round(List.of(), 100);
        assertThat(late.lookUp()).containsExactly(12L);
        assertThat(cursor.advance(late, List.of(12L), moment(502, 503, 1.5))).isTrue();
        assertThat(cursor.watermark()).isEqualTo(14);
        assertThat(cursor.openGaps()).isZero();
    }

    @Test
    void aGapStaysOpenPastItsTimeWhileATransactionRunningWhenItWasSeenMayStillCommitIt() {
        round(List.of(11L, 13L), List.of(), moment(490, 501, 0));

        // long after settle, but transaction 495 (below 501) is still running: it may hold 12
        round(List.of(), List.of(), moment(495, 510, 60));
        assertThat(cursor.openGaps()).isEqualTo(1);
        assertThat(cursor.watermark()).isEqualTo(11);

        // it commits a minute late: the row is found, not given up
        round(List.of(), List.of(12L), moment(501, 511, 61));
        assertThat(cursor.openGaps()).isZero();
        assertThat(cursor.watermark()).isEqualTo(13);
    }

    @Test
    void aGapIsGivenUpOnceItsTimeHasPassedAndEveryTransactionRunningThenHasEnded() {
        round(List.of(11L, 13L), List.of(), moment(490, 501, 0));

        // every transaction of then has ended, but settle has not passed: a position may be handed out a moment
        // before its transaction has an id
        round(List.of(), List.of(), moment(501, 501, 1));
        assertThat(cursor.openGaps()).isEqualTo(1);

        // settle passed and the horizon too: a rolled-back transaction's position, gone for good
        assertThat(round(List.of(), List.of(), moment(501, 501, 2))).isTrue();
        assertThat(cursor.openGaps()).isZero();
        assertThat(cursor.watermark()).isEqualTo(13);
    }

    @Test
    void eachGapRemembersTheHorizonOfTheRoundThatSteppedOverIt() {
        round(List.of(12L), List.of(), moment(400, 450, 0));
        round(List.of(14L), List.of(), moment(440, 470, 1));
        assertThat(cursor.openGaps()).isEqualTo(2);

        // 11's transactions have ended (xmin 460 >= 450), 13's may not have (460 < 470)
        round(List.of(), List.of(), moment(460, 480, 5));
        assertThat(cursor.openGaps()).isEqualTo(1);
        assertThat(cursor.watermark()).isEqualTo(12);

        round(List.of(), List.of(), moment(470, 480, 6));
        assertThat(cursor.watermark()).isEqualTo(14);
    }

    @Test
    void onlyGapsLookedUpInTheRoundAreGivenUp() {
        cursor.advance(cursor.round(List.of(15L), 100), List.of(), moment(490, 500, 0));
        assertThat(cursor.openGaps()).isEqualTo(4);

        // a lookup of two at a time: 13 and 14 were not looked for, so their rows may have committed unseen
        FeedCursor.Round limited = cursor.round(List.of(), 2);
        assertThat(limited.lookUp()).containsExactly(11L, 12L);
        cursor.advance(limited, List.of(), moment(500, 510, 10));
        assertThat(cursor.openGaps()).isEqualTo(2);
        assertThat(cursor.watermark()).isEqualTo(12);

        FeedCursor.Round rest = cursor.round(List.of(), 2);
        assertThat(rest.lookUp()).containsExactly(13L, 14L);
        cursor.advance(rest, List.of(14L), moment(500, 510, 10));
        assertThat(cursor.watermark()).isEqualTo(15);
    }

    @Test
    void thePositionsABatchStepsOverAreLookedUpInTheSameRound() {
        FeedCursor.Round round = cursor.round(List.of(12L, 15L), 100);

        assertThat(round.lookUp()).containsExactly(11L, 13L, 14L);
        // 13 committed between the read and the lookup
        cursor.advance(round, List.of(13L), moment(490, 500, 0));
        assertThat(cursor.openGaps()).isEqualTo(2);
        assertThat(cursor.watermark()).isEqualTo(10);
    }

    @Test
    void nothingMovesUntilTheRoundIsAdvancedSoAFailedRoundIsReadAgain() {
        FeedCursor.Round first = cursor.round(List.of(11L, 13L), 100);
        // applying the rows failed: no advance
        FeedCursor.Round again = cursor.round(List.of(11L, 13L), 100);

        assertThat(again).isEqualTo(first);
        assertThat(cursor.read()).isEqualTo(10);
        assertThat(cursor.openGaps()).isZero();
    }

    @Test
    void aRoundMustReadAfterTheCursorInAscendingOrder() {
        cursor.advance(cursor.round(List.of(11L, 12L), 100), List.of(), null);

        assertThatThrownBy(() -> cursor.round(List.of(12L), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cursor.round(List.of(14L, 13L), 100)).isInstanceOf(IllegalArgumentException.class);
        FeedCursor.Round stale = new FeedCursor(10, SETTLE).round(List.of(11L), 100);
        assertThatThrownBy(() -> cursor.advance(stale, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoundThatLooksUpPositionsNeedsTheMomentTakenBeforeTheLookup() {
        FeedCursor.Round round = cursor.round(List.of(12L), 100);

        assertThatThrownBy(() -> cursor.advance(round, List.of(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aSeenHorizonSettlesAfterItsTimeAndOnceTheTransactionsOfThenHaveEnded() {
        FeedCursor.Seen seen = new FeedCursor.Seen(moment(100, 200, 0));

        assertThat(seen.settled(moment(150, 250, 5), SETTLE)).isFalse();
        assertThat(seen.settled(moment(200, 250, 1), SETTLE)).isFalse();
        assertThat(seen.settled(moment(200, 250, 2), SETTLE)).isTrue();
    }

    @Test
    void thePositionReportIsACopy() {
        round(List.of(11L, 13L), List.of(), moment(490, 501, 0));
        FeedCursor.Position before = cursor.position();

        round(List.of(), List.of(12L), moment(501, 502, 1));

        assertThat(before).isEqualTo(new FeedCursor.Position(11, 13, 1));
        assertThat(cursor.position()).isEqualTo(new FeedCursor.Position(13, 13, 0));
    }

    /** One round: read {@code batch}, find {@code found} among the positions looked up, at {@code now}. */
    private boolean round(List<Long> batch, List<Long> found, FeedCursor.Moment now) {
        FeedCursor.Round round = cursor.round(batch, 100);
        assertThat(round.lookUp()).containsAll(found);
        return cursor.advance(round, found, round.lookUp().isEmpty() ? null : now);
    }

    private static FeedCursor.Moment moment(long xmin, long xmax, double seconds) {
        return new FeedCursor.Moment(xmin, xmax, (long) (seconds * 1_000_000_000L));
    }
}
