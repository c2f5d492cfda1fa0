package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.usage.UsageService;
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

/**
 * The trailing windows ({@link UsageWindows}) hold exactly what the raw events give, for every standard window and
 * the window before it and the trend bits, while the day they end on moves: the events folded in on one day, then the
 * clock crosses midnight and late events (yesterday's, older ones, the new day's) arrive, and the first round of the
 * new day both moves the windows and folds them; and the usage report and the per-asset uses coverage reads
 * ({@link UsageReports#usesByAsset}), both read from them, give the raw events' numbers. The {@code used} bits the
 * unused report and the scorecard read are checked in the table itself; the unused report is not run here (it lists
 * only library assets, and these events are for assets of their own; {@code ReportsApiTest} runs it).
 */
class UsageWindowsTest extends BatonTest {

    @Autowired
    UsageService usage;

    @Autowired
    UsageRollup rollup;

    @Autowired
    UsageWindows windows;

    @Autowired
    UsageReports reports;

    @Autowired
    DatabaseClient db;

    @Autowired
    TestClock clock;

    private static final String[] ACTIONS = {"VIEW", "PREVIEW", "DOWNLOAD", "SHARE", "EMAIL", "MEETING", "PAGE_VIEW"};

    /** One event as the test remembers it: the day it happened, its asset, its action. */
    private record Seen(LocalDate day, UUID asset, String action) {}

    @Test
    void theTrailingWindowsFollowTheRawEventsAcrossMidnight() {
        long rep = users.user("windows-rep", "REP").id();
        List<UUID> assets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assets.add(UUID.randomUUID());
        }
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Instant evening = first.atTime(22, 0).toInstant(ZoneOffset.UTC);
        Random random = new Random(33);
        List<Seen> seen = new ArrayList<>();
        try {
            clock.pin(evening);
            rollup.catchUp();
            assertThat(windows.asOf().block()).isEqualTo(first);
            append(rep, assets, evening, 1500, 800, random, seen);
            rollup.catchUp();

            assertThat(table(assets)).isEqualTo(expected(seen, first));

            // past midnight: the first round of the new day moves every window, then folds what came meanwhile
            Instant night = first.plusDays(1).atTime(0, 30).toInstant(ZoneOffset.UTC);
            clock.pin(night);
            append(rep, assets, night, 600, 3, random, seen);
            append(rep, assets, night, 300, 800, random, seen);
            rollup.catchUp();

            LocalDate second = first.plusDays(1);
            assertThat(windows.asOf().block()).isEqualTo(second);
            assertThat(table(assets)).isEqualTo(expected(seen, second));

            // a late event for yesterday folded into the windows as they stand today
            append(rep, assets, second.atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(60), 40, 1, random, seen);
            rollup.catchUp();
            Map<List<Object>, List<Long>> expected = expected(seen, second);
            assertThat(table(assets)).isEqualTo(expected);

            // the usage report over a standard window reads them and gives the raw events' numbers per asset
            for (int window : new int[] {7, 30, 90}) {
                UsageReports.Report report = reports.report(reports.query(window, null, null, "week", "asset",
                        100_000), null).block(Duration.ofSeconds(60));
                Map<UUID, Long> perAsset = reports.usesByAsset(second.minusDays(window - 1L), second)
                        .block(Duration.ofSeconds(60));
                for (UUID asset : assets) {
                    List<Long> want = expected.getOrDefault(List.of(window, asset), zeros());
                    long all = want.get(0) + want.get(1) + want.get(2) + want.get(3) + want.get(4);
                    assertThat(perAsset.get(asset)).as("coverage's uses of %s in %d days", asset, window)
                            .isEqualTo(all == 0 ? null : all);
                    long uses = want.get(0) + want.get(1) + want.get(2) + want.get(3) + want.get(4);
                    UsageReports.Row row = report.rows().stream().filter(r -> r.key().equals(asset.toString()))
                            .findFirst().orElse(null);
                    if (uses == 0) {
                        assertThat(row).as("%s in %d days", asset, window).isNull();
                    } else {
                        assertThat(row).as("%s in %d days", asset, window).isNotNull();
                        assertThat(List.of(row.figures().views(), row.figures().previews(),
                                row.figures().downloads(), row.figures().shares(), row.figures().other()))
                                .as("%s in %d days", asset, window).isEqualTo(want.subList(0, 5));
                    }
                }
            }
        } finally {
            clock.release();
        }
        // back on the real day the next round moves the windows back to it
        rollup.catchUp();
        assertThat(windows.asOf().block()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(table(assets)).isEqualTo(expected(seen, LocalDate.now(ZoneOffset.UTC)));
    }

    /** {@code n} events at random times up to {@code maxDays} days before {@code now}, remembered in {@code seen}. */
    private void append(long rep, List<UUID> assets, Instant now, int n, int maxDays, Random random,
            List<Seen> seen) {
        List<UsageService.UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID asset = assets.get(random.nextInt(assets.size()));
            String action = ACTIONS[random.nextInt(ACTIONS.length)];
            Instant at = now.minusSeconds(random.nextLong((long) maxDays * 86_400));
            Long account = action.equals("PAGE_VIEW") ? null : rep;
            events.add(new UsageService.UsageEvent(account, asset, 1, UsageService.Action.valueOf(action), at, null,
                    account == null ? 1L : null, account == null ? "visitor" : null, account == null ? 1 : null, null,
                    null, null, null));
            seen.add(new Seen(LocalDate.ofInstant(at, ZoneOffset.UTC), asset, action));
        }
        usage.append(events).block(Duration.ofSeconds(60));
    }

    /** Per window and asset: views, previews, downloads, shares, other, previous, used, as the raw events give them. */
    private static Map<List<Object>, List<Long>> expected(List<Seen> seen, LocalDate asOf) {
        Map<List<Object>, List<Long>> rows = new HashMap<>();
        for (int w : UsageWindows.WINDOWS) {
            for (Seen e : seen) {
                int c = UsageRollup.column(e.action());
                long age = asOf.toEpochDay() - e.day().toEpochDay();
                if (c < 0 || age < 0 || age >= (long) UsageWindows.TRENDS * w) {
                    continue;
                }
                boolean inWindows = age < 2L * w;
                boolean opened = c < 4;
                if (!inWindows && !opened) {
                    continue;
                }
                List<Long> row = rows.computeIfAbsent(List.of(w, e.asset()), k -> zeros());
                if (age < w) {
                    row.set(c, row.get(c) + 1);
                } else if (age < 2L * w) {
                    row.set(5, row.get(5) + 1);
                }
                if (opened) {
                    row.set(6, row.get(6) | 1L << (age / w));
                }
            }
        }
        return rows;
    }

    private Map<List<Object>, List<Long>> table(List<UUID> assets) {
        return db.sql("select window_days, asset_id, views, previews, downloads, shares, other, previous, "
                        + "used::bigint as used from usage_asset_window where asset_id = any(:ids)")
                .bind("ids", assets.toArray(UUID[]::new))
                .map(row -> {
                    List<Long> values = new ArrayList<>();
                    for (String c : List.of("views", "previews", "downloads", "shares", "other", "previous",
                            "used")) {
                        values.add(row.get(c, Long.class));
                    }
                    return Map.entry(List.<Object>of(row.get("window_days", Integer.class),
                            row.get("asset_id", UUID.class)), values);
                })
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block(Duration.ofSeconds(30));
    }

    private static List<Long> zeros() {
        return new ArrayList<>(java.util.Collections.nCopies(7, 0L));
    }
}
