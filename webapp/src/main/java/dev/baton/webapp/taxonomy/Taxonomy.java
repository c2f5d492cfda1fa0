package dev.baton.webapp.taxonomy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The shared vocabulary: facets, each with its values and their definitions. */
public record Taxonomy(List<Facet> facets) {

    /**
     * The key of the value of this facet that {@code given} names: its key, its label, or one of its aliases, in any
     * case and with the spaces around it ignored (a marketer's spreadsheet says "Decision", "economic buyer" or "CFO"
     * where the API says {@code decision} and {@code economic-buyer}); {@code null} when no value has it, or when it
     * is an alias of several values ({@link #ambiguity} says which). A key wins over another value's label, a label
     * over another value's alias.
     */
    public String keyOf(String facet, String given) {
        List<Value> named = named(facet, given);
        return named.size() == 1 ? named.getFirst().key() : null;
    }

    /**
     * Why {@code given} names no single value of this facet when it is an alias of several: "'coach' is another name
     * of both Champion and Mentor; give the key or the label". Empty when it names one value, or none.
     */
    public Optional<String> ambiguity(String facet, String given) {
        List<Value> named = named(facet, given);
        if (named.size() < 2) {
            return Optional.empty();
        }
        List<String> labels = named.stream().map(Value::label).toList();
        String both = labels.size() == 2 ? "both " + labels.get(0) + " and " + labels.get(1)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.getLast();
        return Optional.of("'" + given.strip() + "' is another name of " + both + "; give the key or the label");
    }

    /** The values {@code given} names: the one with that key, else the one with that label, else the alias's. */
    private List<Value> named(String facet, String given) {
        if (given == null) {
            return List.of();
        }
        String wanted = given.strip();
        Facet found = facets.stream().filter(f -> f.key().equals(facet)).findFirst().orElse(null);
        if (found == null || wanted.isEmpty()) {
            return List.of();
        }
        for (Value value : found.values()) {
            if (value.key().equals(wanted)) {
                return List.of(value);
            }
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        for (Value value : found.values()) {
            if (value.key().toLowerCase(Locale.ROOT).equals(lower)) {
                return List.of(value);
            }
        }
        for (Value value : found.values()) {
            if (value.label().strip().toLowerCase(Locale.ROOT).equals(lower)) {
                return List.of(value);
            }
        }
        // aliases are stored trimmed, with single spaces, in lower case (TaxonomyService.aliases)
        String alias = lower.replaceAll("\\s+", " ");
        List<Value> owners = new ArrayList<>();
        for (Value value : found.values()) {
            for (String a : value.aliases()) {
                if (a.equalsIgnoreCase(alias)) {
                    owners.add(value);
                    break;
                }
            }
        }
        return owners;
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
