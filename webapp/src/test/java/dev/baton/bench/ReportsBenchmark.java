package dev.baton.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reports at scale (issue 14, point 11): a generator of synthetic assets and usage events loaded straight into
 * Baton's database (generate_series, as a bulk load would), the time the rollup worker takes to fold them in, then
 * each report's answer time over HTTP (read from the rollups) against the same report computed from the raw events
 * in SQL over JDBC, p50 and p95, and a check that both give the same numbers; and the joint scorecard (30 and 90
 * days, quarters) against its share of the library used per period from the raw events. Run by {@code reports.sh}.
 *
 * <p>Knobs (environment): BENCH_ASSETS (100000), BENCH_EVENTS (10000000), BENCH_REPS (500), BENCH_DAYS (365),
 * BENCH_RUNS (20 timed requests per report and side, after 3 warm-ups).
 */
public final class ReportsBenchmark {

    private static final int ASSETS = env("BENCH_ASSETS", 100_000);
    private static final long EVENTS = env("BENCH_EVENTS", 10_000_000);
    private static final int REPS = env("BENCH_REPS", 500);
    private static final int DAYS = env("BENCH_DAYS", 365);
    private static final int RUNS = env("BENCH_RUNS", 20);
    private static final int OWNERS = 20;
    private static final long CHUNK = 1_000_000;
    private static final Pattern USES = Pattern.compile("\"totals\"\\s*:\\s*\\{\\s*\"uses\"\\s*:\\s*(\\d+)");
    private static final Pattern UNUSED = Pattern.compile("\"unused\"\\s*:\\s*(\\d+)");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String jdbcUrl;
    private final String jdbcPassword;
    private String authorization;

    private ReportsBenchmark(URI base, String adminPassword, Path dataDir) throws Exception {
        this.base = base;
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        this.authorization = ApiTokens.issue(http, base, basic, "reports-bench");
        String port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip();
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        this.jdbcPassword = Files.readString(dataDir.resolve("postgres-password")).strip();
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    public static void main(String[] args) throws Exception {
        ReportsBenchmark bench = new ReportsBenchmark(URI.create(args[0]), args[1], Path.of(args[2]));
        System.out.printf(Locale.ROOT, "%,d assets, %,d usage events over %d days, %d reps, %d owners%n", ASSETS,
                EVENTS, DAYS, REPS, OWNERS);
        bench.load();
        bench.awaitRollup();
        bench.reports();
    }

    // ---------------------------------------------------------------- the generator

    private void load() throws Exception {
        long start = System.nanoTime();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", jdbcPassword);
                Statement s = db.createStatement()) {
            s.execute("insert into account (username, display_name, password_hash, role) "
                    + "select 'bench-rep-' || g, 'Bench Rep ' || g, '{noop}-', 'REP' from generate_series(1, "
                    + REPS + ") g");
            s.execute("insert into account (username, display_name, password_hash, role) "
                    + "select 'bench-owner-' || g, 'Bench Owner ' || g, '{noop}-', 'MARKETER' "
                    + "from generate_series(1, " + OWNERS + ") g");
            s.execute("create table bench_rep as select row_number() over (order by id) as n, id from account "
                    + "where username like 'bench-rep-%'");
            // ten teams; every rep in one, every seventh also in the next
            s.execute("insert into team (name) select 'Bench team ' || g from generate_series(1, 10) g");
            s.execute("insert into team_member (team_id, account_id) select t.id, r.id from bench_rep r "
                    + "join team t on t.name = 'Bench team ' || (1 + r.n % 10)");
            s.execute("insert into team_member (team_id, account_id) select t.id, r.id from bench_rep r "
                    + "join team t on t.name = 'Bench team ' || (1 + (r.n + 1) % 10) where r.n % 7 = 0");
            s.execute("create table bench_owner as select row_number() over (order by id) as n, id from account "
                    + "where username like 'bench-owner-%'");
            // 90% published, the rest drafts and archived; published over the last two years; a type, one or two
            // stages, a product and an industry from the default taxonomy
            s.execute("create table bench_asset as select g as n, gen_random_uuid() as id, "
                    + "(select id from bench_owner where n = 1 + g % " + OWNERS + ") as owner_id from generate_series(1, "
                    + ASSETS + ") g");
            s.execute("create index on bench_asset (n)");
            s.execute("insert into asset (id, title, status, owner_id, current_version, content_type, published_at, "
                    + "updated_at) select a.id, 'Bench asset ' || a.n, case when a.n % 10 = 0 then 'DRAFT' "
                    + "when a.n % 10 = 5 then 'ARCHIVED' else 'PUBLISHED' end, a.owner_id, 1, "
                    + "(select key from taxonomy_value where facet_key = 'content_type' order by key "
                    + "offset a.n % (select count(*) from taxonomy_value where facet_key = 'content_type') limit 1), "
                    + "now() - (a.n % 730) * interval '1 day', now() from bench_asset a");
            s.execute("insert into asset_version (asset_id, version, blob_key, sha256, size, media_type, file_name, "
                    + "extraction_status, created_by, thumbnail_status, pages_status) select a.id, 1, "
                    + "'bench/' || a.id, encode(sha256(a.id::text::bytea), 'hex'), 1, 'application/pdf', 'bench.pdf', "
                    + "'FAILED', a.owner_id, 'NONE', 'NONE' from bench_asset a");
            for (String facet : List.of("buyer_stage", "product", "industry")) {
                s.execute("insert into asset_facet (asset_id, facet_key, value_key) select a.id, v.facet_key, v.key "
                        + "from bench_asset a join (select facet_key, key, row_number() over (order by key) - 1 as i, "
                        + "count(*) over () as c from taxonomy_value where facet_key = '" + facet + "') v "
                        + "on v.i = a.n % v.c on conflict do nothing");
            }
            s.execute("insert into asset_facet (asset_id, facet_key, value_key) select a.id, v.facet_key, v.key "
                    + "from bench_asset a join (select facet_key, key, row_number() over (order by key) - 1 as i, "
                    + "count(*) over () as c from taxonomy_value where facet_key = 'buyer_stage') v "
                    + "on v.i = (a.n / 7) % v.c where a.n % 3 = 0 on conflict do nothing");
            System.out.printf(Locale.ROOT, "assets loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
            // events: a few assets used a lot (the asset's rank drawn as random()^4), 5% by the asset's owner, a
            // mix of actions, over the last BENCH_DAYS days
            for (long from = 0; from < EVENTS; from += CHUNK) {
                long n = Math.min(CHUNK, EVENTS - from);
                long t = System.nanoTime();
                s.execute("insert into usage_event (occurred_at, account_id, asset_id, version, action) "
                        + "select now() - r.age * interval '1 day' * " + DAYS + ", "
                        + "case when r.own < 0.05 then a.owner_id else p.id end, a.id, 1, "
                        + "(array['VIEW','VIEW','VIEW','PREVIEW','PREVIEW','DOWNLOAD','SHARE','EMAIL'])[r.act] "
                        + "from (select 1 + floor(power(random(), 4) * " + ASSETS + ")::int as k, "
                        + "1 + floor(random() * " + REPS + ")::int as rep, random() as own, random() as age, "
                        + "1 + floor(random() * 8)::int as act from generate_series(1, " + n + ")) r "
                        + "join bench_asset a on a.n = r.k join bench_rep p on p.n = r.rep");
                System.out.printf(Locale.ROOT, "  %,d events in %.1f s%n", from + n, (System.nanoTime() - t) / 1e9);
            }
            s.execute("analyze");
        }
        System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    // ---------------------------------------------------------------- the rollup

    private void awaitRollup() throws Exception {
        long start = System.nanoTime();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", jdbcPassword);
                Statement s = db.createStatement()) {
            long last = one(s, "select max(id) from usage_event");
            long lastPrint = 0;
            while (true) {
                long watermark = one(s, "select watermark from usage_rollup_cursor");
                if (watermark >= last) {
                    break;
                }
                if (System.nanoTime() - lastPrint > 30e9) {
                    System.out.printf(Locale.ROOT, "  rollup at %,d of %,d%n", watermark, last);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(500);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "rollup folded %,d events in %.1f s (%,.0f events/s); rows: usage_daily "
                            + "%,d, usage_daily_account %,d, usage_asset_day %,d, usage_asset_month %,d, "
                            + "usage_asset_state %,d, usage_asset_window %,d%n", EVENTS, seconds, EVENTS / seconds,
                    one(s, "select count(*) from usage_daily"), one(s, "select count(*) from usage_daily_account"),
                    one(s, "select count(*) from usage_asset_day"), one(s, "select count(*) from usage_asset_month"),
                    one(s, "select count(*) from usage_asset_state"),
                    one(s, "select count(*) from usage_asset_window"));
        }
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- the reports

    private static final String USES_SQL = "e.action in ('VIEW','PREVIEW','DOWNLOAD','SHARE','EMAIL','MEETING') "
            + "and e.account_id is distinct from a.owner_id and e.occurred_at >= ?::date "
            + "and e.occurred_at < ?::date + 1";

    private void reports() throws Exception {
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(89);
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", jdbcPassword)) {
            System.out.printf(Locale.ROOT, "%-28s %10s %10s %10s %10s %8s  %s%n", "report (90 days)", "p50 ms",
                    "p95 ms", "raw p50", "raw p95", "ratio", "same numbers");
            Callable<Long> total = () -> sum(db, "select count(*) from usage_event e join asset a "
                    + "on a.id = e.asset_id where " + USES_SQL, from, to);
            // per asset in the window and the window before, the most used first: what the report's rows, top and
            // rising need
            compare("usage by asset", "/api/v1/reports/usage?window=90&by=asset&grain=week", USES, total,
                    () -> run(db, "select e.asset_id, count(*) filter (where e.occurred_at >= ?::date) as n, "
                            + "count(*) filter (where e.occurred_at < ?::date) as b, "
                            + "count(*) filter (where e.action = 'VIEW' and e.occurred_at >= ?::date) as v "
                            + "from usage_event e join asset a on a.id = e.asset_id where "
                            + USES_SQL.replace("e.occurred_at >= ?::date", "e.occurred_at >= ?::date - 90")
                            + " group by 1 order by 2 desc limit 50", from, from, from, from, to));
            compare("usage by stage", "/api/v1/reports/usage?window=90&by=stage&grain=week", USES, total,
                    () -> run(db, "select f.value_key, count(*) from usage_event e join asset a on a.id = e.asset_id "
                            + "left join asset_facet f on f.asset_id = a.id and f.facet_key = 'buyer_stage' where "
                            + USES_SQL + " group by 1", from, to));
            compare("usage by type", "/api/v1/reports/usage?window=90&by=type&grain=week", USES, total,
                    () -> run(db, "select a.content_type, e.action, count(*) from usage_event e join asset a "
                            + "on a.id = e.asset_id where " + USES_SQL + " group by 1, 2", from, to));
            compare("usage by rep", "/api/v1/reports/usage?window=90&by=rep&grain=week", USES, total,
                    () -> run(db, "select e.account_id, e.action, count(*) from usage_event e join asset a "
                            + "on a.id = e.asset_id where " + USES_SQL + " group by 1, 2", from, to));
            compare("usage by team", "/api/v1/reports/usage?window=90&by=team&grain=week", USES, total,
                    () -> run(db, "select m.team_id, e.action, count(*) from usage_event e join asset a "
                            + "on a.id = e.asset_id left join team_member m on m.account_id = e.account_id where "
                            + USES_SQL + " group by 1, 2", from, to));
            compare("usage by month, 365 days", "/api/v1/reports/usage?window=365&by=product&grain=month", USES,
                    () -> sum(db, "select count(*) from usage_event e join asset a on a.id = e.asset_id where "
                            + USES_SQL, to.minusDays(364), to),
                    () -> run(db, "select f.value_key, date_trunc('month', e.occurred_at), count(*) "
                            + "from usage_event e join asset a on a.id = e.asset_id left join asset_facet f "
                            + "on f.asset_id = a.id and f.facet_key = 'product' where " + USES_SQL
                            + " group by 1, 2", to.minusDays(364), to));
            compare("unused content", "/api/v1/reports/unused?window=90", UNUSED,
                    () -> sum(db, "select count(*) from asset a where a.status = 'PUBLISHED' and not exists ("
                            + "select 1 from usage_event e where e.asset_id = a.id and e.action in ('VIEW','PREVIEW',"
                            + "'DOWNLOAD','SHARE') and e.account_id is distinct from a.owner_id and "
                            + "e.occurred_at >= ?::date and e.occurred_at < ?::date + 1)", from, to),
                    () -> run(db, "select count(*) from asset a where a.status = 'PUBLISHED' and not exists ("
                            + "select 1 from usage_event e where e.asset_id = a.id and e.action in ('VIEW','PREVIEW',"
                            + "'DOWNLOAD','SHARE') and e.account_id is distinct from a.owner_id and "
                            + "e.occurred_at >= ?::date and e.occurred_at < ?::date + 1)", from, to));
            // coverage (stage by persona): reads the rollups (UsageReports.usesByAsset), one row per used asset; the
            // raw events' query it replaced is timed beside it
            compare("coverage, 90 days", "/api/v1/reports/coverage?days=90", null, null,
                    () -> run(db, "select e.asset_id, count(*) from usage_event e join asset a on a.id = e.asset_id "
                            + "where a.status = 'PUBLISHED' and e.action <> 'PAGE_VIEW' and e.account_id is distinct "
                            + "from a.owner_id and e.occurred_at >= ?::date group by 1", from));
            // the joint scorecard: its heaviest figure from the raw events is the share of the library used in each
            // of its eight periods (the rest reads deals, links, searches and feedback, which this set has none of)
            for (String period : List.of("30", "90", "quarter")) {
                LocalDate[] bounds = scorecardBounds(period, to);
                compare("scorecard, " + (period.equals("quarter") ? "quarters" : period + " days"),
                        "/api/v1/reports/scorecard?period=" + period, null, null,
                        () -> run(db, "select width_bucket(e.occurred_at::date, array[" + "?::date, ".repeat(8)
                                + "?::date]) as period, count(distinct e.asset_id) from usage_event e join asset a "
                                + "on a.id = e.asset_id where a.status = 'PUBLISHED' and e.action in ('VIEW',"
                                + "'PREVIEW','DOWNLOAD','SHARE') and e.account_id is distinct from a.owner_id and "
                                + "e.occurred_at >= ?::date and e.occurred_at < ?::date group by 1",
                                concat(bounds, bounds[0], bounds[8])));
            }
        }
    }

    /** The scorecard's eight periods as nine bounds (as ScorecardPeriods makes them): trailing windows or quarters. */
    private static LocalDate[] scorecardBounds(String period, LocalDate today) {
        LocalDate[] bounds = new LocalDate[9];
        if (period.equals("quarter")) {
            LocalDate quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
            for (int i = 0; i <= 8; i++) {
                bounds[i] = quarter.minusMonths(3L * (8 - i));
            }
        } else {
            int days = Integer.parseInt(period);
            for (int i = 0; i <= 8; i++) {
                bounds[i] = today.plusDays(1).minusDays((long) days * (8 - i));
            }
        }
        return bounds;
    }

    private static LocalDate[] concat(LocalDate[] first, LocalDate... more) {
        LocalDate[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private void compare(String name, String path, Pattern figure, Callable<Long> expected, Callable<Long> raw)
            throws Exception {
        String body = get(path);
        String same = "-";
        if (expected != null) {
            Matcher m = figure.matcher(body);
            long answered = m.find() ? Long.parseLong(m.group(1)) : -1;
            long computed = expected.call();
            same = answered == computed ? "yes (" + answered + ")" : "NO: " + answered + " vs " + computed;
        }
        List<Double> api = time(() -> {
            get(path);
            return 0L;
        });
        List<Double> sql = time(raw);
        System.out.printf(Locale.ROOT, "%-28s %10.0f %10.0f %10.0f %10.0f %8.1f  %s%n", name, pct(api, 50),
                pct(api, 95), pct(sql, 50), pct(sql, 95), pct(sql, 95) / pct(api, 95), same);
    }

    private List<Double> time(Callable<Long> call) throws Exception {
        for (int i = 0; i < 3; i++) {
            call.call();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            call.call();
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        return millis;
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", authorization).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static long sum(Connection db, String sql, LocalDate from, LocalDate to) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long run(Connection db, String sql, LocalDate... days) throws Exception {
        long rows = 0;
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < days.length; i++) {
                ps.setString(i + 1, days[i].toString());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
        }
        return rows;
    }
}
