package dev.baton.indexer.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a search found.
 *
 * @param total how many visible assets match (all pages)
 * @param hits the requested page
 * @param facets for each facet, in {@link AssetSchema#FACETS} order then any other facet the index holds: value counts
 *     among the hits. A facet the user filtered on is counted as if that filter alone were off (drill sideways), so
 *     its other values show how many hits selecting them too would add.
 * @param filters the facet filters applied
 * @param updatedWithin the update-time filter applied, or {@code null}
 * @param relaxed no asset had every word, and these hits have most of them (the UI says so)
 * @param page the page returned, from 1
 * @param size the page size asked for
 * @param allWords how many of the {@code total} have every word of the query; they come first, and the others (with
 *     most of the words) after them. Equal to {@code total} when every hit has every word, 0 when {@code relaxed}
 * @param named facet values the query names (by label, key or alias) that are not filtered on yet and that some
 *     hit carries: the filters to offer ("Persona: Economic buyer?")
 * @param correctedQuery the query with its misspelt words corrected, when a word no asset has was taken to mean a
 *     near spelling ("Showing results for ..."); {@code null} when nothing was corrected
 * @param asTypedQuery with {@code correctedQuery}: the query with the corrected words in quotes, which searches them
 *     exactly as typed ("Search instead for ..."); {@code null} otherwise
 */
public record SearchResult(
        long total,
        List<Hit> hits,
        List<Facet> facets,
        Map<String, Set<String>> filters,
        Duration updatedWithin,
        boolean relaxed,
        int page,
        int size,
        long allWords,
        List<FacetVocabulary.Named> named,
        String correctedQuery,
        String asTypedQuery) {

    public SearchResult {
        hits = List.copyOf(hits);
        facets = List.copyOf(facets);
        filters = Map.copyOf(filters);
        named = named == null ? List.of() : List.copyOf(named);
    }

    /** A result without named facet values or corrections. */
    public SearchResult(long total, List<Hit> hits, List<Facet> facets, Map<String, Set<String>> filters,
            Duration updatedWithin, boolean relaxed, int page, int size, long allWords) {
        this(total, hits, facets, filters, updatedWithin, relaxed, page, size, allWords, List.of(), null, null);
    }

    /** The facet with this key, if the result has it. */
    public Facet facet(String key) {
        return facets.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }

    /**
     * One asset in a result.
     *
     * @param title the plain title
     * @param titleHtml the title, HTML-escaped, the matched words in {@code <mark>}
     * @param snippetHtml a passage of the body (or the description) with the matched words in {@code <mark>}, or the
     *     start of the description when nothing in the text matched; HTML-escaped; may be empty
     * @param typeKey the content type's key ({@code case-study}), or {@code null}
     * @param typeLabel the content type's label ("Case study"), or {@code null}
     * @param stages facet key ({@code buyer_stage}, {@code funnel_stage}) to value keys
     * @param score the relevance score with the recency and usage boost, comparable only within one result; NaN
     *     when the result is sorted by newest or most used
     */
    public record Hit(
            String id,
            String title,
            String titleHtml,
            String snippetHtml,
            String typeKey,
            String typeLabel,
            Map<String, List<String>> stages,
            Instant updatedAt,
            boolean thumbnail,
            String mediaType,
            boolean internalOnly,
            AssetStatus status,
            int version,
            float score) {}

    /** Value counts of one facet, most frequent first; selected values are always included. */
    public record Facet(String key, List<FacetCount> values) {

        public Facet {
            values = List.copyOf(values);
        }

        /** The count of one value; 0 if it is not among the hits. */
        public long count(String value) {
            return values.stream()
                    .filter(v -> v.value().equals(value))
                    .mapToLong(FacetCount::count)
                    .findFirst()
                    .orElse(0);
        }
    }

    /** How many hits have this value; {@code selected} when it is one of the request's filters. */
    public record FacetCount(String value, long count, boolean selected) {}
}
