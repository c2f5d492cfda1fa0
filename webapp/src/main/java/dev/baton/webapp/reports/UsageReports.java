package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.system.BatonException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The usage report, read from the rollups ({@link UsageRollup}): uses in a window by asset, stage, type, product,
 * industry, persona, owner, rep or team, over days, weeks or months, with the top and rising assets. A use is a
 * view, preview, download, share or a use another tool reported (email, meeting) by anyone but the asset's owner; a
 * buyer's page reads are not uses. See docs/reports.md for each figure.
 */
@Service
class UsageReports {

    /** The actions that count as a use. */
    static final List<String> USE_ACTIONS = List.of("VIEW", "PREVIEW", "DOWNLOAD", "SHARE", "EMAIL", "MEETING");

    /** What a report can be grouped by, and the facet behind each (empty: not a facet). */
    static final Map<String, String> GROUPS = groups();

    static final List<String> GRAINS = List.of("day", "week", "month");
    static final int TOP = 10;
    static final String NO_TEAM = "(no team)";
    /** A report's query sums one row per asset: enough memory for 100,000 assets without spilling to disk. */
    static final String WORK_MEM = "set local work_mem = '64MB'";

    private final DatabaseClient db;
    private final LibraryDimensions library;
    private final AccountDirectory accounts;
    private final ReportSettings settings;
    private final Clock clock;
    private final TransactionalOperator tx;
    private final UsageWindows windows;

    UsageReports(DatabaseClient db, LibraryDimensions library, AccountDirectory accounts, ReportSettings settings,
            Clock clock, TransactionalOperator tx, UsageWindows windows) {
        this.tx = tx;
        this.windows = windows;
        this.db = db;
        this.library = library;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    private static Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("asset", "");
        groups.put("stage", "buyer_stage");
        groups.put("funnel", "funnel_stage");
        groups.put("type", "content_type");
        groups.put("product", "product");
        groups.put("industry", "industry");
        groups.put("persona", "persona");
        groups.put("owner", "");
        groups.put("rep", "");
        groups.put("team", "");
        return Map.copyOf(groups);
    }

    /** What was asked: the window's first and last day (UTC), the grain, the grouping, and how many rows. */
    record Query(LocalDate from, LocalDate to, String grain, String by, int limit) {

        long days() {
            return to.toEpochDay() - from.toEpochDay() + 1;
        }
    }

    /** Uses split by action. {@code other}: uses other tools reported (email, meeting). */
    record Figures(long uses, long views, long previews, long downloads, long shares, long other) {

        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0);

        Figures plus(String action, long n) {
            return switch (action) {
                case "VIEW" -> new Figures(uses + n, views + n, previews, downloads, shares, other);
                case "PREVIEW" -> new Figures(uses + n, views, previews + n, downloads, shares, other);
                case "DOWNLOAD" -> new Figures(uses + n, views, previews, downloads + n, shares, other);
                case "SHARE" -> new Figures(uses + n, views, previews, downloads, shares + n, other);
                case "EMAIL", "MEETING" -> new Figures(uses + n, views, previews, downloads, shares, other + n);
                default -> this;
            };
        }

        Figures plus(Figures o) {
            return new Figures(uses + o.uses, views + o.views, previews + o.previews, downloads + o.downloads,
                    shares + o.shares, other + o.other);
        }
    }

    /** One period of the chart: its first day and the uses in it. */
    record Point(LocalDate period, long uses) {}

    /** One row of the table: a group (an asset, a facet value, an owner, a rep) and its figures. */
    record Row(String key, String label, Figures figures, long assets) {}

    /** An asset's uses in the window and in the window before it. */
    record AssetFigure(UUID assetId, String title, long uses, long previous) {}

    /**
     * The report: the window, the grain and grouping, whether it is the caller's own figures only, whether rep names
     * are hidden, the totals, the series, the rows (the first {@code limit}, most used first, of {@code groups}),
     * the top and the rising assets.
     */
    record Report(LocalDate from, LocalDate to, String grain, String by, boolean mine, boolean repNamesHidden,
            Figures totals, List<Point> series, long groups, List<Row> rows, List<AssetFigure> top,
            List<AssetFigure> rising) {}

    /** Reads and checks the parameters; every wrong one is named. */
    Query query(Integer window, String from, String to, String grain, String by, Integer limit) {
        Map<String, String> problems = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate last = today;
        LocalDate first = null;
        if (to != null && !to.isBlank()) {
            last = date(to, "to", problems);
        }
        if (from != null && !from.isBlank()) {
            first = date(from, "from", problems);
        }
        int days = window == null ? 90 : window;
        if (days < 1 || days > 730) {
            problems.put("window", "use a number of days from 1 to 730");
        }
        String g = grain == null || grain.isBlank() ? "week" : grain.strip().toLowerCase(Locale.ROOT);
        if (!GRAINS.contains(g)) {
            problems.put("grain", "use day, week or month");
        }
        String b = by == null || by.isBlank() ? "asset" : by.strip().toLowerCase(Locale.ROOT);
        if (!GROUPS.containsKey(b)) {
            problems.put("by", "use one of " + String.join(", ", GROUPS.keySet().stream().sorted().toList()));
        }
        int rows = limit == null ? 50 : limit;
        if (rows < 1 || rows > 100_000) {
            problems.put("limit", "use a number of rows from 1 to 100000");
        }
        if (last != null && first == null && problems.isEmpty()) {
            first = last.minusDays(days - 1L);
        }
        if (first != null && last != null && first.isAfter(last)) {
            problems.put("from", "use a day on or before " + last);
        } else if (first != null && last != null && last.toEpochDay() - first.toEpochDay() >= 730) {
            problems.put("from", "use a window of at most 730 days");
        }
        if (!problems.isEmpty()) {
            throw new BatonException.InvalidInput(problems);
        }
        return new Query(first, last, g, b, rows);
    }

    private static LocalDate date(String value, String field, Map<String, String> problems) {
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            problems.put(field, "use a date as YYYY-MM-DD");
            return null;
        }
    }

    /** The report for everyone's uses ({@code mine} null) or only the uses of account {@code mine}. */
    Mono<Report> report(Query q, Long mine) {
        return settings.hideRepNames().flatMap(hidden -> {
            if (hidden && "rep".equals(q.by()) && mine == null) {
                return Mono.error(new BatonException.Forbidden(
                        "An admin has hidden rep names in reports: figures by rep are not shown; see them by team"));
            }
            Mono<List<Point>> series = series(q, mine);
            // the library's mirror (report_asset) is brought up to date before the figures are grouped by it
            return library.current().flatMap(lib -> Mono.zip(figures(q, mine), series).flatMap(t -> {
                Figured f = t.getT1();
                Mono<List<Row>> rows = switch (q.by()) {
                    case "rep" -> byAccount(q, mine).flatMap(this::repRows);
                    case "team" -> byAccount(q, mine).flatMap(this::teamRows);
                    case "owner" -> ownerRows(f.rows());
                    case "asset" -> Mono.just(f.rows());
                    default -> Mono.just(sorted(f.rows().stream()
                            .map(r -> new Row(r.key().isEmpty() ? "" : r.key().substring(r.key().indexOf(':') + 1),
                                    r.key().isEmpty() ? "(none)" : lib.label(r.key()), r.figures(), r.assets()))
                            .toList()));
                };
                return rows.map(all -> {
                    long groups = "asset".equals(q.by()) ? f.usedAssets() : all.size();
                    return new Report(q.from(), q.to(), q.grain(), q.by(), mine != null, hidden, f.totals(),
                            t.getT2(), groups, all.subList(0, Math.min(all.size(), q.limit())), f.top(), f.rising());
                });
            }));
        });
    }

    /** What one pass over the rollups gives: totals, used assets, the top and rising assets, the rows by asset/facet/owner. */
    private record Figured(Figures totals, long usedAssets, List<AssetFigure> top, List<AssetFigure> rising,
            List<Row> rows) {}

    /**
     * The months wholly inside {@code from..to} (their first days) and the days of it outside them: a window of 90
     * days reads two or three months from {@code usage_asset_month} and its edge days from {@code usage_asset_day}.
     */
    static void split(LocalDate from, LocalDate to, List<LocalDate> months, List<LocalDate> days) {
        LocalDate d = from;
        while (!d.isAfter(to)) {
            if (d.getDayOfMonth() == 1 && !d.plusMonths(1).minusDays(1).isAfter(to)) {
                months.add(d);
                d = d.plusMonths(1);
            } else {
                days.add(d);
                d = d.plusDays(1);
            }
        }
    }

    /**
     * Each asset's uses in {@code from..to} (UTC days, both included) by anyone but its owner, from the rollups as
     * the report reads them: the trailing windows ({@link UsageWindows}) when the window is a standard one ending on
     * their day, otherwise the months inside it ({@code usage_asset_month}) and the days at its edges
     * ({@code usage_asset_day}). An asset without such a use is absent. For reports that show each asset's uses beside
     * other facts of it (coverage).
     */
    Mono<Map<UUID, Long>> usesByAsset(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        return windows.covers(to, days).flatMap(covered -> {
            DatabaseClient.GenericExecuteSpec spec;
            if (covered) {
                spec = db.sql("select asset_id, (views + previews + downloads + shares + other)::bigint as n "
                                + "from usage_asset_window where window_days = :window "
                                + "and views + previews + downloads + shares + other > 0")
                        .bind("window", (int) days);
            } else {
                List<LocalDate> months = new ArrayList<>();
                List<LocalDate> edges = new ArrayList<>();
                split(from, to, months, edges);
                spec = db.sql("select asset_id, sum(views + previews + downloads + shares + other)::bigint as n "
                                + "from (select asset_id, views, previews, downloads, shares, other "
                                + "from usage_asset_month where month = any(:months::date[]) union all "
                                + "select asset_id, views, previews, downloads, shares, other "
                                + "from usage_asset_day where day = any(:days::date[])) as x group by asset_id "
                                + "having sum(views + previews + downloads + shares + other) > 0")
                        .bind("months", months.toArray(LocalDate[]::new))
                        .bind("days", edges.toArray(LocalDate[]::new));
            }
            return spec.map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("n", Long.class)))
                    .all()
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        });
    }

    private static final String FIGURES = "coalesce(v, 0)::bigint as v, coalesce(p, 0)::bigint as p, "
            + "coalesce(d, 0)::bigint as d, coalesce(s, 0)::bigint as s, coalesce(o, 0)::bigint as o";

    /**
     * One query: per asset, the window's uses by action and the uses in the window before (from the monthly and
     * daily rollups, or a rep's own from {@code usage_daily}), then in SQL the totals, the number of used assets,
     * the top and rising assets and the rows by asset (the first {@code limit}), facet value or owner: tens of rows,
     * not one per used asset.
     */
    private Mono<Figured> figures(Query q, Long mine) {
        if (mine == null) {
            return windows.covers(q.to(), q.days()).flatMap(covered -> covered ? fromWindows(q) : fromRollups(q));
        }
        return fromOwnDays(q, mine, q.from().minusDays(q.days()));
    }

    /** A standard window ending on the trailing windows' day: one row per asset from {@code usage_asset_window}. */
    private Mono<Figured> fromWindows(Query q) {
        String per = "per as (select asset_id, views as v, previews as p, downloads as d, shares as s, other as o, "
                + "previous as b from usage_asset_window where window_days = :window)";
        return figures(q, per, spec -> spec.bind("window", (int) q.days()));
    }

    /** Any other window: per asset its months inside the window and the days at its edges. */
    private Mono<Figured> fromRollups(Query q) {
        LocalDate previousFrom = q.from().minusDays(q.days());
        List<LocalDate> months = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        split(previousFrom, q.from().minusDays(1), months, days);
        split(q.from(), q.to(), months, days);
        String per = "per as (select asset_id, sum(views) filter (where cur) as v, sum(previews) filter (where cur) as p, "
                    + "sum(downloads) filter (where cur) as d, sum(shares) filter (where cur) as s, "
                    + "sum(other) filter (where cur) as o, "
                    + "sum(views + previews + downloads + shares + other) filter (where not cur) as b from ("
                    + "select asset_id, month >= :from as cur, views, previews, downloads, shares, other "
                    + "from usage_asset_month where month = any(:months::date[]) union all "
                    + "select asset_id, day >= :from as cur, views, previews, downloads, shares, other "
                    + "from usage_asset_day where day = any(:days::date[])) as x group by asset_id)";
        return figures(q, per, spec -> spec.bind("months", months.toArray(LocalDate[]::new))
                .bind("days", days.toArray(LocalDate[]::new)));
    }

    /** A rep's own uses, from {@code usage_daily}. */
    private Mono<Figured> fromOwnDays(Query q, Long mine, LocalDate previousFrom) {
        String per = "per as (select asset_id, "
                + "sum(events) filter (where day >= :from and action = 'VIEW') as v, "
                + "sum(events) filter (where day >= :from and action = 'PREVIEW') as p, "
                + "sum(events) filter (where day >= :from and action = 'DOWNLOAD') as d, "
                + "sum(events) filter (where day >= :from and action = 'SHARE') as s, "
                + "sum(events) filter (where day >= :from and action in ('EMAIL', 'MEETING')) as o, "
                + "sum(events) filter (where day < :from) as b from usage_daily where account_id = :me and not own "
                + "and day between :previous and :to and action = any(:actions) group by asset_id)";
        return figures(q, per, spec -> spec.bind("me", mine).bind("previous", previousFrom).bind("to", q.to())
                .bind("actions", USE_ACTIONS.toArray(String[]::new)));
    }

    private Mono<Figured> figures(Query q, String per,
            java.util.function.UnaryOperator<DatabaseClient.GenericExecuteSpec> binds) {
        String rowsPart = switch (q.by()) {
            case "asset" -> "select 'row' as kind, asset_id::text as key, title as label, v, p, d, s, o, b, 1::bigint "
                    + "as n from (select * from f where u > 0 order by u desc, title collate \"C\", asset_id::text "
                    + "limit :limit) as r";
            case "owner" -> "select 'row', coalesce(owner_id, 0)::text, null, sum(v)::bigint, sum(p)::bigint, "
                    + "sum(d)::bigint, sum(s)::bigint, sum(o)::bigint, 0::bigint, count(*) from f where u > 0 "
                    + "group by 2";
            case "rep", "team" -> null;
            default -> "select 'row', coalesce(k, ''), null, sum(v)::bigint, sum(p)::bigint, sum(d)::bigint, "
                    + "sum(s)::bigint, sum(o)::bigint, 0::bigint, count(*) from f left join lateral "
                    + "(select k from unnest(f.keys) as k where starts_with(k, :prefix)) as kk on true where u > 0 "
                    + "group by 2";
        };
        String sql = "with " + per + ", f as (select per.asset_id, " + FIGURES + ", coalesce(b, 0)::bigint as b, "
                + "(coalesce(v, 0) + coalesce(p, 0) + coalesce(d, 0) + coalesce(s, 0) + coalesce(o, 0))::bigint as u, "
                + "coalesce(a.title, '(deleted asset)') as title, a.owner_id, a.keys "
                + "from per left join report_asset as a on a.asset_id = per.asset_id) "
                + "select 'total' as kind, null as key, null as label, sum(v)::bigint as v, sum(p)::bigint as p, "
                + "sum(d)::bigint as d, sum(s)::bigint as s, sum(o)::bigint as o, 0::bigint as b, "
                + "count(*) filter (where u > 0) as n from f "
                + "union all (select 'top', asset_id::text, title, v, p, d, s, o, b, 1 from f where u > 0 "
                + "order by u desc, title collate \"C\", asset_id limit " + TOP + ") "
                + "union all (select 'rising', asset_id::text, title, v, p, d, s, o, b, 1 from f where u > b "
                + "order by u - b desc, title collate \"C\", asset_id limit " + TOP + ")"
                + (rowsPart == null ? "" : " union all (" + rowsPart + ")");
        DatabaseClient.GenericExecuteSpec spec = binds.apply(db.sql(sql));
        if (per.contains(":from")) {
            spec = spec.bind("from", q.from());
        }
        if ("asset".equals(q.by())) {
            spec = spec.bind("limit", q.limit());
        } else if (rowsPart != null && !"owner".equals(q.by())) {
            spec = spec.bind("prefix", GROUPS.get(q.by()) + ":");
        }
        // one read-only transaction with room to sum ~100,000 assets in memory rather than on disk
        DatabaseClient.GenericExecuteSpec query = spec;
        return tx.transactional(db.sql(WORK_MEM).then().thenMany(query.map(row -> {
            long v = nz(row.get("v", Long.class));
            long p = nz(row.get("p", Long.class));
            long d = nz(row.get("d", Long.class));
            long sh = nz(row.get("s", Long.class));
            long o = nz(row.get("o", Long.class));
            return new Object[] {row.get("kind", String.class), row.get("key", String.class),
                row.get("label", String.class), new Figures(v + p + d + sh + o, v, p, d, sh, o),
                nz(row.get("b", Long.class)), nz(row.get("n", Long.class))};
        }).all())).collectList().map(all -> {
            Figures totals = Figures.NONE;
            long used = 0;
            List<AssetFigure> top = new ArrayList<>();
            List<AssetFigure> rising = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            for (Object[] r : all) {
                String key = (String) r[1];
                Figures f = (Figures) r[3];
                switch ((String) r[0]) {
                    case "total" -> {
                        totals = f;
                        used = (Long) r[5];
                    }
                    case "top" -> top.add(new AssetFigure(UUID.fromString(key), (String) r[2], f.uses(), (Long) r[4]));
                    case "rising" -> rising.add(new AssetFigure(UUID.fromString(key), (String) r[2], f.uses(),
                            (Long) r[4]));
                    default -> rows.add(new Row(key, (String) r[2], f, (Long) r[5]));
                }
            }
            // SQL returns the parts of a union in no set order: each part is put back in its order
            Comparator<AssetFigure> byUses = Comparator.comparingLong((AssetFigure a) -> -a.uses())
                    .thenComparing(AssetFigure::title, UsageReports::byCodePoint)
                    .thenComparing(AssetFigure::assetId);
            top.sort(byUses);
            rising.sort(Comparator.comparingLong((AssetFigure a) -> -(a.uses() - a.previous()))
                    .thenComparing(AssetFigure::title, UsageReports::byCodePoint)
                    .thenComparing(AssetFigure::assetId));
            return new Figured(totals, used, top, rising, "asset".equals(q.by()) ? sortedAssets(rows) : rows);
        });
    }

    private static long nz(Long value) {
        return value == null ? 0 : value;
    }

    /** Byte order of UTF-8, as PostgreSQL's "C" collation sorts. */
    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<Row> sortedAssets(List<Row> rows) {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparingLong((Row r) -> -r.figures().uses())
                .thenComparing(Row::label, UsageReports::byCodePoint).thenComparing(Row::key));
        return copy;
    }

    /** Uses per day, week (from Monday) or month in the window, every period present (zero when unused). */
    private Mono<List<Point>> series(Query q, Long mine) {
        DatabaseClient.GenericExecuteSpec spec = mine == null
                ? db.sql("select date_trunc(:grain, day)::date as period, "
                        + "sum(views + previews + downloads + shares + other)::bigint as n from usage_day "
                        + "where day between :from and :to group by 1")
                : db.sql("select date_trunc(:grain, day)::date as period, sum(events)::bigint as n "
                                + "from usage_daily where account_id = :me and not own and day between :from and :to "
                                + "and action = any(:actions) group by 1")
                        .bind("me", mine);
        if (mine != null) {
            spec = spec.bind("actions", USE_ACTIONS.toArray(String[]::new));
        }
        return spec.bind("grain", q.grain()).bind("from", q.from()).bind("to", q.to())
                .map(row -> Map.entry(row.get("period", LocalDate.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> {
                    List<Point> points = new ArrayList<>();
                    for (LocalDate p = periodOf(q.from(), q.grain()); !p.isAfter(q.to()); p = next(p, q.grain())) {
                        points.add(new Point(p, found.getOrDefault(p, 0L)));
                    }
                    return points;
                });
    }

    static LocalDate periodOf(LocalDate day, String grain) {
        return switch (grain) {
            case "week" -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
            case "month" -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    private static LocalDate next(LocalDate period, String grain) {
        return switch (grain) {
            case "week" -> period.plusWeeks(1);
            case "month" -> period.plusMonths(1);
            default -> period.plusDays(1);
        };
    }

    private Mono<List<Row>> ownerRows(List<Row> rows) {
        Set<Long> owners = new HashSet<>();
        rows.forEach(r -> owners.add(Long.parseLong(r.key())));
        return accounts.people(owners).map(people -> sorted(rows.stream()
                .map(r -> new Row(r.key(), name(people, Long.parseLong(r.key())), r.figures(), r.assets()))
                .toList()));
    }

    /** Uses per person (no owner's own uses, no buyers) in the window: everyone's, or only {@code mine}. */
    private Mono<Map<Long, Figures>> byAccount(Query q, Long mine) {
        DatabaseClient.GenericExecuteSpec spec = mine == null
                ? db.sql("select account_id, action, sum(events)::bigint as n from usage_daily_account "
                        + "where day between :from and :to and action = any(:actions) group by account_id, action")
                : db.sql("select account_id, action, sum(events)::bigint as n from usage_daily_account "
                                + "where account_id = :me and day between :from and :to and action = any(:actions) "
                                + "group by account_id, action")
                        .bind("me", mine);
        return spec.bind("from", q.from()).bind("to", q.to())
                .bind("actions", USE_ACTIONS.toArray(String[]::new))
                .map(row -> new Object[] {row.get("account_id", Long.class), row.get("action", String.class),
                    row.get("n", Long.class)})
                .all()
                .collect(HashMap::new, (Map<Long, Figures> map, Object[] r) -> map.merge((Long) r[0],
                        Figures.NONE.plus((String) r[1], (Long) r[2]), Figures::plus));
    }

    private Mono<List<Row>> repRows(Map<Long, Figures> byAccount) {
        return accounts.people(byAccount.keySet()).map(people -> sorted(byAccount.entrySet().stream()
                .map(e -> new Row(Long.toString(e.getKey()), name(people, e.getKey()), e.getValue(), 0))
                .toList()));
    }

    /**
     * Uses by team: a person in several teams counts in each, a person in none under "(no team)" (key empty); no
     * person's name.
     */
    private Mono<List<Row>> teamRows(Map<Long, Figures> byAccount) {
        return accounts.teamsOf(byAccount.keySet()).map(teamsOf -> {
            Map<String, Figures> figures = new HashMap<>();
            Map<String, String> labels = new HashMap<>();
            byAccount.forEach((account, f) -> {
                List<dev.baton.webapp.accounts.Team.Ref> teams = teamsOf.getOrDefault(account, List.of());
                if (teams.isEmpty()) {
                    figures.merge("", f, Figures::plus);
                    labels.put("", NO_TEAM);
                }
                for (dev.baton.webapp.accounts.Team.Ref team : teams) {
                    String key = Long.toString(team.id());
                    figures.merge(key, f, Figures::plus);
                    labels.put(key, team.name());
                }
            });
            return sorted(figures.entrySet().stream()
                    .map(e -> new Row(e.getKey(), labels.get(e.getKey()), e.getValue(), 0))
                    .toList());
        });
    }

    private static String name(Map<Long, Person> people, long id) {
        Person person = people.get(id);
        return person == null ? "(unknown)" : person.displayName();
    }

    private static List<Row> sorted(List<Row> rows) {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparingLong((Row r) -> -r.figures().uses()).thenComparing(Row::label)
                .thenComparing(Row::key));
        return copy;
    }
}
