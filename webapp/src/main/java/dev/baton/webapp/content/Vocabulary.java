package dev.baton.webapp.content;

import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.Taxonomy;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The taxonomy as the content pages show it: a value's label and definition wherever an asset names it (inactive
 * values included, since assets keep them), and the active values a marketer can choose from.
 */
record Vocabulary(Map<String, Taxonomy.Facet> byKey) {

    static Vocabulary of(Taxonomy taxonomy) {
        return new Vocabulary(taxonomy.facets().stream()
                .collect(Collectors.toMap(Taxonomy.Facet::key, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new)));
    }

    /** The facets an asset has several values of, in {@link Facets#MULTI_VALUED} order. */
    public List<Taxonomy.Facet> facets() {
        return Facets.MULTI_VALUED.stream().filter(byKey::containsKey).map(byKey::get).toList();
    }

    public Taxonomy.Facet facet(String key) {
        Taxonomy.Facet facet = byKey.get(key);
        return facet != null ? facet : new Taxonomy.Facet(key, key, "", List.of());
    }

    /** A value with its label and definition; a key the taxonomy does not know is shown as itself. */
    public Taxonomy.Value value(String facet, String key) {
        return facet(facet).values().stream()
                .filter(v -> v.key().equals(key))
                .findFirst()
                .orElseGet(() -> new Taxonomy.Value(key, key, "", false));
    }

    /** What a marketer can pick for a facet: its active values, and any inactive ones already chosen. */
    public List<Taxonomy.Value> choices(String facet, Collection<String> chosen) {
        return facet(facet).values().stream()
                .filter(v -> v.active() || (chosen != null && chosen.contains(v.key())))
                .toList();
    }

    public List<Taxonomy.Value> contentTypes(String chosen) {
        return choices(Facets.CONTENT_TYPE, chosen == null ? List.of() : List.of(chosen));
    }

    /** "Case study"; an empty string for no type. */
    public String typeLabel(String key) {
        return key == null || key.isBlank() ? "" : value(Facets.CONTENT_TYPE, key).label();
    }

    /** The id of the hidden element holding a value's definition, for {@code aria-describedby}. */
    public String definitionId(String facet, String key) {
        return "def-" + facet + "-" + key;
    }

    /** Every value of every facet, for the page's one block of definitions. */
    public List<Term> terms() {
        return byKey.values().stream()
                .flatMap(f -> f.values().stream().map(v -> new Term(definitionId(f.key(), v.key()), v.definition())))
                .toList();
    }

    /** A definition and the id it is referred to by. */
    record Term(String id, String definition) {}
}
