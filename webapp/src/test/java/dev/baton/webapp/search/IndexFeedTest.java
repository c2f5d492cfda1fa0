package dev.baton.webapp.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.system.Outbox;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox feed with transactions that commit out of order or roll back: outbox positions are handed out at insert,
 * so a change committed late shows a position below ones already applied. It must still reach the index, and the
 * position a restart replays from must not pass it until it has. The same holds for usage events and the usage counts
 * the index sorts by.
 */
class IndexFeedTest extends BatonTest {

    private static final String LAGGING = "a lagging node of IndexFeedTest";

    @Autowired
    ConnectionFactory connections;

    @Autowired
    IndexFeed feed;

    @Autowired
    DatabaseClient db;

    @Autowired
    Outbox outbox;

    private AssetClient marketer;
    private String rep;
    private final String admin = basic("admin", ADMIN_PASSWORD);

    @BeforeEach
    void people() {
        users.user("feed-marketer", "MARKETER");
        users.user("feed-rep", "REP");
        marketer = new AssetClient(http, basic("feed-marketer", TestUsers.PASSWORD));
        rep = basic("feed-rep", TestUsers.PASSWORD);
    }

    @Test
    void aChangeCommittedAfterALaterOneIsAppliedAndHoldsTheReplayPositionBack() {
        String oldWord = unique("amber");
        String newWord = unique("cobalt");
        String early = publish("Early " + oldWord);
        awaitFound(oldWord, early);

        // transaction A takes an outbox position and stays open
        Connection a = Mono.from(connections.create()).block();
        try {
            Mono.from(a.beginTransaction()).block();
            execute(a, "update asset set title = 'Early " + newWord + "', updated_at = now() where id = '" + early
                    + "'");
            long position = Flux.from(a.createStatement("insert into outbox (entity_type, entity_id) "
                                    + "values ('asset', '" + early + "') returning position").execute())
                    .flatMap(result -> result.map((row, meta) -> row.get(0, Long.class)))
                    .blockFirst();

            // a later change commits first and is searchable at once
            String lateWord = unique("saffron");
            String later = publish("Later " + lateWord);
            awaitFound(lateWord, later);
            Map<String, Object> status = status();
            assertThat(((Number) status.get("appliedPosition")).longValue())
                    .as("the replay position stays below the open transaction's row").isLessThan(position);
            assertThat(((Number) status.get("openGaps")).intValue()).isPositive();

            Mono.from(a.commitTransaction()).block();
            awaitFound(newWord, early);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    ((Number) status().get("appliedPosition")).longValue()).isGreaterThanOrEqualTo(position));
        } finally {
            Mono.from(a.close()).block();
        }
    }

    @Test
    void aRolledBackPositionIsAGapForGoodAndTheReplayPositionMovesPastIt() {
        Connection c = Mono.from(connections.create()).block();
        long position;
        try {
            Mono.from(c.beginTransaction()).block();
            position = Flux.from(c.createStatement("insert into outbox (entity_type, entity_id) "
                                    + "values ('asset', '" + UUID.randomUUID() + "') returning position")
                            .execute())
                    .flatMap(result -> result.map((row, meta) -> row.get(0, Long.class)))
                    .blockFirst();
            String word = unique("umber");
            String later = publish("After a rollback " + word);
            awaitFound(word, later);
            Mono.from(c.rollbackTransaction()).block();
        } finally {
            Mono.from(c.close()).block();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> status = status();
            assertThat(((Number) status.get("appliedPosition")).longValue()).isGreaterThan(position);
        });
    }

    @Test
    void aUseCommittedAfterALaterOneWasCountedStillCounts() {
        String word = unique("teal");
        String older = publish("Used once " + word);
        String newer = publish("Used twice late " + word);
        // the text and thumbnails are in (their outbox rows index the assets again, usage count included)
        marketer.derived(older);
        marketer.derived(newer);
        long written = db.sql("select max(position) from outbox").map(row -> row.get(0, Long.class)).one().block();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ((Number) status().get("appliedPosition")).longValue()).isGreaterThanOrEqualTo(written));
        // no uses yet: the newer one comes first among equals
        awaitMostUsedFirst(word, newer);
        long repId = db.sql("select id from account where username = 'feed-rep'")
                .map(row -> row.get(0, Long.class)).one().block();

        // two uses of the newer asset take their ids and stay uncommitted
        Connection late = Mono.from(connections.create()).block();
        try {
            Mono.from(late.beginTransaction()).block();
            for (int i = 0; i < 2; i++) {
                execute(late, "insert into usage_event (account_id, asset_id, version, action) values (" + repId
                        + ", '" + newer + "', 1, 'VIEW')");
            }

            // a use of the older asset commits with a higher id and is counted
            http.post().uri("/api/v1/assets/" + older + "/usage").header("Authorization", rep)
                    .bodyValue(Map.of("action", "view")).exchange().expectStatus().isCreated();
            feed.refreshUsageSoon();
            awaitMostUsedFirst(word, older);

            // the lower ids commit after the higher one was counted
            Mono.from(late.commitTransaction()).block();
        } finally {
            Mono.from(late.close()).block();
        }
        feed.refreshUsageSoon();
        awaitMostUsedFirst(word, newer);
    }

    @Test
    void appliedRowsPastTheRetentionArePrunedOnceNoNodeHeardFromStillNeedsThem() {
        // another node, behind this one by everything written from now on
        long before = lastPosition();
        outbox.readerAt(LAGGING, before).block();
        try {
            // three rows written long ago (a kind the index ignores), applied by this node
            List<Long> old = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                old.add(db.sql("insert into outbox (entity_type, entity_id, created_at) "
                                + "values ('test', 'pruning', now() - interval '30 days') returning position")
                        .map(row -> row.get(0, Long.class)).one().block());
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    ((Number) status().get("appliedPosition")).longValue()).isGreaterThanOrEqualTo(old.get(2)));

            // the other node has applied the first of them: only that one goes
            outbox.readerAt(LAGGING, old.get(0)).block();
            awaitPruned(old.get(0));
            assertThat(remaining(old)).containsExactly(old.get(1), old.get(2));
            assertThat(outbox.prunedThrough().block()).isEqualTo(old.get(0));

            // the other node is not heard from for longer than the retention: it no longer holds rows back
            db.sql("update outbox_reader set seen_at = now() - interval '8 days' where reader = :reader")
                    .bind("reader", LAGGING).then().block();
            awaitPruned(old.get(2));
            assertThat(remaining(old)).isEmpty();
            assertThat(outbox.prunedThrough().block()).isEqualTo(old.get(2));
        } finally {
            db.sql("delete from outbox_reader where reader = :reader").bind("reader", LAGGING).then().block();
        }
    }

    @Test
    void aNodeWhoseIndexStandsBelowWhatWasPrunedBuildsANewIndex() {
        String word = unique("ochre");
        String id = publish("Kept through a rebuild " + word);
        awaitFound(word, id);
        String generation = (String) status().get("generation");
        long pruned = outbox.prunedThrough().block();
        try {
            // as if rows this node had not applied yet were pruned while it was not heard from
            db.sql("update outbox_pruned set position = :position").bind("position", lastPosition() + 1_000_000)
                    .then().block();
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        feed.housekeepingSoon();
                        assertThat(status().get("generation")).isNotEqualTo(generation);
                    });
        } finally {
            db.sql("update outbox_pruned set position = :position").bind("position", pruned).then().block();
        }
        Awaitility.await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(status().get("state")).isEqualTo("READY"));
        awaitFound(word, id);
    }

    private long lastPosition() {
        return db.sql("select coalesce(max(position), 0) from outbox").map(row -> row.get(0, Long.class)).one()
                .block();
    }

    private List<Long> remaining(List<Long> positions) {
        return db.sql("select position from outbox where position = any(:positions) order by position")
                .bind("positions", positions.toArray(Long[]::new))
                .map(row -> row.get(0, Long.class)).all().collectList().block();
    }

    private void awaitPruned(long position) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            feed.housekeepingSoon();
            assertThat(remaining(List.of(position))).isEmpty();
        });
    }

    private void awaitMostUsedFirst(String word, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            feed.refreshUsageSoon();
            http.get().uri("/api/v1/search?sort=most_used&q=" + word).header("Authorization", rep).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.total").isEqualTo(2)
                    .jsonPath("$.hits[0].id").isEqualTo(id);
        });
    }

    private static void execute(Connection connection, String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(result -> result.getRowsUpdated()).blockLast();
    }

    private String publish(String title) {
        byte[] pdf = TestFiles.pdf(title, "Feed Test", List.of("Body of " + title));
        return (String) marketer.created(pdf, UUID.randomUUID() + ".pdf",
                Map.of("title", title, "status", "published")).get("id");
    }

    private void awaitFound(String word, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                http.get().uri("/api/v1/search?q=" + word).header("Authorization", rep).exchange()
                        .expectStatus().isOk().expectBody().jsonPath("$.hits[0].id").isEqualTo(id));
    }

    private Map<String, Object> status() {
        return http.get().uri("/api/v1/search/index").header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    private static String unique(String word) {
        return word + UUID.randomUUID().toString().replace("-", "").substring(0, 8).replaceAll("[0-9]", "q");
    }
}
