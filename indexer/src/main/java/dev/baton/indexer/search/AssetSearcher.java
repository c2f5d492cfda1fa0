package dev.baton.indexer.search;

import dev.baton.indexer.IndexHome;
import dev.baton.indexer.IndexSettings;
import dev.baton.indexer.LuceneIndex;
import java.io.IOException;
import java.text.BreakIterator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.Bits;

/**
 * Baton's search engine: indexes {@link AssetDocument}s and answers searches, completions and related-asset questions
 * from one Lucene index ({@link LuceneIndex}). Plain Java, thread-safe, blocking: the webapp calls it off the event
 * loop. Every search acquires the current searcher and releases it when done.
 *
 * <p>The webapp keeps feeding the outbox through {@link #index}/{@link #delete} and reports positions and commits on
 * {@link #luceneIndex()}. How it searches is described in {@code docs/search.md}.
 */
public final class AssetSearcher implements AutoCloseable {

    /** Values listed per facet (the most frequent among the hits; selected values always). */
    public static final int FACET_VALUES = 25;

    /** Most completions or related assets one call returns. */
    public static final int MAX_SUGGESTIONS = 50;

    /** Characters of description (or body) shown when nothing in the text matched. */
    static final int PLAIN_SNIPPET_CHARS = 240;

    private static final Set<String> HIT_FIELDS = Set.of(
            LuceneIndex.ID_FIELD,
            AssetSchema.TITLE,
            AssetSchema.DESCRIPTION,
            AssetSchema.STATUS,
            AssetSchema.UPDATED,
            AssetSchema.VERSION_FIELD,
            AssetSchema.INTERNAL,
            AssetSchema.THUMBNAIL,
            AssetSchema.MEDIA_TYPE,
            AssetSchema.TYPE_KEY,
            AssetSchema.TYPE_LABEL,
            AssetSchema.STAGES);

    private static final String[] HIGHLIGHTED = {AssetSchema.TITLE, AssetSchema.DESCRIPTION, AssetSchema.BODY};
    /** What a hit shows plus the text highlighted in it: read once per hit, for both. */
    private static final Set<String> HIT_AND_HIGHLIGHTED_FIELDS = union(HIT_FIELDS, Set.of(HIGHLIGHTED));
    private static final int[] PASSAGES = {1, 1, 2};
    private static final String[] RELATED_FIELDS = {
        AssetSchema.TITLE, AssetSchema.DESCRIPTION, AssetSchema.TAGS, AssetSchema.LABELS, AssetSchema.BODY
    };
    private static final PassageFormatter TITLE_FORMAT = new SnippetFormatter(true);
    private static final PassageFormatter SNIPPET_FORMAT = new SnippetFormatter(false);

    /** Builds queries without synonyms: the fallback when synonyms make a query too large. */
    private static final SearchQueryBuilder PLAIN_WORDS = new SearchQueryBuilder(Analysis.queryAnalyzer(null));

    private final LuceneIndex index;
    private final Analyzer indexAnalyzer;
    private final Clock clock;
    private final Suggester suggester = new Suggester();
    private volatile SearchQueryBuilder queryBuilder;

    private AssetSearcher(LuceneIndex index, Analyzer indexAnalyzer, Clock clock, SearchQueryBuilder queryBuilder) {
        this.index = index;
        this.indexAnalyzer = indexAnalyzer;
        this.clock = clock;
        this.queryBuilder = queryBuilder;
    }

    /**
     * Opens (creating it if needed) the index of {@link AssetSchema#VERSION} under the settings' directory, with the
     * {@link Synonyms#DEFAULTS}. {@code luceneIndex().isNew()} tells whether it must be built from the database.
     *
     * @throws IllegalArgumentException if the settings name another schema version
     * @throws dev.baton.indexer.IndexSchemaMismatchException if the directory holds an index of another version
     */
    public static AssetSearcher open(IndexSettings settings) throws IOException {
        return open(settings, Clock.systemUTC());
    }

    /** As {@link #open(IndexSettings)}, with the clock recency and "updated within" are judged by. */
    public static AssetSearcher open(IndexSettings settings, Clock clock) throws IOException {
        if (settings.schemaVersion() != AssetSchema.VERSION) {
            throw new IllegalArgumentException("The search index is written with schema version " + AssetSchema.VERSION
                    + " (AssetSchema.VERSION), not " + settings.schemaVersion());
        }
        Analyzer analyzer = Analysis.indexAnalyzer();
        try {
            SearchQueryBuilder builder = new SearchQueryBuilder(Analysis.queryAnalyzer(Analysis.synonymMap(Synonyms.DEFAULTS)));
            LuceneIndex index = IndexHome.open(settings, analyzer, FacetedSearcher.FACTORY);
            return new AssetSearcher(index, analyzer, clock, builder);
        } catch (IOException | RuntimeException e) {
            analyzer.close();
            throw e;
        }
    }

    /** The index underneath: outbox positions, commits, waiting for a change to be visible. */
    public LuceneIndex luceneIndex() {
        return index;
    }

    /**
     * Indexes the asset, replacing what the index held for its id.
     *
     * @return the generation to pass to {@link LuceneIndex#waitForGeneration} to see the change in searches
     */
    public long index(AssetDocument asset) throws IOException {
        Iterable<IndexableField> fields = AssetSchema.document(asset);
        return index.update(asset.id(), fields);
    }

    /** Removes the asset; removing one the index does not hold is not an error. */
    public long delete(String id) throws IOException {
        return index.delete(id);
    }

    /**
     * Sets an asset's usage count without reindexing it (usage changes with every view). The next {@link #index} of the
     * asset must carry the count too.
     */
    public long updateUsage(String id, long usageCount) throws IOException {
        if (usageCount < 0) {
            throw new IllegalArgumentException("usageCount must be 0 or more, was " + usageCount);
        }
        return index.updateDocValues(id, new NumericDocValuesField(AssetSchema.USAGE, usageCount));
    }

    /**
     * Replaces the synonym groups (admin-edited): every entry of a group finds what the others find, multi-word
     * entries included. Applies to the next search; nothing is reindexed.
     */
    public void setSynonyms(List<List<String>> groups) throws IOException {
        if (groups == null) {
            throw new IllegalArgumentException("groups are required (an empty list for no synonyms)");
        }
        if (groups.size() > Synonyms.MAX_GROUPS) {
            throw new IllegalArgumentException(
                    "At most " + Synonyms.MAX_GROUPS + " synonym groups, got " + groups.size());
        }
        for (List<String> group : groups) {
            if (group != null && group.size() > Synonyms.MAX_ENTRIES_PER_GROUP) {
                throw new IllegalArgumentException("A synonym group holds at most " + Synonyms.MAX_ENTRIES_PER_GROUP
                        + " entries, got " + group.size());
            }
        }
        List<List<String>> clean = groups.stream()
                .filter(group -> group != null)
                .map(group -> group.stream().filter(entry -> entry != null).toList())
                .toList();
        SynonymMap map = Analysis.synonymMap(clean);
        queryBuilder = new SearchQueryBuilder(Analysis.queryAnalyzer(map));
    }

    /** Replaces the past queries completions are drawn from: query text to how often it was searched. */
    public void suggestFrom(Map<String, Long> frequentQueries) {
        if (frequentQueries == null) {
            throw new IllegalArgumentException("frequentQueries are required (an empty map for none)");
        }
        suggester.suggestFrom(frequentQueries);
    }

    /** Searches: hits of the requested page, highlighted; facet counts among the hits. */
    public SearchResult search(SearchRequest request) throws IOException {
        if (request == null) {
            throw new IllegalArgumentException("request is required");
        }
        SearchQueryBuilder builder = queryBuilder;
        long now = clock.millis();
        return index.withSearcher(searcher -> {
            FacetedSearcher faceted = (FacetedSearcher) searcher;
            try {
                return search(faceted, builder, request, now);
            } catch (IndexSearcher.TooManyClauses e) {
                // Only an admin's very large synonym groups times a long query get here: search without synonyms.
                return search(faceted, PLAIN_WORDS, request, now);
            }
        });
    }

    private SearchResult search(FacetedSearcher searcher, SearchQueryBuilder builder, SearchRequest request, long now)
            throws IOException {
        SearchQueryBuilder.Built built = builder.build(request.query(), searcher.getIndexReader());
        Query filter = filter(request, now);
        Outcome outcome = run(searcher, built.strict(), filter, request, now);
        boolean relaxed = false;
        if (outcome.total() == 0 && built.relaxed() != null) {
            Outcome loose = run(searcher, built.relaxed(), filter, request, now);
            if (loose.total() > 0) {
                outcome = loose;
                relaxed = true;
            }
        }
        Query highlight =
                built.matchesEverything() ? null : built.highlight(outcome.textQuery(), Arrays.asList(HIGHLIGHTED));
        boolean scored = request.sort() == SearchRequest.Sort.RELEVANCE;
        List<SearchResult.Hit> hits = hits(searcher, pageOf(outcome.top(), request), highlight, scored);
        List<SearchResult.Facet> facets = facets(outcome.facets(), searcher.facetState(), request.filters());
        return new SearchResult(
                outcome.total(),
                hits,
                facets,
                request.filters(),
                request.updatedWithin(),
                relaxed,
                request.page(),
                request.size());
    }

    /** Completions for the typed text: frequent past queries and titles the user may see, up to {@code n} each. */
    public Suggestions suggest(String prefix, int n, Visibility visibility) throws IOException {
        requireVisibility(visibility);
        int limit = Math.max(0, Math.min(n, MAX_SUGGESTIONS));
        List<String> queries = suggester.queries(prefix, limit);
        long now = clock.millis();
        List<Suggestions.TitleSuggestion> titles = index.withSearcher(
                searcher -> Suggester.titles(searcher, prefix, limit, visibilityFilter(visibility), now));
        return new Suggestions(queries, titles);
    }

    /**
     * Assets like this one (more like this over title, description, tags, labels and body), the asset itself
     * excluded; empty if the index does not hold it.
     */
    public List<SearchResult.Hit> related(String id, int n, Visibility visibility) throws IOException {
        requireVisibility(visibility);
        int limit = Math.max(0, Math.min(n, MAX_SUGGESTIONS));
        if (id == null || id.isBlank() || limit == 0) {
            return List.of();
        }
        return index.withSearcher(searcher -> {
            Term idTerm = new Term(LuceneIndex.ID_FIELD, id);
            TopDocs self = searcher.search(new TermQuery(idTerm), 1);
            if (self.scoreDocs.length == 0) {
                return List.of();
            }
            MoreLikeThis moreLikeThis = new MoreLikeThis(searcher.getIndexReader());
            moreLikeThis.setAnalyzer(indexAnalyzer);
            moreLikeThis.setFieldNames(RELATED_FIELDS);
            moreLikeThis.setMinTermFreq(1);
            moreLikeThis.setMinDocFreq(1);
            moreLikeThis.setMaxQueryTerms(25);
            moreLikeThis.setStopWords(Analysis.STOP_WORDS);
            moreLikeThis.setBoost(true);
            Query like = moreLikeThis.like(self.scoreDocs[0].doc);
            BooleanQuery.Builder query =
                    new BooleanQuery.Builder().add(like, Occur.MUST).add(new TermQuery(idTerm), Occur.MUST_NOT);
            Query visible = visibilityFilter(visibility);
            if (visible != null) {
                query.add(visible, Occur.FILTER);
            }
            TopDocs top = searcher.search(query.build(), limit);
            return hits((FacetedSearcher) searcher, top.scoreDocs, null, true);
        });
    }

    /**
     * What the index holds of every asset, by id: to check it against the database and repair the differences
     * (index what is missing or stale, delete what the database no longer has).
     */
    public Map<String, IndexedStamp> indexedStamps() throws IOException {
        return index.withSearcher(searcher -> {
            Map<String, IndexedStamp> stamps = new HashMap<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                SortedDocValues ids = DocValues.getSorted(leaf.reader(), AssetSchema.ASSET_ID);
                NumericDocValues versions = DocValues.getNumeric(leaf.reader(), AssetSchema.VERSION_FIELD);
                NumericDocValues updated = DocValues.getNumeric(leaf.reader(), AssetSchema.UPDATED);
                BinaryDocValues fingerprints = DocValues.getBinary(leaf.reader(), AssetSchema.FINGERPRINT);
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = ids.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ids.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    String id = ids.lookupOrd(ids.ordValue()).utf8ToString();
                    int version = versions.advanceExact(doc) ? (int) versions.longValue() : 0;
                    long updatedMillis = updated.advanceExact(doc) ? updated.longValue() : 0;
                    String fingerprint = fingerprints.advanceExact(doc)
                            ? fingerprints.binaryValue().utf8ToString()
                            : "";
                    stamps.put(id, new IndexedStamp(version, Instant.ofEpochMilli(updatedMillis), fingerprint));
                }
            }
            return stamps;
        });
    }

    /** Closes the index (committing what changed) and the analyzer. */
    @Override
    public void close() throws IOException {
        try {
            index.close();
        } finally {
            indexAnalyzer.close();
        }
    }

    // ---- searching ----

    private record Outcome(Query textQuery, long total, TopDocs top, Facets facets) {}

    private Outcome run(FacetedSearcher searcher, Query text, Query filter, SearchRequest request, long now)
            throws IOException {
        Query scored = request.sort() == SearchRequest.Sort.RELEVANCE
                ? FunctionScoreQuery.boostByValue(text, Popularity.asOfDay(now))
                : text;
        BooleanQuery.Builder base = new BooleanQuery.Builder().add(scored, Occur.MUST);
        if (filter != null) {
            base.add(filter, Occur.FILTER);
        }
        DrillDownQuery drillDown = new DrillDownQuery(AssetSchema.FACETS_CONFIG, base.build());
        request.filters().forEach((facet, values) -> values.forEach(value -> drillDown.add(facet, value)));
        int numHits = request.page() * request.size();
        // every order ends with the asset's id: equal scores or dates keep one order from request to request (and
        // across index changes), so paging never shows an asset twice or skips one
        SortField byId = new SortField(AssetSchema.ASSET_ID, SortField.Type.STRING);
        Sort sort = switch (request.sort()) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, byId);
            case NEWEST -> new Sort(new SortField(AssetSchema.UPDATED, SortField.Type.LONG, true), SortField.FIELD_SCORE,
                    byId);
            case MOST_USED -> new Sort(
                    new SortField(AssetSchema.USAGE, SortField.Type.LONG, true),
                    new SortField(AssetSchema.UPDATED, SortField.Type.LONG, true),
                    byId);
        };
        return run(searcher, text, drillDown, new TopFieldCollectorManager(sort, numHits, Integer.MAX_VALUE));
    }

    private static <C extends Collector, R extends TopDocs> Outcome run(
            FacetedSearcher searcher, Query text, DrillDownQuery query, CollectorManager<C, R> hits) throws IOException {
        SortedSetDocValuesReaderState state = searcher.facetState();
        if (state == null) {
            TopDocs top = searcher.search(query, hits);
            return new Outcome(text, top.totalHits.value(), top, null);
        }
        DrillSideways sideways = new DrillSideways(searcher, AssetSchema.FACETS_CONFIG, state);
        DrillSideways.ConcurrentDrillSidewaysResult<R> result = sideways.search(query, hits);
        TopDocs top = result.collectorResult;
        return new Outcome(text, top.totalHits.value(), top, result.facets);
    }

    private Query filter(SearchRequest request, long now) {
        Query visible = visibilityFilter(request.visibility());
        if (request.updatedWithin() == null) {
            return visible;
        }
        long since = now - Math.min(request.updatedWithin().toMillis(), now);
        Query recent = LongPoint.newRangeQuery(AssetSchema.UPDATED, since, Long.MAX_VALUE);
        if (visible == null) {
            return recent;
        }
        return new BooleanQuery.Builder()
                .add(visible, Occur.FILTER)
                .add(recent, Occur.FILTER)
                .build();
    }

    /** Published and not expired as of the view's date; {@code null} when everything is visible. */
    static Query visibilityFilter(Visibility visibility) {
        if (!visibility.repView()) {
            return null;
        }
        long firstVisibleExpiry = visibility.asOf().toEpochDay() + 1;
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(AssetSchema.STATUS, AssetStatus.PUBLISHED.name())), Occur.FILTER)
                .add(LongPoint.newRangeQuery(AssetSchema.EXPIRES, firstVisibleExpiry, Long.MAX_VALUE), Occur.FILTER)
                .build();
    }

    private static ScoreDoc[] pageOf(TopDocs top, SearchRequest request) {
        int from = (request.page() - 1) * request.size();
        ScoreDoc[] all = top.scoreDocs;
        return from >= all.length ? new ScoreDoc[0] : Arrays.copyOfRange(all, from, all.length);
    }

    // ---- hits ----

    private List<SearchResult.Hit> hits(FacetedSearcher searcher, ScoreDoc[] docs, Query highlight, boolean scored)
            throws IOException {
        if (docs.length == 0) {
            return List.of();
        }
        int[] ids = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            ids[i] = docs[i].doc;
        }
        // each hit's stored fields are read (and decompressed) once, for the hit and for its highlighting: the
        // highlighter would otherwise read the same documents again, and a document's body is most of its bytes
        StoredFields stored = searcher.storedFields();
        Map<Integer, Document> loaded = new HashMap<>();
        for (int id : ids) {
            loaded.put(id, stored.document(id, highlight == null ? HIT_FIELDS : HIT_AND_HIGHLIGHTED_FIELDS));
        }
        Map<String, String[]> highlights = highlight == null
                ? Map.of()
                : highlighter(searcher, loaded).highlightFields(HIGHLIGHTED, highlight, ids, PASSAGES);
        List<SearchResult.Hit> hits = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            Document doc = loaded.get(docs[i].doc);
            String title = doc.get(AssetSchema.TITLE);
            String titleHtml = highlighted(highlights, AssetSchema.TITLE, i);
            if (titleHtml == null) {
                titleHtml = SnippetFormatter.plain(title, Integer.MAX_VALUE);
            }
            String snippet = highlighted(highlights, AssetSchema.BODY, i);
            if (snippet == null) {
                snippet = highlighted(highlights, AssetSchema.DESCRIPTION, i);
            }
            if (snippet == null) {
                String description = doc.get(AssetSchema.DESCRIPTION);
                snippet = description == null || description.isBlank()
                        ? SnippetFormatter.plain(bodyStart(stored, docs[i].doc), PLAIN_SNIPPET_CHARS)
                        : SnippetFormatter.plain(description, PLAIN_SNIPPET_CHARS);
            }
            hits.add(new SearchResult.Hit(
                    doc.get(LuceneIndex.ID_FIELD),
                    title,
                    titleHtml,
                    snippet,
                    doc.get(AssetSchema.TYPE_KEY),
                    doc.get(AssetSchema.TYPE_LABEL),
                    stages(doc),
                    Instant.ofEpochMilli(number(doc, AssetSchema.UPDATED)),
                    number(doc, AssetSchema.THUMBNAIL) == 1,
                    doc.get(AssetSchema.MEDIA_TYPE),
                    number(doc, AssetSchema.INTERNAL) == 1,
                    AssetStatus.valueOf(doc.get(AssetSchema.STATUS)),
                    (int) number(doc, AssetSchema.VERSION_FIELD),
                    scored ? score(docs[i]) : Float.NaN));
        }
        return hits;
    }

    /** A hit's relevance: sorted by score first, a field-sorted hit carries it as its first sort value. */
    private static float score(ScoreDoc doc) {
        if (Float.isNaN(doc.score) && doc instanceof FieldDoc field && field.fields.length > 0
                && field.fields[0] instanceof Float value) {
            return value;
        }
        return doc.score;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** A highlighter over the hits' documents already read ({@code loaded}, by document number). */
    private UnifiedHighlighter highlighter(FacetedSearcher searcher, Map<Integer, Document> loaded) {
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, indexAnalyzer)
                .withMaxLength(AssetSchema.MAX_BODY_CHARS)
                .withMaxNoHighlightPassages(0)
                .withHandleMultiTermQuery(true)
                .withHighlightPhrasesStrictly(true);
        return new UnifiedHighlighter(builder) {
            @Override
            protected BreakIterator getBreakIterator(String field) {
                if (AssetSchema.TITLE.equals(field)) {
                    return new WholeBreakIterator();
                }
                return LengthGoalBreakIterator.createClosestToLength(new SentenceBreakIterator(), 160, 0.5f);
            }

            @Override
            protected PassageFormatter getFormatter(String field) {
                return AssetSchema.TITLE.equals(field) ? TITLE_FORMAT : SNIPPET_FORMAT;
            }

            /** The values from the documents read for the hits, cut at the highlighter's length as its own are. */
            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs,
                    int cacheCharsThreshold) throws IOException {
                List<CharSequence[]> values = new ArrayList<>();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    Document document = loaded.get(doc);
                    if (document == null) {
                        throw new IllegalStateException("Document " + doc + " was not read for highlighting");
                    }
                    CharSequence[] each = new CharSequence[fields.length];
                    for (int f = 0; f < fields.length; f++) {
                        String value = document.get(fields[f]);
                        each[f] = value == null ? "" : value.substring(0, Math.min(value.length(), getMaxLength()));
                    }
                    values.add(each);
                }
                return values;
            }
        };
    }

    private static String highlighted(Map<String, String[]> highlights, String field, int i) {
        String[] values = highlights.get(field);
        String value = values == null ? null : values[i];
        return value == null || value.isBlank() ? null : value;
    }

    private static String bodyStart(StoredFields stored, int doc) throws IOException {
        String body = stored.document(doc, Set.of(AssetSchema.BODY)).get(AssetSchema.BODY);
        return body == null ? "" : body.substring(0, Math.min(body.length(), PLAIN_SNIPPET_CHARS * 2));
    }

    private static Map<String, List<String>> stages(Document doc) {
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (String stage : AssetSchema.STAGE_FACETS) {
            stages.put(stage, new ArrayList<>());
        }
        for (String value : doc.getValues(AssetSchema.STAGES)) {
            int separator = value.indexOf(AssetSchema.STAGE_SEPARATOR);
            if (separator > 0) {
                stages.computeIfAbsent(value.substring(0, separator), key -> new ArrayList<>())
                        .add(value.substring(separator + 1));
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        stages.forEach((key, values) -> result.put(key, List.copyOf(values)));
        return result;
    }

    private static long number(Document doc, String field) {
        IndexableField value = doc.getField(field);
        return value == null || value.numericValue() == null ? 0 : value.numericValue().longValue();
    }

    // ---- facets ----

    private static List<SearchResult.Facet> facets(
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
            return counts.getTopChildren(FACET_VALUES, dim);
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

    private static void requireVisibility(Visibility visibility) {
        if (visibility == null) {
            throw new IllegalArgumentException("visibility is required: Visibility.rep(today) or Visibility.everything()");
        }
    }
}
