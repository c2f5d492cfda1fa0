package dev.baton.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;

/** Facet counts among a search's hits, as {@link SearchResult.Facet}s: the schema's facets first, then any other. */
final class FacetCounts {

    private FacetCounts() {}

    /** Each facet's most frequent values among the hits, with the selected values always listed. */
    static List<SearchResult.Facet> of(
            Facets counts, SortedSetDocValuesReaderState state, Map<String, Set<String>> selected)
            throws IOException {
        Set<String> dims = new LinkedHashSet<>(AssetSchema.FACETS);
        Set<String> others = new TreeSet<>(selected.keySet());
        if (state != null) {
            state.getDims().forEach(others::add);
        }
        dims.addAll(others);
        List<SearchResult.Facet> facets = new ArrayList<>();
        for (String dim : dims) {
            Set<String> chosen = selected.getOrDefault(dim, Set.of());
            List<SearchResult.FacetCount> values = new ArrayList<>();
            Set<String> listed = new LinkedHashSet<>();
            FacetResult top = counts == null ? null : topChildren(counts, dim);
            if (top != null) {
                for (LabelAndValue value : top.labelValues) {
                    values.add(new SearchResult.FacetCount(
                            value.label, value.value.longValue(), chosen.contains(value.label)));
                    listed.add(value.label);
                }
            }
            for (String value : chosen) {
                if (!listed.contains(value)) {
                    values.add(new SearchResult.FacetCount(value, specificValue(counts, dim, value), true));
                }
            }
            if (!values.isEmpty() || AssetSchema.FACETS.contains(dim)) {
                facets.add(new SearchResult.Facet(dim, values));
            }
        }
        return facets;
    }

    private static FacetResult topChildren(Facets counts, String dim) throws IOException {
        try {
            return counts.getTopChildren(AssetSearcher.FACET_VALUES, dim);
        } catch (IllegalArgumentException e) {
            // the dimension was never indexed
            return null;
        }
    }

    private static long specificValue(Facets counts, String dim, String value) throws IOException {
        if (counts == null) {
            return 0;
        }
        try {
            Number count = counts.getSpecificValue(dim, value);
            return count == null ? 0 : Math.max(0, count.longValue());
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
