package dev.baton.webapp.system;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code outbox} table: what changed in the database that the search index must follow, one row per change,
 * written in the same transaction as the change (compose the {@code ...Changed} methods into the caller's
 * transaction). Every node's index feed reads the rows in position order and applies them to its own index.
 *
 * <p>A row names what changed, never how the index should change: applying one means "make the index match the
 * database for this now", so a row applied twice or out of order is harmless. A taxonomy value's row stands for every
 * asset that carries the value; the feed finds them when it applies the row.
 */
@Component
public class Outbox {

    private static final String ASSET = "asset";
    private static final String TAXONOMY_VALUE = "taxonomy_value";
    private static final String SEARCH = "search";
    private static final String SYNONYMS = "synonyms";
    private static final String COLUMNS = "select position, entity_type, entity_id, created_at from outbox ";

    private final DatabaseClient db;

    Outbox(DatabaseClient db) {
        this.db = db;
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
