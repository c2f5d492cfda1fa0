package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealDirectory.DealFacts;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.feedback.FeedbackFigures;
import dev.baton.webapp.search.SearchGaps;
import dev.baton.webapp.sharing.BuyerReads;
import dev.baton.webapp.sharing.DealShares;
import dev.baton.webapp.usage.UsageService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The joint scorecard (issue 14, point 8): one set of figures sales and marketing both own, each with its written
 * definition ({@link ScorecardDefinitions}), for the current period against the previous one, with a trend over
 * {@link ScorecardPeriods#COUNT} periods. Every figure is computed for all periods at once, in SQL where the data is
 * large: the usage rollups ({@code usage_asset_day}, {@code usage_daily_account}), never the usage events; links
 * through {@link BuyerReads}, searches through {@link SearchGaps}, requests, ratings and flags through
 * {@link FeedbackFigures}, deals as the influence report reads them. See docs/reports.md.
 */
@Service
class ScorecardReport {

    /** What a figure is: its name for people, its unit, and whether a lower value is the better one. */
    record Spec(String key, String label, String unit, boolean lowerIsBetter) {}

    /** The figures in the scorecard's order. Units: percent, count, days, stars, per_rep_week. */
    static final Map<String, Spec> FIGURES = specs(
            new Spec("library_used", "Share of the library used", "percent", false),
            new Spec("influenced_win_rate", "Influenced win rate", "percent", false),
            new Spec("shares_per_rep_week", "Shares per rep per week", "per_rep_week", false),
            new Spec("buyer_engagement", "Buyer engagement rate", "percent", false),
            new Spec("search_success", "Search success rate", "percent", false),
            new Spec("requests_opened", "Content requests opened", "count", false),
            new Spec("requests_fulfilled", "Content requests fulfilled", "count", false),
            new Spec("median_days_to_fulfil", "Median time to fulfil a request", "days", true),
            new Spec("service_level", "Service-level compliance", "percent", false),
            new Spec("average_rating", "Average rating", "stars", false),
            new Spec("open_flags", "Open flags", "count", true));

    /**
     * A figure in one period.
     *
     * @param value the figure; {@code null} when there is not enough data
     * @param count what was counted (assets used, deals won, links made, searches with a click, ...)
     * @param sample what it was counted among (published assets, decided deals, links, searches, ...; for shares
     *     per rep, the active reps; for counts, the count itself)
     * @param enoughData whether the sample reaches the minimum
     * @param text the value as people read it, or "not enough data (n = 3)"
     */
    record Point(LocalDate from, LocalDate to, String label, BigDecimal value, long count, long sample,
            boolean enoughData, String text) {}

    /**
     * One figure of the scorecard.
     *
     * @param change the current value less the previous one (percentage points for rates), or {@code null} when
     *     either has not enough data
     * @param trend every period, oldest first; the last two are {@code previous} and {@code current}
     */
    record Figure(String key, String label, String unit, boolean lowerIsBetter, String definition,
            String definedBy, Instant definedAt, Point current, Point previous, BigDecimal change,
            String changeText, List<Point> trend) {

        /** What a point was counted from, for people ("12 of 40"); empty when there is not enough data. */
        public String detail(Point p) {
            if (!p.enoughData()) {
                return "";
            }
            return switch (unit) {
                case "percent" -> p.count() + " of " + p.sample();
                case "per_rep_week" -> p.count() + (p.count() == 1 ? " link, " : " links, ") + p.sample()
                        + (p.sample() == 1 ? " active rep" : " active reps");
                case "days", "stars" -> "n = " + p.sample();
                default -> "";
            };
        }

        /** {@code better}, {@code worse} or {@code same} (no change, or nothing to compare). */
        public String direction() {
            if (change == null || change.signum() == 0) {
                return "same";
            }
            return (change.signum() > 0) != lowerIsBetter ? "better" : "worse";
        }
    }

    /** The scorecard: the period chosen and its dates, the minimum samples, the figures. */
    record Scorecard(String period, String description, LocalDate from, LocalDate to, LocalDate previousFrom,
            LocalDate previousTo, int minSample, int winRateMinSample, List<Figure> figures) {}

    private static final String[] USES = UnusedReports.ACTIONS.toArray(String[]::new);

    private final DatabaseClient db;
    private final LibraryDimensions library;
    private final DealDirectory deals;
    private final DealShares dealShares;
    private final UsageService usage;
    private final BuyerReads links;
    private final SearchGaps searches;
    private final FeedbackFigures feedback;
    private final AccountDirectory accounts;
    private final ScorecardDefinitions definitions;
    private final ScorecardProperties properties;
    private final InfluenceProperties influence;
    private final Clock clock;
    private final UsageWindows windows;

    ScorecardReport(DatabaseClient db, LibraryDimensions library, DealDirectory deals, DealShares dealShares,
            UsageService usage, BuyerReads links, SearchGaps searches, FeedbackFigures feedback,
            AccountDirectory accounts, ScorecardDefinitions definitions, ScorecardProperties properties,
            InfluenceProperties influence, Clock clock, UsageWindows windows) {
        this.windows = windows;
        this.db = db;
        this.library = library;
        this.deals = deals;
        this.dealShares = dealShares;
        this.usage = usage;
        this.links = links;
        this.searches = searches;
        this.feedback = feedback;
        this.accounts = accounts;
        this.definitions = definitions;
        this.properties = properties;
        this.influence = influence;
        this.clock = clock;
    }

    private static Map<String, Spec> specs(Spec... specs) {
        Map<String, Spec> map = new LinkedHashMap<>();
        for (Spec spec : specs) {
            map.put(spec.key(), spec);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The scorecard for {@code period} (30, 90 or quarter; none: 30). */
    Mono<Scorecard> scorecard(String period) {
        ScorecardPeriods ps;
        try {
            ps = ScorecardPeriods.of(ScorecardPeriods.kind(period), today());
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
        List<Instant> bounds = ps.bounds();
        int n = ps.periods().size();
        Mono<long[][]> libraryUsed = libraryUsed(ps);
        Mono<long[][]> winRate = winRate(bounds);
        Mono<long[][]> reps = repShares(ps, bounds);
        Mono<List<SearchGaps.Outcomes>> searched = searches.outcomes(bounds);
        Mono<List<FeedbackFigures.Period>> said = feedback.periods(bounds);
        return Mono.zip(libraryUsed, winRate, reps, searched, said, definitions.all()).map(t -> {
            int min = properties.minSample();
            long[][] lib = t.getT1();
            long[][] wins = t.getT2();
            long[][] shares = t.getT3();
            Map<Integer, SearchGaps.Outcomes> search = new HashMap<>();
            t.getT4().forEach(o -> search.put(o.period(), o));
            List<FeedbackFigures.Period> fb = t.getT5();
            Map<String, IntFunction<Point>> points = new LinkedHashMap<>();
            points.put("library_used", i -> rate(ps, i, lib[i][1], lib[i][0], min));
            points.put("influenced_win_rate", i -> rate(ps, i, wins[i][1], wins[i][0], influence.minSample()));
            points.put("shares_per_rep_week", i -> perRepWeek(ps, i, shares[i][0], shares[i][1]));
            points.put("buyer_engagement", i -> rate(ps, i, shares[i][3], shares[i][2], min));
            points.put("search_success", i -> {
                SearchGaps.Outcomes o = search.get(i + 1);
                return rate(ps, i, o == null ? 0 : o.opened(), o == null ? 0 : o.searches(), min);
            });
            points.put("requests_opened", i -> count(ps, i, fb.get(i).opened()));
            points.put("requests_fulfilled", i -> count(ps, i, fb.get(i).fulfilled()));
            points.put("median_days_to_fulfil", i -> measure(ps, i, fb.get(i).medianDaysToFulfil(),
                    fb.get(i).fulfilled(), min, " days"));
            points.put("service_level", i -> rate(ps, i, fb.get(i).answeredInTime(), fb.get(i).due(), min));
            points.put("average_rating", i -> measure(ps, i, fb.get(i).averageRating(), fb.get(i).ratings(), min,
                    " / 5"));
            points.put("open_flags", i -> count(ps, i, fb.get(i).openFlags()));
            List<Figure> figures = new ArrayList<>();
            for (Spec spec : FIGURES.values()) {
                List<Point> trend = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    trend.add(points.get(spec.key()).apply(i));
                }
                ScorecardDefinitions.Definition d = t.getT6().get(spec.key());
                Point current = trend.getLast();
                Point previous = trend.get(n - 2);
                BigDecimal change = current.value() == null || previous.value() == null ? null
                        : current.value().subtract(previous.value());
                figures.add(new Figure(spec.key(), spec.label(), spec.unit(), spec.lowerIsBetter(),
                        d == null ? "" : d.text(), d == null ? null : d.updatedBy(),
                        d == null ? null : d.updatedAt(), current, previous, change, changeText(spec, change),
                        List.copyOf(trend)));
            }
            return new Scorecard(ps.kind(), ps.describe(), ps.current().from(), ps.current().to(),
                    ps.previous().from(), ps.previous().to(), min, influence.minSample(), List.copyOf(figures));
        });
    }

    // ---- the figures ----

    /**
     * Per period: {published assets, of them used}. Used: viewed, previewed, downloaded or shared by anyone but the
     * owner in the period (the rollup, one query for all periods); published: as the unused-content report counts
     * them, published now and by the period's end.
     */
    private Mono<long[][]> libraryUsed(ScorecardPeriods ps) {
        Mono<Map<UUID, Integer>> used = usedPeriods(ps);
        LocalDate today = today();
        return Mono.zip(library.current(), used).map(t -> {
            List<ScorecardPeriods.Period> periods = ps.periods();
            long[][] figures = new long[periods.size()][2];
            for (AssetCatalog.Dimensions asset : t.getT1().assets().values()) {
                if (!UnusedReports.publishedOn(asset, today)) {
                    continue;
                }
                LocalDate published = asset.publishedAt() == null ? null
                        : LocalDate.ofInstant(asset.publishedAt(), ZoneOffset.UTC);
                int bits = t.getT2().getOrDefault(asset.id(), 0);
                for (int i = 0; i < periods.size(); i++) {
                    if (published == null || !published.isAfter(periods.get(i).to())) {
                        figures[i][0]++;
                        if ((bits & (1 << i)) != 0) {
                            figures[i][1]++;
                        }
                    }
                }
            }
            return figures;
        });
    }

    /**
     * Per asset the periods (bit i: period i, oldest first) it was viewed, previewed, downloaded or shared in: for
     * 30 or 90 days, the trailing windows' bits when they end on the current period's last day ({@link
     * UsageWindows}: bit k is the k-th window back); for quarters, whole months ({@code usage_asset_month}'s days
     * used); else the days.
     */
    private Mono<Map<UUID, Integer>> usedPeriods(ScorecardPeriods ps) {
        int count = ps.periods().size();
        if (ps.kind().equals("quarter")) {
            return usedBits(db.sql("select asset_id, bit_or(1 << (width_bucket(month, :bounds::date[]) - 1)) "
                    + "as periods from usage_asset_month where month >= :from and month < :end and days_used <> 0 "
                    + "group by asset_id").bind("bounds", dateBounds(ps)).bind("from", ps.first())
                    .bind("end", ps.end()));
        }
        long days = ps.current().days();
        return windows.covers(ps.current().to(), days).flatMap(covered -> {
            if (covered && count <= UsageWindows.TRENDS) {
                return usedBits(db.sql("select asset_id, used as periods from usage_asset_window "
                        + "where window_days = :window and used <> 0").bind("window", (int) days))
                        .map(byWindow -> {
                            Map<UUID, Integer> byPeriod = new HashMap<>();
                            byWindow.forEach((asset, bits) -> {
                                int periods = 0;
                                for (int k = 0; k < count; k++) {
                                    if ((bits & (1 << k)) != 0) {
                                        periods |= 1 << (count - 1 - k);
                                    }
                                }
                                byPeriod.put(asset, periods);
                            });
                            return byPeriod;
                        });
            }
            return usedBits(db.sql("select asset_id, bit_or(1 << (width_bucket(day, :bounds::date[]) - 1)) "
                    + "as periods from usage_asset_day where day >= :from and day < :end "
                    + "and views + previews + downloads + shares > 0 group by asset_id")
                    .bind("bounds", dateBounds(ps)).bind("from", ps.first()).bind("end", ps.end()));
        });
    }

    private static Mono<Map<UUID, Integer>> usedBits(DatabaseClient.GenericExecuteSpec spec) {
        return spec.map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("periods", Integer.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Per period: {decided deals an asset influenced, of them won}. As the influence report counts "with": a deal
     * decided in the period where an asset was shared or used (recorded with the deal) before the decision.
     */
    Mono<long[][]> winRate(List<Instant> bounds) {
        return deals.forReports(bounds.getFirst(), bounds.getLast())
                .filter(d -> d.outcome() != Outcome.OPEN && d.decidedAt() != null)
                .collectList()
                .flatMap(decided -> {
                    List<Long> ids = decided.stream().map(DealFacts::id).toList();
                    return Mono.zip(dealShares.forDeals(ids), usage.firstUsesForDeals(ids)).map(t -> {
                        Map<Long, Instant> first = new HashMap<>();
                        t.getT1().forEach(s -> first.merge(s.dealId(), s.sharedAt(), ScorecardReport::earlier));
                        t.getT2().forEach(u -> first.merge(u.dealId(), u.at(), ScorecardReport::earlier));
                        long[][] figures = new long[bounds.size() - 1][2];
                        for (DealFacts deal : decided) {
                            Instant touched = first.get(deal.id());
                            int i = bucket(bounds, deal.decidedAt());
                            if (i >= 0 && touched != null && touched.isBefore(deal.decidedAt())) {
                                figures[i][0]++;
                                if (deal.outcome() == Outcome.WON) {
                                    figures[i][1]++;
                                }
                            }
                        }
                        return figures;
                    });
                });
    }

    /**
     * Per period: {links made by reps, active reps, links made by anyone, of them opened by a buyer in a verified
     * visit}. Reps: enabled accounts whose role is rep (not marketers, trainers or admins). Active: a rep who
     * viewed, previewed, downloaded or shared an asset in the period (the rollup, one query).
     */
    private Mono<long[][]> repShares(ScorecardPeriods ps, List<Instant> bounds) {
        Mono<Set<Long>> reps = Mono.zip(accounts.activeIdsIncluding(Role.REP).collectList(),
                accounts.activeIdsIncluding(Role.MARKETER).collectList(),
                accounts.activeIdsIncluding(Role.TRAINER).collectList()).map(t -> {
                    Set<Long> ids = new HashSet<>(t.getT1());
                    t.getT2().forEach(ids::remove);
                    t.getT3().forEach(ids::remove);
                    return ids;
                });
        return reps.flatMap(ids -> {
            Mono<Map<Integer, Long>> active = ids.isEmpty() ? Mono.just(Map.of()) : db.sql(
                            "select width_bucket(day, :bounds::date[]) as period, count(distinct account_id) as n "
                                    + "from usage_daily_account where day >= :from and day < :end "
                                    + "and action = any(:actions) and account_id = any(:reps) group by 1")
                    .bind("bounds", dateBounds(ps))
                    .bind("from", ps.first())
                    .bind("end", ps.end())
                    .bind("actions", USES)
                    .bind("reps", ids.toArray(Long[]::new))
                    .map(row -> Map.entry(row.get("period", Integer.class), row.get("n", Long.class)))
                    .all()
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue);
            return Mono.zip(active, links.linksMade(bounds)).map(t -> {
                long[][] figures = new long[bounds.size() - 1][4];
                for (BuyerReads.LinksMade made : t.getT2()) {
                    int i = made.period() - 1;
                    if (i < 0 || i >= figures.length) {
                        continue;
                    }
                    if (ids.contains(made.ownerId())) {
                        figures[i][0] += made.links();
                    }
                    figures[i][2] += made.links();
                    figures[i][3] += made.visited();
                }
                t.getT1().forEach((period, count) -> {
                    if (period >= 1 && period <= figures.length) {
                        figures[period - 1][1] = count;
                    }
                });
                return figures;
            });
        });
    }

    // ---- points ----

    private static Point rate(ScorecardPeriods ps, int i, long count, long sample, int min) {
        ScorecardPeriods.Period p = ps.periods().get(i);
        if (sample < min || sample == 0) {
            return notEnough(ps, i, count, sample);
        }
        BigDecimal value = BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(sample), 1,
                RoundingMode.HALF_UP);
        return new Point(p.from(), p.to(), p.label(ps.kind()), value, count, sample, true,
                value.toPlainString() + "%");
    }

    private static Point count(ScorecardPeriods ps, int i, long count) {
        ScorecardPeriods.Period p = ps.periods().get(i);
        return new Point(p.from(), p.to(), p.label(ps.kind()), BigDecimal.valueOf(count), count, count, true,
                Long.toString(count));
    }

    private static Point measure(ScorecardPeriods ps, int i, Double value, long sample, int min, String suffix) {
        ScorecardPeriods.Period p = ps.periods().get(i);
        if (value == null || sample < min) {
            return notEnough(ps, i, sample, sample);
        }
        BigDecimal v = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
        return new Point(p.from(), p.to(), p.label(ps.kind()), v, sample, sample, true, v.toPlainString() + suffix);
    }

    private static Point perRepWeek(ScorecardPeriods ps, int i, long links, long activeReps) {
        ScorecardPeriods.Period p = ps.periods().get(i);
        if (activeReps == 0) {
            return notEnough(ps, i, links, 0);
        }
        BigDecimal value = BigDecimal.valueOf(links * 7).divide(BigDecimal.valueOf(activeReps * p.days()), 1,
                RoundingMode.HALF_UP);
        return new Point(p.from(), p.to(), p.label(ps.kind()), value, links, activeReps, true, value.toPlainString());
    }

    private static Point notEnough(ScorecardPeriods ps, int i, long count, long sample) {
        ScorecardPeriods.Period p = ps.periods().get(i);
        return new Point(p.from(), p.to(), p.label(ps.kind()), null, count, sample, false,
                "not enough data (n = " + sample + ")");
    }

    static String changeText(Spec spec, BigDecimal change) {
        if (change == null) {
            return "–";
        }
        if (change.signum() == 0) {
            return "no change";
        }
        String number = (change.signum() > 0 ? "+" : "−") + change.abs().toPlainString();
        return switch (spec.unit()) {
            case "percent" -> number + " pts";
            case "days" -> number + " days";
            default -> number;
        };
    }

    // ---- helpers ----

    /** Each period's first day and the day after the last, as text for a {@code date[]} parameter. */
    private static String[] dateBounds(ScorecardPeriods ps) {
        List<String> bounds = new ArrayList<>();
        ps.periods().forEach(p -> bounds.add(p.from().toString()));
        bounds.add(ps.end().toString());
        return bounds.toArray(String[]::new);
    }

    /** The index of the period {@code at} falls in, or -1. */
    static int bucket(List<Instant> bounds, Instant at) {
        for (int i = 0; i + 1 < bounds.size(); i++) {
            if (!at.isBefore(bounds.get(i)) && at.isBefore(bounds.get(i + 1))) {
                return i;
            }
        }
        return -1;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
