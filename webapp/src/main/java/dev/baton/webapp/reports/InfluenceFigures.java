package dev.baton.webapp.reports;

import dev.baton.webapp.deals.DealDirectory.DealFacts;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The arithmetic of the influence report, in plain Java: given the deals and when something touched each of them
 * (an asset, or any asset of a stage), the decided deals with and without it, won against lost, the win rates (none
 * below the minimum sample), the influenced pipeline and revenue per currency and the median days to close. See
 * docs/reports-influence.md for the definitions.
 */
final class InfluenceFigures {

    private InfluenceFigures() {}

    /**
     * Decided deals of one side (with or without the asset).
     *
     * @param winRate won / decided, rounded to 4 places; {@code null} when fewer than the minimum sample decided
     * @param medianDaysToClose the median of the won deals' days from start to decision; {@code null} when fewer
     *     than the minimum sample decided or none was won
     */
    record Side(int decided, int won, int lost, BigDecimal winRate, BigDecimal medianDaysToClose) {

        /** The win rate as a whole percentage for people ("67%"), or a dash when suppressed. */
        public String winRatePercent() {
            return winRate == null ? "–" : winRate.movePointRight(2).setScale(0, RoundingMode.HALF_UP) + "%";
        }
    }

    /** An amount in one currency (ISO 4217). */
    record Money(String currency, BigDecimal amount) {

        @Override
        public String toString() {
            return currency + " " + amount.toPlainString();
        }
    }

    /**
     * One asset's or stage's figures.
     *
     * @param openDeals open deals it touched (the influenced pipeline's deals)
     * @param pipeline the open deals' amounts, per currency (currency order)
     * @param revenue the won deals' amounts (of {@code with}), per currency
     */
    record Figures(Side with, Side without, int openDeals, List<Money> pipeline, List<Money> revenue) {}

    /**
     * The figures of one thing among {@code deals} (open, and decided in the window), where {@code touched} says
     * when it first touched each deal (a deal id absent: never). A decided deal is "with" when touched before its
     * decision; an open deal is influenced pipeline when touched at all.
     */
    static Figures of(Collection<DealFacts> deals, Map<Long, Instant> touched, int minSample) {
        List<DealFacts> with = new ArrayList<>();
        List<DealFacts> without = new ArrayList<>();
        List<DealFacts> open = new ArrayList<>();
        for (DealFacts deal : deals) {
            Instant first = touched.get(deal.id());
            if (deal.outcome() == Outcome.OPEN) {
                if (first != null) {
                    open.add(deal);
                }
            } else if (first != null && first.isBefore(deal.decidedAt())) {
                with.add(deal);
            } else {
                without.add(deal);
            }
        }
        return new Figures(side(with, minSample), side(without, minSample), open.size(), sums(open),
                sums(with.stream().filter(d -> d.outcome() == Outcome.WON).toList()));
    }

    static Side side(List<DealFacts> decided, int minSample) {
        int won = (int) decided.stream().filter(d -> d.outcome() == Outcome.WON).count();
        int lost = decided.size() - won;
        boolean enough = decided.size() >= minSample && !decided.isEmpty();
        BigDecimal rate = enough
                ? BigDecimal.valueOf(won).divide(BigDecimal.valueOf(decided.size()), 4, RoundingMode.HALF_UP)
                : null;
        List<Long> days = decided.stream().filter(d -> d.outcome() == Outcome.WON)
                .map(d -> Duration.between(d.createdAt(), d.decidedAt()).toDays())
                .sorted()
                .toList();
        return new Side(decided.size(), won, lost, rate, enough ? median(days) : null);
    }

    /** The median of sorted whole days: the middle one, or the mean of the middle two (x.5); null when none. */
    static BigDecimal median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        if (n % 2 == 1) {
            return BigDecimal.valueOf(sorted.get(n / 2));
        }
        long sum = sorted.get(n / 2 - 1) + sorted.get(n / 2);
        return sum % 2 == 0
                ? BigDecimal.valueOf(sum / 2)
                : BigDecimal.valueOf(sum).divide(BigDecimal.TWO, 1, RoundingMode.UNNECESSARY);
    }

    static List<Money> sums(List<DealFacts> deals) {
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        for (DealFacts deal : deals) {
            if (deal.amount() != null && deal.currency() != null) {
                byCurrency.merge(deal.currency(), deal.amount(), BigDecimal::add);
            }
        }
        return byCurrency.entrySet().stream()
                .map(e -> new Money(e.getKey(), e.getValue().setScale(2, RoundingMode.HALF_UP)))
                .toList();
    }
}
