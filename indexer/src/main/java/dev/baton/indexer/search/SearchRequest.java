package dev.baton.indexer.search;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One search as a user asked for it.
 *
 * @param query what the user typed; any text is valid (see {@code docs/search.md} for the syntax: words, "phrases",
 *     -exclusions, OR). Blank lists every visible asset.
 * @param filters facet key to the selected value keys: an asset matches when it has at least one selected value of
 *     every filtered facet (OR within a facet, AND across facets)
 * @param updatedWithin only assets updated within this long before now; {@code null} for any time
 * @param visibility which assets the user may see
 * @param sort the order of the hits
 * @param page the page to return, from 1
 * @param size hits per page, 1 to {@link #MAX_SIZE}
 */
public record SearchRequest(
        String query,
        Map<String, Set<String>> filters,
        Duration updatedWithin,
        Visibility visibility,
        Sort sort,
        int page,
        int size) {

    /** The most hits one page may hold. */
    public static final int MAX_SIZE = 100;

    /** How deep paging may go: page times size at most this. */
    public static final int MAX_WINDOW = 10_000;

    public static final int DEFAULT_SIZE = 20;

    /** The order of the hits. */
    public enum Sort {
        /** Best text match first, with a modest boost for recent and much-used assets. */
        RELEVANCE,
        /** Most recently updated first. */
        NEWEST,
        /** Most used first, then most recently updated. */
        MOST_USED
    }

    public SearchRequest {
        query = query == null ? "" : query;
        if (visibility == null) {
            throw new IllegalArgumentException("visibility is required: Visibility.rep(today) or Visibility.everything()");
        }
        sort = sort == null ? Sort.RELEVANCE : sort;
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if ((long) page * size > MAX_WINDOW) {
            throw new IllegalArgumentException("Results can be paged through up to hit " + MAX_WINDOW + "; page " + page
                    + " of " + size + " is beyond that. Narrow the search instead.");
        }
        if (updatedWithin != null && (updatedWithin.isNegative() || updatedWithin.isZero())) {
            throw new IllegalArgumentException("updatedWithin must be longer than zero, was " + updatedWithin);
        }
        Map<String, Set<String>> copy = new TreeMap<>();
        if (filters != null) {
            filters.forEach((facet, values) -> {
                String key = AssetSchema.facetText(facet);
                if (key == null || values == null) {
                    return;
                }
                Set<String> clean = new LinkedHashSet<>();
                for (String value : values) {
                    String text = AssetSchema.facetText(value);
                    if (text != null) {
                        clean.add(text);
                    }
                }
                if (!clean.isEmpty()) {
                    copy.merge(key, Collections.unmodifiableSet(clean), (a, b) -> {
                        Set<String> merged = new LinkedHashSet<>(a);
                        merged.addAll(b);
                        return Collections.unmodifiableSet(merged);
                    });
                }
            });
        }
        filters = Collections.unmodifiableMap(copy);
    }

    /** The first page of a relevance-sorted search without filters. */
    public static SearchRequest of(String query, Visibility visibility) {
        return new SearchRequest(query, Map.of(), null, visibility, Sort.RELEVANCE, 1, DEFAULT_SIZE);
    }

    /** This request with one more facet value selected. */
    public SearchRequest withFilter(String facet, String... values) {
        Map<String, Set<String>> more = new TreeMap<>(filters);
        Set<String> selected = new LinkedHashSet<>(more.getOrDefault(facet, Set.of()));
        selected.addAll(Set.of(values));
        more.put(facet, selected);
        return new SearchRequest(query, more, updatedWithin, visibility, sort, page, size);
    }

    public SearchRequest withUpdatedWithin(Duration updatedWithin) {
        return new SearchRequest(query, filters, updatedWithin, visibility, sort, page, size);
    }

    public SearchRequest withSort(Sort sort) {
        return new SearchRequest(query, filters, updatedWithin, visibility, sort, page, size);
    }

    public SearchRequest withPage(int page, int size) {
        return new SearchRequest(query, filters, updatedWithin, visibility, sort, page, size);
    }
}
