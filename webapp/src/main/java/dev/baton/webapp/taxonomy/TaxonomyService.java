package dev.baton.webapp.taxonomy;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Outbox;
import io.r2dbc.spi.Readable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Reads and edits the taxonomy. Values are never deleted (assets refer to them); they are made inactive. */
@Service
public class TaxonomyService {

    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    /**
     * What {@link #valueOrder} read so far. A value's position is given when it is added and never changes, and values
     * are never deleted, so what was read stays true; only values added since are missing, and their first use reads
     * the order again.
     */
    private final AtomicReference<ValueOrder> order = new AtomicReference<>(ValueOrder.NONE);

    TaxonomyService(DatabaseClient db, AuditLog audit, TransactionalOperator tx, Outbox outbox) {
        this.db = db;
        this.audit = audit;
        this.tx = tx;
        this.outbox = outbox;
    }

    /** Every facet with its values; inactive values only when asked for. */
    public Mono<Taxonomy> taxonomy(boolean includeInactive) {
        Mono<List<Facet>> facets = db.sql("select key, label, description from taxonomy_facet order by position")
                .map(row -> new Facet(row.get("key", String.class), row.get("label", String.class),
                        row.get("description", String.class)))
                .all()
                .collectList();
        Mono<List<Row>> values = db.sql("select facet_key, key, label, definition, active, aliases from taxonomy_value "
                        + (includeInactive ? "" : "where active ") + "order by facet_key, position, id")
                .map(TaxonomyService::row)
                .all()
                .collectList();
        return Mono.zip(facets, values).map(both -> {
            Map<String, List<Taxonomy.Value>> byFacet = new LinkedHashMap<>();
            for (Row value : both.getT2()) {
                byFacet.computeIfAbsent(value.facet(), k -> new ArrayList<>()).add(value.value());
            }
            return new Taxonomy(both.getT1().stream()
                    .map(f -> new Taxonomy.Facet(f.key(), f.label(), f.description(),
                            List.copyOf(byFacet.getOrDefault(f.key(), List.of()))))
                    .toList());
        });
    }

    /** The order of the facets' values, knowing at least every value in {@code values} (facet key to value keys). */
    public Mono<ValueOrder> valueOrder(Map<String, ? extends Collection<String>> values) {
        ValueOrder known = order.get();
        if (known.knowsAll(values)) {
            return Mono.just(known);
        }
        return db.sql("select facet_key, key, position from taxonomy_value")
                .map(row -> new String[] {row.get("facet_key", String.class), row.get("key", String.class),
                    String.valueOf(row.get("position", Integer.class))})
                .all()
                .collectList()
                .map(rows -> {
                    Map<String, Map<String, Integer>> positions = new HashMap<>();
                    for (String[] row : rows) {
                        positions.computeIfAbsent(row[0], facet -> new HashMap<>())
                                .put(row[1], Integer.parseInt(row[2]));
                    }
                    ValueOrder read = new ValueOrder(positions);
                    order.set(read);
                    return read;
                });
    }

    /** Adds a value at the end of a facet; its key is made from the label when not given. */
    public Mono<Taxonomy.Value> addValue(String facet, NewValue request, String actor, String remoteAddr) {
        String label = clean(request.label(), "label", 80);
        String definition = clean(request.definition(), "definition", 1000);
        String key = request.key() == null || request.key().isBlank() ? slug(label) : request.key().strip();
        String[] aliases = aliases(request.aliases() == null ? List.of() : request.aliases());
        if (!key.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
            throw new BatonException.InvalidInput("key", "use lower-case letters, digits, '-' or '_' (at most 60)");
        }
        return requireFacet(facet)
                .then(db.sql("insert into taxonomy_value (facet_key, key, label, definition, position, aliases) "
                                + "select :facet, :key, :label, :definition, coalesce(max(position), 0) + 1, :aliases "
                                + "from taxonomy_value where facet_key = :facet "
                                + "returning facet_key, key, label, definition, active, aliases")
                        .bind("facet", facet).bind("key", key).bind("label", label).bind("definition", definition)
                        .bind("aliases", aliases)
                        .map(TaxonomyService::row)
                        .one())
                .onErrorMap(DataIntegrityViolationException.class, e -> new BatonException.Conflict(
                        "The " + facet + " facet already has a value '" + label + "' or the key '" + key + "'"))
                .flatMap(row -> audit.record(actor, "taxonomy.value-added", facet + "/" + key, label, remoteAddr)
                        .thenReturn(row.value()))
                .as(tx::transactional);
    }

    /** Changes a value's label, definition or active flag; null leaves a field as it is. */
    public Mono<Taxonomy.Value> changeValue(String facet, String key, ValueChange change, String actor,
            String remoteAddr) {
        String label = change.label() == null ? null : clean(change.label(), "label", 80);
        String definition = change.definition() == null ? null : clean(change.definition(), "definition", 1000);
        String[] aliases = change.aliases() == null ? null : aliases(change.aliases());
        return db.sql("update taxonomy_value set label = coalesce(:label, label), "
                        + "definition = coalesce(:definition, definition), active = coalesce(:active, active), "
                        + "aliases = coalesce(:aliases, aliases), "
                        + "updated_at = now() where facet_key = :facet and key = :key "
                        + "returning facet_key, key, label, definition, active, aliases")
                .bind("facet", facet).bind("key", key)
                .bind("label", org.springframework.r2dbc.core.Parameter.fromOrEmpty(label, String.class))
                .bind("definition", org.springframework.r2dbc.core.Parameter.fromOrEmpty(definition, String.class))
                .bind("active", org.springframework.r2dbc.core.Parameter.fromOrEmpty(change.active(), Boolean.class))
                .bind("aliases", org.springframework.r2dbc.core.Parameter.fromOrEmpty(aliases, String[].class))
                .map(TaxonomyService::row)
                .one()
                .onErrorMap(DataIntegrityViolationException.class, e -> new BatonException.Conflict(
                        "The " + facet + " facet already has a value labelled '" + label + "'"))
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No value " + key + " in " + facet)))
                .flatMap(row -> reindexAssetsWith(facet, key, label)
                        .then(audit.record(actor, "taxonomy.value-changed", facet + "/" + key, null, remoteAddr))
                        .thenReturn(row.value()))
                .as(tx::transactional);
    }

    /**
     * A new label is searchable text: every asset carrying the value goes to the index again. One outbox row says
     * which value; the index feed finds the assets that carry it when it applies the row.
     */
    private Mono<Void> reindexAssetsWith(String facet, String key, String newLabel) {
        return newLabel == null ? Mono.empty() : outbox.taxonomyValueChanged(facet, key);
    }

    private Mono<Void> requireFacet(String facet) {
        return db.sql("select count(*) from taxonomy_facet where key = :facet").bind("facet", facet)
                .map(row -> row.get(0, Long.class)).one()
                .flatMap(n -> n == 0 ? Mono.error(new BatonException.NotFound("No facet " + facet)) : Mono.empty());
    }

    private static String clean(String value, String field, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new BatonException.InvalidInput(field, "must not be blank");
        }
        if (text.length() > max) {
            throw new BatonException.InvalidInput(field, "use at most " + max + " characters");
        }
        return text;
    }

    /** Most aliases one value may have, and their longest. */
    static final int MAX_ALIASES = 50;

    static final int MAX_ALIAS = 80;

    /**
     * The aliases as stored: trimmed, inner spaces collapsed, lower-cased, blanks and repeats dropped.
     *
     * @throws BatonException.InvalidInput when there are too many or one is too long
     */
    static String[] aliases(List<String> given) {
        java.util.LinkedHashSet<String> clean = new java.util.LinkedHashSet<>();
        for (String alias : given) {
            String text = alias == null ? "" : alias.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (text.length() > MAX_ALIAS) {
                throw new BatonException.InvalidInput("aliases", "an alias may have at most " + MAX_ALIAS
                        + " characters: " + text.substring(0, 20) + "...");
            }
            if (!text.isEmpty()) {
                clean.add(text);
            }
        }
        if (clean.size() > MAX_ALIASES) {
            throw new BatonException.InvalidInput("aliases", "a value may have at most " + MAX_ALIASES + " aliases");
        }
        return clean.toArray(String[]::new);
    }

    static String slug(String label) {
        String ascii = Normalizer.normalize(label, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            throw new BatonException.InvalidInput("key", "give a key: the label has no letters or digits to make one");
        }
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    private static Row row(Readable row) {
        String[] aliases = row.get("aliases", String[].class);
        return new Row(row.get("facet_key", String.class), new Taxonomy.Value(row.get("key", String.class),
                row.get("label", String.class), row.get("definition", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), aliases == null ? List.of() : List.of(aliases)));
    }

    private record Facet(String key, String label, String description) {}

    private record Row(String facet, Taxonomy.Value value) {}

    /** A value to add; {@code aliases} may be null (none). */
    public record NewValue(String key, String label, String definition, List<String> aliases) {

        public NewValue(String key, String label, String definition) {
            this(key, label, definition, null);
        }
    }

    /** Fields of a value to change; null leaves a field as it is ({@code aliases}: an empty list removes them all). */
    public record ValueChange(String label, String definition, Boolean active, List<String> aliases) {

        public ValueChange(String label, String definition, Boolean active) {
            this(label, definition, active, null);
        }
    }
}
