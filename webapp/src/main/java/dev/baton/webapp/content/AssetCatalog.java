package dev.baton.webapp.content;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Person;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The library as other packages read it: the assets the search index is built from ({@link IndexableAsset}), by id or
 * page by page, and a few counts. The asset tables ({@code asset}, {@code asset_version}, {@code asset_facet}) are
 * this package's; others read them here, never by SQL of their own. Read-only, and it applies no visibility: search
 * indexes every asset and filters by {@link AssetVisibility} when it is asked.
 */
@Component
public class AssetCatalog {

    private static final String SELECT = "select a.id, a.title, a.description, a.status, a.internal_only, "
            + "a.content_type, a.tags, least(a.expires_on, a.approval_expires_on) as expires_on, a.published_at, a.updated_at, a.current_version, a.owner_id, "
            + "v.file_name, v.media_type, v.language, v.extraction_status, v.text_key, v.thumbnail_status "
            + "from asset a join asset_version v on v.asset_id = a.id and v.version = a.current_version ";

    private final DatabaseClient db;
    private final AccountDirectory accounts;

    AssetCatalog(DatabaseClient db, AccountDirectory accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    /** The assets among {@code ids} that exist, in id order; an id the library does not hold is simply absent. */
    public Flux<IndexableAsset> assets(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return complete(db.sql(SELECT + "where a.id = any(:ids) order by a.id").bind("ids", ids.toArray(UUID[]::new)));
    }

    /** Up to {@code limit} assets after {@code after} in id order ({@code null}: from the first). */
    public Flux<IndexableAsset> page(UUID after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = after == null
                ? db.sql(SELECT + "order by a.id limit :limit").bind("limit", limit)
                : db.sql(SELECT + "where a.id > :after order by a.id limit :limit")
                        .bind("after", after)
                        .bind("limit", limit);
        return complete(spec);
    }

    /** How many assets the library holds, in any state. */
    public Mono<Long> count() {
        return db.sql("select count(*) from asset").map(row -> row.get(0, Long.class)).one();
    }

    /**
     * The assets carrying a taxonomy value now: through their facet values, or as their content type (the
     * {@code content_type} facet is a column of the asset).
     */
    public Flux<UUID> carrying(String facet, String value) {
        return db.sql("select asset_id as id from asset_facet where facet_key = :facet and value_key = :value "
                        + "union select id from asset where :facet = 'content_type' and content_type = :value")
                .bind("facet", facet)
                .bind("value", value)
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /** The owner's account id of each of these assets that exists (for telling an owner's own uses apart). */
    public Mono<Map<UUID, Long>> owners(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select id, owner_id from asset where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("owner_id", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * An asset as reports group it: owner, lifecycle, content type, when published, review date, and its facet values
     * as {@code facet:value} pairs.
     */
    public record Dimensions(UUID id, String title, long ownerId, String status, String contentType,
            java.time.Instant publishedAt, LocalDate expiresOn, LocalDate reviewBy, List<String> facets) {}

    /**
     * Every asset as reports group it, in id order: one query (facet values aggregated per asset), so a report over
     * the whole library reads it at once.
     */
    public Flux<Dimensions> dimensions() {
        return db.sql("select a.id, a.title, a.owner_id, a.status, a.content_type, a.published_at, "
                        + "least(a.expires_on, a.approval_expires_on) as expires_on, "
                        + "a.review_by, coalesce((select array_agg(f.facet_key || ':' || f.value_key "
                        + "order by f.facet_key, f.value_key) from asset_facet f where f.asset_id = a.id), "
                        + "'{}') as facets from asset a order by a.id")
                .map(row -> {
                    String[] facets = row.get("facets", String[].class);
                    OffsetDateTime published = row.get("published_at", OffsetDateTime.class);
                    return new Dimensions(row.get("id", UUID.class), row.get("title", String.class),
                            row.get("owner_id", Long.class), row.get("status", String.class),
                            row.get("content_type", String.class), published == null ? null : published.toInstant(),
                            row.get("expires_on", LocalDate.class), row.get("review_by", LocalDate.class),
                            facets == null ? List.of() : List.of(facets));
                })
                .all();
    }

    /**
     * A token that changes whenever any asset is added, changed or deleted (their number and latest change), so a
     * reader may keep {@link #dimensions()} until it changes.
     */
    public Mono<String> changeToken() {
        return db.sql("select count(*) as n, max(updated_at) as last from asset")
                .map(row -> row.get("n", Long.class) + "/" + row.get("last", OffsetDateTime.class))
                .one();
    }

    /** Whether an asset has exactly this title. */
    public Mono<Boolean> hasTitle(String title) {
        return db.sql("select exists (select 1 from asset where title = :title)")
                .bind("title", title)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one();
    }

    /** The rows with their facet values and their owners' user names: three queries for the whole batch. */
    private Flux<IndexableAsset> complete(DatabaseClient.GenericExecuteSpec spec) {
        return spec.map(AssetCatalog::row).all().collectList().flatMapMany(rows -> {
            if (rows.isEmpty()) {
                return Flux.empty();
            }
            UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
            Mono<Map<UUID, Map<String, List<String>>>> facets = db.sql("select asset_id, facet_key, value_key "
                            + "from asset_facet where asset_id = any(:ids) order by asset_id, facet_key, value_key")
                    .bind("ids", ids)
                    .map(row -> new Object[] {row.get("asset_id", UUID.class), row.get("facet_key", String.class),
                        row.get("value_key", String.class)})
                    .all()
                    .collect(HashMap::new, (byAsset, r) -> byAsset
                            .computeIfAbsent((UUID) r[0], id -> new TreeMap<>())
                            .computeIfAbsent((String) r[1], key -> new ArrayList<>())
                            .add((String) r[2]));
            Mono<Map<Long, Person>> owners = accounts.people(rows.stream().map(Row::ownerId).toList());
            return Mono.zip(facets, owners).flatMapIterable(both -> rows.stream()
                    .map(row -> row.asset(both.getT1().getOrDefault(row.id(), Map.of()), both.getT2()))
                    .toList());
        });
    }

    private record Row(
            UUID id,
            String title,
            String description,
            String status,
            boolean internalOnly,
            String contentType,
            List<String> tags,
            LocalDate expiresOn,
            OffsetDateTime publishedAt,
            OffsetDateTime updatedAt,
            int version,
            long ownerId,
            String fileName,
            String mediaType,
            String language,
            String extractionStatus,
            String textKey,
            String thumbnailStatus) {

        IndexableAsset asset(Map<String, List<String>> facets, Map<Long, Person> owners) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            facets.forEach((key, values) -> copy.put(key, List.copyOf(values)));
            Person owner = owners.get(ownerId);
            return new IndexableAsset(id, title, description, status, internalOnly, contentType, tags, expiresOn,
                    publishedAt == null ? null : publishedAt.toInstant(), updatedAt.toInstant(), version,
                    owner == null ? null : owner.username(), fileName, mediaType, language, extractionStatus, textKey,
                    thumbnailStatus, copy);
        }
    }

    private static Row row(Readable row) {
        String[] tags = row.get("tags", String[].class);
        return new Row(
                row.get("id", UUID.class),
                row.get("title", String.class),
                row.get("description", String.class),
                row.get("status", String.class),
                Boolean.TRUE.equals(row.get("internal_only", Boolean.class)),
                row.get("content_type", String.class),
                tags == null ? List.of() : Arrays.asList(tags),
                row.get("expires_on", LocalDate.class),
                row.get("published_at", OffsetDateTime.class),
                row.get("updated_at", OffsetDateTime.class),
                row.get("current_version", Integer.class),
                row.get("owner_id", Long.class),
                row.get("file_name", String.class),
                row.get("media_type", String.class),
                row.get("language", String.class),
                row.get("extraction_status", String.class),
                row.get("text_key", String.class),
                row.get("thumbnail_status", String.class));
    }
}
