package dev.baton.webapp.search;

import dev.baton.indexer.search.SearchRequest;
import dev.baton.indexer.search.SearchResult;
import dev.baton.webapp.content.AssetVisibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Assets that fit a set of taxonomy values, for other packages (a deal's page suggests what fits its stage, industry
 * and personas). What a rep may see, as on the search page; not a search a person typed, so it is not logged.
 */
@Component
public class AssetSuggestions {

    /** One suggested asset. */
    public record Suggestion(String id, String title, String type, String url, String thumbnailUrl) {}

    private final SearchIndex index;
    private final AssetVisibility visibility;

    AssetSuggestions(SearchIndex index, AssetVisibility visibility) {
        this.index = index;
        this.visibility = visibility;
    }

    /**
     * Up to {@code n} published assets (what reps see) that carry the values of
     * every facet in {@code filters} (OR within a facet, AND across facets), most used first. When fewer than
     * {@code n} fit them all, the facets are dropped from the last one given onwards and the list is filled from
     * those looser matches, so the first facet given matters most.
     */
    public Mono<List<Suggestion>> fitting(Map<String, List<String>> filters, int n) {
        int size = Math.max(1, Math.min(n, SearchRequest.MAX_SIZE));
        List<Map.Entry<String, List<String>>> facets = filters.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .toList();
        return Mono.fromCallable(() -> {
                    Map<String, Suggestion> found = new LinkedHashMap<>();
                    for (int used = facets.size(); used >= 1 && found.size() < size; used--) {
                        SearchRequest request = SearchRequest.of("", visibility.repSearchFilter())
                                .withSort(SearchRequest.Sort.MOST_USED)
                                .withPage(1, size);
                        for (Map.Entry<String, List<String>> facet : facets.subList(0, used)) {
                            request = request.withFilter(facet.getKey(), facet.getValue().toArray(String[]::new));
                        }
                        SearchRequest asked = request;
                        for (SearchResult.Hit hit : index.search(searcher -> searcher.search(asked)).hits()) {
                            if (found.size() < size) {
                                found.putIfAbsent(hit.id(), suggestion(hit));
                            }
                        }
                    }
                    return (List<Suggestion>) new ArrayList<>(found.values());
                })
                .onErrorMap(IOException.class, e -> new UncheckedIOException("The search index could not be read", e))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Up to {@code n} assets a rep may see that have every word of {@code query} (no looser matches), within the
     * facet filters of {@code filtersText} as the search log and content requests keep them
     * ({@code buyer_stage=decision,consideration; persona=cfo}; other parts, such as {@code updated_within}, are
     * ignored), the best first. Not a search a person typed, so it is not logged; words the query syntax refuses find
     * nothing.
     */
    public Mono<List<Suggestion>> matching(String query, String filtersText, int n) {
        int size = Math.max(1, Math.min(n, SearchRequest.MAX_SIZE));
        String words = query == null ? "" : query.strip();
        return Mono.fromCallable(() -> {
                    SearchRequest request = SearchRequest.of(words, visibility.repSearchFilter()).withPage(1, size);
                    for (String part : (filtersText == null ? "" : filtersText).split(";")) {
                        int eq = part.indexOf('=');
                        String key = eq < 0 ? "" : part.substring(0, eq).strip();
                        if (key.isEmpty() || key.equals("updated_within") || key.equals("scope")
                                || key.equals("status")) {
                            continue;
                        }
                        String[] values = java.util.Arrays.stream(part.substring(eq + 1).split(","))
                                .map(String::strip).filter(v -> !v.isEmpty()).toArray(String[]::new);
                        if (values.length > 0) {
                            request = request.withFilter(key, values);
                        }
                    }
                    SearchRequest asked = request;
                    SearchResult result = index.search(searcher -> searcher.search(asked));
                    // only the hits with every word: those with most of them follow them
                    int allWords = (int) Math.min(result.hits().size(), result.allWords());
                    return result.hits().subList(0, allWords).stream().map(AssetSuggestions::suggestion).toList();
                })
                .onErrorResume(IllegalArgumentException.class, e -> Mono.just(List.of()))
                .onErrorMap(IOException.class, e -> new UncheckedIOException("The search index could not be read", e))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Suggestion suggestion(SearchResult.Hit hit) {
        return new Suggestion(hit.id(), hit.title(), hit.typeLabel(), "/assets/" + hit.id(),
                hit.thumbnail() ? "/api/v1/assets/" + hit.id() + "/thumbnail" : null);
    }
}
