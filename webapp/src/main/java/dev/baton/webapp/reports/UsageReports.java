package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.content.AssetCatalog;
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
import reactor.core.publisher.Mono;

/**
 * The usage report, read from the daily rollups ({@link UsageRollup}): uses in a window by asset, stage, type,
 * product, industry, persona, owner or rep, over days, weeks or months, with the top and rising assets. A use is a
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

    private final DatabaseClient db;
    private final LibraryDimensions library;
    private final AccountDirectory accounts;
    private final ReportSettings settings;
    private final Clock clock;

    UsageReports(DatabaseClient db, LibraryDimensions library, AccountDirectory accounts, ReportSettings settings,
            Clock clock) {
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
                        "An admin has hidden rep names in reports: figures by rep are not shown"));
            }
            LocalDate previousFrom = q.from().minusDays(q.days());
            Mono<PerAsset> perAsset = perAsset(previousFrom, q.from(), q.to(), mine);
            Mono<List<Point>> series = series(q, mine);
            return Mono.zip(perAsset, series, library.current()).flatMap(t -> {
                Map<UUID, Figures> current = t.getT1().current();
                Map<UUID, Long> before = t.getT1().before();
                LibraryDimensions.Library lib = t.getT3();
                Figures totals = current.values().stream().reduce(Figures.NONE, Figures::plus);
                List<AssetFigure> top = top(current, before, lib);
                List<AssetFigure> rising = rising(current, before, lib);
                Mono<List<Row>> rows = switch (q.by()) {
                    case "rep" -> byRep(q, mine);
                    case "owner" -> byOwner(current, lib);
                    case "asset" -> Mono.just(byAssetRows(current, lib));
                    default -> Mono.just(byFacet(current, lib, GROUPS.get(q.by())));
                };
                return rows.map(all -> new Report(q.from(), q.to(), q.grain(), q.by(), mine != null, hidden, totals,
                        t.getT2(), all.size(), all.subList(0, Math.min(all.size(), q.limit())), top, rising));
            });
        });
    }

    /** Uses per asset in the window by action, and each asset's uses in the window before. */
    record PerAsset(Map<UUID, Figures> current, Map<UUID, Long> before) {}

    /**
     * One pass over the rollup from {@code previousFrom} to {@code to}: per asset, the window's uses by action (from
     * {@code from} on) and the uses before {@code from}; one row per asset, so a library of 100,000 assets answers in
     * at most that many rows.
     */
    private Mono<PerAsset> perAsset(LocalDate previousFrom, LocalDate from, LocalDate to, Long mine) {
        String sums = "select asset_id, "
                + "coalesce(sum(events) filter (where day >= :from and action = 'VIEW'), 0)::bigint as v, "
                + "coalesce(sum(events) filter (where day >= :from and action = 'PREVIEW'), 0)::bigint as p, "
                + "coalesce(sum(events) filter (where day >= :from and action = 'DOWNLOAD'), 0)::bigint as d, "
                + "coalesce(sum(events) filter (where day >= :from and action = 'SHARE'), 0)::bigint as s, "
                + "coalesce(sum(events) filter (where day >= :from and action in ('EMAIL', 'MEETING')), 0)::bigint "
                + "as o, coalesce(sum(events) filter (where day < :from), 0)::bigint as b ";
        DatabaseClient.GenericExecuteSpec spec = mine == null
                ? db.sql(sums + "from usage_daily_asset where day between :previous and :to "
                        + "and action = any(:actions) group by asset_id")
                : db.sql(sums + "from usage_daily where account_id = :me and not own "
                                + "and day between :previous and :to and action = any(:actions) group by asset_id")
                        .bind("me", mine);
        return spec.bind("previous", previousFrom).bind("from", from).bind("to", to)
                .bind("actions", USE_ACTIONS.toArray(String[]::new))
                .map(row -> {
                    long v = row.get("v", Long.class);
                    long p = row.get("p", Long.class);
                    long d = row.get("d", Long.class);
                    long sh = row.get("s", Long.class);
                    long o = row.get("o", Long.class);
                    return new Object[] {row.get("asset_id", UUID.class),
                        new Figures(v + p + d + sh + o, v, p, d, sh, o), row.get("b", Long.class)};
                })
                .all()
                .collect(() -> new PerAsset(new HashMap<>(), new HashMap<>()), (acc, r) -> {
                    Figures f = (Figures) r[1];
                    if (f.uses() > 0) {
                        acc.current().put((UUID) r[0], f);
                    }
                    if ((Long) r[2] > 0) {
                        acc.before().put((UUID) r[0], (Long) r[2]);
                    }
                });
    }

    /** Uses per day, week (from Monday) or month in the window, every period present (zero when unused). */
    private Mono<List<Point>> series(Query q, Long mine) {
        DatabaseClient.GenericExecuteSpec spec = mine == null
                ? db.sql("select date_trunc(:grain, day)::date as period, sum(events)::bigint as n "
                        + "from usage_daily_asset where day between :from and :to and action = any(:actions) "
                        + "group by 1")
                : db.sql("select date_trunc(:grain, day)::date as period, sum(events)::bigint as n "
                                + "from usage_daily where account_id = :me and not own and day between :from and :to "
                                + "and action = any(:actions) group by 1")
                        .bind("me", mine);
        return spec.bind("grain", q.grain()).bind("from", q.from()).bind("to", q.to())
                .bind("actions", USE_ACTIONS.toArray(String[]::new))
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

    private static String title(UUID id, LibraryDimensions.Library lib) {
        AssetCatalog.Dimensions asset = lib.assets().get(id);
        return asset == null ? "(deleted asset)" : asset.title();
    }

    private static List<AssetFigure> top(Map<UUID, Figures> current, Map<UUID, Long> before,
            LibraryDimensions.Library lib) {
        return current.entrySet().stream()
                .filter(e -> e.getValue().uses() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<UUID, Figures> e) -> -e.getValue().uses())
                        .thenComparing(e -> title(e.getKey(), lib)).thenComparing(Map.Entry::getKey))
                .limit(TOP)
                .map(e -> new AssetFigure(e.getKey(), title(e.getKey(), lib), e.getValue().uses(),
                        before.getOrDefault(e.getKey(), 0L)))
                .toList();
    }

    /** The assets whose uses grew most against the window before, growth first; only those that grew. */
    private static List<AssetFigure> rising(Map<UUID, Figures> current, Map<UUID, Long> before,
            LibraryDimensions.Library lib) {
        return current.entrySet().stream()
                .filter(e -> e.getValue().uses() > before.getOrDefault(e.getKey(), 0L))
                .map(e -> new AssetFigure(e.getKey(), title(e.getKey(), lib), e.getValue().uses(),
                        before.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparingLong((AssetFigure a) -> -(a.uses() - a.previous()))
                        .thenComparing(AssetFigure::title).thenComparing(AssetFigure::assetId))
                .limit(TOP)
                .toList();
    }

    private static List<Row> byAssetRows(Map<UUID, Figures> current, LibraryDimensions.Library lib) {
        return sorted(current.entrySet().stream()
                .map(e -> new Row(e.getKey().toString(), title(e.getKey(), lib), e.getValue(), 1))
                .toList());
    }

    private static List<Row> byFacet(Map<UUID, Figures> current, LibraryDimensions.Library lib, String facet) {
        Map<String, Figures> figures = new HashMap<>();
        Map<String, Set<UUID>> assets = new HashMap<>();
        current.forEach((id, f) -> {
            AssetCatalog.Dimensions asset = lib.assets().get(id);
            List<String> values = asset == null ? List.of() : LibraryDimensions.values(asset, facet);
            for (String value : values.isEmpty() ? List.of("") : values) {
                figures.merge(value, f, Figures::plus);
                assets.computeIfAbsent(value, v -> new HashSet<>()).add(id);
            }
        });
        return sorted(figures.entrySet().stream()
                .map(e -> new Row(e.getKey().isEmpty() ? "" : e.getKey().substring(e.getKey().indexOf(':') + 1),
                        e.getKey().isEmpty() ? "(none)" : lib.label(e.getKey()), e.getValue(),
                        assets.get(e.getKey()).size()))
                .toList());
    }

    private Mono<List<Row>> byOwner(Map<UUID, Figures> current, LibraryDimensions.Library lib) {
        Map<Long, Figures> figures = new HashMap<>();
        Map<Long, Set<UUID>> assets = new HashMap<>();
        current.forEach((id, f) -> {
            AssetCatalog.Dimensions asset = lib.assets().get(id);
            long owner = asset == null ? 0 : asset.ownerId();
            figures.merge(owner, f, Figures::plus);
            assets.computeIfAbsent(owner, o -> new HashSet<>()).add(id);
        });
        return accounts.people(figures.keySet()).map(people -> sorted(figures.entrySet().stream()
                .map(e -> new Row(Long.toString(e.getKey()), name(people, e.getKey()), e.getValue(),
                        assets.get(e.getKey()).size()))
                .toList()));
    }

    private Mono<List<Row>> byRep(Query q, Long mine) {
        DatabaseClient.GenericExecuteSpec spec = mine == null
                ? db.sql("select account_id, action, sum(events)::bigint as n from usage_daily_account "
                        + "where day between :from and :to and action = any(:actions) group by account_id, action")
                : db.sql("select account_id, action, sum(events)::bigint as n from usage_daily_account "
                                + "where account_id = :me and day between :from and :to and action = any(:actions) "
                                + "group by account_id, action")
                        .bind("me", mine);
        Mono<Map<Long, Figures>> figures = spec.bind("from", q.from()).bind("to", q.to())
                .bind("actions", USE_ACTIONS.toArray(String[]::new))
                .map(row -> new Object[] {row.get("account_id", Long.class), row.get("action", String.class),
                    row.get("n", Long.class)})
                .all()
                .collect(HashMap::new, (Map<Long, Figures> map, Object[] r) -> map.merge((Long) r[0],
                        Figures.NONE.plus((String) r[1], (Long) r[2]), Figures::plus));
        return figures.flatMap(byAccount -> accounts.people(byAccount.keySet()).map(people -> sorted(
                byAccount.entrySet().stream()
                        .map(e -> new Row(Long.toString(e.getKey()), name(people, e.getKey()), e.getValue(), 0))
                        .toList())));
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
