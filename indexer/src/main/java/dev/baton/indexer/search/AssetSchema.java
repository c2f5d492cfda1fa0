package dev.baton.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * How an {@link AssetDocument} becomes Lucene fields. Bump {@link #VERSION} whenever a field, its type or the analysis
 * ({@link Analysis}) changes: the webapp then builds a fresh index of the new version from the database and swaps it
 * in. The design is described in {@code docs/search.md}.
 */
public final class AssetSchema {

    /**
     * The schema version to open the index with ({@code IndexSettings.schemaVersion}). Version 1 was the plain
     * {@code StandardAnalyzer} index the webapp opened before search existed; version 3 added the passages' sentence
     * embeddings ({@code semantic_0} ... {@code semantic_7}), so an index of version 2 is rebuilt to gain them.
     */
    public static final int VERSION = 3;

    /**
     * At most this many characters of a body are indexed and stored (about a 400-page document); the rest of a longer
     * text is not searchable. Extraction itself stops at 10 million characters.
     */
    public static final int MAX_BODY_CHARS = 1_000_000;

    /** Facets (without a taxonomy index) every asset may carry, in the order results list them. */
    public static final List<String> FACETS = List.of(
            "buyer_stage",
            "funnel_stage",
            "persona",
            "industry",
            "product",
            "region",
            "language",
            "content_type",
            "owner",
            "tags",
            "status");

    /** The facets a hit shows as its stages. */
    public static final List<String> STAGE_FACETS = List.of("buyer_stage", "funnel_stage");

    // Searchable text, all analyzed with the English chain; title, description and body keep offsets for highlighting.
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String TAGS = "tags";
    static final String LABELS = "labels";
    static final String BODY = "body";
    // Every text field again, unstemmed (lower-cased, accents folded, no stop words removed): near spellings of a
    // misspelt word are looked up here.
    static final String WORDS = "words";
    // Title completion: edge n-grams of each folded title word, and of the folded title's start.
    static final String TITLE_PREFIX = "title_prefix";
    static final String TITLE_START = "title_start";
    // Filters, sorts, boosts, stamps.
    static final String ASSET_ID = "asset_id";
    static final String STATUS = "status";
    static final String EXPIRES = "expires_on";
    static final String UPDATED = "updated_at";
    static final String USAGE = "usage";
    static final String VERSION_FIELD = "version";
    static final String FINGERPRINT = "fingerprint";
    /** Sentence embeddings of an asset's passages ({@link SemanticChunks}): {@code semantic_0} ... {@code semantic_7}. */
    static final String SEMANTIC = "semantic_";
    // Stored only, to render a hit.
    static final String PUBLISHED = "published_at";
    static final String INTERNAL = "internal_only";
    static final String THUMBNAIL = "thumbnail";
    static final String MEDIA_TYPE = "media_type";
    static final String FILE_NAME = "file_name";
    static final String TYPE_KEY = "type";
    static final String TYPE_LABEL = "type_label";
    static final String STAGES = "stages";

    /** {@link #EXPIRES} of an asset that never expires. */
    static final long NEVER = Long.MAX_VALUE;

    /** Separates a facet key from a value key in the stored {@link #STAGES}. */
    static final char STAGE_SEPARATOR = '/';

    /** Longest facet value kept (longer tags are cut): far above any real one, far below Lucene's term limit. */
    static final int MAX_FACET_VALUE_CHARS = 200;

    /** Facets without a taxonomy index: every dimension may hold several values; one doc-values field holds them all. */
    static final FacetsConfig FACETS_CONFIG = new FacetsConfig() {
        @Override
        protected DimConfig getDefaultDimConfig() {
            DimConfig config = new DimConfig();
            config.multiValued = true;
            return config;
        }
    };

    private static final FieldType HIGHLIGHTED_TEXT = new FieldType(TextField.TYPE_STORED);
    /** Indexed for lookups only: which documents hold a term, no frequencies, positions or norms. */
    private static final FieldType DOCS_ONLY = new FieldType();
    private static final Set<String> TEXT_FIELDS = Set.of(TITLE, DESCRIPTION, TAGS, LABELS, BODY);

    static {
        HIGHLIGHTED_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED_TEXT.freeze();
        DOCS_ONLY.setTokenized(true);
        DOCS_ONLY.setIndexOptions(IndexOptions.DOCS);
        DOCS_ONLY.setOmitNorms(true);
        DOCS_ONLY.freeze();
    }

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}]");
    private static final Pattern FILE_NAME_SEPARATORS = Pattern.compile("[._\\-]+");

    private AssetSchema() {}

    /** The Lucene document of an asset (without the id field, which {@code LuceneIndex.update} adds). */
    static Document document(AssetDocument asset) throws IOException {
        return document(asset, List.of());
    }

    /**
     * The Lucene document of an asset with the embeddings of its passages, one {@link KnnFloatVectorField} (HNSW, dot
     * product of unit vectors) per passage.
     */
    static Document document(AssetDocument asset, List<float[]> vectors) throws IOException {
        Document doc = new Document();
        for (int i = 0; i < Math.min(vectors.size(), SemanticChunks.MAX_CHUNKS); i++) {
            doc.add(new KnnFloatVectorField(SEMANTIC + i, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
        }
        List<Field> words = new ArrayList<>();
        doc.add(new SortedDocValuesField(ASSET_ID, new BytesRef(asset.id())));
        doc.add(new BinaryDocValuesField(FINGERPRINT, new BytesRef(asset.fingerprint())));

        doc.add(new Field(TITLE, asset.title(), HIGHLIGHTED_TEXT));
        doc.add(new Field(DESCRIPTION, asset.description(), HIGHLIGHTED_TEXT));
        doc.add(new Field(BODY, cappedBody(asset.body()), HIGHLIGHTED_TEXT));
        for (String tag : asset.tags()) {
            if (tag != null && !tag.isBlank()) {
                doc.add(new TextField(TAGS, tag, Field.Store.YES));
            }
        }
        for (String label : labels(asset)) {
            doc.add(new TextField(LABELS, label, Field.Store.YES));
        }
        for (IndexableField text : doc.getFields()) {
            if (text.stringValue() != null && TEXT_FIELDS.contains(text.name())) {
                words.add(new Field(WORDS, text.stringValue(), DOCS_ONLY));
            }
        }
        words.forEach(doc::add);
        List<String> titleWords = Analysis.foldedWords(asset.title());
        String foldedTitle = String.join(" ", titleWords);
        doc.add(new Field(TITLE_PREFIX, foldedTitle, DOCS_ONLY));
        doc.add(new Field(TITLE_START, foldedTitle, DOCS_ONLY));

        doc.add(new StringField(STATUS, asset.status().name(), Field.Store.YES));
        long expires = asset.expiresOn() == null ? NEVER : asset.expiresOn().toEpochDay();
        doc.add(new LongPoint(EXPIRES, expires));
        long updated = asset.updatedAt().toEpochMilli();
        doc.add(new LongPoint(UPDATED, updated));
        doc.add(new NumericDocValuesField(UPDATED, updated));
        doc.add(new StoredField(UPDATED, updated));
        doc.add(new NumericDocValuesField(USAGE, asset.usageCount()));
        doc.add(new NumericDocValuesField(VERSION_FIELD, asset.version()));
        doc.add(new StoredField(VERSION_FIELD, asset.version()));
        if (asset.publishedAt() != null) {
            doc.add(new StoredField(PUBLISHED, asset.publishedAt().toEpochMilli()));
        }
        doc.add(new StoredField(INTERNAL, asset.internalOnly() ? 1 : 0));
        doc.add(new StoredField(THUMBNAIL, asset.thumbnail() ? 1 : 0));
        storeIfPresent(doc, MEDIA_TYPE, asset.mediaType());
        storeIfPresent(doc, FILE_NAME, asset.fileName());
        if (asset.contentType() != null) {
            doc.add(new StoredField(TYPE_KEY, asset.contentType().key()));
            doc.add(new StoredField(TYPE_LABEL, asset.contentType().label()));
        }
        for (String stage : STAGE_FACETS) {
            for (AssetDocument.FacetValue value : asset.facets().getOrDefault(stage, List.of())) {
                doc.add(new StoredField(STAGES, stage + STAGE_SEPARATOR + value.key()));
            }
        }

        facetValues(asset).forEach((facet, values) -> {
            for (String value : values) {
                doc.add(new SortedSetDocValuesFacetField(facet, value));
            }
        });
        return FACETS_CONFIG.build(doc);
    }

    /** Facet key to the asset's value keys, cleaned for the facet field: no control characters, no blanks, no twins. */
    static Map<String, Set<String>> facetValues(AssetDocument asset) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        asset.facets().forEach((facet, facetValues) -> {
            for (AssetDocument.FacetValue value : facetValues) {
                addFacetValue(values, facet, value.key());
            }
        });
        if (asset.contentType() != null) {
            addFacetValue(values, "content_type", asset.contentType().key());
        }
        addFacetValue(values, "language", asset.language());
        addFacetValue(values, "owner", asset.owner());
        for (String tag : asset.tags()) {
            addFacetValue(values, "tags", tag);
        }
        addFacetValue(values, "status", asset.status().name());
        return values;
    }

    /** A facet key or value as the facet field holds it, or {@code null} if nothing is left of it. */
    static String facetText(String text) {
        if (text == null) {
            return null;
        }
        String clean = CONTROL.matcher(text).replaceAll("").strip();
        if (clean.length() > MAX_FACET_VALUE_CHARS) {
            clean = clean.substring(0, MAX_FACET_VALUE_CHARS);
            if (Character.isHighSurrogate(clean.charAt(clean.length() - 1))) {
                clean = clean.substring(0, clean.length() - 1);
            }
        }
        return clean.isEmpty() ? null : clean;
    }

    /**
     * The body as indexed and stored: at most {@link #MAX_BODY_CHARS}, cut at a space where one is near the limit,
     * never inside a surrogate pair.
     */
    static String cappedBody(String body) {
        if (body.length() <= MAX_BODY_CHARS) {
            return body;
        }
        int end = MAX_BODY_CHARS;
        int space = body.lastIndexOf(' ', end);
        if (space > end - 200) {
            end = space;
        } else if (Character.isHighSurrogate(body.charAt(end - 1))) {
            end--;
        }
        return body.substring(0, end);
    }

    /** Searchable labels: of the content type, of every taxonomy value, and the words of the file name. */
    private static List<String> labels(AssetDocument asset) {
        Set<String> labels = new LinkedHashSet<>();
        if (asset.contentType() != null) {
            labels.add(asset.contentType().label());
        }
        asset.facets().values().forEach(values -> values.forEach(value -> labels.add(value.label())));
        if (asset.fileName() != null && !asset.fileName().isBlank()) {
            labels.add(FILE_NAME_SEPARATORS.matcher(asset.fileName()).replaceAll(" "));
        }
        List<String> result = new ArrayList<>();
        for (String label : labels) {
            if (label != null && !label.isBlank()) {
                result.add(label);
            }
        }
        return result;
    }

    private static void addFacetValue(Map<String, Set<String>> values, String facet, String value) {
        String key = facetText(facet);
        String clean = facetText(value);
        if (key != null && clean != null) {
            values.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(clean);
        }
    }

    private static void storeIfPresent(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new StoredField(field, value));
        }
    }
}
