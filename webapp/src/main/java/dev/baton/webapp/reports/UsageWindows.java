package dev.baton.webapp.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each asset's trailing sums for the standard windows ({@code usage_asset_window}: the last 7, 30, 90, 180 and 365
 * days ending on {@code as_of}, the window before each, and in which of the last {@link #TRENDS} windows it was
 * opened or shared). A report over such a window ending today reads one row per asset here instead of summing the
 * monthly and daily rollups. {@link UsageRollup} keeps it inside its rounds (so it always holds exactly the events
 * folded in): each round adds its per-asset days ({@link #add}); the first round of a new day recomputes the whole
 * table from {@code usage_asset_day} ({@link #recomputeIfStale}). A report asks {@link #covers} first and takes its
 * other path when the table does not end on the report's last day (the day changed and no round has run since).
 */
@Component
class UsageWindows {

    /** The windows kept, in days. */
    static final List<Integer> WINDOWS = List.of(7, 30, 90, 180, 365);

    /** How many windows back the {@code used} bits go (the scorecard shows eight periods, the unused report six). */
    static final int TRENDS = 8;

    private static final Logger log = LoggerFactory.getLogger(UsageWindows.class);

    private final DatabaseClient db;

    UsageWindows(DatabaseClient db) {
        this.db = db;
    }

    /** Whether the table holds the window of {@code days} days ending on {@code to}. */
    Mono<Boolean> covers(LocalDate to, long days) {
        if (!WINDOWS.contains((int) days)) {
            return Mono.just(false);
        }
        return asOf().map(to::equals).defaultIfEmpty(false);
    }

    /** The day the windows end on; empty before the first round computed them. */
    Mono<LocalDate> asOf() {
        return db.sql("select as_of from usage_window_state where id = 1")
                .map(row -> java.util.Optional.ofNullable(row.get("as_of", LocalDate.class)))
                .one()
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * Recomputes every window to end on {@code today} from {@code usage_asset_day} unless it already does; called in
     * a rollup round (which holds the rollup's cursor lock, so no other round folds meanwhile).
     */
    Mono<Void> recomputeIfStale(LocalDate today) {
        return asOf().map(today::equals).defaultIfEmpty(false)
                .flatMap(current -> current ? Mono.<Void>empty() : recompute(today));
    }

    private Mono<Void> recompute(LocalDate today) {
        int longest = WINDOWS.getLast() * TRENDS;
        StringBuilder sums = new StringBuilder();
        StringBuilder rows = new StringBuilder();
        for (int w : WINDOWS) {
            String cur = "filter (where age < " + w + ")";
            sums.append(", sum(views::int) ").append(cur).append(" as v").append(w)
                    .append(", sum(previews::int) ").append(cur).append(" as p").append(w)
                    .append(", sum(downloads::int) ").append(cur).append(" as d").append(w)
                    .append(", sum(shares::int) ").append(cur).append(" as s").append(w)
                    .append(", sum(other::int) ").append(cur).append(" as o").append(w)
                    .append(", sum(total::int) filter (where age >= ").append(w).append(" and age < ").append(2 * w)
                    .append(") as b").append(w)
                    .append(", bit_or(1 << (age / ").append(w).append(")) filter (where opened and age < ")
                    .append(TRENDS * w).append(") as u").append(w);
            rows.append(rows.isEmpty() ? "" : ", ").append("(").append(w);
            for (String c : List.of("v", "p", "d", "s", "o", "b", "u")) {
                rows.append(", coalesce(").append(c).append(w).append(", 0)");
            }
            rows.append(")");
        }
        String sql = "insert into usage_asset_window (window_days, asset_id, views, previews, downloads, shares, "
                + "other, previous, used) select x.w, g.asset_id, x.v, x.p, x.d, x.s, x.o, x.b, x.u from ("
                + "select asset_id" + sums + " from (select asset_id, :today::date - day as age, views, previews, "
                + "downloads, shares, other, views + previews + downloads + shares + other as total, "
                + "views + previews + downloads + shares > 0 as opened from usage_asset_day "
                + "where day <= :today and day > :today::date - " + longest + ") as a group by asset_id) as g "
                + "cross join lateral (values " + rows + ") as x(w, v, p, d, s, o, b, u) "
                + "where x.v + x.p + x.d + x.s + x.o + x.b > 0 or x.u <> 0";
        // a day's row holds a few uses: int sums (bigint results) instead of numeric ones; one pass of ~6 million
        // rows at ten million events, grouped per asset in memory, without JIT compilation (seconds of its own)
        return db.sql("set local work_mem = '256MB'").then()
                .then(db.sql("set local jit = off").then())
                .then(db.sql("delete from usage_asset_window").then())
                .then(db.sql(sql).bind("today", today).then())
                .then(db.sql("update usage_window_state set as_of = :today where id = 1").bind("today", today).then())
                .thenReturn(today)
                .elapsed()
                .doOnNext(t -> log.info("Trailing usage windows recomputed to end on {} in {} ms", today, t.getT1()))
                .then();
    }

    /**
     * Adds uses per asset and day (columns views, previews, downloads, shares, other) to every window they fall in
     * as of the table's day; days after it are left to the next day's recompute.
     */
    Mono<Void> add(String[] days, UUID[] assets, Long[][] columns) {
        if (days.length == 0) {
            return Mono.empty();
        }
        return db.sql("insert into usage_asset_window as x (window_days, asset_id, views, previews, downloads, shares, "
                        + "other, previous, used) select n.w, t.a, "
                        + "coalesce(sum(t.v) filter (where t.age < n.w), 0), "
                        + "coalesce(sum(t.p) filter (where t.age < n.w), 0), "
                        + "coalesce(sum(t.dl) filter (where t.age < n.w), 0), "
                        + "coalesce(sum(t.sh) filter (where t.age < n.w), 0), "
                        + "coalesce(sum(t.o) filter (where t.age < n.w), 0), "
                        + "coalesce(sum(t.v + t.p + t.dl + t.sh + t.o) filter (where t.age >= n.w "
                        + "and t.age < 2 * n.w), 0), "
                        + "coalesce(bit_or(1 << (t.age / n.w)) filter (where t.v + t.p + t.dl + t.sh > 0), 0) "
                        + "from (select st.as_of - u.d::date as age, u.a, u.v, u.p, u.dl, u.sh, u.o "
                        + "from unnest(:days::text[], :assets::uuid[], :v::bigint[], :p::bigint[], :w::bigint[], "
                        + ":s::bigint[], :o::bigint[]) as u(d, a, v, p, dl, sh, o) cross join usage_window_state as st "
                        + "where st.id = 1) as t cross join unnest(:windows::int[]) as n(w) "
                        + "where t.age >= 0 and t.age < " + TRENDS + " * n.w group by n.w, t.a "
                        + "having bool_or(t.age < 2 * n.w) or bool_or(t.v + t.p + t.dl + t.sh > 0) "
                        + "on conflict (window_days, asset_id) do update set views = x.views + excluded.views, "
                        + "previews = x.previews + excluded.previews, downloads = x.downloads + excluded.downloads, "
                        + "shares = x.shares + excluded.shares, other = x.other + excluded.other, "
                        + "previous = x.previous + excluded.previous, used = x.used | excluded.used")
                .bind("days", days).bind("assets", assets)
                .bind("v", columns[0]).bind("p", columns[1]).bind("w", columns[2]).bind("s", columns[3])
                .bind("o", columns[4]).bind("windows", WINDOWS.toArray(Integer[]::new))
                .then();
    }
}
