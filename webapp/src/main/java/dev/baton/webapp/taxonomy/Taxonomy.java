package dev.baton.webapp.taxonomy;

import java.util.List;
import java.util.Locale;

/** The shared vocabulary: facets, each with its values and their definitions. */
public record Taxonomy(List<Facet> facets) {

    /**
     * The key of the value of this facet that {@code given} names: its key, or its label, in any case and with the
     * spaces around it ignored (a marketer's spreadsheet says "Decision" or "economic buyer" where the API says
     * {@code decision} and {@code economic-buyer}); {@code null} when no value has it. A key wins over another value's
     * label.
     */
    public String keyOf(String facet, String given) {
        if (given == null) {
            return null;
        }
        String wanted = given.strip();
        Facet found = facets.stream().filter(f -> f.key().equals(facet)).findFirst().orElse(null);
        if (found == null || wanted.isEmpty()) {
            return null;
        }
        for (Value value : found.values()) {
            if (value.key().equals(wanted)) {
                return value.key();
            }
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        for (Value value : found.values()) {
            if (value.key().toLowerCase(Locale.ROOT).equals(lower)) {
                return value.key();
            }
        }
        for (Value value : found.values()) {
            if (value.label().strip().toLowerCase(Locale.ROOT).equals(lower)) {
                return value.key();
            }
        }
        return null;
    }

    /** The labels of a facet's active values, for a message that says what may be given. */
    public List<String> labels(String facet) {
        return facets.stream().filter(f -> f.key().equals(facet)).findFirst()
                .map(f -> f.values().stream().filter(Value::active).map(Value::label).toList())
                .orElse(List.of());
    }

    /** One facet, e.g. buyer stage, with its values in order. */
    public record Facet(String key, String label, String description, List<Value> values) {}

    /**
     * One value with the definition both teams see wherever it appears, and the other names reps use for it (search
     * treats a query naming the value by its label, key or an alias as asking for the assets tagged with it).
     */
    public record Value(String key, String label, String definition, boolean active, List<String> aliases) {

        public Value {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        /** A value without aliases. */
        public Value(String key, String label, String definition, boolean active) {
            this(key, label, definition, active, List.of());
        }
    }
}
