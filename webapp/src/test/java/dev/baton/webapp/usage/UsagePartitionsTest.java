package dev.baton.webapp.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.usage.UsageService.Action;
import dev.baton.webapp.usage.UsageService.UsageEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** The monthly partitions of usage_event: made ahead by the upkeep job, and an old month detached as operations.md says. */
class UsagePartitionsTest extends BatonTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM");

    @Autowired
    UsagePartitions partitions;

    @Autowired
    UsageService usage;

    @Autowired
    DatabaseClient db;

    @Test
    void theUpkeepMakesTheNextMonthsPartitionsAndKeepsThoseThatExist() {
        LocalDate future = LocalDate.now(ZoneOffset.UTC).plusYears(3).withDayOfMonth(15);

        partitions.ensureAhead(future);
        partitions.ensureAhead(future);

        for (int m = 0; m <= UsagePartitions.MONTHS_AHEAD; m++) {
            assertThat(exists("usage_event_" + future.plusMonths(m).format(MONTH))).as("month +" + m).isTrue();
        }
        assertThat(exists("usage_event_" + future.plusMonths(UsagePartitions.MONTHS_AHEAD + 1).format(MONTH)))
                .isFalse();
    }

    @Test
    void theMonthsThisMonthAndAheadHavePartitionsAfterStart() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int m = 0; m <= UsagePartitions.MONTHS_AHEAD; m++) {
            assertThat(exists("usage_event_" + today.plusMonths(m).format(MONTH))).isTrue();
        }
    }

    @Test
    void detachingAnOldMonthLeavesItsRowsInATableOfTheirOwnAndTheRestWorking() {
        long rep = users.user("usage-partitions-rep", "REP").id();
        UUID asset = UUID.randomUUID();
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusMonths(11).withDayOfMonth(10);
        LocalDate next = old.plusMonths(1);
        String oldMonth = "usage_event_" + old.format(MONTH);
        usage.append(List.of(
                        event(rep, asset, old, "old-1"),
                        event(rep, asset, old, "old-2"),
                        event(rep, asset, next, "next-1")))
                .block();
        assertThat(usage.useCounts(List.of(asset)).block()).containsEntry(asset, 3L);

        db.sql("alter table usage_event detach partition " + oldMonth).fetch().rowsUpdated().block();

        // the detached month is a table of its own, ready to dump and drop; the rest still counts and takes events
        assertThat(db.sql("select count(*) from " + oldMonth + " where asset_id = :asset").bind("asset", asset)
                        .map(row -> row.get(0, Long.class)).one().block()).isEqualTo(2L);
        assertThat(usage.useCounts(List.of(asset)).block()).containsEntry(asset, 1L);
        assertThat(usage.append(List.of(event(rep, asset, LocalDate.now(ZoneOffset.UTC), "now-1"),
                        event(rep, asset, next, "next-1")))
                .block()).containsExactly(true, false);
        assertThat(usage.useCounts(List.of(asset)).block()).containsEntry(asset, 2L);
        db.sql("drop table " + oldMonth).fetch().rowsUpdated().block();
        assertThat(exists(oldMonth)).isFalse();
    }

    private static UsageEvent event(long account, UUID asset, LocalDate day, String key) {
        Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        return new UsageEvent(account, asset, 1, Action.EMAIL, at, null, null, null, null, null, "test", null, key);
    }

    private boolean exists(String table) {
        return Boolean.TRUE.equals(db.sql("select to_regclass(:name) is not null as present").bind("name", table)
                .map(row -> row.get("present", Boolean.class)).one().block());
    }
}
