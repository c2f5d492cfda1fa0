package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetMetadata;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.search.SurfacedAssets;
import dev.baton.webapp.sharing.BuyerReads;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The unused-content report: published assets with no view, preview, download or share by anyone but their owner in
 * a window (30, 90, 180 or 365 days), why each is unused, the share of the library used and its trend, grouped and
 * filtered by owner, stage, type, product and industry; and the bulk actions taken from it (archive, set a review
 * date, notify the owners). Reads the rollups ({@code usage_asset_month}, {@code usage_asset_state}, {@code
 * report_asset}), the search log's surfaced assets
 * ({@link SurfacedAssets}) and buyers' reads ({@link BuyerReads}). See docs/reports.md.
 */
@Service
class UnusedReports {

    static final List<Integer> WINDOWS = List.of(30, 90, 180, 365);
    static final List<String> ACTIONS = List.of("VIEW", "PREVIEW", "DOWNLOAD", "SHARE");
    static final List<String> GROUPS = List.of("cause", "owner", "stage", "type", "product", "industry");
    static final int TREND_WINDOWS = 6;

    /** Why an asset went unused, from the furthest step it reached. */
    enum Cause {
        NEVER_SURFACED("Never surfaced", "no search's first page and no suggestion showed it in the window"),
        SURFACED_NOT_OPENED("Surfaced, never opened", "searches showed it, nobody but its owner opened it"),
        OPENED_NOT_SHARED("Opened, never shared", "opened before, but never shared with a buyer"),
        SHARED_NOT_READ("Shared, never read", "shared before, but no buyer read it in a verified visit");

        private final String label;
        private final String definition;

        Cause(String label, String definition) {
            this.label = label;
            this.definition = definition;
        }

        public String label() {
            return label;
        }

        public String definition() {
            return definition;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final DatabaseClient db;
    private final LibraryDimensions library;
    private final AccountDirectory accounts;
    private final SurfacedAssets surfaced;
    private final BuyerReads buyerReads;
    private final ContentService content;
    private final Notifications notifications;
    private final Clock clock;
    private final TransactionalOperator tx;
    private final UsageWindows windows;

    UnusedReports(DatabaseClient db, LibraryDimensions library, AccountDirectory accounts, SurfacedAssets surfaced,
            BuyerReads buyerReads, ContentService content, Notifications notifications, Clock clock,
            TransactionalOperator tx, UsageWindows windows) {
        this.tx = tx;
        this.windows = windows;
        this.db = db;
        this.library = library;
        this.accounts = accounts;
        this.surfaced = surfaced;
        this.buyerReads = buyerReads;
        this.content = content;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** What was asked: the window in days, filters (owner's account id, facet value keys), grouping, rows. */
    record Query(int window, Long owner, String stage, String type, String product, String industry, String by,
            int limit) {

        Map<String, String> facetFilters() {
            Map<String, String> filters = new LinkedHashMap<>();
            if (stage != null) {
                filters.put("buyer_stage", stage);
            }
            if (type != null) {
                filters.put("content_type", type);
            }
            if (product != null) {
                filters.put("product", product);
            }
            if (industry != null) {
                filters.put("industry", industry);
            }
            return filters;
        }
    }

    /** An unused asset and why. */
    record UnusedAsset(UUID id, String title, long ownerId, String owner, String type, List<String> stages,
            List<String> products, List<String> industries, LocalDate publishedOn, LocalDate reviewBy, String cause,
            String causeLabel) {}

    /** A group: its published assets, how many were used, and the share used (percent, one decimal). */
    record Group(String key, String label, long published, long used, long unused, double shareUsed) {}

    /** One window of the trend: its days, the assets published by its end, how many of them were used, the share. */
    record TrendPoint(LocalDate from, LocalDate to, long published, long used, double shareUsed) {}

    /** The report. {@code assets}: the first {@code limit} of the {@code unused} unused assets, oldest first. */
    record Report(int window, LocalDate from, LocalDate to, long published, long used, double shareUsed,
            List<TrendPoint> trend, Map<String, Long> causes, String by, List<Group> groups, long unused,
            List<UnusedAsset> assets) {}

    /** Reads and checks the parameters; every wrong one is named. */
    Query query(Integer window, String owner, String stage, String type, String product, String industry, String by,
            Integer limit) {
        Map<String, String> problems = new LinkedHashMap<>();
        int w = window == null ? 90 : window;
        if (!WINDOWS.contains(w)) {
            problems.put("window", "use 30, 90, 180 or 365 days");
        }
        Long ownerId = null;
        if (owner != null && !owner.isBlank()) {
            try {
                ownerId = Long.parseLong(owner.strip());
            } catch (NumberFormatException e) {
                problems.put("owner", "use the owner's account id");
            }
        }
        String b = by == null || by.isBlank() ? "cause" : by.strip().toLowerCase(Locale.ROOT);
        if (!GROUPS.contains(b)) {
            problems.put("by", "use one of " + String.join(", ", GROUPS));
        }
        int rows = limit == null ? 100 : limit;
        if (rows < 1 || rows > 100_000) {
            problems.put("limit", "use a number of rows from 1 to 100000");
        }
        if (!problems.isEmpty()) {
            throw new BatonException.InvalidInput(problems);
        }
        return new Query(w, ownerId, blankToNull(stage), blankToNull(type), blankToNull(product),
                blankToNull(industry), b, rows);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /**
     * The report for the window ending today (UTC), counted in SQL over the reports' own tables: the library's mirror
     * ({@code report_asset}), the monthly rollup's days used ({@code usage_asset_month}, masked per window) and each
     * asset's first opened and shared day ({@code usage_asset_state}); tens of rows come back, not one per asset.
     */
    Mono<Report> report(Query q) {
        LocalDate to = today();
        LocalDate from = to.minusDays(q.window() - 1L);
        return library.current().flatMap(lib -> Mono.zip(surfaced.between(from, to), buyerReads.assetsRead())
                .flatMap(t -> windows.covers(to, q.window())
                        .flatMap(covered -> counted(q, to, covered, t.getT1(), t.getT2())).flatMap(c -> {
                    Set<Long> owners = new HashSet<>();
                    c.assets().forEach((id, cause) -> {
                        AssetCatalog.Dimensions a = lib.assets().get(id);
                        if (a != null) {
                            owners.add(a.ownerId());
                        }
                    });
                    if (q.by().equals("owner")) {
                        c.groups().keySet().forEach(k -> owners.add(Long.parseLong(k)));
                    }
                    return accounts.people(owners).map(people -> {
                        long published = c.trend().getOrDefault(0, new long[2])[0];
                        long used = c.trend().getOrDefault(0, new long[2])[1];
                        Map<String, Long> byCause = new LinkedHashMap<>();
                        for (Cause cause : Cause.values()) {
                            byCause.put(cause.key(), c.causes().getOrDefault(cause.key(), 0L));
                        }
                        List<TrendPoint> trend = new ArrayList<>();
                        for (int k = TREND_WINDOWS - 1; k >= 0; k--) {
                            LocalDate end = to.minusDays((long) k * q.window());
                            long[] n = c.trend().getOrDefault(k, new long[2]);
                            trend.add(new TrendPoint(end.minusDays(q.window() - 1L), end, n[0], n[1],
                                    share(n[1], n[0])));
                        }
                        List<UnusedAsset> rows = new ArrayList<>();
                        c.assets().forEach((id, cause) -> {
                            AssetCatalog.Dimensions a = lib.assets().get(id);
                            if (a != null) {
                                rows.add(row(a, Cause.valueOf(cause.toUpperCase(Locale.ROOT)), lib, people));
                            }
                        });
                        return new Report(q.window(), from, to, published, used, share(used, published), trend,
                                byCause, q.by(), groups(q.by(), c, lib, people), published - used, rows);
                    });
                })));
    }

    /** What the report's query counts: per trend window published and used, per cause, per group, the first rows. */
    private record Counted<K>(Map<Integer, long[]> trend, Map<String, Long> causes, Map<String, long[]> groups,
            Map<K, String> assets) {}

    /** For window k (0: the last {@code window} days, 1 the window before, ...) the days of each month it covers. */
    record MonthMask(LocalDate month, int window, int mask) {}

    static List<MonthMask> masks(LocalDate to, int window) {
        List<MonthMask> masks = new ArrayList<>();
        for (int k = 0; k < TREND_WINDOWS; k++) {
            LocalDate end = to.minusDays((long) k * window);
            LocalDate start = end.minusDays(window - 1L);
            for (LocalDate m = start.withDayOfMonth(1); !m.isAfter(end); m = m.plusMonths(1)) {
                int lo = (start.isAfter(m) ? start : m).getDayOfMonth() - 1;
                LocalDate monthEnd = m.plusMonths(1).minusDays(1);
                int hi = (end.isBefore(monthEnd) ? end : monthEnd).getDayOfMonth() - 1;
                int mask = (int) ((1L << (hi + 1)) - (1L << lo));
                masks.add(new MonthMask(m, k, mask));
            }
        }
        return masks;
    }

    /**
     * Counts it all in one query; {@code covered}: the trailing windows ({@link UsageWindows}) end on {@code to}, so
     * each asset's used windows are its row's bits there rather than its months' days masked per window.
     */
    private Mono<Counted<UUID>> counted(Query q, LocalDate to, boolean covered, Set<UUID> surfacedInWindow,
            Set<UUID> read) {
        List<MonthMask> masks = masks(to, q.window());
        StringBuilder where = new StringBuilder("a.published and (a.expires_on is null or a.expires_on > :to)");
        if (q.owner() != null) {
            where.append(" and a.owner_id = :owner");
        }
        List<String> filters = new ArrayList<>();
        q.facetFilters().forEach((facet, value) -> {
            where.append(" and :f").append(filters.size()).append(" = any(a.keys)");
            filters.add(facet + ":" + value);
        });
        String groupsPart = switch (q.by()) {
            case "cause" -> null;
            case "owner" -> "select 'group', owner_id::text, count(*), count(*) filter (where windows & 1 = 0) "
                    + "from pub group by 2";
            default -> "select 'group', coalesce(k, ''), count(*), count(*) filter (where windows & 1 = 0) "
                    + "from pub left join lateral (select k from unnest(pub.keys) as k "
                    + "where starts_with(k, :prefix)) as kk on true group by 2";
        };
        Integer[] ks = new Integer[TREND_WINDOWS];
        LocalDate[] ends = new LocalDate[TREND_WINDOWS];
        for (int k = 0; k < TREND_WINDOWS; k++) {
            ks[k] = k;
            ends[k] = to.minusDays((long) k * q.window());
        }
        String usedPart = covered ? "select asset_id, used as windows from usage_asset_window "
                + "where window_days = :window and used <> 0"
                : "select m.asset_id, bit_or(1 << w.k) as windows from usage_asset_month as m "
                + "join unnest(:wm::date[], :wk::int[], :wmask::int[]) as w(month, k, mask) "
                + "on m.month = w.month and m.days_used & w.mask <> 0 group by m.asset_id";
        String sql = "with used as (" + usedPart + "), "
                + "pub as (select a.asset_id, a.title, a.owner_id, a.published_at, a.keys, "
                + "coalesce(u.windows, 0) as windows, st.first_opened, st.first_shared from report_asset as a "
                + "left join used as u on u.asset_id = a.asset_id "
                + "left join usage_asset_state as st on st.asset_id = a.asset_id where " + where + "), "
                + "un as (select pub.asset_id, pub.title, pub.published_at, case when sf.id is null then "
                + "'never_surfaced' when first_opened is null then 'surfaced_not_opened' when first_shared is null "
                + "then 'opened_not_shared' when br.id is null then 'shared_not_read' else 'surfaced_not_opened' "
                + "end as cause from pub left join unnest(:surfaced::uuid[]) as sf(id) on sf.id = pub.asset_id "
                + "left join unnest(:read::uuid[]) as br(id) on br.id = pub.asset_id where windows & 1 = 0) "
                + "select 'trend' as kind, w.k::text as key, count(*) filter (where published_at is null "
                + "or (published_at at time zone 'UTC')::date <= w.e) as n, count(*) filter (where "
                + "(published_at is null or (published_at at time zone 'UTC')::date <= w.e) "
                + "and windows & (1 << w.k) <> 0) as m from pub cross join unnest(:tk::int[], :te::date[]) as w(k, e) "
                + "group by w.k "
                + "union all select 'cause', cause, count(*), 0 from un group by cause "
                + "union all (select 'asset', asset_id::text || ' ' || cause, 0, row_number() over (order by "
                + "coalesce(published_at, 'epoch'), title collate \"C\", asset_id) from un "
                + "order by coalesce(published_at, 'epoch'), title collate \"C\", asset_id limit :limit)"
                + (groupsPart == null ? "" : " union all (" + groupsPart + ")");
        DatabaseClient.GenericExecuteSpec spec = covered ? db.sql(sql).bind("window", q.window())
                : db.sql(sql)
                        .bind("wm", masks.stream().map(MonthMask::month).toArray(LocalDate[]::new))
                        .bind("wk", masks.stream().map(MonthMask::window).toArray(Integer[]::new))
                        .bind("wmask", masks.stream().map(MonthMask::mask).toArray(Integer[]::new));
        spec = spec.bind("to", to)
                .bind("surfaced", surfacedInWindow.toArray(UUID[]::new))
                .bind("read", read.toArray(UUID[]::new))
                .bind("tk", ks)
                .bind("te", ends)
                .bind("limit", q.limit());
        if (q.owner() != null) {
            spec = spec.bind("owner", q.owner());
        }
        for (int i = 0; i < filters.size(); i++) {
            spec = spec.bind("f" + i, filters.get(i));
        }
        if (groupsPart != null && !q.by().equals("owner")) {
            spec = spec.bind("prefix", UsageReports.GROUPS.get(q.by()) + ":");
        }
        DatabaseClient.GenericExecuteSpec query = spec;
        return tx.transactional(db.sql(UsageReports.WORK_MEM).then().thenMany(query
                        .map(row -> new Object[] {row.get("kind", String.class), row.get("key", String.class),
                            row.get("n", Long.class), row.get("m", Long.class)})
                        .all()))
                .collect(() -> new Counted<Long>(new HashMap<>(), new HashMap<>(), new HashMap<>(), new java.util.TreeMap<>()),
                        (c, r) -> {
                            String key = (String) r[1];
                            long n = (Long) r[2];
                            long m = (Long) r[3];
                            switch ((String) r[0]) {
                                case "trend" -> c.trend().put(Integer.parseInt(key), new long[] {n, m});
                                case "cause" -> c.causes().put(key, n);
                                case "group" -> c.groups().put(key, new long[] {n, m});
                                default -> c.assets().put(m, key);
                            }
                        })
                .map(c -> {
                    // a union's parts come back in no set order: the rows are put back oldest first (their rank)
                    Map<UUID, String> ordered = new LinkedHashMap<>();
                    c.assets().values().forEach(key -> ordered.put(UUID.fromString(key.substring(0, key.indexOf(' '))),
                            key.substring(key.indexOf(' ') + 1)));
                    return new Counted<>(c.trend(), c.causes(), c.groups(), ordered);
                });
    }

    /** A published asset as reps may see it on {@code day}: published, and not expired by then. */
    static boolean publishedOn(AssetCatalog.Dimensions asset, LocalDate day) {
        return "PUBLISHED".equals(asset.status()) && (asset.expiresOn() == null || asset.expiresOn().isAfter(day));
    }

    static double share(long used, long published) {
        return published == 0 ? 0 : Math.round(1000.0 * used / published) / 10.0;
    }

    private static List<Group> groups(String by, Counted<UUID> c, LibraryDimensions.Library lib,
            Map<Long, Person> people) {
        if (by.equals("cause")) {
            List<Group> groups = new ArrayList<>();
            for (Cause cause : Cause.values()) {
                long n = c.causes().getOrDefault(cause.key(), 0L);
                groups.add(new Group(cause.key(), cause.label(), n, 0, n, 0));
            }
            return groups;
        }
        return c.groups().entrySet().stream()
                .map(e -> {
                    long publishedN = e.getValue()[0];
                    long unusedN = e.getValue()[1];
                    String k = e.getKey();
                    String label;
                    if (by.equals("owner")) {
                        Person p = people.get(Long.parseLong(k));
                        label = p == null ? "(unknown)" : p.displayName();
                    } else {
                        label = k.isEmpty() ? "(none)" : lib.label(k);
                    }
                    String key = k.contains(":") ? k.substring(k.indexOf(':') + 1) : k;
                    return new Group(key, label, publishedN, publishedN - unusedN, unusedN,
                            share(publishedN - unusedN, publishedN));
                })
                .sorted(Comparator.comparingLong((Group g) -> -g.unused()).thenComparing(Group::label))
                .toList();
    }

    private static UnusedAsset row(AssetCatalog.Dimensions a, Cause cause, LibraryDimensions.Library lib,
            Map<Long, Person> people) {
        Person owner = people.get(a.ownerId());
        return new UnusedAsset(a.id(), a.title(), a.ownerId(), owner == null ? "(unknown)" : owner.displayName(),
                a.contentType() == null ? null : lib.label("content_type:" + a.contentType()),
                labels(a, "buyer_stage", lib), labels(a, "product", lib), labels(a, "industry", lib),
                a.publishedAt() == null ? null : LocalDate.ofInstant(a.publishedAt(), ZoneOffset.UTC), a.reviewBy(),
                cause == null ? null : cause.key(), cause == null ? null : cause.label());
    }

    private static List<String> labels(AssetCatalog.Dimensions a, String facet, LibraryDimensions.Library lib) {
        return LibraryDimensions.values(a, facet).stream().map(lib::label).toList();
    }

    // ---- bulk actions ----

    /** A bulk action: archive, review (set a review date), or notify (tell each owner, in Baton and by email). */
    record Action(String action, List<UUID> assetIds, LocalDate reviewBy, Integer window, String message) {}

    /** What a bulk action did: how many assets it changed or owners it told, and each asset it could not act on. */
    record Outcome(String action, int done, List<Failure> failed) {}

    /** An asset the action could not act on, and why. */
    record Failure(UUID assetId, String reason) {}

    Mono<Outcome> act(Action action, BatonUser user, String remoteAddr) {
        Map<String, String> problems = new LinkedHashMap<>();
        String what = action == null || action.action() == null ? "" : action.action().strip().toLowerCase(Locale.ROOT);
        if (!List.of("archive", "review", "notify").contains(what)) {
            problems.put("action", "use archive, review or notify");
        }
        if (action == null || action.assetIds() == null || action.assetIds().isEmpty()) {
            problems.put("assetIds", "choose at least one asset");
        } else if (action.assetIds().size() > 1000) {
            problems.put("assetIds", "choose at most 1000 assets at once");
        }
        if ("review".equals(what) && (action == null || action.reviewBy() == null)) {
            problems.put("reviewBy", "give the review date as YYYY-MM-DD");
        } else if ("review".equals(what) && action.reviewBy().isBefore(today())) {
            problems.put("reviewBy", "use today or a later day");
        }
        if (action != null && action.message() != null && action.message().length() > 2000) {
            problems.put("message", "use at most 2000 characters");
        }
        if (!problems.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput(problems));
        }
        List<UUID> ids = action.assetIds().stream().distinct().toList();
        return switch (what) {
            case "archive" -> each(ids, id -> content.archive(id, user, remoteAddr).then()).map(f ->
                    new Outcome(what, ids.size() - f.size(), f));
            case "review" -> each(ids, id -> content.update(id, reviewChange(action.reviewBy()), user, remoteAddr)
                    .then()).map(f -> new Outcome(what, ids.size() - f.size(), f));
            default -> notifyOwners(ids, action, user);
        };
    }

    private static AssetMetadata reviewChange(LocalDate reviewBy) {
        return new AssetMetadata(null, null, null, null, null, null, null, reviewBy, null, null, null);
    }

    private Mono<List<Failure>> each(List<UUID> ids, java.util.function.Function<UUID, Mono<Void>> act) {
        return Flux.fromIterable(ids)
                .concatMap(id -> act.apply(id).then(Mono.<Failure>empty())
                        .onErrorResume(BatonException.class, e -> Mono.just(new Failure(id, e.getMessage()))))
                .collectList();
    }

    /** One notification per owner, listing how many of their assets went unused and linking to them. */
    private Mono<Outcome> notifyOwners(List<UUID> ids, Action action, BatonUser user) {
        int window = action.window() == null || !WINDOWS.contains(action.window()) ? 90 : action.window();
        return library.current().flatMap(lib -> {
            Map<Long, List<AssetCatalog.Dimensions>> byOwner = new LinkedHashMap<>();
            List<Failure> failed = new ArrayList<>();
            for (UUID id : ids) {
                AssetCatalog.Dimensions asset = lib.assets().get(id);
                if (asset == null) {
                    failed.add(new Failure(id, "No asset " + id));
                } else {
                    byOwner.computeIfAbsent(asset.ownerId(), o -> new ArrayList<>()).add(asset);
                }
            }
            return Flux.fromIterable(byOwner.entrySet())
                    .concatMap(e -> {
                        List<AssetCatalog.Dimensions> assets = e.getValue();
                        String title = assets.size() == 1
                                ? "Nobody used \"" + assets.getFirst().title() + "\" in the last " + window + " days"
                                : assets.size() + " of your assets were not used in the last " + window + " days";
                        StringBuilder body = new StringBuilder(user.displayName()).append(" asks you to look at ")
                                .append(assets.size() == 1 ? "it" : "them")
                                .append(": update, retag or archive what no longer helps reps.");
                        if (action.message() != null && !action.message().isBlank()) {
                            body.append("\n\n").append(action.message().strip());
                        }
                        body.append("\n\n");
                        assets.stream().limit(20).forEach(a -> body.append("- ").append(a.title()).append('\n'));
                        if (assets.size() > 20) {
                            body.append("and ").append(assets.size() - 20).append(" more\n");
                        }
                        return notifications.notify(e.getKey(), NotificationKind.REPORT_UNUSED, title,
                                body.toString().strip(), "/reports/unused?window=" + window + "&owner=" + e.getKey());
                    })
                    .then(Mono.fromSupplier(() -> new Outcome("notify", byOwner.size(), failed)));
        });
    }
}
