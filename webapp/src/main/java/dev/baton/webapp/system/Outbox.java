package dev.baton.webapp.system;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The {@code outbox} table: what changed in the database that the search index must follow, one row per change,
 * written in the same transaction as the change (compose the {@code ...Changed} methods into the caller's
 * transaction). Every node's index feed reads the rows in position order and applies them to its own index.
 *
 * <p>A row names what changed, never how the index should change: applying one means "make the index match the
 * database for this now", so a row applied twice or out of order is harmless. A taxonomy value's row stands for every
 * asset that carries the value; the feed finds them when it applies the row.
 *
 * <p>Rows are pruned once they are older than the retention and every node heard from within the retention has
 * reported a position past them ({@link #readerAt}, {@link #prune}); a node whose index stands below
 * {@link #prunedThrough} has missed rows and must build its index anew.
 */
@Component
public class Outbox {

    private static final String ASSET = "asset";
    private static final String TAXONOMY_VALUE = "taxonomy_value";
    private static final String SEARCH = "search";
    private static final String SYNONYMS = "synonyms";
    private static final String COLUMNS = "select position, entity_type, entity_id, created_at from outbox ";

    private static final int PRUNE_BATCH = 10_000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    Outbox(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** What an outbox row says changed. */
    public sealed interface Change {}

    /** An asset was created, changed or deleted: the index takes it as the database has it now (or drops it). */
    public record AssetChanged(UUID assetId) implements Change {}

    /** A taxonomy value changed (its label): every asset carrying it is indexed again. */
    public record TaxonomyValueChanged(String facet, String value) implements Change {}

    /** The search synonyms changed: every node reads them again. */
    public record SynonymsChanged() implements Change {}

    /** A row this version of Baton does not know (written by a newer one, or malformed): nothing to do. */
    public record Unknown(String type, String id) implements Change {}

    /** One row: its position (handed out at insert, so it may become visible after higher ones), when, and what. */
    public record Row(long position, Instant createdAt, Change change) {}

    // ---- writing, in the caller's transaction ----

    /** Queues the asset for the index; compose into the transaction that changed (or deleted) it. */
    public Mono<Void> assetChanged(UUID assetId) {
        return insert(ASSET, assetId.toString());
    }

    /**
     * Queues every asset carrying the value for the index (its label is searchable text); one row, however many
     * assets carry it. Compose into the transaction that changed the value.
     */
    public Mono<Void> taxonomyValueChanged(String facet, String value) {
        if (facet.indexOf('/') >= 0) {
            throw new IllegalArgumentException("A facet key has no '/': " + facet);
        }
        return insert(TAXONOMY_VALUE, facet + "/" + value);
    }

    /** Tells every node to read the synonyms again; compose into the transaction that changed them. */
    public Mono<Void> synonymsChanged() {
        return insert(SEARCH, SYNONYMS);
    }

    private Mono<Void> insert(String type, String id) {
        return db.sql("insert into outbox (entity_type, entity_id) values (:type, :id)")
                .bind("type", type)
                .bind("id", id)
                .then();
    }

    // ---- reading, for the index feed ----

    /** Up to {@code limit} rows after {@code position}, in position order (what has committed so far). */
    public Mono<List<Row>> after(long position, int limit) {
        return db.sql(COLUMNS + "where position > :position order by position limit :limit")
                .bind("position", position)
                .bind("limit", limit)
                .map(Outbox::row)
                .all()
                .collectList();
    }

    /** The rows at these positions that have committed by now, in position order. */
    public Mono<List<Row>> at(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql(COLUMNS + "where position = any(:positions) order by position")
                .bind("positions", positions.toArray(Long[]::new))
                .map(Outbox::row)
                .all()
                .collectList();
    }

    /** The highest position committed so far; 0 when there is none. */
    public Mono<Long> lastPosition() {
        return db.sql("select coalesce(max(position), 0) as p from outbox")
                .map(row -> row.get("p", Long.class))
                .one();
    }

    // ---- pruning ----

    /**
     * Records that {@code reader} (a node) still needs every row after {@code position}, as of now. Rows are never
     * pruned past the lowest position a reader heard from within the retention has reported.
     */
    public Mono<Void> readerAt(String reader, long position) {
        return db.sql("insert into outbox_reader (reader, position) values (:reader, :position) "
                        + "on conflict (reader) do update set position = excluded.position, seen_at = now()")
                .bind("reader", reader)
                .bind("position", position)
                .then();
    }

    /** The highest position pruned so far (0 when none): a reader below it has missed rows. */
    public Mono<Long> prunedThrough() {
        return db.sql("select position from outbox_pruned").map(row -> row.get("position", Long.class)).one();
    }

    /**
     * Deletes the rows older than {@code retention} that every reader heard from within {@code retention} is past,
     * and records the highest position deleted. One node prunes at a time (another's call meanwhile does nothing).
     *
     * @return how many rows were deleted
     */
    public Mono<Long> prune(Duration retention) {
        return pruneBatch(retention).expand(deleted -> deleted == PRUNE_BATCH ? pruneBatch(retention) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> pruneBatch(Duration retention) {
        double seconds = retention.toMillis() / 1000.0;
        Mono<Long> batch = db.sql("with gone as (delete from outbox where position in (select position from outbox "
                        + "where created_at < now() - make_interval(secs => :seconds) "
                        + "and position <= (select min(position) from outbox_reader "
                        + "where seen_at > now() - make_interval(secs => :seconds)) "
                        + "order by position limit :batch) returning position) "
                        + "update outbox_pruned set position = greatest(position, (select max(position) from gone)) "
                        + "returning (select count(*) from gone) as deleted")
                .bind("seconds", seconds)
                .bind("batch", PRUNE_BATCH)
                .map(row -> row.get("deleted", Long.class))
                .one();
        // the row lock on outbox_pruned makes pruners take turns; one that finds it taken leaves the work to the other
        return db.sql("select 1 from outbox_pruned for update skip locked")
                .map(row -> 1)
                .one()
                .flatMap(locked -> batch)
                .defaultIfEmpty(0L)
                .as(tx::transactional);
    }

    private static Row row(Readable row) {
        return new Row(row.get("position", Long.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                change(row.get("entity_type", String.class), row.get("entity_id", String.class)));
    }

    static Change change(String type, String id) {
        try {
            return switch (type) {
                case ASSET -> new AssetChanged(UUID.fromString(id));
                case TAXONOMY_VALUE -> {
                    int slash = id.indexOf('/');
                    yield slash <= 0 ? new Unknown(type, id)
                            : new TaxonomyValueChanged(id.substring(0, slash), id.substring(slash + 1));
                }
                case SEARCH -> SYNONYMS.equals(id) ? new SynonymsChanged() : new Unknown(type, id);
                default -> new Unknown(type, id);
            };
        } catch (IllegalArgumentException e) {
            return new Unknown(type, id);
        }
    }
}
