package dev.baton.indexer.search;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The relevance multiplier of an asset: {@code 1 + RECENCY_WEIGHT * recency + USAGE_WEIGHT * usage}, where recency
 * halves every {@link #HALF_LIFE_DAYS} days since the last update and usage grows with the logarithm of the usage
 * count, reaching half at {@link #USAGE_HALF} uses. The multiplier lies between 1 and 1.3, so it orders assets that
 * match about equally well and never lifts a weak match over a clearly better one.
 */
final class Popularity extends DoubleValuesSource {

    static final double RECENCY_WEIGHT = 0.1;
    static final double USAGE_WEIGHT = 0.2;
    static final double HALF_LIFE_DAYS = 90;
    static final long USAGE_HALF = 20;

    private static final double MILLIS_PER_DAY = 86_400_000d;
    private static final double LOG_USAGE_HALF = Math.log(1.0 + USAGE_HALF);

    private final long nowMillis;

    Popularity(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    /**
     * Recency judged from the start of the (UTC) day of {@code nowMillis}: the same multipliers all day, so a search
     * scores alike from one request to the next and its pages stay in one order.
     */
    static Popularity asOfDay(long nowMillis) {
        return new Popularity(nowMillis - Math.floorMod(nowMillis, (long) MILLIS_PER_DAY));
    }

    /** The multiplier of an asset updated at this time with this usage count. */
    double multiplier(long updatedMillis, long usage) {
        double ageDays = Math.max(0, nowMillis - updatedMillis) / MILLIS_PER_DAY;
        double recency = Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
        // log, not log1p: 1 + a count is exact in a double, and Math.log is an intrinsic where log1p is not (it was a
        // twentieth of a search's time, computed for every hit)
        double logUsage = Math.log(1.0 + Math.max(0, usage));
        double used = logUsage / (logUsage + LOG_USAGE_HALF);
        return 1 + RECENCY_WEIGHT * recency + USAGE_WEIGHT * used;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext context, DoubleValues scores) throws IOException {
        NumericDocValues updated = DocValues.getNumeric(context.reader(), AssetSchema.UPDATED);
        NumericDocValues usage = DocValues.getNumeric(context.reader(), AssetSchema.USAGE);
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                long updatedMillis = updated.advanceExact(doc) ? updated.longValue() : 0;
                long uses = usage.advanceExact(doc) ? usage.longValue() : 0;
                value = multiplier(updatedMillis, uses);
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext context) {
        // The value depends on the time of the request.
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nowMillis);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Popularity that && that.nowMillis == nowMillis;
    }

    @Override
    public String toString() {
        return "popularity(now=" + nowMillis + ")";
    }
}
