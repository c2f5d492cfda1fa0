package dev.baton.webapp.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.usage.UsageService.Action;
import dev.baton.webapp.usage.UsageService.UsageEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class UsageEventsTest extends BatonTest {

    @Autowired
    UsageService usage;

    @Autowired
    DatabaseClient db;

    private static UsageEvent byAccount(long account, UUID asset, Action action, String key) {
        return new UsageEvent(account, asset, 1, action, null, null, null, null, null, null, null, null, key);
    }

    private static UsageEvent byVisitor(long share, UUID asset, int page, String key) {
        return new UsageEvent(null, asset, 1, Action.PAGE_VIEW, null, null, share, "visitor-1", page, 5000, null,
                null, key);
    }

    @Test
    void aBatchRecordsEachNewKeyOnceAndTellsWhichWereRecorded() {
        long rep = users.user("usage-events-rep", "REP").id();
        UUID asset = UUID.randomUUID();

        List<Boolean> first = usage.append(List.of(
                        byAccount(rep, asset, Action.EMAIL, "k1"),
                        byAccount(rep, asset, Action.EMAIL, "k1"),
                        byAccount(rep, asset, Action.MEETING, null),
                        byAccount(rep, asset, Action.MEETING, "k2")))
                .block();
        List<Boolean> again = usage.append(List.of(
                        byAccount(rep, asset, Action.EMAIL, "k2"), byAccount(rep, asset, Action.EMAIL, "k3")))
                .block();

        assertThat(first).containsExactly(true, false, true, true);
        assertThat(again).containsExactly(false, true);
        assertThat(usage.useCounts(List.of(asset)).block()).containsEntry(asset, 4L);
    }

    @Test
    void keysAreUniquePerAccountAndPerShareNotAcrossThem() {
        long one = users.user("usage-events-one", "REP").id();
        long two = users.user("usage-events-two", "REP").id();
        UUID asset = UUID.randomUUID();

        List<Boolean> recorded = usage.append(List.of(
                        byAccount(one, asset, Action.SHARE, "same"),
                        byAccount(two, asset, Action.SHARE, "same"),
                        byVisitor(41, asset, 1, "same"),
                        byVisitor(42, asset, 1, "same"),
                        byVisitor(42, asset, 2, "same")))
                .block();

        assertThat(recorded).containsExactly(true, true, true, true, false);
    }

    @Test
    void aBuyersPageReadsAreRecordedButAreNotUsesOfTheAsset() {
        UUID asset = UUID.randomUUID();

        assertThat(usage.append(List.of(byVisitor(7, asset, 1, null), byVisitor(7, asset, 2, null)))
                        .block())
                .containsExactly(true, true);

        assertThat(usage.useCounts(List.of(asset)).block()).doesNotContainKey(asset);
        assertThat(db.sql("select count(*) from usage_event where asset_id = :a and share_id = 7")
                        .bind("a", asset)
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(2L);
    }

    @Test
    void anEventOfAnyMonthLandsInTheMonthsPartitionOrTheDefaultOneAndCannotBeChanged() {
        long rep = users.user("usage-events-months", "REP").id();
        UUID asset = UUID.randomUUID();
        Instant longAgo = Instant.parse("1999-03-04T05:06:07Z");

        usage.append(List.of(
                        new UsageEvent(rep, asset, 1, Action.EMAIL, longAgo, null, null, null, null, null,
                                "outlook-addin", null, null),
                        byAccount(rep, asset, Action.VIEW, null)))
                .block();

        List<String> partitions = db.sql("select tableoid::regclass::text as p from usage_event where asset_id = :a "
                        + "order by occurred_at")
                .bind("a", asset)
                .map(row -> row.get("p", String.class))
                .all()
                .collectList()
                .block();
        assertThat(partitions.get(0)).isEqualTo("usage_event_default");
        assertThat(partitions.get(1)).matches("usage_event_\\d{4}_\\d{2}");
        assertThat(db.sql("delete from usage_event where asset_id = :a")
                        .bind("a", asset)
                        .fetch()
                        .rowsUpdated()
                        .onErrorResume(e -> reactor.core.publisher.Mono.just(-1L))
                        .block())
                .isEqualTo(-1L);
    }
}
