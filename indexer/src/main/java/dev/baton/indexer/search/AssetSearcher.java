package dev.baton.indexer.search;

import dev.baton.indexer.IndexHome;
import dev.baton.indexer.IndexSettings;
import dev.baton.indexer.LuceneIndex;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's search engine: indexes {@link AssetDocument}s and answers searches, completions and related-asset questions
 * from one Lucene index ({@link LuceneIndex}). Plain Java, thread-safe, blocking: the webapp calls it off the event
 * loop. Every search acquires the current searcher and releases it when done.
 *
 * <p>The webapp keeps feeding the outbox through {@link #index}/{@link #delete} and reports positions and commits on
 * {@link #luceneIndex()}. How it searches is described in {@code docs/search.md}.
 */
public final class AssetSearcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AssetSearcher.class);

    /** Values listed per facet (the most frequent among the hits; selected values always). */
    public static final int FACET_VALUES = 25;

    /** Most completions or related assets one call returns. */
    public static final int MAX_SUGGESTIONS = 50;

    /**
     * Below this many assets with every word, the assets with at least half of the plain words follow them. From this
     * many on, those would only show after five pages of 20, and counting them would slow common searches.
     */
    public static final int ALL_WORDS_ENOUGH = 100;

    /** Closest assets the semantic side looks at (per passage field, then merged). */
    public static final int SEMANTIC_CANDIDATES = 50;

    /**
     * Cosine similarity from which an asset's closest passage makes it a semantic candidate, added to the words' hits.
     * Below it, the model finds the asset no closer than unrelated text.
     */
    public static final double SEMANTIC_MIN_SIMILARITY = 0.35;

    /**
     * Cosine similarity the best semantic candidate needs when no asset matches the words: below it the query is taken
     * for one nothing answers and finds nothing (so the gap reaches marketing).
     */
    public static final double SEMANTIC_ANSWER_SIMILARITY = 0.45;

    /** Reciprocal rank fusion's constant: a hit at rank r on one side adds 1 / (k + r). */
    static final int RRF_K = 60;


    private static final String[] RELATED_FIELDS = {
        AssetSchema.TITLE, AssetSchema.DESCRIPTION, AssetSchema.TAGS, AssetSchema.LABELS, AssetSchema.BODY
    };

    /** Builds queries without synonyms: the fallback when synonyms make a query too large. */
    private static final SearchQueryBuilder PLAIN_WORDS = new SearchQueryBuilder(Analysis.queryAnalyzer(null));

    private final LuceneIndex index;
    private final Analyzer indexAnalyzer;
    private final Clock clock;
    private final Suggester suggester = new Suggester();
    private final HitReader hitReader;
    private volatile SearchQueryBuilder queryBuilder;
    private volatile FacetVocabulary facetVocabulary = FacetVocabulary.NONE;
    /** The synonym groups' acronyms, spelled out for the semantic side. */
    private volatile Acronyms acronyms = Acronyms.of(Synonyms.DEFAULTS);
    private volatile SentenceEmbedder embedder;
    private volatile Fusion fusion = Fusion.RECIPROCAL_RANK;

    /** How the words' ranking and the semantic ranking are combined. */
    public enum Fusion {
        /** Each asset scores the sum of 1 / (60 + rank) over both rankings. */
        RECIPROCAL_RANK,
        /** Each asset scores half its words' score (divided by the best) plus half its cosine similarity. */
        WEIGHTED_SCORE
    }

    private AssetSearcher(LuceneIndex index, Analyzer indexAnalyzer, Clock clock, SearchQueryBuilder queryBuilder) {
        this.index = index;
        this.indexAnalyzer = indexAnalyzer;
        this.hitReader = new HitReader(indexAnalyzer);
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
        SentenceEmbedder model = embedder;
        List<float[]> vectors = model == null
                ? List.of()
                : SemanticChunks.of(asset).stream().map(model::embed).toList();
        Iterable<IndexableField> fields = AssetSchema.document(asset, vectors);
        return index.update(asset.id(), fields);
    }

    /**
     * Switches semantic matching on (with the model) or off ({@code null}). When on, {@link #index} embeds each asset's
     * passages ({@link SemanticChunks}) and relevance searches of plain words add the assets whose meaning is close to
     * the query's, fused with the words' ranking. Assets indexed while it was off have no vectors: they are found by
     * their words only until they are indexed again.
     */
    public void setSemantic(SentenceEmbedder model) {
        embedder = model;
    }

    /** Sets how the two rankings are combined ({@link Fusion#RECIPROCAL_RANK} unless told). */
    public void setFusion(Fusion how) {
        if (how == null) {
            throw new IllegalArgumentException("fusion is required");
        }
        fusion = how;
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
        acronyms = Acronyms.of(clean);
    }

    /**
     * Replaces the taxonomy's words (labels, keys and aliases of facet values): a query naming a value also finds the
     * assets tagged with it, and the result offers it as a filter. Applies to the next search; nothing is reindexed.
     */
    public void setFacetVocabulary(FacetVocabulary vocabulary) {
        if (vocabulary == null) {
            throw new IllegalArgumentException("vocabulary is required (FacetVocabulary.NONE for none)");
        }
        facetVocabulary = vocabulary;
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
        SearchQueryBuilder.Built built = builder.build(request.query(), searcher.getIndexReader(), facetVocabulary);
        Query filter = filter(request, now);
        int depth = request.page() * request.size();
        Outcome outcome = run(searcher, built.strict(), filter, request, now, Math.max(depth, ALL_WORDS_ENOUGH));
        boolean relaxed = false;
        long allWords = outcome.total();
        if (outcome.total() < ALL_WORDS_ENOUGH && built.relaxed() != null && !unknownWordInShortQuery(searcher, built)) {
            // assets with every word first (all of them: fewer than ALL_WORDS_ENOUGH), then those with most of them
            Outcome most = run(searcher, built.relaxed(), filter, request, now, depth + (int) outcome.total());
            if (most.total() > outcome.total()) {
                relaxed = outcome.total() == 0;
                outcome = new Outcome(most.textQuery(), most.total(), allWordsFirst(outcome.top(), most.top(), depth),
                        most.facets());
            }
        }
        SentenceEmbedder model = embedder;
        String meaning = built.semanticText();
        // a query with a word the model does not read as language (a code, a name made up of letters) means its
        // words: the model would only bring what is spelled alike
        boolean language = model != null && model.ready() && meaning != null && model.readsAsLanguage(meaning);
        if (language && request.sort() == SearchRequest.Sort.RELEVANCE && allWords < ALL_WORDS_ENOUGH) {
            ScoreDoc[] close;
            try {
                close = semanticCandidates(searcher, model,
                        acronyms.and(facetVocabulary.acronyms()).expand(meaning), request, filter, built.excluded());
            } catch (RuntimeException e) {
                // the model failing on some text (ONNX Runtime, the tokenizer) leaves the words' answer
                log.warn("Semantic matching failed for a query; answering by its words", e);
                close = new ScoreDoc[0];
            }
            // words that found nothing: the meaning alone answers when it is close, or when the query also names a
            // facet value (a role, a stage) and the meaning is near enough ("CISO due diligence")
            if (close.length > 0 && (outcome.total() > 0 || close[0].score >= SEMANTIC_ANSWER_SIMILARITY
                    || !built.named().isEmpty())) {
                outcome = fused(searcher, outcome, (int) allWords, close, filter, request, now, depth);
            }
        }
        Query highlight =
                built.matchesEverything() ? null : built.highlight(outcome.textQuery(), HitReader.HIGHLIGHTED_FIELDS);
        boolean scored = request.sort() == SearchRequest.Sort.RELEVANCE;
        List<SearchResult.Hit> hits = hitReader.read(searcher, pageOf(outcome.top(), request), highlight, scored);
        List<SearchResult.Facet> facets = FacetCounts.of(outcome.facets(), searcher.facetState(), request.filters());
        List<FacetVocabulary.Named> named = built.named().stream()
                .filter(value -> !request.filters().getOrDefault(value.facet(), Set.of()).contains(value.value()))
                .filter(value -> {
                    SearchResult.Facet facet = facets.stream().filter(f -> f.key().equals(value.facet()))
                            .findFirst().orElse(null);
                    return facet != null && facet.count(value.value()) > 0;
                })
                .toList();
        boolean corrected = !built.corrections().isEmpty() && outcome.total() > 0;
        return new SearchResult(
                outcome.total(),
                hits,
                facets,
                request.filters(),
                request.updatedWithin(),
                relaxed,
                request.page(),
                request.size(),
                allWords,
                named,
                corrected ? SearchQueryBuilder.rewrite(request.query(), built.corrections(), false) : null,
                corrected ? SearchQueryBuilder.rewrite(request.query(), built.corrections(), true) : null);
    }

    /**
     * Whether the query's words that no asset matches in any way (as typed, stemmed, by a synonym, a near spelling or a
     * facet value's name) are as many as those some asset matches: then the assets with the other words do not answer
     * it ("blockchain payments" is not answered by payment terms), and the search finds nothing, which reaches
     * marketing as a search gap. A question is the exception: its unknown words are often incidental ("what uptime do
     * we guarantee" is answered by the availability commitment).
     */
    private static boolean unknownWordInShortQuery(IndexSearcher searcher, SearchQueryBuilder.Built built)
            throws IOException {
        if (built.question()) {
            return false;
        }
        int unknown = 0;
        int known = 0;
        for (Query word : built.words()) {
            if (searcher.count(word) > 0 || misspeltBeyondItsNearSpellings(searcher, word)) {
                known++;
            } else if (!numeric(word)) {
                // a number nobody wrote ("25% discount") does not make a query unanswerable
                unknown++;
            }
        }
        return unknown > 0 && unknown >= known;
    }

    /**
     * Whether the word has near spellings that are two edits away though it is too short for them to be searched
     * ("discnt" for "discount"): a misspelling, not a word nothing answers.
     */
    private static boolean misspeltBeyondItsNearSpellings(IndexSearcher searcher, Query word) throws IOException {
        List<FuzzyQuery> near = new ArrayList<>();
        word.visit(new QueryVisitor() {
            @Override
            public void consumeTermsMatching(Query leaf, String field,
                    java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton> automaton) {
                if (leaf instanceof FuzzyQuery fuzzy) {
                    near.add(fuzzy);
                }
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return this;
            }
        });
        for (FuzzyQuery fuzzy : near) {
            if (fuzzy.getMaxEdits() < 2 && searcher.count(new FuzzyQuery(fuzzy.getTerm(), 2, 1, 1, true)) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether every term the query looks for is a number. */
    private static boolean numeric(Query query) {
        boolean[] terms = {false, true};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query leaf, Term... found) {
                for (Term term : found) {
                    terms[0] = true;
                    terms[1] &= !term.text().isEmpty() && term.text().chars().allMatch(Character::isDigit);
                }
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return this;
            }
        });
        return terms[0] && terms[1];
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
            return hitReader.read((FacetedSearcher) searcher, top.scoreDocs, null, true);
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

    /**
     * The assets whose closest passage is nearest the query's meaning, best first, each scored by its cosine
     * similarity (at least {@link #SEMANTIC_MIN_SIMILARITY}): a k-nearest-neighbour search of every passage field
     * with the visibility, "updated within", facet filters and exclusions inside it, so every candidate passes them
     * all.
     */
    private static ScoreDoc[] semanticCandidates(FacetedSearcher searcher, SentenceEmbedder model, String meaning,
            SearchRequest request, Query filter, List<Query> excluded) throws IOException {
        float[] vector = model.embed(meaning);
        BooleanQuery.Builder allowed = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER);
        if (filter != null) {
            allowed.add(filter, Occur.FILTER);
        }
        if (!request.filters().isEmpty()) {
            DrillDownQuery facets = new DrillDownQuery(AssetSchema.FACETS_CONFIG);
            request.filters().forEach((facet, values) -> values.forEach(value -> facets.add(facet, value)));
            allowed.add(facets, Occur.FILTER);
        }
        for (Query left : excluded) {
            allowed.add(left, Occur.MUST_NOT);
        }
        Query inside = allowed.build();
        List<Query> passages = new ArrayList<>();
        for (int i = 0; i < SemanticChunks.MAX_CHUNKS; i++) {
            passages.add(new KnnFloatVectorQuery(AssetSchema.SEMANTIC + i, vector, SEMANTIC_CANDIDATES, inside));
        }
        TopDocs top = searcher.search(new DisjunctionMaxQuery(passages, 0f), SEMANTIC_CANDIDATES);
        List<ScoreDoc> close = new ArrayList<>();
        for (ScoreDoc hit : top.scoreDocs) {
            float cosine = 2 * hit.score - 1; // DOT_PRODUCT scores unit vectors (1 + cosine) / 2
            if (cosine >= SEMANTIC_MIN_SIMILARITY) {
                close.add(new ScoreDoc(hit.doc, cosine));
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("Semantic candidates for [{}]: {} of {}, best cosine {}", meaning, close.size(),
                    top.scoreDocs.length, top.scoreDocs.length == 0 ? "-" : 2 * top.scoreDocs[0].score - 1);
        }
        return close.toArray(ScoreDoc[]::new);
    }

    /**
     * The words' hits and the semantic candidates in one ranking. The assets with every word stay in front (ranked
     * among themselves by both rankings); the others (those with most of the words and the semantic candidates)
     * follow, ranked by both. Totals and facet counts then count the semantic candidates too.
     */
    private Outcome fused(FacetedSearcher searcher, Outcome words, int allWords, ScoreDoc[] close, Query filter,
            SearchRequest request, long now, int depth) throws IOException {
        ScoreDoc[] lexical = words.top().scoreDocs;
        Map<Integer, Integer> lexicalRank = new HashMap<>();
        for (int i = 0; i < lexical.length; i++) {
            lexicalRank.put(lexical[i].doc, i);
        }
        Map<Integer, Integer> semanticRank = new HashMap<>();
        Map<Integer, Float> cosine = new HashMap<>();
        for (int i = 0; i < close.length; i++) {
            semanticRank.put(close[i].doc, i);
            cosine.put(close[i].doc, close[i].score);
        }
        float bestWords = 0;
        for (ScoreDoc hit : lexical) {
            if (!Float.isNaN(hit.score)) {
                bestWords = Math.max(bestWords, hit.score);
            }
        }
        Fusion how = fusion;
        float best = bestWords;
        java.util.function.ToDoubleFunction<Integer> score = doc -> {
            Integer l = lexicalRank.get(doc);
            Integer m = semanticRank.get(doc);
            if (how == Fusion.WEIGHTED_SCORE) {
                double w = l == null || best <= 0 ? 0 : lexical[l].score / best;
                return 0.5 * w + 0.5 * cosine.getOrDefault(doc, 0f);
            }
            return (l == null ? 0 : 1.0 / (RRF_K + l + 1)) + (m == null ? 0 : 1.0 / (RRF_K + m + 1));
        };
        int front = Math.min(allWords, lexical.length);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < front; i++) {
            first.add(lexical[i].doc);
        }
        Set<Integer> seen = new HashSet<>(first);
        List<Integer> rest = new ArrayList<>();
        for (int i = front; i < lexical.length; i++) {
            if (seen.add(lexical[i].doc)) {
                rest.add(lexical[i].doc);
            }
        }
        for (ScoreDoc hit : close) {
            if (seen.add(hit.doc)) {
                rest.add(hit.doc);
            }
        }
        java.util.Comparator<Integer> order = java.util.Comparator.comparingDouble(score).reversed();
        first.sort(order);
        rest.sort(order);
        List<ScoreDoc> merged = new ArrayList<>();
        for (int doc : first) {
            merged.add(new ScoreDoc(doc, (float) score.applyAsDouble(doc)));
        }
        for (int doc : rest) {
            merged.add(new ScoreDoc(doc, (float) score.applyAsDouble(doc)));
        }
        List<ScoreDoc> page = merged.subList(0, Math.min(merged.size(), Math.max(depth, front)));

        // count the candidates the words did not match: the words' query or one of the candidates' ids
        List<BytesRef> ids = new ArrayList<>();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc hit : close) {
            if (!lexicalRank.containsKey(hit.doc)) {
                ids.add(new BytesRef(stored.document(hit.doc, Set.of(LuceneIndex.ID_FIELD)).get(LuceneIndex.ID_FIELD)));
            }
        }
        long total = words.total();
        Facets facets = words.facets();
        if (!ids.isEmpty()) {
            Query either = new BooleanQuery.Builder()
                    .add(words.textQuery(), Occur.SHOULD)
                    .add(new TermInSetQuery(LuceneIndex.ID_FIELD, ids), Occur.SHOULD)
                    .build();
            Outcome counted = run(searcher, either, filter, request, now, 1);
            total = counted.total();
            facets = counted.facets();
        }
        return new Outcome(words.textQuery(), total,
                new TopDocs(new TotalHits(total, TotalHits.Relation.EQUAL_TO), page.toArray(ScoreDoc[]::new)), facets);
    }

    private record Outcome(Query textQuery, long total, TopDocs top, Facets facets) {}

    /**
     * The hits with every word (all of them, in their order), then the others of {@code most} in theirs, up to
     * {@code depth}.
     */
    private static TopDocs allWordsFirst(TopDocs all, TopDocs most, int depth) {
        List<ScoreDoc> merged = new ArrayList<>(Arrays.asList(all.scoreDocs));
        Set<Integer> seen = new HashSet<>();
        merged.forEach(hit -> seen.add(hit.doc));
        for (ScoreDoc hit : most.scoreDocs) {
            if (merged.size() >= depth) {
                break;
            }
            if (seen.add(hit.doc)) {
                merged.add(hit);
            }
        }
        return new TopDocs(most.totalHits, merged.toArray(ScoreDoc[]::new));
    }

    private Outcome run(FacetedSearcher searcher, Query text, Query filter, SearchRequest request, long now,
            int numHits) throws IOException {
        Query scored = request.sort() == SearchRequest.Sort.RELEVANCE
                ? FunctionScoreQuery.boostByValue(text, Popularity.asOfDay(now))
                : text;
        BooleanQuery.Builder base = new BooleanQuery.Builder().add(scored, Occur.MUST);
        if (filter != null) {
            base.add(filter, Occur.FILTER);
        }
        DrillDownQuery drillDown = new DrillDownQuery(AssetSchema.FACETS_CONFIG, base.build());
        request.filters().forEach((facet, values) -> values.forEach(value -> drillDown.add(facet, value)));
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
        return from >= all.length ? new ScoreDoc[0]
                : Arrays.copyOfRange(all, from, Math.min(all.length, from + request.size()));
    }

    private static void requireVisibility(Visibility visibility) {
        if (visibility == null) {
            throw new IllegalArgumentException("visibility is required: Visibility.rep(today) or Visibility.everything()");
        }
    }
}
