package dev.baton.indexer.search;

import dev.baton.indexer.LuceneIndex;
import java.io.IOException;
import java.text.BreakIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Reads what a hit shows from the index: each hit's stored fields once, for the hit and its highlighting; the title
 * and best passages marked; a plain snippet when nothing in the text matched.
 */
final class HitReader {

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
    private static final PassageFormatter TITLE_FORMAT = new SnippetFormatter(true);
    private static final PassageFormatter SNIPPET_FORMAT = new SnippetFormatter(false);
    /** The fields whose matches are marked, in the order their passages are asked for. */
    static final List<String> HIGHLIGHTED_FIELDS = List.of(HIGHLIGHTED);

    private final Analyzer indexAnalyzer;

    HitReader(Analyzer indexAnalyzer) {
        this.indexAnalyzer = indexAnalyzer;
    }

    /** The hits for {@code docs}, highlighted by {@code highlight} when it is not null. */
    List<SearchResult.Hit> read(FacetedSearcher searcher, ScoreDoc[] docs, Query highlight, boolean scored)
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
}
