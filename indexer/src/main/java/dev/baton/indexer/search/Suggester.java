package dev.baton.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import dev.baton.indexer.LuceneIndex;

/**
 * Completions as the user types.
 *
 * <p>Titles come from the index itself: every title word is indexed as its edge n-grams (prefixes up to
 * {@link Analysis#MAX_PREFIX_GRAM} letters) and the title's start as a whole, so completing is a handful of term
 * lookups, filtered by the same visibility as a search, rebuilt with the index, per node. Each typed word must start a
 * title word; titles that start with the typed text rank first, then recent and much-used assets.
 *
 * <p>Past queries come from the search log, fed in by the webapp ({@link #suggestFrom}); they are held in memory in a
 * sorted map and completed by prefix, most frequent first.
 */
final class Suggester {

    /** Most past queries held; the least frequent are dropped beyond it. */
    static final int MAX_PAST_QUERIES = 100_000;

    private record PastQuery(String text, long count) {}

    private volatile NavigableMap<String, PastQuery> pastQueries = new TreeMap<>();

    /** Replaces the past queries with these (query text to how often it was searched). */
    void suggestFrom(Map<String, Long> frequentQueries) {
        Map<String, PastQuery> byKey = new HashMap<>();
        frequentQueries.forEach((text, count) -> {
            if (text == null || count == null || count <= 0) {
                return;
            }
            String key = normalize(text);
            if (key.isEmpty()) {
                return;
            }
            String display = text.strip().replaceAll("\\s+", " ");
            byKey.merge(key, new PastQuery(display, count), (a, b) -> {
                PastQuery more = a.count() >= b.count() ? a : b;
                return new PastQuery(more.text(), a.count() + b.count());
            });
        });
        TreeMap<String, PastQuery> sorted = new TreeMap<>();
        byKey.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(Comparator.comparingLong(PastQuery::count).reversed()))
                .limit(MAX_PAST_QUERIES)
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        pastQueries = sorted;
    }

    /** Past queries that start with the typed text, most frequent first. */
    List<String> queries(String prefix, int n) {
        String key = normalize(prefix);
        if (key.isEmpty() || n <= 0) {
            return List.of();
        }
        Comparator<PastQuery> order = Comparator.comparingLong(PastQuery::count)
                .thenComparing(PastQuery::text, Comparator.reverseOrder());
        PriorityQueue<PastQuery> best = new PriorityQueue<>(order);
        for (PastQuery query : pastQueries.subMap(key, true, key + Character.MAX_VALUE, true).values()) {
            best.add(query);
            if (best.size() > n) {
                best.poll();
            }
        }
        List<String> result = new ArrayList<>();
        while (!best.isEmpty()) {
            result.add(0, best.poll().text());
        }
        return result;
    }

    /** Titles of visible assets whose words start with the typed words. */
    static List<Suggestions.TitleSuggestion> titles(
            IndexSearcher searcher, String prefix, int n, Query visibility, long nowMillis) throws IOException {
        List<String> words = Analysis.foldedWords(prefix);
        if (words.isEmpty() || n <= 0) {
            return List.of();
        }
        if (words.size() > SearchQueryBuilder.MAX_WORDS) {
            words = words.subList(0, SearchQueryBuilder.MAX_WORDS);
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (String word : words) {
            Term gram = new Term(AssetSchema.TITLE_PREFIX, cut(word, Analysis.MAX_PREFIX_GRAM));
            builder.add(new ConstantScoreQuery(new TermQuery(gram)), Occur.MUST);
        }
        Term start = new Term(AssetSchema.TITLE_START, cut(String.join(" ", words), Analysis.MAX_START_GRAM));
        builder.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(start)), words.size()), Occur.SHOULD);
        if (visibility != null) {
            builder.add(visibility, Occur.FILTER);
        }
        Query query = FunctionScoreQuery.boostByValue(builder.build(), new Popularity(nowMillis));
        TopDocs top = searcher.search(query, n);
        StoredFields stored = searcher.storedFields();
        List<Suggestions.TitleSuggestion> titles = new ArrayList<>();
        for (ScoreDoc hit : top.scoreDocs) {
            Document doc = stored.document(hit.doc, Set.of(LuceneIndex.ID_FIELD, AssetSchema.TITLE));
            titles.add(new Suggestions.TitleSuggestion(doc.get(LuceneIndex.ID_FIELD), doc.get(AssetSchema.TITLE)));
        }
        return titles;
    }

    private static String normalize(String text) {
        return String.join(" ", Analysis.foldedWords(text));
    }

    private static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
