package dev.baton.webapp.taxonomy;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order in which the taxonomy lists each facet's values (the order admins and the seed gave them), for showing an
 * asset's values in that order. A value it does not know sorts after those it knows, by key.
 */
public final class ValueOrder {

    static final ValueOrder NONE = new ValueOrder(Map.of());

    private final Map<String, Map<String, Integer>> positions;

    ValueOrder(Map<String, Map<String, Integer>> positions) {
        this.positions = positions;
    }

    /** Whether the order knows the value {@code value} of {@code facet}. */
    boolean knows(String facet, String value) {
        return positions.getOrDefault(facet, Map.of()).containsKey(value);
    }

    /** Whether the order knows every value of every facet given. */
    boolean knowsAll(Map<String, ? extends Collection<String>> values) {
        for (Map.Entry<String, ? extends Collection<String>> facet : values.entrySet()) {
            for (String value : facet.getValue()) {
                if (!knows(facet.getKey(), value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code values} of {@code facet} in the taxonomy's order. */
    public List<String> sorted(String facet, Collection<String> values) {
        Map<String, Integer> order = positions.getOrDefault(facet, Map.of());
        return values.stream()
                .sorted(Comparator.comparing((String v) -> order.getOrDefault(v, Integer.MAX_VALUE))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }
}
