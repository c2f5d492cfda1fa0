package dev.baton.webapp.reports;

import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The library as reports group it ({@link AssetCatalog#dimensions()}: owner, status, type, facets), with the
 * taxonomy's labels, read once and kept until any asset changes ({@link AssetCatalog#changeToken()}: one cheap query
 * a report), so a report over 100,000 assets does not read them all each time.
 */
@Component
class LibraryDimensions {

    /** The library at one change token: assets by id and the label of each {@code facet:value}. */
    record Library(String token, Map<UUID, AssetCatalog.Dimensions> assets, Map<String, String> labels) {

        String label(String facetValue) {
            return labels.getOrDefault(facetValue, facetValue.substring(facetValue.indexOf(':') + 1));
        }
    }

    private final AssetCatalog catalog;
    private final TaxonomyService taxonomy;
    private volatile Mono<Library> cached;
    private volatile String cachedToken;

    LibraryDimensions(AssetCatalog catalog, TaxonomyService taxonomy) {
        this.catalog = catalog;
        this.taxonomy = taxonomy;
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
                Map.copyOf(both.getT2())));
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
