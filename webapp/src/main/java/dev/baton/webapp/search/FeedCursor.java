package dev.baton.webapp.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a reader stands in a table whose positions come from an identity column (the outbox, the usage events):
 * positions are handed out when a row is inserted but become visible when its transaction commits, so a transaction
 * that commits late shows a position below ones already read, and a rolled-back one leaves a gap for good.
 *
 * <p>The reader reads every row after {@link #read()}, and looks again at the gaps it stepped over until each either
 * shows its row or settles: it is older than {@code settle} and every transaction that was running when it was seen
 * has ended (PostgreSQL's snapshot {@code xmin} has passed the {@code xmax} seen then), so nothing can commit it any
 * more. The {@link #watermark()} is the position below which everything is read or can never appear: what may be
 * recorded as done.
 *
 * <p>One round: read the rows after {@link #read()}; {@link #round} says which positions to look up again; take a
 * {@link Moment} (after the read, before the lookup); look them up; apply what was read and found; then
 * {@link #advance}. Nothing moves until {@code advance}, so a round that fails half-way is read again whole. A plain
 * class: no database, no clock of its own, used by one thread at a time.
 */
final class FeedCursor {

    /**
     * The database's transactions at one moment ({@code pg_current_snapshot()}): every transaction id below
     * {@code xmin} has ended, none from {@code xmax} on had started; and the monotonic time ({@link System#nanoTime}).
     */
    record Moment(long xmin, long xmax, long nanos) {}

    /**
     * When something was seen: the transaction ids that could have been running then (below {@code xmax}), and the
     * time. A transaction holding a position that was handed out by then has an id below {@code xmax}.
     */
    record Seen(long xmax, long nanos) {

        Seen(Moment moment) {
            this(moment.xmax(), moment.nanos());
        }

        /**
         * Whether nothing running when this was seen can still commit: {@code settle} has passed (a position is
         * handed out a moment before its transaction has an id) and every transaction below {@code xmax} has ended.
         */
        boolean settled(Moment now, Duration settle) {
            return now.nanos() - nanos >= settle.toNanos() && now.xmin() >= xmax;
        }
    }

    /** What one round read, and which positions it looks up again. */
    record Round(List<Long> batch, List<Long> lookUp) {}

    /** Where the cursor stands, for status reports: copied, so other threads may read it. */
    record Position(long watermark, long read, int openGaps) {}

    private final Duration settle;
    private final TreeMap<Long, Seen> gaps = new TreeMap<>();
    private long watermark;
    private long read;

    /** A cursor that has read, and is done with, every position up to {@code position}. */
    FeedCursor(long position, Duration settle) {
        this.watermark = position;
        this.read = position;
        this.settle = settle;
    }

    /** Every position up to here is applied or can never appear. */
    long watermark() {
        return watermark;
    }

    /** The highest position read: the next round reads after it. */
    long read() {
        return read;
    }

    int openGaps() {
        return gaps.size();
    }

    Position position() {
        return new Position(watermark, read, gaps.size());
    }

    /**
     * Starts a round on the positions read after {@link #read()} (ascending): the positions to look up again are the
     * open gaps and the ones this batch steps over, lowest first, at most {@code limit}. When there are none, the round
     * needs no {@link Moment}.
     */
    Round round(List<Long> batch, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Look up at least one position a round, not " + limit);
        }
        checkBatch(batch);
        List<Long> lookUp = new ArrayList<>(Math.min(limit, gaps.size() + 16));
        for (Long gap : gaps.keySet()) {
            if (lookUp.size() == limit) {
                break;
            }
            lookUp.add(gap);
        }
        long expected = read + 1;
        for (long position : batch) {
            for (long p = expected; p < position && lookUp.size() < limit; p++) {
                lookUp.add(p);
            }
            expected = position + 1;
        }
        return new Round(List.copyOf(batch), List.copyOf(lookUp));
    }

    /**
     * Moves past a round whose rows (read and found) have been applied: positions the batch stepped over become gaps
     * seen at {@code now}, gaps whose row was found close, gaps looked up without result close once settled, and the
     * read position moves to the batch's last.
     *
     * @param found the looked-up positions whose row exists
     * @param now taken after the batch was read and before the lookup (so the lookup sees every transaction that had
     *     ended by then); {@code null} only when the round looked nothing up
     * @return whether the watermark moved
     */
    boolean advance(Round round, Collection<Long> found, Moment now) {
        checkBatch(round.batch());
        if (!round.lookUp().isEmpty()) {
            Objects.requireNonNull(now, "a round that looks positions up needs the moment taken before the lookup");
        }
        long expected = read + 1;
        for (long position : round.batch()) {
            if (position > expected) {
                Seen seen = new Seen(now);
                for (long p = expected; p < position; p++) {
                    gaps.put(p, seen);
                }
            }
            expected = position + 1;
        }
        found.forEach(gaps::remove);
        if (!round.lookUp().isEmpty()) {
            // only gaps this round looked for: one beyond the lookup's limit may have committed unseen
            Set<Long> looked = new HashSet<>(round.lookUp());
            gaps.entrySet().removeIf(gap -> looked.contains(gap.getKey()) && gap.getValue().settled(now, settle));
        }
        if (!round.batch().isEmpty()) {
            read = round.batch().getLast();
        }
        long next = gaps.isEmpty() ? read : gaps.firstKey() - 1;
        if (next > watermark) {
            watermark = next;
            return true;
        }
        return false;
    }

    private void checkBatch(List<Long> batch) {
        long previous = read;
        for (long position : batch) {
            if (position <= previous) {
                throw new IllegalArgumentException("A round reads positions after " + read + " in ascending order, got "
                        + batch);
            }
            previous = position;
        }
    }
}
