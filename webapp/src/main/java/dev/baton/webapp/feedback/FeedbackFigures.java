package dev.baton.webapp.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What reps said and asked for, as figures per period, for the joint scorecard (reports): content requests opened,
 * fulfilled, the median time to fulfil them and how many were answered by their due date; ratings given and their
 * average; flags still unanswered at each period's end. Five grouped queries, whatever the number of periods.
 */
@Component
public class FeedbackFigures {

    /**
     * One period's figures.
     *
     * @param period 1 for {@code bounds[0]} up to {@code bounds[1]}, and so on
     * @param opened requests asked for in the period
     * @param fulfilled requests marked fulfilled in the period
     * @param medianDaysToFulfil the median of their days from request to fulfilment; {@code null} when none
     * @param due requests whose due date fell in the period and has passed, or that were answered already
     * @param answeredInTime of them, those fulfilled or declined on or before their due date
     * @param ratings ratings given in the period (a person's latest of an asset, dated when given)
     * @param averageRating their average stars; {@code null} when none
     * @param openFlags flags not answered at the period's end (its upper bound)
     */
    public record Period(int period, long opened, long fulfilled, Double medianDaysToFulfil, long due,
            long answeredInTime, long ratings, Double averageRating, long openFlags) {}

    private final DatabaseClient db;
    private final Clock clock;

    FeedbackFigures(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The figures of each period between consecutive {@code bounds} (ascending), in order. */
    public Mono<List<Period>> periods(List<Instant> bounds) {
        if (bounds.size() < 2) {
            return Mono.just(List.of());
        }
        String[] b = bounds.stream().map(Instant::toString).toArray(String[]::new);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Mono<Map<Integer, long[]>> opened = counts("""
                select width_bucket(created_at, :bounds::timestamptz[]) as period, count(*) as n
                from content_request where created_at >= :from and created_at < :to group by 1""", bounds, b);
        Mono<Map<Integer, Object[]>> fulfilled = db.sql("""
                        select width_bucket(resolved_at, :bounds::timestamptz[]) as period, count(*) as n,
                               percentile_cont(0.5) within group (
                                   order by extract(epoch from resolved_at - created_at) / 86400.0) as median
                        from content_request
                        where status = 'FULFILLED' and resolved_at >= :from and resolved_at < :to group by 1""")
                .bind("bounds", b).bind("from", bounds.getFirst().atOffset(ZoneOffset.UTC))
                .bind("to", bounds.getLast().atOffset(ZoneOffset.UTC))
                .map(row -> new Object[] {row.get("period", Integer.class), row.get("n", Long.class),
                    row.get("median", Double.class)})
                .all()
                .collectMap(r -> (Integer) r[0], r -> r);
        Mono<Map<Integer, long[]>> due = db.sql("""
                        select width_bucket(due_on::timestamp at time zone 'UTC', :bounds::timestamptz[]) as period,
                               count(*) as n,
                               count(*) filter (where status in ('FULFILLED', 'DECLINED')
                                                and (resolved_at at time zone 'UTC')::date <= due_on) as m
                        from content_request
                        where due_on >= :fromDay and due_on < :toDay
                          and (due_on < :today or status in ('FULFILLED', 'DECLINED'))
                        group by 1""")
                .bind("bounds", b)
                .bind("fromDay", LocalDate.ofInstant(bounds.getFirst(), ZoneOffset.UTC))
                .bind("toDay", LocalDate.ofInstant(bounds.getLast(), ZoneOffset.UTC))
                .bind("today", today)
                .map(row -> new long[] {row.get("period", Integer.class), row.get("n", Long.class),
                    row.get("m", Long.class)})
                .all()
                .collectMap(r -> (int) r[0], r -> r);
        Mono<Map<Integer, Object[]>> ratings = db.sql("""
                        select width_bucket(rated_at, :bounds::timestamptz[]) as period, count(*) as n,
                               avg(stars)::float8 as average
                        from asset_rating where rated_at >= :from and rated_at < :to group by 1""")
                .bind("bounds", b).bind("from", bounds.getFirst().atOffset(ZoneOffset.UTC))
                .bind("to", bounds.getLast().atOffset(ZoneOffset.UTC))
                .map(row -> new Object[] {row.get("period", Integer.class), row.get("n", Long.class),
                    row.get("average", Double.class)})
                .all()
                .collectMap(r -> (Integer) r[0], r -> r);
        // flags open at each period's end: made before it, and unanswered then
        Mono<Map<Integer, Long>> flags = db.sql("""
                        select e.i::int as period, count(f.id) as n
                        from unnest(:ends::timestamptz[]) with ordinality as e(at, i)
                        left join asset_feedback f on f.kind = 'FLAG' and f.created_at < e.at
                             and (f.replied_at is null or f.replied_at >= e.at)
                        group by e.i""")
                .bind("ends", java.util.Arrays.copyOfRange(b, 1, b.length))
                .map(row -> Map.entry(row.get("period", Integer.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(opened, fulfilled, due, ratings, flags).map(t -> {
            List<Period> periods = new ArrayList<>();
            for (int p = 1; p < bounds.size(); p++) {
                long[] o = t.getT1().getOrDefault(p, new long[3]);
                Object[] f = t.getT2().get(p);
                long[] d = t.getT3().getOrDefault(p, new long[3]);
                Object[] r = t.getT4().get(p);
                periods.add(new Period(p, o[1], f == null ? 0 : (Long) f[1], f == null ? null : (Double) f[2],
                        d[1], d[2], r == null ? 0 : (Long) r[1], r == null ? null : (Double) r[2],
                        t.getT5().getOrDefault(p, 0L)));
            }
            return periods;
        });
    }

    private Mono<Map<Integer, long[]>> counts(String sql, List<Instant> bounds, String[] b) {
        return db.sql(sql)
                .bind("bounds", b).bind("from", bounds.getFirst().atOffset(ZoneOffset.UTC))
                .bind("to", bounds.getLast().atOffset(ZoneOffset.UTC))
                .map(row -> new long[] {row.get("period", Integer.class), row.get("n", Long.class), 0})
                .all()
                .collectMap(r -> (int) r[0], r -> r, HashMap::new);
    }
}
