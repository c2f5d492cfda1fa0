package dev.baton.webapp.packs;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.Taxonomy;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A pack's stage and product: values of the taxonomy's {@value Facets#BUYER_STAGE} facet (the buyer's stage, as the
 * library tags assets) and its {@value Facets#PRODUCT} facet. Given by key or label in any case, as an asset's
 * metadata is ({@link Taxonomy#keyOf}); kept by key; shown by label. A value an admin has since made inactive is no
 * longer offered and cannot be chosen by its label, but a pack that has it keeps it (its key is what the pack sends
 * back when revised).
 */
@Component
class PackValues {

    static final String STAGE = Facets.BUYER_STAGE;
    static final String PRODUCT = Facets.PRODUCT;

    private final TaxonomyService taxonomy;

    PackValues(TaxonomyService taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** A taxonomy value as the API shows it: its key and its label. */
    record Value(String key, String label) {}

    /** The taxonomy as read for one request, inactive values too (a pack may still have one). */
    Mono<Names> names() {
        return taxonomy.taxonomy(true).map(Names::new);
    }

    /** The pack's content with its stage and product as keys; a 400 naming {@code stage} or {@code product}. */
    Mono<PackContent> resolved(PackContent content) {
        if (content.stage() == null && content.product() == null) {
            return Mono.just(content);
        }
        return names().map(names -> {
            Map<String, String> problems = new LinkedHashMap<>();
            String stage = names.key(STAGE, content.stage(), "stage", problems);
            String product = names.key(PRODUCT, content.product(), "product", problems);
            if (!problems.isEmpty()) {
                throw new BatonException.InvalidInput(problems);
            }
            return content.withValues(stage, product);
        });
    }

    /** Which packs a list shows: those of this stage and this product (a {@code null} one: any). */
    record Filter(String stage, String product) {

        static final Filter ANY = new Filter(null, null);

        boolean matches(PackContent content) {
            return (stage == null || stage.equals(content.stage()))
                    && (product == null || product.equals(content.product()));
        }
    }

    /** A filter from what a request gave (keys or labels, blank for any); a 400 naming the parameter. */
    Mono<Filter> filter(String stage, String product) {
        if (PackContent.strip(stage) == null && PackContent.strip(product) == null) {
            return Mono.just(Filter.ANY);
        }
        return names().map(names -> {
            Map<String, String> problems = new LinkedHashMap<>();
            Filter filter = new Filter(names.key(STAGE, PackContent.strip(stage), "stage", problems),
                    names.key(PRODUCT, PackContent.strip(product), "product", problems));
            if (!problems.isEmpty()) {
                throw new BatonException.InvalidInput(problems);
            }
            return filter;
        });
    }

    /** Keys and labels of the two facets, read once. */
    record Names(Taxonomy taxonomy) {

        /** The key and label of a value of this facet; {@code null} for none; the key alone for one unknown. */
        Value value(String facet, String key) {
            if (key == null) {
                return null;
            }
            Taxonomy.Value found = find(facet, key);
            return new Value(key, found == null ? key : found.label());
        }

        Value stage(PackContent content) {
            return content == null ? null : value(STAGE, content.stage());
        }

        Value product(PackContent content) {
            return content == null ? null : value(PRODUCT, content.product());
        }

        /** What the builder offers: the facet's active values and, when inactive, the one the pack has. */
        List<Taxonomy.Value> offered(String facet, String current) {
            List<Taxonomy.Value> offered = new ArrayList<>();
            for (Taxonomy.Value v : values(facet)) {
                if (v.active() || v.key().equals(current)) {
                    offered.add(v);
                }
            }
            return offered;
        }

        /** The key of the value named by {@code given}; a problem for {@code field} when there is none. */
        String key(String facet, String given, String field, Map<String, String> problems) {
            if (given == null) {
                return null;
            }
            String key = taxonomy.keyOf(facet, given);
            Taxonomy.Value found = key == null ? null : find(facet, key);
            if (found == null || (!found.active() && !found.key().equals(given.strip()))) {
                String label = taxonomy.facets().stream().filter(f -> f.key().equals(facet)).findFirst()
                        .map(Taxonomy.Facet::label).orElse(facet);
                problems.put(field, "'" + given.strip() + "' is not a value of the taxonomy's " + label
                        + " facet; use one of " + taxonomy.labels(facet) + " (a key or a label, in any case)");
                return null;
            }
            return found.key();
        }

        private Taxonomy.Value find(String facet, String key) {
            return values(facet).stream().filter(v -> Objects.equals(v.key(), key)).findFirst().orElse(null);
        }

        private List<Taxonomy.Value> values(String facet) {
            return taxonomy.facets().stream().filter(f -> f.key().equals(facet)).findFirst()
                    .map(Taxonomy.Facet::values).orElse(List.of());
        }
    }
}
