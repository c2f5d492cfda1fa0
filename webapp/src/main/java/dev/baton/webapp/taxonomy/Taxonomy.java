package dev.baton.webapp.taxonomy;

import java.util.List;

/** The shared vocabulary: facets, each with its values and their definitions. */
public record Taxonomy(List<Facet> facets) {

    /** One facet, e.g. buyer stage, with its values in order. */
    public record Facet(String key, String label, String description, List<Value> values) {}

    /** One value with the definition both teams see wherever it appears. */
    public record Value(String key, String label, String definition, boolean active) {}
}
