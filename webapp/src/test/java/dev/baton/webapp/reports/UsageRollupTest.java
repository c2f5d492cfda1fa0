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
 * (late ones among them, an owner's own uses, buyers' page reads) folded in by {@link UsageRollup}, and an event that
 * commits after a later one was folded in is folded in too.
 */
class UsageRollupTest extends BatonTest {

    @Autowired
    UsageService usage;

    @Autowired
    UsageRollup rollup;

    @Autowired
    DatabaseClient db;

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
        assertThat(db.sql("select day, asset_id, action, events from usage_daily_asset where asset_id = any(:ids)")
                .bind("ids", assets.toArray(UUID[]::new))
                .map(row -> Map.entry(List.<Object>of(row.get("day", LocalDate.class), row.get("asset_id", UUID.class),
                        row.get("action", String.class)), row.get("events", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block()).isEqualTo(byAsset);
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
