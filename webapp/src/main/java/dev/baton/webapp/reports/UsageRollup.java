package dev.baton.webapp.reports;

import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.usage.UsageService;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Keeps the rollups ({@code usage_daily} with every event; without owners' own uses {@code usage_daily_account},
 * and pivoted by action {@code usage_asset_day}, {@code usage_asset_month}, {@code usage_day}, with
 * {@code usage_asset_state}, and the trailing windows of {@link UsageWindows}) up to date from the usage events, read through {@link UsageService}. It follows the events by id as the search index's usage
 * counts do: an event's id is handed out at insert, so one that commits late shows an id below ones already folded
 * in; such ids are kept as gaps ({@code usage_rollup_gap}) and looked up again until their event shows or they
 * settle (older than {@code baton.search.settle} and every transaction running when they were seen has ended). An
 * event that happened in the past (imported history, a tool reporting late) folds into the day it happened.
 *
 * <p>Each round is one transaction: it locks the cursor row ({@code for update skip locked}, so among several nodes
 * one folds at a time), reads a batch, adds its counts and moves the cursor; a round that fails adds nothing, so each
 * event is counted exactly once. An owner's own uses are folded with {@code own} set (owner at folding time, from
 * {@link AssetCatalog#owners}) and left out of the per-asset and per-person tables.
 */
@Component
class UsageRollup extends BackgroundWorker {

    static final int BATCH = 50_000;
    private static final int GAP_LOOKUP = 1000;
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(5);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final UsageService usage;
    private final AssetCatalog catalog;
    private final Duration settle;
    private final UsageWindows windows;
    private final Clock clock;

    UsageRollup(DatabaseClient db, TransactionalOperator tx, UsageService usage, AssetCatalog catalog,
            BatonProperties properties, UsageWindows windows, Clock clock) {
        super("baton-usage-rollup", Duration.ofSeconds(2));
        this.db = db;
        this.tx = tx;
        this.usage = usage;
        this.catalog = catalog;
        this.settle = properties.search().settle();
        this.windows = windows;
        this.clock = clock;
    }

    @Override
    protected void releaseOwnClaims() {
        // nothing is claimed across rounds: a round's lock ends with its transaction
    }

    @Override
    protected boolean workOnce() {
        return round();
    }

    @Override
    protected String problem() {
        return "Could not fold usage events into the report rollups; trying again";
    }

    /** Folds every event committed by now into the rollups (tests and the benchmark call this). */
    synchronized void catchUp() {
        while (round()) {
            // another round while a batch was full or a late event was found
        }
    }

    /** Where the rollup stands: every event up to this id is folded in or can never appear. */
    Mono<Long> watermark() {
        return db.sql("select watermark from usage_rollup_cursor where id = 1")
                .map(row -> row.get("watermark", Long.class))
                .one();
    }

    /** One round in one transaction; whether there may be more to fold at once. */
    synchronized boolean round() {
        Boolean more = tx.transactional(Mono.defer(this::roundInTransaction)).block(QUERY_TIMEOUT);
        return Boolean.TRUE.equals(more);
    }

    private record Cursor(long watermark, long read) {}

    private record Moment(long xmin, long xmax) {}

    private Mono<Boolean> roundInTransaction() {
        // the rollups are derived: a crash that loses a round's commit loses its cursor move too, and the round is
        // folded again, so the commit need not wait for the disk
        return db.sql("set local synchronous_commit = off").then()
                .then(db.sql("select watermark, read from usage_rollup_cursor where id = 1 for update skip locked")
                .map(row -> new Cursor(row.get("watermark", Long.class), row.get("read", Long.class)))
                .one()
                // the first round of a new day moves the trailing windows to end today before it folds
                .flatMap(cursor -> windows.recomputeIfStale(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                        .then(usage.eventsAfter(cursor.read(), BATCH))
                        .flatMap(batch -> afterRead(cursor, batch))))
                .defaultIfEmpty(false);
    }

    private Mono<Boolean> afterRead(Cursor cursor, List<UsageService.Event> batch) {
        List<Long> stepped = new ArrayList<>();
        long expected = cursor.read() + 1;
        for (UsageService.Event event : batch) {
            for (long p = expected; p < event.id(); p++) {
                stepped.add(p);
            }
            expected = event.id() + 1;
        }
        Mono<List<Long>> openGaps = db.sql("select position from usage_rollup_gap order by position limit :n")
                .bind("n", GAP_LOOKUP)
                .map(row -> row.get("position", Long.class))
                .all()
                .collectList();
        return openGaps.flatMap(gaps -> {
            Set<Long> lookUp = new LinkedHashSet<>(gaps);
            for (long p : stepped) {
                if (lookUp.size() >= GAP_LOOKUP) {
                    break;
                }
                lookUp.add(p);
            }
            if (lookUp.isEmpty() && batch.isEmpty()) {
                return Mono.just(false);
            }
            // the moment is taken after the batch was read and before the lookup, as FeedCursor's rounds take it
            Mono<Moment> moment = db.sql("select pg_snapshot_xmin(s)::text as xmin, pg_snapshot_xmax(s)::text as xmax "
                            + "from pg_current_snapshot() as s")
                    .map(row -> new Moment(Long.parseLong(row.get("xmin", String.class)),
                            Long.parseLong(row.get("xmax", String.class))))
                    .one();
            return moment.flatMap(now -> usage.eventsWithIds(lookUp).flatMap(found -> {
                List<UsageService.Event> all = new ArrayList<>(batch);
                all.addAll(found);
                Set<Long> foundIds = new HashSet<>();
                found.forEach(event -> foundIds.add(event.id()));
                List<Long> newGaps = stepped.stream().filter(p -> !foundIds.contains(p)).toList();
                long read = batch.isEmpty() ? cursor.read() : batch.getLast().id();
                return fold(all)
                        .then(newGaps(newGaps, now))
                        .then(closeGaps(foundIds, lookUp, now))
                        .then(moveCursor(read))
                        .thenReturn(batch.size() == BATCH || !found.isEmpty());
            }));
        });
    }

    private Mono<Void> newGaps(List<Long> gaps, Moment now) {
        if (gaps.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("insert into usage_rollup_gap (position, seen_xmax, seen_at) "
                        + "select p, :xmax, clock_timestamp() from unnest(:positions::bigint[]) as p "
                        + "on conflict do nothing")
                .bind("xmax", now.xmax())
                .bind("positions", gaps.toArray(Long[]::new))
                .then();
    }

    /** Found gaps close; looked-up gaps without an event close once settled. */
    private Mono<Void> closeGaps(Set<Long> found, Set<Long> lookedUp, Moment now) {
        Mono<Void> closeFound = found.isEmpty() ? Mono.empty()
                : db.sql("delete from usage_rollup_gap where position = any(:found)")
                        .bind("found", found.toArray(Long[]::new))
                        .then();
        Mono<Void> closeSettled = lookedUp.isEmpty() ? Mono.empty()
                : db.sql("delete from usage_rollup_gap where position = any(:looked) and seen_xmax <= :xmin "
                                + "and seen_at <= clock_timestamp() - make_interval(secs => :settle)")
                        .bind("looked", lookedUp.toArray(Long[]::new))
                        .bind("xmin", now.xmin())
                        .bind("settle", settle.toMillis() / 1000.0)
                        .then();
        return closeFound.then(closeSettled);
    }

    private Mono<Void> moveCursor(long read) {
        return db.sql("update usage_rollup_cursor set read = :read, watermark = coalesce("
                        + "(select min(position) - 1 from usage_rollup_gap), :read), updated_at = now() where id = 1")
                .bind("read", read)
                .then();
    }

    private record DailyKey(LocalDate day, UUID asset, long account, String action, boolean own) {}

    /** Adds the events' counts to the three rollups. */
    private Mono<Void> fold(List<UsageService.Event> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        Set<UUID> assets = new HashSet<>();
        events.forEach(event -> assets.add(event.assetId()));
        return catalog.owners(assets).flatMap(owners -> {
            Map<DailyKey, Long> daily = new HashMap<>();
            for (UsageService.Event event : events) {
                LocalDate day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
                boolean own = event.accountId() != null && event.accountId().equals(owners.get(event.assetId()));
                long account = event.accountId() == null ? 0 : event.accountId();
                daily.merge(new DailyKey(day, event.assetId(), account, event.action(), own), 1L, Long::sum);
            }
            return upsertDaily(daily).then(upsertAsset(daily)).then(upsertAccount(daily));
        });
    }

    private Mono<Void> upsertDaily(Map<DailyKey, Long> daily) {
        int n = daily.size();
        String[] days = new String[n];
        UUID[] assets = new UUID[n];
        Long[] accounts = new Long[n];
        String[] actions = new String[n];
        Boolean[] own = new Boolean[n];
        Long[] events = new Long[n];
        int i = 0;
        for (Map.Entry<DailyKey, Long> e : daily.entrySet()) {
            days[i] = e.getKey().day().toString();
            assets[i] = e.getKey().asset();
            accounts[i] = e.getKey().account();
            actions[i] = e.getKey().action();
            own[i] = e.getKey().own();
            events[i++] = e.getValue();
        }
        return db.sql("insert into usage_daily (day, asset_id, account_id, action, own, events) "
                        + "select d::date, a, p, c, o, n from unnest(:days::text[], :assets::uuid[], "
                        + ":accounts::bigint[], :actions::text[], :own::boolean[], :events::bigint[]) "
                        + "as t(d, a, p, c, o, n) "
                        + "on conflict (day, asset_id, account_id, action, own) "
                        + "do update set events = usage_daily.events + excluded.events")
                .bind("days", days)
                .bind("assets", assets)
                .bind("accounts", accounts)
                .bind("actions", actions)
                .bind("own", own)
                .bind("events", events)
                .then();
    }

    /** The column of a use action in the pivoted rollups: view, preview, download, share, other; -1: not a use. */
    static int column(String action) {
        return switch (action) {
            case "VIEW" -> 0;
            case "PREVIEW" -> 1;
            case "DOWNLOAD" -> 2;
            case "SHARE" -> 3;
            case "EMAIL", "MEETING" -> 4;
            default -> -1;
        };
    }

    private record AssetDay(LocalDate day, UUID asset) {}

    /**
     * Adds the uses (no owner's own) to the pivoted rollups: per asset and day, per asset and month (with the days it
     * was opened or shared), per day, and each asset's first opened and shared day.
     */
    private Mono<Void> upsertAsset(Map<DailyKey, Long> daily) {
        Map<AssetDay, long[]> byDay = new HashMap<>();
        Map<AssetDay, long[]> byMonth = new HashMap<>();
        Map<LocalDate, long[]> totals = new HashMap<>();
        Map<UUID, LocalDate[]> firsts = new HashMap<>();
        daily.forEach((key, n) -> {
            int c = column(key.action());
            if (key.own() || c < 0) {
                return;
            }
            byDay.computeIfAbsent(new AssetDay(key.day(), key.asset()), k -> new long[5])[c] += n;
            long[] month = byMonth.computeIfAbsent(new AssetDay(key.day().withDayOfMonth(1), key.asset()),
                    k -> new long[6]);
            month[c] += n;
            if (c < 4) {
                month[5] |= 1L << (key.day().getDayOfMonth() - 1);
            }
            totals.computeIfAbsent(key.day(), k -> new long[5])[c] += n;
            if (c < 4) {
                LocalDate[] f = firsts.computeIfAbsent(key.asset(), k -> new LocalDate[2]);
                int i = c == 3 ? 1 : 0;
                if (f[i] == null || key.day().isBefore(f[i])) {
                    f[i] = key.day();
                }
            }
        });
        if (byDay.isEmpty()) {
            return Mono.empty();
        }
        return upsertPivot("usage_asset_day", "day", byDay).then(upsertPivot("usage_asset_month", "month", byMonth))
                .then(upsertTotals(totals)).then(upsertFirsts(firsts)).then(upsertWindows(byDay));
    }

    private Mono<Void> upsertPivot(String table, String dayColumn, Map<AssetDay, long[]> rows) {
        int size = rows.size();
        boolean month = table.equals("usage_asset_month");
        String[] days = new String[size];
        UUID[] assets = new UUID[size];
        Long[][] columns = new Long[6][size];
        int i = 0;
        for (Map.Entry<AssetDay, long[]> e : rows.entrySet()) {
            days[i] = e.getKey().day().toString();
            assets[i] = e.getKey().asset();
            for (int c = 0; c < e.getValue().length; c++) {
                columns[c][i] = e.getValue()[c];
            }
            i++;
        }
        String sql = "insert into " + table + " (" + dayColumn + ", asset_id, views, previews, downloads, shares, "
                + "other" + (month ? ", days_used" : "") + ") select d::date, a, v, p, w, s, o"
                + (month ? ", u::int" : "") + " from unnest(:days::text[], :assets::uuid[], :v::bigint[], "
                + ":p::bigint[], :w::bigint[], :s::bigint[], :o::bigint[]" + (month ? ", :u::bigint[]" : "")
                + ") as t(d, a, v, p, w, s, o" + (month ? ", u" : "") + ") on conflict (" + dayColumn
                + ", asset_id) do update set views = " + table + ".views + excluded.views, previews = " + table
                + ".previews + excluded.previews, downloads = " + table + ".downloads + excluded.downloads, "
                + "shares = " + table + ".shares + excluded.shares, other = " + table + ".other + excluded.other"
                + (month ? ", days_used = usage_asset_month.days_used | excluded.days_used" : "");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("days", days).bind("assets", assets)
                .bind("v", columns[0]).bind("p", columns[1]).bind("w", columns[2]).bind("s", columns[3])
                .bind("o", columns[4]);
        return (month ? spec.bind("u", columns[5]) : spec).then();
    }

    /** Adds the per-asset days to the trailing windows ({@link UsageWindows}). */
    private Mono<Void> upsertWindows(Map<AssetDay, long[]> byDay) {
        int size = byDay.size();
        String[] days = new String[size];
        UUID[] assets = new UUID[size];
        Long[][] columns = new Long[5][size];
        int i = 0;
        for (Map.Entry<AssetDay, long[]> e : byDay.entrySet()) {
            days[i] = e.getKey().day().toString();
            assets[i] = e.getKey().asset();
            for (int c = 0; c < 5; c++) {
                columns[c][i] = e.getValue()[c];
            }
            i++;
        }
        return windows.add(days, assets, columns);
    }

    private Mono<Void> upsertTotals(Map<LocalDate, long[]> totals) {
        int size = totals.size();
        String[] days = new String[size];
        Long[][] columns = new Long[5][size];
        int i = 0;
        for (Map.Entry<LocalDate, long[]> e : totals.entrySet()) {
            days[i] = e.getKey().toString();
            for (int c = 0; c < 5; c++) {
                columns[c][i] = e.getValue()[c];
            }
            i++;
        }
        return db.sql("insert into usage_day (day, views, previews, downloads, shares, other) "
                        + "select d::date, v, p, w, s, o from unnest(:days::text[], :v::bigint[], :p::bigint[], "
                        + ":w::bigint[], :s::bigint[], :o::bigint[]) as t(d, v, p, w, s, o) "
                        + "on conflict (day) do update set views = usage_day.views + excluded.views, "
                        + "previews = usage_day.previews + excluded.previews, "
                        + "downloads = usage_day.downloads + excluded.downloads, "
                        + "shares = usage_day.shares + excluded.shares, other = usage_day.other + excluded.other")
                .bind("days", days).bind("v", columns[0]).bind("p", columns[1]).bind("w", columns[2])
                .bind("s", columns[3]).bind("o", columns[4])
                .then();
    }

    private Mono<Void> upsertFirsts(Map<UUID, LocalDate[]> firsts) {
        if (firsts.isEmpty()) {
            return Mono.empty();
        }
        int size = firsts.size();
        UUID[] assets = new UUID[size];
        String[] opened = new String[size];
        String[] shared = new String[size];
        int i = 0;
        for (Map.Entry<UUID, LocalDate[]> e : firsts.entrySet()) {
            assets[i] = e.getKey();
            opened[i] = e.getValue()[0] == null ? null : e.getValue()[0].toString();
            shared[i++] = e.getValue()[1] == null ? null : e.getValue()[1].toString();
        }
        // only a row whose first day moves earlier is written again
        return db.sql("insert into usage_asset_state as s (asset_id, first_opened, first_shared) "
                        + "select a, o::date, h::date from unnest(:assets::uuid[], :opened::text[], :shared::text[]) "
                        + "as t(a, o, h) on conflict (asset_id) do update set "
                        + "first_opened = least(s.first_opened, excluded.first_opened), "
                        + "first_shared = least(s.first_shared, excluded.first_shared) "
                        + "where excluded.first_opened < coalesce(s.first_opened, 'infinity') "
                        + "or excluded.first_shared < coalesce(s.first_shared, 'infinity')")
                .bind("assets", assets).bind("opened", opened).bind("shared", shared)
                .then();
    }

    private record AccountKey(LocalDate day, long account, String action) {}

    private Mono<Void> upsertAccount(Map<DailyKey, Long> daily) {
        Map<AccountKey, Long> byAccount = new HashMap<>();
        daily.forEach((key, n) -> {
            if (!key.own() && key.account() != 0) {
                byAccount.merge(new AccountKey(key.day(), key.account(), key.action()), n, Long::sum);
            }
        });
        if (byAccount.isEmpty()) {
            return Mono.empty();
        }
        int size = byAccount.size();
        String[] days = new String[size];
        Long[] accounts = new Long[size];
        String[] actions = new String[size];
        Long[] events = new Long[size];
        int i = 0;
        for (Map.Entry<AccountKey, Long> e : byAccount.entrySet()) {
            days[i] = e.getKey().day().toString();
            accounts[i] = e.getKey().account();
            actions[i] = e.getKey().action();
            events[i++] = e.getValue();
        }
        return db.sql("insert into usage_daily_account (day, account_id, action, events) "
                        + "select d::date, p, c, n from unnest(:days::text[], :accounts::bigint[], :actions::text[], "
                        + ":events::bigint[]) as t(d, p, c, n) "
                        + "on conflict (day, account_id, action) do update set events = usage_daily_account.events "
                        + "+ excluded.events")
                .bind("days", days)
                .bind("accounts", accounts)
                .bind("actions", actions)
                .bind("events", events)
                .then();
    }
}
