package dev.baton.webapp.reports;

import dev.baton.webapp.search.SearchGaps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The headline figures the marketing home shows, with links into the reports: what reps use (the share of the
 * library used in the last 90 days and in the 90 days before, the most used assets of the last 30 days), what they
 * search for (searches of the last 30 days that found nothing, and the search gaps), and what helps win deals (the
 * influenced win rate of the last 365 days, with its sample). Each is read as the report it links to reads it: the
 * rollups, one aggregate over the search log, the decided deals with their shares and uses.
 */
@Component
public class ReportHeadlines {

    /** The window of the search headline, in days: the search-gaps report's default. */
    public static final int SEARCH_DAYS = 30;

    /** The window of the influence headline, in days: the influence report's default. */
    public static final int INFLUENCE_DAYS = InfluenceReport.DEFAULT_DAYS;

    private final UnusedReports unused;
    private final UsageReports usage;
    private final SearchGaps searches;
    private final ScorecardReport scorecard;
    private final InfluenceProperties influence;
    private final Clock clock;

    ReportHeadlines(UnusedReports unused, UsageReports usage, SearchGaps searches, ScorecardReport scorecard,
            InfluenceProperties influence, Clock clock) {
        this.unused = unused;
        this.usage = usage;
        this.searches = searches;
        this.scorecard = scorecard;
        this.influence = influence;
        this.clock = clock;
    }

    /** An asset and its uses. */
    public record TopAsset(UUID id, String title, long uses) {}

    /**
     * What reps searched for in the last {@link #SEARCH_DAYS} days: first-page searches with words, how many found
     * nothing, and how many groups of words are gaps (found nothing, or nothing found was opened).
     */
    public record SearchHeadline(int days, long searches, long noResults, long gaps) {}

    /**
     * Deals decided in the last {@link #INFLUENCE_DAYS} days where content was shared or used before the decision,
     * how many of them were won, and their win rate in percent ({@code null} below {@code minSample} decided deals).
     */
    public record InfluenceHeadline(int days, long decided, long won, Integer winRate, int minSample) {}

    /**
     * The headline: published assets, how many were used in the last 90 days, the share used (percent), the share in
     * the 90 days before, how many are unused, the five most used assets of the last 30 days, searches and influence.
     */
    public record Headline(long published, long used, double shareUsed, double shareUsedBefore, long unused,
            List<TopAsset> top, SearchHeadline search, InfluenceHeadline influence) {}

    public Mono<Headline> headline() {
        UnusedReports.Query q = unused.query(90, null, null, null, null, null, "cause", 1);
        LocalDate today = unused.today();
        UsageReports.Query u = usage.query(30, null, today.toString(), "week", "asset", 5);
        Instant now = clock.instant();
        Mono<SearchHeadline> searched = searches.summary(now.minus(Duration.ofDays(SEARCH_DAYS)), now)
                .map(s -> new SearchHeadline(SEARCH_DAYS, s.searches(), s.noResults(), s.gaps()));
        // the influence report's default window: the last 365 days to today, both included
        LocalDate from = today.minusDays(INFLUENCE_DAYS - 1L);
        Mono<InfluenceHeadline> influenced = scorecard.winRate(List.of(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .map(w -> {
                    long decided = w[0][0];
                    long won = w[0][1];
                    int min = influence.minSample();
                    Integer rate = decided < min || decided == 0 ? null : (int) Math.round(won * 100.0 / decided);
                    return new InfluenceHeadline(INFLUENCE_DAYS, decided, won, rate, min);
                });
        return Mono.zip(unused.report(q), usage.report(u, null), searched, influenced).map(t -> {
            List<UnusedReports.TrendPoint> trend = t.getT1().trend();
            double before = trend.size() < 2 ? 0 : trend.get(trend.size() - 2).shareUsed();
            return new Headline(t.getT1().published(), t.getT1().used(), t.getT1().shareUsed(), before,
                    t.getT1().unused(), t.getT2().top().stream().limit(5)
                            .map(a -> new TopAsset(a.assetId(), a.title(), a.uses())).toList(),
                    t.getT3(), t.getT4());
        });
    }
}
