package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.usage.UsageService;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rollups the reports read give exactly the numbers the raw events give: a seeded set of events over many days
 * (late ones among them, an owner's own uses, buyers' page reads) folded in by {@link UsageRollup}: the daily, the
 * pivoted per-asset daily and monthly rollups, the per-day totals and each asset's first opened and shared days, and
 * the usage report by asset and by rep read from them over windows that cut months; and an event that commits after a later one was
 * folded in is folded in too.
 */
class UsageRollupTest extends BatonTest {

    @Autowired
    UsageService usage;

    @Autowired
    UsageRollup rollup;

    @Autowired
    DatabaseClient db;

    @Autowired
    UsageReports reports;

    @Autowired
    ConnectionFactory connections;

    private record Key(LocalDate day, UUID asset, long account, String action, boolean own) {}

    @Test
    void theRollupsGiveExactlyTheNumbersOfTheRawEvents() {
        long rep = users.user("rollup-rep", "REP").id();
        long rep2 = users.user("rollup-rep2", "REP").id();
        long owner = users.user("rollup-marketer", "MARKETER").id();
        AssetClient marketer = new AssetClient(http, basic("rollup-marketer", TestUsers.PASSWORD));
        UUID owned = UUID.fromString((String) marketer.created(TestFiles.pdf("Rollup owned", "Test",
                List.of("owned")), UUID.randomUUID() + ".pdf", Map.of("status", "published")).get("id"));
        List<UUID> assets = new ArrayList<>(List.of(owned));
        for (int i = 0; i < 7; i++) {
            assets.add(UUID.randomUUID());
        }
        String[] actions = {"VIEW", "PREVIEW", "DOWNLOAD", "SHARE", "EMAIL", "PAGE_VIEW"};
        long[] people = {rep, rep2, owner};
        Random random = new Random(14);
        Instant now = Instant.now();
        Map<Key, Long> expected = new HashMap<>();
        List<UsageService.UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            UUID asset = assets.get(random.nextInt(assets.size()));
            String action = actions[random.nextInt(actions.length)];
            // late events among them: up to 400 days in the past, folded into the day they happened
            Instant at = now.minusSeconds(random.nextInt(400 * 86_400));
            Long account = action.equals("PAGE_VIEW") ? null : people[random.nextInt(people.length)];
            Long share = account == null ? 1L : null;
            events.add(new UsageService.UsageEvent(account, asset, 1, UsageService.Action.valueOf(action), at, null,
                    share, account == null ? "visitor" : null, account == null ? 1 : null, null, null, null, null));
            boolean own = account != null && asset.equals(owned) && account == owner;
            expected.merge(new Key(LocalDate.ofInstant(at, ZoneOffset.UTC), asset, account == null ? 0 : account,
                    action, own), 1L, Long::sum);
        }
        rollup.catchUp();
        Map<LocalDate, List<Long>> totalsBefore = dayTotals();
        for (int from = 0; from < events.size(); from += 500) {
            usage.append(events.subList(from, from + 500)).block();
        }

        rollup.catchUp();

        assertThat(daily(assets)).isEqualTo(expected);
        // the per-asset and per-person tables are the same events without owners' own uses
        Map<List<Object>, Long> byAsset = new HashMap<>();
        Map<List<Object>, Long> byAccount = new HashMap<>();
        expected.forEach((key, n) -> {
            if (!key.own()) {
                byAsset.merge(List.of(key.day(), key.asset(), key.action()), n, Long::sum);
                if (key.account() != 0 && (key.account() == rep || key.account() == rep2)) {
                    byAccount.merge(List.of(key.day(), key.account(), key.action()), n, Long::sum);
                }
            }
        });
        // pivoted per asset and day, per asset and month (with the days opened or shared), per day, and firsts
        Map<List<Object>, List<Long>> assetDays = new HashMap<>();
        Map<List<Object>, List<Long>> assetMonths = new HashMap<>();
        Map<LocalDate, List<Long>> days = new HashMap<>();
        Map<UUID, List<LocalDate>> firsts = new HashMap<>();
        byAsset.forEach((k, n) -> {
            LocalDate day = (LocalDate) k.get(0);
            UUID asset = (UUID) k.get(1);
            int c = UsageRollup.column((String) k.get(2));
            if (c < 0) {
                return;
            }
            add(assetDays.computeIfAbsent(List.of(day, asset), x -> zeros(5)), c, n);
            List<Long> month = assetMonths.computeIfAbsent(List.of(day.withDayOfMonth(1), asset), x -> zeros(6));
            add(month, c, n);
            add(days.computeIfAbsent(day, x -> zeros(5)), c, n);
            if (c < 4) {
                month.set(5, month.get(5) | 1L << (day.getDayOfMonth() - 1));
                List<LocalDate> f = firsts.computeIfAbsent(asset, x -> new ArrayList<>(java.util.Arrays.asList(
                        (LocalDate) null, null)));
                int i = c == 3 ? 1 : 0;
                if (f.get(i) == null || day.isBefore(f.get(i))) {
                    f.set(i, day);
                }
            }
        });
        UUID[] ids = assets.toArray(UUID[]::new);
        assertThat(db.sql("select day, asset_id, views, previews, downloads, shares, other from usage_asset_day "
                        + "where asset_id = any(:ids)").bind("ids", ids)
                .map(row -> Map.entry(List.<Object>of(row.get("day", LocalDate.class), row.get("asset_id", UUID.class)),
                        columns(row, 5)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block()).isEqualTo(assetDays);
        assertThat(db.sql("select month, asset_id, views, previews, downloads, shares, other, days_used::bigint "
                        + "as days_used from usage_asset_month where asset_id = any(:ids)").bind("ids", ids)
                .map(row -> Map.entry(List.<Object>of(row.get("month", LocalDate.class),
                        row.get("asset_id", UUID.class)), columns(row, 6)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block()).isEqualTo(assetMonths);
        assertThat(db.sql("select asset_id, first_opened, first_shared from usage_asset_state "
                        + "where asset_id = any(:ids)").bind("ids", ids)
                .map(row -> Map.entry(row.get("asset_id", UUID.class), java.util.Arrays.asList(
                        row.get("first_opened", LocalDate.class), row.get("first_shared", LocalDate.class))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block()).isEqualTo(firsts);
        // usage_day holds every asset's uses: these events moved it by exactly their uses
        Map<LocalDate, List<Long>> dayTotals = dayTotals();
        Map<LocalDate, List<Long>> moved = new HashMap<>();
        dayTotals.forEach((day, after) -> {
            List<Long> was = totalsBefore.getOrDefault(day, zeros(5));
            List<Long> diff = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                diff.add(after.get(c) - was.get(c));
            }
            if (diff.stream().anyMatch(n -> n != 0)) {
                moved.put(day, diff);
            }
        });
        assertThat(moved).isEqualTo(days);

        // the usage report read from the rollups gives the raw events' numbers over windows that cut months
        for (int window : new int[] {7, 45, 90, 365}) {
            UsageReports.Query q = reports.query(window, null, null, "month", "asset", 100_000);
            UsageReports.Report report = reports.report(q, null).block(Duration.ofSeconds(60));
            LocalDate previous = q.from().minusDays(q.days());
            Map<UUID, List<Long>> fromRaw = new HashMap<>();
            byAsset.forEach((k, n) -> {
                LocalDate day = (LocalDate) k.get(0);
                int c = UsageRollup.column((String) k.get(2));
                if (c < 0 || day.isBefore(previous) || day.isAfter(q.to())) {
                    return;
                }
                List<Long> f = fromRaw.computeIfAbsent((UUID) k.get(1), x -> zeros(6));
                add(f, day.isBefore(q.from()) ? 5 : c, n);
            });
            for (UUID asset : assets) {
                List<Long> raw = fromRaw.getOrDefault(asset, zeros(6));
                long uses = raw.get(0) + raw.get(1) + raw.get(2) + raw.get(3) + raw.get(4);
                UsageReports.Row row = report.rows().stream().filter(r -> r.key().equals(asset.toString()))
                        .findFirst().orElse(null);
                if (uses == 0) {
                    assertThat(row).as("%s in %d days", asset, window).isNull();
                } else {
                    assertThat(row).as("%s in %d days", asset, window).isNotNull();
                    assertThat(List.of(row.figures().uses(), row.figures().views(), row.figures().previews(),
                            row.figures().downloads(), row.figures().shares(), row.figures().other()))
                            .as("%s in %d days", asset, window)
                            .isEqualTo(List.of(uses, raw.get(0), raw.get(1), raw.get(2), raw.get(3), raw.get(4)));
                }
                report.top().stream().filter(a -> a.assetId().equals(asset)).forEach(a ->
                        assertThat(a.previous()).as("%s before %d days", asset, window).isEqualTo(raw.get(5)));
            }
        }
        // the usage report by rep gives each person's raw uses (no owner's own) over the same windows
        for (int window : new int[] {7, 45, 90, 365}) {
            UsageReports.Query q = reports.query(window, null, null, "month", "rep", 100_000);
            UsageReports.Report report = reports.report(q, null).block(Duration.ofSeconds(60));
            for (long person : new long[] {rep, rep2}) {
                UsageReports.Figures raw = UsageReports.Figures.NONE;
                for (Map.Entry<List<Object>, Long> e : byAccount.entrySet()) {
                    LocalDate day = (LocalDate) e.getKey().get(0);
                    String action = (String) e.getKey().get(2);
                    if (e.getKey().get(1).equals(person) && !day.isBefore(q.from()) && !day.isAfter(q.to())
                            && UsageReports.USE_ACTIONS.contains(action)) {
                        raw = raw.plus(action, e.getValue());
                    }
                }
                UsageReports.Row row = report.rows().stream().filter(r -> r.key().equals(Long.toString(person)))
                        .findFirst().orElse(null);
                if (raw.uses() == 0) {
                    assertThat(row).as("person %d in %d days", person, window).isNull();
                } else {
                    assertThat(row).as("person %d in %d days", person, window).isNotNull();
                    assertThat(row.figures()).as("person %d in %d days", person, window).isEqualTo(raw);
                }
            }
        }
        assertThat(db.sql("select day, account_id, action, events from usage_daily_account "
                        + "where account_id = any(:ids)")
                .bind("ids", new Long[] {rep, rep2})
                .map(row -> Map.entry(List.<Object>of(row.get("day", LocalDate.class),
                        row.get("account_id", Long.class), row.get("action", String.class)),
                        row.get("events", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block()).isEqualTo(byAccount);

        // folding again adds nothing
        rollup.catchUp();
        assertThat(daily(assets)).isEqualTo(expected);
    }

    @Test
    void anEventCommittedAfterALaterOneWasFoldedInIsFoldedInToo() {
        long rep = users.user("rollup-late-rep", "REP").id();
        UUID lateAsset = UUID.randomUUID();
        UUID earlyAsset = UUID.randomUUID();
        rollup.catchUp();

        Connection late = Mono.from(connections.create()).block();
        try {
            Mono.from(late.beginTransaction()).block();
            // takes its id now, commits later; it happened three days ago
            Flux.from(late.createStatement("insert into usage_event (account_id, asset_id, version, action, "
                            + "occurred_at) values (" + rep + ", '" + lateAsset + "', 1, 'VIEW', now() - interval '3 days')")
                    .execute()).flatMap(result -> result.getRowsUpdated()).blockLast();

            usage.append(List.of(new UsageService.UsageEvent(rep, earlyAsset, 1, UsageService.Action.DOWNLOAD, null,
                    null, null, null, null, null, null, null, null))).block();
            rollup.catchUp();
            assertThat(events(earlyAsset)).isEqualTo(1);
            assertThat(events(lateAsset)).isZero();
            long watermark = rollup.watermark().block();
            long earlyId = db.sql("select max(id) from usage_event where asset_id = :a").bind("a", earlyAsset)
                    .map(row -> row.get(0, Long.class)).one().block();
            assertThat(watermark).as("the open gap holds the watermark").isLessThan(earlyId);

            Mono.from(late.commitTransaction()).block();
        } finally {
            Mono.from(late.close()).block();
        }
        rollup.catchUp();
        assertThat(events(lateAsset)).isEqualTo(1);
        assertThat(db.sql("select day from usage_daily where asset_id = :a").bind("a", lateAsset)
                .map(row -> row.get("day", LocalDate.class)).one().block())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(3));
        assertThat(events(earlyAsset)).isEqualTo(1);
    }

    private static List<Long> zeros(int n) {
        return new ArrayList<>(java.util.Collections.nCopies(n, 0L));
    }

    private static void add(List<Long> figures, int column, long n) {
        figures.set(column, figures.get(column) + n);
    }

    private static List<Long> columns(io.r2dbc.spi.Readable row, int n) {
        String[] names = {"views", "previews", "downloads", "shares", "other", "days_used"};
        List<Long> values = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            values.add(row.get(names[c], Long.class));
        }
        return values;
    }

    private Map<LocalDate, List<Long>> dayTotals() {
        return db.sql("select day, views, previews, downloads, shares, other from usage_day")
                .map(row -> Map.entry(row.get("day", LocalDate.class), columns(row, 5)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block(Duration.ofSeconds(30));
    }

    private long events(UUID asset) {
        return db.sql("select coalesce(sum(events), 0)::bigint from usage_daily where asset_id = :a")
                .bind("a", asset).map(row -> row.get(0, Long.class)).one().block();
    }

    private Map<Key, Long> daily(List<UUID> assets) {
        return db.sql("select day, asset_id, account_id, action, own, events from usage_daily "
                        + "where asset_id = any(:ids)")
                .bind("ids", assets.toArray(UUID[]::new))
                .map(row -> Map.entry(new Key(row.get("day", LocalDate.class), row.get("asset_id", UUID.class),
                        row.get("account_id", Long.class), row.get("action", String.class),
                        Boolean.TRUE.equals(row.get("own", Boolean.class))), row.get("events", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block(Duration.ofSeconds(30));
    }
}
