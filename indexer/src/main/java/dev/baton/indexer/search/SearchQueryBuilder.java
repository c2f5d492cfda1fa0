package dev.baton.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns what a user typed into a Lucene query. Every input is a valid search: the syntax is small and the parser is
 * total (it never rejects input), so nothing needs a fallback.
 *
 * <ul>
 *   <li>Words: assets with all of them first, then those with most. Stop words ("the", "for") are ignored.
 *   <li>{@code "a phrase"}: the words next to each other. An unbalanced quote is ignored.
 *   <li>{@code -word}, {@code -"a phrase"}: excluded. {@code +word} is the same as {@code word}.
 *   <li>{@code a OR b} (upper case): either. {@code OR} binds the words (or phrases) next to it.
 *   <li>Anything else ({@code :}, {@code (}, {@code *}, {@code ~}, {@code \}) is punctuation the tokenizer drops.
 * </ul>
 *
 * <p>Each word (or synonym, or phrase) becomes a best-field match over title, tags, labels, description and body
 * with {@link #FIELD_BOOSTS}. Consecutive plain words are analyzed together so multi-word synonyms apply
 * ("marketing qualified lead" finds "MQL" and the other way round). A typed word of four letters or more that
 * fewer than {@link #RARE_BELOW} documents contain (as typed and as a stem) also matches words one edit away (two from
 * seven letters) among the unstemmed words of all text ({@link AssetSchema#WORDS}), at a lower weight: a misspelt
 * word finds what the right word would. {@link Built#relaxed()} asks for at least half of the plain words (phrases and
 * {@code OR} groups stay required, exclusions stay excluded): the searcher lists the assets with every word first, then
 * those with most of them.
 *
 * <p>At most {@link #MAX_WORDS} words or phrases and {@link #MAX_INPUT_CHARS} characters of input are used.
 */
final class SearchQueryBuilder {

    /** The field queries are first built on, before each leaf is spread over the real fields. */
    static final String VIRTUAL_FIELD = "_text";

    /** Field weights: a match in the title counts most, in the body least. */
    static final Map<String, Float> FIELD_BOOSTS;

    static {
        Map<String, Float> boosts = new LinkedHashMap<>();
        boosts.put(AssetSchema.TITLE, 4f);
        boosts.put(AssetSchema.TAGS, 2.5f);
        boosts.put(AssetSchema.LABELS, 2f);
        boosts.put(AssetSchema.DESCRIPTION, 1.5f);
        boosts.put(AssetSchema.BODY, 1f);
        FIELD_BOOSTS = Collections.unmodifiableMap(boosts);
    }

    /** How much a match in a second field adds to the best field's score. */
    static final float TIE_BREAKER = 0.2f;

    static final int MAX_WORDS = 32;
    static final int MAX_INPUT_CHARS = 1_000;

    /** A word in fewer documents than this (all text fields together) also matches near spellings. */
    static final int RARE_BELOW = 3;

    /** Weight of a near-spelling match (in the unstemmed words of all text) relative to a body match. */
    static final float FUZZY_WEIGHT = 0.5f;

    /** At most this many words of one query get near-spelling alternatives (each expands to many terms). */
    static final int MAX_FUZZY_WORDS = 4;

    /** Near spellings tried per word, closest first. */
    static final int FUZZY_EXPANSIONS = 10;

    /**
     * The queries for one input: {@code strict} requires every part, {@code relaxed} (or {@code null} when fewer than
     * two plain words could be left out) at least half of the plain words and every phrase and {@code OR} group.
     */
    record Built(Query strict, Query relaxed, boolean matchesEverything, List<FuzzyQuery> nearSpellings) {

        /**
         * The query to highlight hits of {@code text} with: the text query plus the near spellings of misspelt words
         * in the highlighted fields, so "secuirty" marks "security" in a title.
         */
        Query highlight(Query text, List<String> fields) {
            if (nearSpellings.isEmpty()) {
                return text;
            }
            BooleanQuery.Builder builder = new BooleanQuery.Builder().add(text, Occur.SHOULD);
            for (FuzzyQuery near : nearSpellings) {
                for (String field : fields) {
                    builder.add(
                            new FuzzyQuery(
                                    new Term(field, near.getTerm().bytes()),
                                    near.getMaxEdits(),
                                    near.getPrefixLength(),
                                    FUZZY_EXPANSIONS,
                                    near.getTranspositions()),
                            Occur.SHOULD);
                }
            }
            return builder.build();
        }
    }

    /** The query chain without synonyms: the stem of a single word. */
    private static final Analyzer STEMMER = Analysis.queryAnalyzer(null);

    private final Analyzer analyzer;

    SearchQueryBuilder(Analyzer queryAnalyzer) {
        this.analyzer = queryAnalyzer;
    }

    /**
     * Builds the text query for the input. {@code strict} requires every word; {@code relaxed} (when there are two
     * or more plain words, else {@code null}) asks for at least half of them, with every phrase and {@code OR} group
     * still required; {@code matchesEverything} when the input holds nothing searchable (blank, only punctuation or
     * stop words). Input with only exclusions matches everything but them.
     *
     * @param reader the index searched, to tell rare words (which get near-spelling alternatives) from known ones
     */
    Built build(String input, IndexReader reader) throws IOException {
        Parsed parsed = parse(input);
        Lucene lucene = new Lucene(analyzer);
        Expander expander = new Expander(reader);

        List<Query> required = new ArrayList<>();
        // the parts that are plain words (or a word's synonyms): the only ones a relaxed search may leave out
        List<Query> words = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (List<Unit> group : parsed.groups()) {
            if (group.size() == 1 && !group.get(0).phrase()) {
                run.append(group.get(0).text()).append(' ');
                expander.remember(group.get(0).text());
                continue;
            }
            addRun(run, lucene, expander, required, words);
            if (group.size() == 1) {
                Query phrase = lucene.createPhraseQuery(VIRTUAL_FIELD, group.get(0).text());
                if (phrase != null) {
                    required.add(expander.expand(phrase, false));
                }
                continue;
            }
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            int alternatives = 0;
            for (Unit unit : group) {
                if (!unit.phrase()) {
                    expander.remember(unit.text());
                }
                Query query = unit.phrase()
                        ? lucene.createPhraseQuery(VIRTUAL_FIELD, unit.text())
                        : lucene.createBooleanQuery(VIRTUAL_FIELD, unit.text(), Occur.MUST);
                if (query != null) {
                    either.add(expander.expand(query, !unit.phrase() && query instanceof TermQuery), Occur.SHOULD);
                    alternatives++;
                }
            }
            if (alternatives > 0) {
                required.add(either.build());
            }
        }
        addRun(run, lucene, expander, required, words);

        List<Query> excluded = new ArrayList<>();
        for (Unit unit : parsed.excluded()) {
            Query query = unit.phrase()
                    ? lucene.createPhraseQuery(VIRTUAL_FIELD, unit.text())
                    : lucene.createBooleanQuery(VIRTUAL_FIELD, unit.text(), Occur.MUST);
            if (query != null) {
                excluded.add(expander.expand(query, false));
            }
        }

        Query strict = combine(required, excluded, required.size());
        Query relaxed = words.size() >= 2 ? relax(required, words, excluded) : null;
        return new Built(strict, relaxed, required.isEmpty() && excluded.isEmpty(), expander.nearSpellings);
    }

    /** Every part that is not a plain word, at least half of the plain words, none of the exclusions. */
    private static Query relax(List<Query> required, List<Query> words, List<Query> excluded) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (Query part : required) {
            builder.add(part, words.stream().anyMatch(word -> word == part) ? Occur.SHOULD : Occur.MUST);
        }
        builder.setMinimumNumberShouldMatch((words.size() + 1) / 2);
        excluded.forEach(query -> builder.add(query, Occur.MUST_NOT));
        return builder.build();
    }

    /** Analyzes the pending plain words together (so multi-word synonyms match) and adds one clause per word. */
    private static void addRun(
            StringBuilder run, Lucene lucene, Expander expander, List<Query> required, List<Query> words)
            throws IOException {
        if (run.isEmpty()) {
            return;
        }
        Query query = lucene.createBooleanQuery(VIRTUAL_FIELD, run.toString(), Occur.MUST);
        run.setLength(0);
        if (query == null) {
            return;
        }
        List<Query> parts = new ArrayList<>();
        if (query instanceof BooleanQuery bool && isConjunction(bool)) {
            for (BooleanClause clause : bool.clauses()) {
                parts.add(expander.expand(clause.query(), clause.query() instanceof TermQuery));
            }
        } else {
            parts.add(expander.expand(query, query instanceof TermQuery));
        }
        required.addAll(parts);
        words.addAll(parts);
    }

    private static boolean isConjunction(BooleanQuery query) {
        return query.getMinimumNumberShouldMatch() == 0
                && query.clauses().stream().allMatch(clause -> clause.occur() == Occur.MUST);
    }

    private static Query combine(List<Query> required, List<Query> excluded, int minimumMatch) {
        if (required.isEmpty() && excluded.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        if (required.isEmpty()) {
            builder.add(new MatchAllDocsQuery(), Occur.MUST);
        } else if (minimumMatch >= required.size()) {
            required.forEach(query -> builder.add(query, Occur.MUST));
        } else {
            required.forEach(query -> builder.add(query, Occur.SHOULD));
            builder.setMinimumNumberShouldMatch(minimumMatch);
        }
        excluded.forEach(query -> builder.add(query, Occur.MUST_NOT));
        return builder.build();
    }

    // ---- parsing ----

    /** A word (or phrase) of the input. */
    record Unit(String text, boolean phrase) {}

    /** Required groups (each group: alternatives joined by OR) and excluded units. */
    record Parsed(List<List<Unit>> groups, List<Unit> excluded) {}

    /** Splits the input into words, phrases, exclusions and OR groups. Never fails. */
    static Parsed parse(String input) {
        String text = input == null ? "" : input;
        if (text.length() > MAX_INPUT_CHARS) {
            text = text.substring(0, MAX_INPUT_CHARS);
        }
        if (text.chars().filter(c -> c == '"').count() % 2 == 1) {
            int last = text.lastIndexOf('"');
            text = text.substring(0, last) + ' ' + text.substring(last + 1);
        }
        List<List<Unit>> groups = new ArrayList<>();
        List<Unit> excluded = new ArrayList<>();
        boolean pendingOr = false;
        int units = 0;
        int i = 0;
        int n = text.length();
        while (i < n && units < MAX_WORDS) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            if (c == '-' || c == '+') {
                if (i + 1 >= n || Character.isWhitespace(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                negated = c == '-';
                i++;
                c = text.charAt(i);
            }
            Unit unit;
            if (c == '"') {
                int end = text.indexOf('"', i + 1);
                unit = new Unit(text.substring(i + 1, end), true);
                i = end + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                String word = text.substring(i, end);
                i = end;
                if (!negated && word.equals("OR")) {
                    pendingOr = !groups.isEmpty();
                    continue;
                }
                unit = new Unit(word, false);
            }
            if (unit.text().isBlank()) {
                continue;
            }
            units++;
            if (negated) {
                excluded.add(unit);
                pendingOr = false;
            } else if (pendingOr) {
                groups.get(groups.size() - 1).add(unit);
                pendingOr = false;
            } else {
                List<Unit> group = new ArrayList<>();
                group.add(unit);
                groups.add(group);
            }
        }
        return new Parsed(groups, excluded);
    }

    // ---- from the virtual field to the real ones ----

    /** Lucene's graph-aware query builder: synonyms become alternatives, multi-word ones phrases. */
    private static final class Lucene extends QueryBuilder {
        Lucene(Analyzer analyzer) {
            super(analyzer);
            setAutoGenerateMultiTermSynonymsPhraseQuery(true);
        }
    }

    /** Spreads each leaf of a query on the virtual field over the text fields, with their weights. */
    private static final class Expander {
        private final IndexReader reader;
        /** Stem to the word as typed (lower-cased, folded), for the words of the input. */
        private final Map<String, String> typed = new HashMap<>();

        private final List<FuzzyQuery> nearSpellings = new ArrayList<>();

        Expander(IndexReader reader) {
            this.reader = reader;
        }

        /** Notes how a single typed word stems, so a clause on its stem can look for near spellings of the word. */
        void remember(String word) throws IOException {
            List<String> folded = Analysis.foldedWords(word);
            if (folded.size() != 1) {
                return;
            }
            List<String> stems = new ArrayList<>();
            try (TokenStream stream = STEMMER.tokenStream(VIRTUAL_FIELD, word)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    stems.add(term.toString());
                }
                stream.end();
            }
            if (stems.size() == 1) {
                typed.putIfAbsent(stems.get(0), folded.get(0));
            }
        }

        Query expand(Query query, boolean mayBeMisspelt) throws IOException {
            if (query instanceof TermQuery termQuery) {
                return term(termQuery.getTerm(), mayBeMisspelt);
            }
            if (query instanceof SynonymQuery synonyms) {
                return perField(field -> {
                    SynonymQuery.Builder builder = new SynonymQuery.Builder(field);
                    synonyms.getTerms().forEach(term -> builder.addTerm(new Term(field, term.bytes())));
                    return builder.build();
                });
            }
            if (query instanceof PhraseQuery phrase) {
                return perField(field -> {
                    PhraseQuery.Builder builder = new PhraseQuery.Builder().setSlop(phrase.getSlop());
                    Term[] terms = phrase.getTerms();
                    int[] positions = phrase.getPositions();
                    for (int i = 0; i < terms.length; i++) {
                        builder.add(new Term(field, terms[i].bytes()), positions[i]);
                    }
                    return builder.build();
                });
            }
            if (query instanceof MultiPhraseQuery phrase) {
                return perField(field -> {
                    MultiPhraseQuery.Builder builder = new MultiPhraseQuery.Builder().setSlop(phrase.getSlop());
                    Term[][] terms = phrase.getTermArrays();
                    int[] positions = phrase.getPositions();
                    for (int i = 0; i < terms.length; i++) {
                        Term[] inField = new Term[terms[i].length];
                        for (int j = 0; j < inField.length; j++) {
                            inField[j] = new Term(field, terms[i][j].bytes());
                        }
                        builder.add(inField, positions[i]);
                    }
                    return builder.build();
                });
            }
            if (query instanceof BooleanQuery bool) {
                BooleanQuery.Builder builder =
                        new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
                for (BooleanClause clause : bool.clauses()) {
                    builder.add(expand(clause.query(), false), clause.occur());
                }
                return builder.build();
            }
            if (query instanceof BoostQuery boost) {
                return new BoostQuery(expand(boost.getQuery(), mayBeMisspelt), boost.getBoost());
            }
            return query;
        }

        private Query term(Term term, boolean mayBeMisspelt) throws IOException {
            List<Query> alternatives = new ArrayList<>();
            FIELD_BOOSTS.forEach((field, boost) ->
                    alternatives.add(new BoostQuery(new TermQuery(new Term(field, term.bytes())), boost)));
            FuzzyQuery near = mayBeMisspelt ? nearSpelling(term) : null;
            if (near != null) {
                nearSpellings.add(near);
                alternatives.add(new BoostQuery(near, FUZZY_WEIGHT));
            }
            return new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
        }

        /**
         * Near spellings of the typed word behind this stem, in the unstemmed words of all text: {@code null} when the
         * word is known (as typed or as a stem), too short to guess at, not only letters, or the query already has
         * {@link #MAX_FUZZY_WORDS} such words.
         */
        private FuzzyQuery nearSpelling(Term stem) throws IOException {
            String word = typed.get(stem.text());
            if (word == null || nearSpellings.size() >= MAX_FUZZY_WORDS) {
                return null;
            }
            int length = word.codePointCount(0, word.length());
            if (length < 4 || !word.codePoints().allMatch(Character::isLetter)) {
                return null;
            }
            if (reader.docFreq(new Term(AssetSchema.WORDS, word)) >= RARE_BELOW) {
                return null;
            }
            long documents = 0;
            for (String field : FIELD_BOOSTS.keySet()) {
                documents += reader.docFreq(new Term(field, stem.bytes()));
                if (documents >= RARE_BELOW) {
                    return null;
                }
            }
            int edits = length >= 7 ? 2 : 1;
            return new FuzzyQuery(new Term(AssetSchema.WORDS, word), edits, 1, FUZZY_EXPANSIONS, true);
        }

        private interface FieldQuery {
            Query in(String field);
        }

        private static Query perField(FieldQuery perField) {
            List<Query> alternatives = new ArrayList<>();
            FIELD_BOOSTS.forEach((field, boost) -> alternatives.add(new BoostQuery(perField.in(field), boost)));
            return new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
        }
    }
}
