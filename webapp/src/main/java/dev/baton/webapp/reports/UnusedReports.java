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
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The unused-content report: published assets with no view, preview, download or share by anyone but their owner in
 * a window (30, 90, 180 or 365 days), why each is unused, the share of the library used and its trend, grouped and
 * filtered by owner, stage, type, product and industry; and the bulk actions taken from it (archive, set a review
 * date, notify the owners). Reads the rollups ({@code usage_daily_asset}), the search log's surfaced assets
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

    UnusedReports(DatabaseClient db, LibraryDimensions library, AccountDirectory accounts, SurfacedAssets surfaced,
            BuyerReads buyerReads, ContentService content, Notifications notifications, Clock clock) {
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

    /** The report for the window ending today (UTC). */
    Mono<Report> report(Query q) {
        LocalDate to = today();
        LocalDate from = to.minusDays(q.window() - 1L);
        LocalDate trendFrom = to.minusDays((long) q.window() * TREND_WINDOWS - 1);
        return Mono.zip(library.current(), usedByWindow(trendFrom, to, q.window()), surfaced.between(from, to))
                .flatMap(t -> {
                    LibraryDimensions.Library lib = t.getT1();
                    Map<UUID, Set<Integer>> usedIn = t.getT2();
                    List<AssetCatalog.Dimensions> published = lib.assets().values().stream()
                            .filter(a -> publishedOn(a, to))
                            .filter(a -> matches(a, q))
                            .sorted(Comparator.comparing(AssetCatalog.Dimensions::id))
                            .toList();
                    List<AssetCatalog.Dimensions> unused = published.stream()
                            .filter(a -> !usedIn.getOrDefault(a.id(), Set.of()).contains(0))
                            .toList();
                    List<TrendPoint> trend = trend(lib, q, usedIn, to);
                    return causes(unused, t.getT3()).flatMap(causes -> accounts.people(published.stream()
                            .map(AssetCatalog.Dimensions::ownerId).collect(Collectors.toSet())).map(people -> {
                                long used = published.size() - unused.size();
                                Map<String, Long> byCause = new LinkedHashMap<>();
                                for (Cause c : Cause.values()) {
                                    byCause.put(c.key(), causes.values().stream().filter(c::equals).count());
                                }
                                List<Group> groups = groups(q.by(), published, unused, causes, lib, people);
                                List<UnusedAsset> rows = unused.stream()
                                        .sorted(Comparator.comparing((AssetCatalog.Dimensions a) ->
                                                a.publishedAt() == null ? java.time.Instant.EPOCH : a.publishedAt())
                                                .thenComparing(AssetCatalog.Dimensions::title))
                                        .limit(q.limit())
                                        .map(a -> row(a, causes.get(a.id()), lib, people))
                                        .toList();
                                return new Report(q.window(), from, to, published.size(), used,
                                        share(used, published.size()), trend, byCause, q.by(), groups,
                                        unused.size(), rows);
                            }));
                });
    }

    /** A published asset as reps may see it on {@code day}: published, and not expired by then. */
    static boolean publishedOn(AssetCatalog.Dimensions asset, LocalDate day) {
        return "PUBLISHED".equals(asset.status()) && (asset.expiresOn() == null || asset.expiresOn().isAfter(day));
    }

    private static boolean matches(AssetCatalog.Dimensions asset, Query q) {
        if (q.owner() != null && asset.ownerId() != q.owner()) {
            return false;
        }
        for (Map.Entry<String, String> filter : q.facetFilters().entrySet()) {
            if (!LibraryDimensions.values(asset, filter.getKey()).contains(filter.getKey() + ":" + filter.getValue())) {
                return false;
            }
        }
        return true;
    }

    static double share(long used, long published) {
        return published == 0 ? 0 : Math.round(1000.0 * used / published) / 10.0;
    }

    /**
     * For each asset used (viewed, previewed, downloaded or shared by anyone but its owner) from {@code from} to
     * {@code to}: which windows it was used in, 0 being the last {@code window} days, 1 the window before, and so on.
     */
    private Mono<Map<UUID, Set<Integer>>> usedByWindow(LocalDate from, LocalDate to, int window) {
        // one row per asset: bit k set when it was used in window k
        return db.sql("select asset_id, bit_or(1 << ((:to::date - day) / :window)::int) as windows "
                        + "from usage_daily_asset where day between :from and :to and action = any(:actions) "
                        + "group by asset_id")
                .bind("from", from)
                .bind("to", to)
                .bind("window", window)
                .bind("actions", ACTIONS.toArray(String[]::new))
                .map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("windows", Integer.class)))
                .all()
                .collect(HashMap::new, (Map<UUID, Set<Integer>> map, Map.Entry<UUID, Integer> e) -> {
                    Set<Integer> windows = new HashSet<>();
                    for (int k = 0; k < TREND_WINDOWS; k++) {
                        if ((e.getValue() & (1 << k)) != 0) {
                            windows.add(k);
                        }
                    }
                    map.put(e.getKey(), windows);
                });
    }

    private static List<TrendPoint> trend(LibraryDimensions.Library lib, Query q, Map<UUID, Set<Integer>> usedIn,
            LocalDate to) {
        List<TrendPoint> points = new ArrayList<>();
        for (int k = TREND_WINDOWS - 1; k >= 0; k--) {
            LocalDate end = to.minusDays((long) k * q.window());
            LocalDate start = end.minusDays(q.window() - 1L);
            int window = k;
            List<AssetCatalog.Dimensions> published = lib.assets().values().stream()
                    .filter(a -> publishedOn(a, to))
                    .filter(a -> a.publishedAt() == null
                            || !LocalDate.ofInstant(a.publishedAt(), ZoneOffset.UTC).isAfter(end))
                    .filter(a -> matches(a, q))
                    .toList();
            long used = published.stream().filter(a -> usedIn.getOrDefault(a.id(), Set.of()).contains(window))
                    .count();
            points.add(new TrendPoint(start, end, published.size(), used, share(used, published.size())));
        }
        return points;
    }

    /** Why each unused asset went unused: the furthest step it reached. */
    private Mono<Map<UUID, Cause>> causes(List<AssetCatalog.Dimensions> unused, Set<UUID> surfacedInWindow) {
        if (unused.isEmpty()) {
            return Mono.just(Map.of());
        }
        UUID[] ids = unused.stream().map(AssetCatalog.Dimensions::id).toArray(UUID[]::new);
        Mono<Map<UUID, boolean[]>> history = db.sql("select asset_id, "
                        + "bool_or(action in ('VIEW', 'PREVIEW', 'DOWNLOAD')) as opened, "
                        + "bool_or(action = 'SHARE') as shared from usage_daily_asset "
                        + "where asset_id = any(:ids) group by asset_id")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("asset_id", UUID.class), new boolean[] {
                    Boolean.TRUE.equals(row.get("opened", Boolean.class)),
                    Boolean.TRUE.equals(row.get("shared", Boolean.class))}))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(history, buyerReads.assetsRead()).map(t -> {
            Map<UUID, Cause> causes = new HashMap<>();
            for (AssetCatalog.Dimensions asset : unused) {
                boolean[] h = t.getT1().getOrDefault(asset.id(), new boolean[2]);
                Cause cause;
                if (!surfacedInWindow.contains(asset.id())) {
                    cause = Cause.NEVER_SURFACED;
                } else if (!h[0]) {
                    cause = Cause.SURFACED_NOT_OPENED;
                } else if (!h[1]) {
                    cause = Cause.OPENED_NOT_SHARED;
                } else if (!t.getT2().contains(asset.id())) {
                    cause = Cause.SHARED_NOT_READ;
                } else {
                    cause = Cause.SURFACED_NOT_OPENED;
                }
                causes.put(asset.id(), cause);
            }
            return causes;
        });
    }

    private static List<Group> groups(String by, List<AssetCatalog.Dimensions> published,
            List<AssetCatalog.Dimensions> unused, Map<UUID, Cause> causes, LibraryDimensions.Library lib,
            Map<Long, Person> people) {
        Set<UUID> unusedIds = unused.stream().map(AssetCatalog.Dimensions::id).collect(Collectors.toSet());
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        if (by.equals("cause")) {
            for (Cause c : Cause.values()) {
                long n = causes.values().stream().filter(c::equals).count();
                counts.put(c.key(), new long[] {n, 0});
                labels.put(c.key(), c.label());
            }
            return counts.entrySet().stream()
                    .map(e -> new Group(e.getKey(), labels.get(e.getKey()), e.getValue()[0], 0, e.getValue()[0], 0))
                    .toList();
        }
        for (AssetCatalog.Dimensions asset : published) {
            List<String> keys;
            if (by.equals("owner")) {
                keys = List.of(Long.toString(asset.ownerId()));
                Person p = people.get(asset.ownerId());
                labels.put(keys.getFirst(), p == null ? "(unknown)" : p.displayName());
            } else {
                String facet = UsageReports.GROUPS.get(by);
                keys = LibraryDimensions.values(asset, facet);
                if (keys.isEmpty()) {
                    keys = List.of("");
                    labels.put("", "(none)");
                }
                keys.forEach(k -> labels.putIfAbsent(k, k.isEmpty() ? "(none)" : lib.label(k)));
            }
            for (String key : keys) {
                long[] c = counts.computeIfAbsent(key, x -> new long[2]);
                c[0]++;
                if (unusedIds.contains(asset.id())) {
                    c[1]++;
                }
            }
        }
        return counts.entrySet().stream()
                .map(e -> {
                    long publishedN = e.getValue()[0];
                    long unusedN = e.getValue()[1];
                    String key = e.getKey().contains(":") ? e.getKey().substring(e.getKey().indexOf(':') + 1)
                            : e.getKey();
                    return new Group(key, labels.get(e.getKey()), publishedN, publishedN - unusedN, unusedN,
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
