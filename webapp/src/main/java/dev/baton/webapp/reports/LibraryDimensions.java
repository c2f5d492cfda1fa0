package dev.baton.webapp.reports;

import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The library as reports group it ({@link AssetCatalog#dimensions()}: owner, status, type, facets), with the
 * taxonomy's labels, read once and kept until any asset changes ({@link AssetCatalog#changeToken()}: one cheap query
 * a report), so a report over 100,000 assets does not read them all each time. Each new copy is mirrored into the
 * reports' own table {@code report_asset} (only the assets that changed since the copy before), so the reports group
 * their rollups by facet value and owner in SQL without reading another package's tables.
 */
@Component
class LibraryDimensions {

    /** The library at one change token: assets by id and the label of each {@code facet:value}. */
    record Library(String token, Map<UUID, AssetCatalog.Dimensions> assets, Map<String, String> labels) {

        String label(String facetValue) {
            return labels.getOrDefault(facetValue, facetValue.substring(facetValue.indexOf(':') + 1));
        }
    }

    private static final int CHUNK = 5000;
    private static final String SEPARATOR = "\u001f";

    private final AssetCatalog catalog;
    private final TaxonomyService taxonomy;
    private final DatabaseClient db;
    private volatile Mono<Library> cached;
    private volatile String cachedToken;
    /** The assets as last written to {@code report_asset} by this node (null: not yet since start). */
    private volatile Map<UUID, AssetCatalog.Dimensions> mirrored;

    LibraryDimensions(AssetCatalog catalog, TaxonomyService taxonomy, DatabaseClient db) {
        this.catalog = catalog;
        this.taxonomy = taxonomy;
        this.db = db;
    }

    /** The library now: the kept copy while no asset changed, else read again. */
    Mono<Library> current() {
        return catalog.changeToken().flatMap(token -> {
            Mono<Library> kept = cached;
            if (kept != null && token.equals(cachedToken)) {
                return kept;
            }
            Mono<Library> fresh = load(token).cache();
            cached = fresh;
            cachedToken = token;
            return fresh.doOnError(e -> {
                if (cached == fresh) {
                    cached = null;
                }
            });
        });
    }

    private Mono<Library> load(String token) {
        Mono<Map<UUID, AssetCatalog.Dimensions>> assets = catalog.dimensions()
                .collect(HashMap::new, (map, asset) -> map.put(asset.id(), asset));
        Mono<Map<String, String>> labels = taxonomy.taxonomy(true).map(t -> {
            Map<String, String> byKey = new HashMap<>();
            t.facets().forEach(facet -> facet.values()
                    .forEach(value -> byKey.put(facet.key() + ":" + value.key(), value.label())));
            return byKey;
        });
        return Mono.zip(assets, labels).map(both -> new Library(token, Map.copyOf(both.getT1()),
                Map.copyOf(both.getT2())))
                .flatMap(lib -> mirror(lib.assets()).thenReturn(lib));
    }

    /** Writes the assets that changed since the last mirror to {@code report_asset}, and deletes the ones gone. */
    private synchronized Mono<Void> mirror(Map<UUID, AssetCatalog.Dimensions> assets) {
        Map<UUID, AssetCatalog.Dimensions> before = mirrored;
        List<AssetCatalog.Dimensions> changed = new ArrayList<>();
        assets.values().forEach(a -> {
            if (before == null || !a.equals(before.get(a.id()))) {
                changed.add(a);
            }
        });
        Mono<Void> deletes;
        if (before == null) {
            deletes = db.sql("delete from report_asset where not (asset_id = any(:ids))")
                    .bind("ids", assets.keySet().toArray(UUID[]::new)).then();
        } else {
            UUID[] gone = before.keySet().stream().filter(id -> !assets.containsKey(id)).toArray(UUID[]::new);
            deletes = gone.length == 0 ? Mono.empty()
                    : db.sql("delete from report_asset where asset_id = any(:ids)").bind("ids", gone).then();
        }
        List<List<AssetCatalog.Dimensions>> chunks = new ArrayList<>();
        for (int i = 0; i < changed.size(); i += CHUNK) {
            chunks.add(changed.subList(i, Math.min(changed.size(), i + CHUNK)));
        }
        return deletes.thenMany(Flux.fromIterable(chunks).concatMap(this::upsert))
                .then(Mono.fromRunnable(() -> mirrored = assets));
    }

    private Mono<Void> upsert(List<AssetCatalog.Dimensions> chunk) {
        int n = chunk.size();
        UUID[] ids = new UUID[n];
        String[] titles = new String[n];
        Long[] owners = new Long[n];
        Boolean[] published = new Boolean[n];
        String[] publishedAt = new String[n];
        String[] expiresOn = new String[n];
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            AssetCatalog.Dimensions a = chunk.get(i);
            ids[i] = a.id();
            titles[i] = a.title() == null ? "" : a.title();
            owners[i] = a.ownerId();
            published[i] = "PUBLISHED".equals(a.status());
            publishedAt[i] = a.publishedAt() == null ? null : a.publishedAt().atOffset(ZoneOffset.UTC).toString();
            expiresOn[i] = a.expiresOn() == null ? null : a.expiresOn().toString();
            List<String> k = new ArrayList<>();
            if (a.contentType() != null) {
                k.add("content_type:" + a.contentType());
            }
            k.addAll(a.facets());
            keys[i] = String.join(SEPARATOR, k);
        }
        return db.sql("insert into report_asset (asset_id, title, owner_id, published, published_at, expires_on, keys) "
                        + "select i, t, o, p, pa::timestamptz, e::date, "
                        + "case when k = '' then '{}'::text[] else string_to_array(k, chr(31)) end "
                        + "from unnest(:ids::uuid[], :titles::text[], :owners::bigint[], :published::boolean[], "
                        + ":publishedAt::text[], :expiresOn::text[], :keys::text[]) as t(i, t, o, p, pa, e, k) "
                        + "on conflict (asset_id) do update set title = excluded.title, owner_id = excluded.owner_id, "
                        + "published = excluded.published, published_at = excluded.published_at, "
                        + "expires_on = excluded.expires_on, keys = excluded.keys")
                .bind("ids", ids).bind("titles", titles).bind("owners", owners).bind("published", published)
                .bind("publishedAt", publishedAt).bind("expiresOn", expiresOn).bind("keys", keys)
                .then();
    }

    /** The values of one facet an asset carries, as {@code facet:value}; its content type for {@code content_type}. */
    static List<String> values(AssetCatalog.Dimensions asset, String facet) {
        if ("content_type".equals(facet)) {
            return asset.contentType() == null ? List.of() : List.of("content_type:" + asset.contentType());
        }
        String prefix = facet + ":";
        return asset.facets().stream().filter(v -> v.startsWith(prefix)).toList();
    }
}
