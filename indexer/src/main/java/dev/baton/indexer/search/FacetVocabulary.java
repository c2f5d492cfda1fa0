package dev.baton.indexer.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The taxonomy's words: the names of each facet value (its label, its key and the aliases an admin gave it, such as
 * "CFO" and "finance director" for the persona Economic buyer). A query that names a value finds the assets tagged
 * with it as well as those whose text has the words, and the result offers the value as a filter. Names are compared
 * as the query's words are ({@link Analysis#normalizedWords}: case, accents and plurals do not matter); the longest
 * name wins where names overlap.
 */
public final class FacetVocabulary {

    /** No names: queries meet facet values only through the labels in the text. */
    public static final FacetVocabulary NONE = new FacetVocabulary(List.of());

    /** Most values and names per value accepted. */
    public static final int MAX_VALUES = 5_000;

    public static final int MAX_NAMES_PER_VALUE = 50;

    /** Longest name, in words, that is looked for. */
    static final int MAX_NAME_WORDS = 6;

    /**
     * One facet value and what people call it.
     *
     * @param facet the facet's key ({@code persona})
     * @param value the value's key ({@code economic-buyer})
     * @param names the label, aliases and any other names; the key is added as words ("economic buyer")
     */
    public record Value(String facet, String value, List<String> names) {

        public Value {
            if (facet == null || facet.isBlank() || value == null || value.isBlank()) {
                throw new IllegalArgumentException("a facet value needs its facet's key and its own key");
            }
            names = names == null ? List.of() : names.stream().filter(n -> n != null && !n.isBlank()).toList();
            if (names.size() > MAX_NAMES_PER_VALUE) {
                throw new IllegalArgumentException(
                        "A facet value has at most " + MAX_NAMES_PER_VALUE + " names, got " + names.size());
            }
        }
    }

    /** A facet value a query named. */
    public record Named(String facet, String value) {}

    /** Normalized name (its words joined by a space) to the values it names. */
    private final Map<String, Set<Named>> byName;

    /** What the semantic side reads the values' short names (acronyms such as "ciso") as. */
    private final Acronyms acronyms;

    private FacetVocabulary(List<Value> values) {
        Map<String, Set<Named>> names = new HashMap<>();
        for (Value value : values) {
            Named named = new Named(value.facet(), value.value());
            List<String> all = new ArrayList<>(value.names());
            all.add(value.value().replace('-', ' ').replace('_', ' '));
            for (String name : all) {
                List<String> words = Analysis.normalizedWords(name);
                if (!words.isEmpty() && words.size() <= MAX_NAME_WORDS) {
                    names.computeIfAbsent(String.join(" ", words), k -> new LinkedHashSet<>()).add(named);
                }
            }
        }
        this.byName = Map.copyOf(names);
        this.acronyms = Acronyms.of(values.stream().map(Value::names).toList());
    }

    Acronyms acronyms() {
        return acronyms;
    }

    /** The vocabulary of these values. */
    public static FacetVocabulary of(List<Value> values) {
        if (values == null) {
            throw new IllegalArgumentException("values are required (an empty list for none)");
        }
        if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("At most " + MAX_VALUES + " facet values, got " + values.size());
        }
        return values.isEmpty() ? NONE : new FacetVocabulary(values);
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The values the words {@code from} (inclusive) to {@code to} (exclusive) name together, or an empty set. */
    Set<Named> named(List<String> words, int from, int to) {
        if (to - from > MAX_NAME_WORDS) {
            return Set.of();
        }
        return byName.getOrDefault(String.join(" ", words.subList(from, to)), Set.of());
    }
}
