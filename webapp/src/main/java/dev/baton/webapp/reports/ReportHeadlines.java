package dev.baton.webapp.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The headline figures the marketing home shows, with links into the reports: the share of the library used in the
 * last 90 days (and in the 90 days before) and the most used assets of the last 30 days.
 */
@Component
public class ReportHeadlines {

    private final UnusedReports unused;
    private final UsageReports usage;

    ReportHeadlines(UnusedReports unused, UsageReports usage) {
        this.unused = unused;
        this.usage = usage;
    }

    /** An asset and its uses. */
    public record TopAsset(UUID id, String title, long uses) {}

    /**
     * The headline: published assets, how many were used in the last 90 days, the share used (percent), the share in
     * the 90 days before, how many are unused, and the five most used assets of the last 30 days.
     */
    public record Headline(long published, long used, double shareUsed, double shareUsedBefore, long unused,
            List<TopAsset> top) {}

    public Mono<Headline> headline() {
        UnusedReports.Query q = unused.query(90, null, null, null, null, null, "cause", 1);
        LocalDate today = unused.today();
        UsageReports.Query u = usage.query(30, null, today.toString(), "week", "asset", 5);
        return Mono.zip(unused.report(q), usage.report(u, null)).map(t -> {
            List<UnusedReports.TrendPoint> trend = t.getT1().trend();
            double before = trend.size() < 2 ? 0 : trend.get(trend.size() - 2).shareUsed();
            return new Headline(t.getT1().published(), t.getT1().used(), t.getT1().shareUsed(), before,
                    t.getT1().unused(), t.getT2().top().stream().limit(5)
                            .map(a -> new TopAsset(a.assetId(), a.title(), a.uses())).toList());
        });
    }
}
