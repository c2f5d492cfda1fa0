package dev.baton.webapp.search;

import dev.baton.indexer.search.AssetSearcher;
import dev.baton.indexer.search.FacetVocabulary;
import dev.baton.indexer.search.SearchResult;
import dev.baton.indexer.search.Suggestions;
import dev.baton.indexer.search.Visibility;
import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.Taxonomy;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Searches for a user: reps (and trainers) see published assets that have not expired; marketers and admins may ask
 * for everything ({@code scope=all}). Results carry the taxonomy's labels and definitions; every search is logged off
 * the request path. Lucene work runs on the bounded-elastic scheduler, never on the event loop.
 */
@Service
class SearchService {

    private static final Duration VOCABULARY_TTL = Duration.ofSeconds(10);
    private static final Map<String, String> ENGINE_FACET_LABELS = Map.of(
            "owner", "Owner", "tags", "Tags", "status", "Status");
    private static final Map<String, String> STATUS_LABELS = Map.of(
            "DRAFT", "Draft", "PUBLISHED", "Published", "ARCHIVED", "Archived");

    private final SearchIndex index;
    private final SearchLog searchLog;
    private final Clock clock;
    private final AssetVisibility assetVisibility;
    private final Mono<Vocabulary> vocabulary;

    SearchService(SearchIndex index, SearchLog searchLog, TaxonomyService taxonomy, AccountDirectory accounts,
            Clock clock, AssetVisibility assetVisibility) {
        this.index = index;
        this.searchLog = searchLog;
        this.clock = clock;
        this.assetVisibility = assetVisibility;
        Mono<Map<String, String>> owners = accounts.displayNames();
        this.vocabulary = Mono.zip(taxonomy.taxonomy(true), owners)
                .map(both -> new Vocabulary(both.getT1(), both.getT2()))
                .doOnNext(v -> index.setFacetVocabulary(facetVocabulary(v.taxonomy())))
                .cache(value -> VOCABULARY_TTL, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The taxonomy and the people that label facet values; cached for a few seconds. */
    record Vocabulary(Taxonomy taxonomy, Map<String, String> owners) {

        Set<String> facetKeys() {
            return SearchCriteria.facetKeys(taxonomy.facets().stream().map(Taxonomy.Facet::key).toList());
        }

        Labelled value(String facet, String key) {
            if ("owner".equals(facet)) {
                return new Labelled(key, owners.getOrDefault(key, key), null);
            }
            if ("status".equals(facet)) {
                return new Labelled(key, STATUS_LABELS.getOrDefault(key, key), null);
            }
            for (Taxonomy.Facet f : taxonomy.facets()) {
                if (f.key().equals(facet)) {
                    for (Taxonomy.Value v : f.values()) {
                        if (v.key().equals(key)) {
                            return new Labelled(key, v.label(), v.definition());
                        }
                    }
                }
            }
            return new Labelled(key, key, null);
        }

        Labelled facet(String key) {
            for (Taxonomy.Facet f : taxonomy.facets()) {
                if (f.key().equals(key)) {
                    return new Labelled(key, f.label(), f.description());
                }
            }
            return new Labelled(key, ENGINE_FACET_LABELS.getOrDefault(key, key), null);
        }
    }

    /**
     * The names of every facet value (label and aliases; the key is added by the engine), retired ones included:
     * assets keep them, so a query naming one still finds those assets.
     */
    static FacetVocabulary facetVocabulary(Taxonomy taxonomy) {
        List<FacetVocabulary.Value> values = new ArrayList<>();
        for (Taxonomy.Facet facet : taxonomy.facets()) {
            for (Taxonomy.Value value : facet.values()) {
                List<String> names = new ArrayList<>();
                names.add(value.label());
                names.addAll(value.aliases());
                values.add(new FacetVocabulary.Value(facet.key(), value.key(), names));
            }
        }
        return FacetVocabulary.of(values);
    }

    /** A key with what people read for it. */
    record Labelled(String key, String label, String definition) {}

    /** A search answered. */
    record Response(
            String searchId,
            String query,
            long total,
            int page,
            int size,
            long pages,
            String sort,
            boolean relaxed,
            long allWords,
            Map<String, List<String>> filters,
            String updatedWithin,
            String scope,
            List<Hit> hits,
            List<Facet> facets,
            String indexState,
            List<SuggestedFilter> suggestedFilters,
            String correctedQuery,
            String asTypedQuery) {}

    /**
     * A facet value the query named (by its label or an alias) that the user has not filtered on and some hit
     * carries: offered as a filter ("Persona: Economic buyer?").
     */
    record SuggestedFilter(String facet, String facetLabel, String value, String label, String definition) {}

    /**
     * One result.
     *
     * @param titleHtml the title, HTML-escaped, matched words in {@code <mark>}
     * @param snippetHtml a passage of the text with the matched words in {@code <mark>}, HTML-escaped
     * @param stages buyer and funnel stages, each value with its label and definition
     * @param rank the hit's place in the whole result, from 1
     */
    record Hit(
            String id,
            int rank,
            String title,
            String titleHtml,
            String snippetHtml,
            Labelled type,
            Map<String, List<Labelled>> stages,
            Instant updated,
            String status,
            boolean internalOnly,
            String mediaType,
            int version,
            String url,
            String thumbnailUrl) {}

    /** One facet: its values among the hits with counts (drill sideways for selected facets). */
    record Facet(String key, String label, String description, List<FacetValue> values) {}

    record FacetValue(String key, String label, String definition, long count, boolean selected) {}

    /** Completions for what is typed. */
    record Completions(String query, List<String> queries, List<Title> titles) {}

    record Title(String id, String title, String url) {}

    Mono<Set<String>> facetKeys() {
        return vocabulary.map(Vocabulary::facetKeys);
    }

    /** Parses the query string and searches; {@code strict} refuses unknown parameters (the API). */
    Mono<Response> search(MultiValueMap<String, String> params, BatonUser user, boolean strict, String source) {
        return vocabulary.flatMap(v -> {
            SearchCriteria criteria = SearchCriteria.from(params, v.facetKeys(), strict);
            return search(criteria, v, user, source);
        });
    }

    /** Searches with criteria already read (the page reads them itself to show problems). */
    Mono<Response> search(SearchCriteria criteria, BatonUser user, String source) {
        return vocabulary.flatMap(v -> search(criteria, v, user, source));
    }

    /**
     * The criteria with taxonomy values named by label or alias turned into their keys (what the engine filters on),
     * so a page's filter links and selected values are the keys whatever the URL said.
     */
    Mono<SearchCriteria> resolve(SearchCriteria criteria) {
        return vocabulary.map(v -> criteria.resolved(v.taxonomy()));
    }

    private Mono<Response> search(SearchCriteria given, Vocabulary v, BatonUser user, String source) {
        SearchCriteria criteria = given.resolved(v.taxonomy());
        Visibility visibility = visibility(criteria.everything(), user);
        if (!criteria.everything() && criteria.filters().containsKey("status")) {
            throw new BatonException.InvalidInput("status", "filter by status with scope=all (marketers and admins)");
        }
        return blocking(() -> {
            long start = System.nanoTime();
            SearchResult result = index.search(searcher -> searcher.search(criteria.request(visibility)));
            int took = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
            UUID searchId = UUID.randomUUID();
            searchLog.searched(new SearchLog.Search(searchId, clock.instant(), user.id(),
                    criteria.query().length() > SearchCriteria.MAX_QUERY
                            ? criteria.query().substring(0, SearchCriteria.MAX_QUERY)
                            : criteria.query(),
                    criteria.filtersText(), criteria.sortName(), criteria.page(), result.total(), result.relaxed(),
                    took, source, criteria.page() == 1 ? shownIds(result) : List.of()));
            return response(searchId, criteria, result, v);
        });
    }

    /** Completions from frequent past searches and from titles the user may see. */
    Mono<Completions> suggest(String prefix, int n, boolean everything, BatonUser user) {
        String text = prefix == null ? "" : prefix.strip();
        if (text.length() > SearchCriteria.MAX_QUERY) {
            return Mono.error(new BatonException.InvalidInput("q", "use at most " + SearchCriteria.MAX_QUERY
                    + " characters"));
        }
        if (n < 1 || n > AssetSearcher.MAX_SUGGESTIONS) {
            return Mono.error(new BatonException.InvalidInput("n", "use a whole number from 1 to "
                    + AssetSearcher.MAX_SUGGESTIONS));
        }
        Visibility visibility = visibility(everything, user);
        return blocking(() -> {
            Suggestions found = index.search(searcher -> searcher.suggest(text, n, visibility));
            List<Title> titles = found.titles().stream()
                    .map(hit -> new Title(hit.id(), hit.title(), "/assets/" + hit.id()))
                    .toList();
            searchLog.shown(new SearchLog.Shown(clock.instant(), titles.stream()
                    .map(t -> uuid(t.id())).filter(Objects::nonNull).toList()));
            return new Completions(text, found.queries(), titles);
        });
    }

    /** Assets like this one that the user may see. */
    Mono<List<Hit>> related(UUID id, int n, BatonUser user) {
        if (n < 1 || n > AssetSearcher.MAX_SUGGESTIONS) {
            return Mono.error(new BatonException.InvalidInput("n", "use a whole number from 1 to "
                    + AssetSearcher.MAX_SUGGESTIONS));
        }
        Visibility visibility = visibility(false, user);
        return vocabulary.flatMap(v -> blocking(() -> {
            List<SearchResult.Hit> like = index.search(searcher -> searcher.related(id.toString(), n, visibility));
            List<Hit> hits = new ArrayList<>();
            for (int i = 0; i < like.size(); i++) {
                hits.add(hit(like.get(i), i + 1, v));
            }
            return hits;
        }));
    }

    /** Records that a user opened a result of a search (at its rank); written off the request path. */
    void opened(UUID searchId, UUID assetId, int rank, BatonUser user) {
        if (rank < 1 || rank > SearchRequestLimits.MAX_RANK) {
            throw new BatonException.InvalidInput("rank", "use the hit's rank, from 1 to "
                    + SearchRequestLimits.MAX_RANK);
        }
        searchLog.opened(new SearchLog.Opened(searchId, assetId, rank, user.id(), clock.instant()));
    }

    private Visibility visibility(boolean everything, BatonUser user) {
        if (!everything) {
            // the rule and the day are content's: the library and the asset page judge by the same ones
            return assetVisibility.repSearchFilter();
        }
        if (!user.canManageContent()) {
            throw new BatonException.Forbidden(
                    "Only marketers and admins can search drafts, archived and expired assets (scope=all)");
        }
        return Visibility.everything();
    }

    /** The ids of the hits a first page showed: the unused-content report's "surfaced". */
    private static List<UUID> shownIds(SearchResult result) {
        return result.hits().stream().map(hit -> uuid(hit.id())).filter(Objects::nonNull).toList();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Response response(UUID searchId, SearchCriteria criteria, SearchResult result, Vocabulary v) {
        List<Hit> hits = new ArrayList<>();
        int first = (criteria.page() - 1) * criteria.size();
        for (int i = 0; i < result.hits().size(); i++) {
            hits.add(hit(result.hits().get(i), first + i + 1, v));
        }
        List<Facet> facets = new ArrayList<>();
        for (SearchResult.Facet facet : result.facets()) {
            if ("status".equals(facet.key()) && !criteria.everything()) {
                continue;
            }
            Labelled label = v.facet(facet.key());
            List<FacetValue> values = facet.values().stream()
                    .map(count -> {
                        Labelled value = v.value(facet.key(), count.value());
                        return new FacetValue(count.value(), value.label(), value.definition(), count.count(),
                                count.selected());
                    })
                    .toList();
            facets.add(new Facet(facet.key(), label.label(), label.definition(), values));
        }
        long pages = (result.total() + criteria.size() - 1) / criteria.size();
        String state = index.serving().complete() ? "READY" : "BUILDING";
        return new Response(searchId.toString(), criteria.query(), result.total(), criteria.page(), criteria.size(),
                pages, criteria.sortName(), result.relaxed(), result.allWords(), criteria.filters(),
                criteria.updatedWithin(),
                criteria.everything() ? "all" : "published", hits, facets, state,
                result.named().stream().map(named -> {
                    Labelled facet = v.facet(named.facet());
                    Labelled value = v.value(named.facet(), named.value());
                    return new SuggestedFilter(named.facet(), facet.label(), named.value(), value.label(),
                            value.definition());
                }).toList(),
                result.correctedQuery(), result.asTypedQuery());
    }

    private static Hit hit(SearchResult.Hit hit, int rank, Vocabulary v) {
        Map<String, List<Labelled>> stages = new LinkedHashMap<>();
        hit.stages().forEach((facet, keys) -> stages.put(facet, keys.stream().map(k -> v.value(facet, k)).toList()));
        Labelled type = hit.typeKey() == null ? null
                : new Labelled(hit.typeKey(), hit.typeLabel(),
                        v.value(Facets.CONTENT_TYPE, hit.typeKey()).definition());
        return new Hit(hit.id(), rank, hit.title(), hit.titleHtml(), hit.snippetHtml(), type, stages,
                hit.updatedAt(), hit.status().name(), hit.internalOnly(), hit.mediaType(), hit.version(),
                "/assets/" + hit.id(), hit.thumbnail() ? "/api/v1/assets/" + hit.id() + "/thumbnail" : null);
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(() -> {
                    try {
                        return work.call();
                    } catch (IOException e) {
                        throw new UncheckedIOException("The search index could not be read", e);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Limits on what clients send about results. */
    static final class SearchRequestLimits {
        static final int MAX_RANK = 10_000;

        private SearchRequestLimits() {}
    }
}
