package dev.baton.indexer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.facet.DrillDownQuery;

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
     * Weight of an asset carrying a facet value the query names ("CFO" names the persona Economic buyer), as an
     * alternative to the name's words in the text: about what the words in the title would score.
     */
    static final float FACET_WEIGHT = 3f;

    /**
     * The words of a question that say nothing about what is wanted ("how do I", "what do we", "is there"): left out
     * when the query has other words, so "how do I connect HubSpot" asks for "connect HubSpot". Lucene's stop words
     * (a, the, is, ...) are left out anyway.
     */
    /**
     * Shortest word that is guessed at as a misspelling. A word of four letters the library lacks is more often a real
     * word ("how long") than a typo, and one edit away from it lie many others ("log", "lone", "song").
     */
    static final int MIN_CORRECTED_LETTERS = 5;

    static final Set<String> QUESTION_WORDS = Set.of(
            "what", "what's", "whats", "how", "who", "whom", "whose", "why", "when", "where", "which",
            "do", "does", "did", "can", "could", "should", "would", "shall", "might",
            "i", "i'm", "me", "my", "we", "we're", "us", "our", "ours", "you", "your", "he", "she", "him", "her",
            "them", "someone", "something", "anything", "any", "some", "have", "has", "had", "get", "got",
            "say", "tell", "told", "let", "please", "there's", "here", "anyone", "somebody");

    /**
     * The queries for one input: {@code strict} requires every part, {@code relaxed} (or {@code null} when fewer than
     * two plain words could be left out) at least half of the plain words and every phrase and {@code OR} group.
     */
    record Built(
            Query strict,
            Query relaxed,
            boolean matchesEverything,
            List<FuzzyQuery> nearSpellings,
            List<FacetVocabulary.Named> named,
            Map<String, String> corrections,
            List<Query> words,
            boolean question,
            String semanticText,
            List<Query> excluded) {

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
        return build(input, reader, FacetVocabulary.NONE);
    }

    /**
     * As {@link #build(String, IndexReader)}; words that name a facet value of the vocabulary also match the assets
     * tagged with it ({@link #FACET_WEIGHT}), and {@link Built#named()} lists the values named.
     */
    Built build(String input, IndexReader reader, FacetVocabulary vocabulary) throws IOException {
        Parsed parsed = parse(input);
        Lucene lucene = new Lucene(analyzer);
        Expander expander = new Expander(reader);
        boolean onlyQuestionWords = parsed.groups().stream()
                .allMatch(group -> group.size() == 1 && !group.get(0).phrase() && questionWord(group.get(0).text()));

        List<Query> required = new ArrayList<>();
        // the parts that are plain words (or a word's synonyms): the only ones a relaxed search may leave out
        List<Query> words = new ArrayList<>();
        List<FacetVocabulary.Named> named = new ArrayList<>();
        Run run = new Run(lucene, expander, vocabulary, required, words, named);
        boolean question = false;
        for (List<Unit> group : parsed.groups()) {
            if (group.size() == 1 && !group.get(0).phrase()) {
                if (!onlyQuestionWords && questionWord(group.get(0).text())) {
                    question = true;
                    continue;
                }
                run.words.add(group.get(0).text());
                expander.remember(group.get(0).text());
                continue;
            }
            run.flush();
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
        run.flush();

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
        return new Built(strict, relaxed, required.isEmpty() && excluded.isEmpty(), expander.nearSpellings,
                List.copyOf(new java.util.LinkedHashSet<>(named)), Map.copyOf(expander.corrections), List.copyOf(words),
                question, semanticText(parsed, expander.corrections), List.copyOf(excluded));
    }

    /**
     * What the semantic side embeds: the plain words as typed (question words included, they carry the question's
     * sense), each corrected word replaced by its correction; {@code null} when the query has a phrase or an
     * {@code OR} group (those stay exact: lexical only) or no word at all.
     */
    static String semanticText(Parsed parsed, Map<String, String> corrections) {
        List<String> words = new ArrayList<>();
        for (List<Unit> group : parsed.groups()) {
            if (group.size() != 1 || group.get(0).phrase()) {
                return null;
            }
            String word = group.get(0).text();
            List<String> folded = Analysis.foldedWords(word);
            String correction = folded.size() == 1 ? corrections.get(folded.get(0)) : null;
            words.add(correction == null ? word : correction);
        }
        String text = String.join(" ", words).strip();
        return text.isEmpty() ? null : text;
    }

    static boolean questionWord(String word) {
        String clean = word.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("[^\\p{L}\\p{N}']", "");
        return QUESTION_WORDS.contains(clean);
    }

    /**
     * The input with each corrected word replaced: by its correction ({@code quote} false), or by itself in quotes
     * ({@code quote} true, which searches it exactly as typed); {@code null} when no word was replaced. Words in quotes
     * and excluded words are left alone.
     */
    static String rewrite(String input, Map<String, String> corrections, boolean quote) {
        if (input == null || corrections.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        boolean inQuotes = false;
        boolean changed = false;
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < input.length() && !Character.isWhitespace(input.charAt(end))) {
                end++;
            }
            String token = input.substring(i, end);
            i = end;
            boolean quoted = inQuotes || token.startsWith("\"") || token.startsWith("-");
            if (token.chars().filter(ch -> ch == '"').count() % 2 == 1) {
                inQuotes = !inQuotes;
            }
            List<String> folded = quoted ? List.of() : Analysis.foldedWords(token);
            String correction = folded.size() == 1 ? corrections.get(folded.get(0)) : null;
            if (correction == null) {
                out.append(token);
                continue;
            }
            int start = 0;
            int stop = token.length();
            while (start < stop && !Character.isLetterOrDigit(token.charAt(start))) {
                start++;
            }
            while (stop > start && !Character.isLetterOrDigit(token.charAt(stop - 1))) {
                stop--;
            }
            String word = token.substring(start, stop);
            out.append(token, 0, start).append(quote ? '"' + word + '"' : correction).append(token.substring(stop));
            changed = true;
        }
        return changed ? out.toString() : null;
    }

    /** Consecutive plain words, analyzed together so multi-word synonyms and facet value names match. */
    private static final class Run {
        final List<String> words = new ArrayList<>();
        private final Lucene lucene;
        private final Expander expander;
        private final FacetVocabulary vocabulary;
        private final List<Query> required;
        private final List<Query> plainWords;
        private final List<FacetVocabulary.Named> named;

        Run(Lucene lucene, Expander expander, FacetVocabulary vocabulary, List<Query> required, List<Query> plainWords,
                List<FacetVocabulary.Named> named) {
            this.lucene = lucene;
            this.expander = expander;
            this.vocabulary = vocabulary;
            this.required = required;
            this.plainWords = plainWords;
            this.named = named;
        }

        /**
         * Adds the pending words: those that name a facet value (the longest name first) as one part that their words
         * or the value satisfy, the others one part per word.
         */
        void flush() throws IOException {
            if (words.isEmpty()) {
                return;
            }
            List<String> pending = List.copyOf(words);
            words.clear();
            if (vocabulary.isEmpty()) {
                addRun(String.join(" ", pending), lucene, expander, required, plainWords);
                return;
            }
            // the normalized words, each with the typed word it came from
            List<String> tokens = new ArrayList<>();
            List<Integer> owner = new ArrayList<>();
            for (int w = 0; w < pending.size(); w++) {
                for (String token : Analysis.normalizedWords(pending.get(w))) {
                    tokens.add(token);
                    owner.add(w);
                }
            }
            int plainFrom = 0;
            int t = 0;
            while (t < tokens.size()) {
                int startWord = owner.get(t);
                boolean wordStart = t == 0 || owner.get(t - 1) != startWord;
                int matched = 0;
                Set<FacetVocabulary.Named> values = Set.of();
                for (int length = Math.min(FacetVocabulary.MAX_NAME_WORDS, tokens.size() - t); wordStart && length > 0;
                        length--) {
                    int end = t + length;
                    boolean wordEnd = end == tokens.size() || !owner.get(end).equals(owner.get(end - 1));
                    Set<FacetVocabulary.Named> found = wordEnd ? vocabulary.named(tokens, t, end) : Set.of();
                    if (!found.isEmpty()) {
                        matched = length;
                        values = found;
                        break;
                    }
                }
                if (matched == 0) {
                    t++;
                    continue;
                }
                int endWord = owner.get(t + matched - 1) + 1;
                if (plainFrom < startWord) {
                    addRun(String.join(" ", pending.subList(plainFrom, startWord)), lucene, expander, required,
                            plainWords);
                }
                addNamed(String.join(" ", pending.subList(startWord, endWord)), values);
                plainFrom = endWord;
                t += matched;
            }
            if (plainFrom < pending.size()) {
                addRun(String.join(" ", pending.subList(plainFrom, pending.size())), lucene, expander, required,
                        plainWords);
            }
        }

        /** One part: the words in the text (all of them), or any of the values they name. */
        private void addNamed(String text, Set<FacetVocabulary.Named> values) throws IOException {
            List<Query> alternatives = new ArrayList<>();
            Query query = lucene.createBooleanQuery(VIRTUAL_FIELD, text, Occur.MUST);
            if (query != null) {
                alternatives.add(expander.expand(query, false));
            }
            for (FacetVocabulary.Named value : values) {
                String field = AssetSchema.FACETS_CONFIG.getDimConfig(value.facet()).indexFieldName;
                Query tagged = new TermQuery(DrillDownQuery.term(field, value.facet(), value.value()));
                alternatives.add(new BoostQuery(new ConstantScoreQuery(tagged), FACET_WEIGHT));
                named.add(value);
            }
            Query part = new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
            required.add(part);
            plainWords.add(part);
        }
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
            String run, Lucene lucene, Expander expander, List<Query> required, List<Query> words)
            throws IOException {
        if (run.isBlank()) {
            return;
        }
        Query query = lucene.createBooleanQuery(VIRTUAL_FIELD, run, Occur.MUST);
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

        /** Typed word (folded) that no document has, to the likeliest word meant: what the rep is told. */
        private final Map<String, String> corrections = new HashMap<>();

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
            if (length < MIN_CORRECTED_LETTERS || !word.codePoints().allMatch(Character::isLetter)) {
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
            Term typedTerm = new Term(AssetSchema.WORDS, word);
            if (reader.docFreq(typedTerm) == 0) {
                String meant = likeliest(typedTerm, edits);
                if (meant != null) {
                    corrections.put(word, meant);
                }
            }
            return new FuzzyQuery(typedTerm, edits, 1, FUZZY_EXPANSIONS, true);
        }

        /**
         * The word of the index, {@code edits} or fewer edits away (a swap of two letters is one), that the typed word
         * most likely misspells: the fewest edits, then the most documents, then the first alphabetically.
         */
        private String likeliest(Term typedTerm, int edits) throws IOException {
            Terms terms = MultiTerms.getTerms(reader, AssetSchema.WORDS);
            if (terms == null) {
                return null;
            }
            String typedWord = typedTerm.text();
            TermsEnum near = new FuzzyTermsEnum(terms, typedTerm, edits, 1, true);
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            int bestFrequency = 0;
            for (BytesRef term = near.next(); term != null; term = near.next()) {
                String candidate = term.utf8ToString();
                int distance = distance(typedWord, candidate);
                int frequency = near.docFreq();
                if (distance < bestDistance || distance == bestDistance && frequency > bestFrequency) {
                    best = candidate;
                    bestDistance = distance;
                    bestFrequency = frequency;
                }
            }
            return best;
        }

        /** Edits from one word to the other: insertions, deletions, substitutions and swaps of neighbours. */
        static int distance(String a, String b) {
            int[][] d = new int[a.length() + 1][b.length() + 1];
            for (int i = 0; i <= a.length(); i++) {
                d[i][0] = i;
            }
            for (int j = 0; j <= b.length(); j++) {
                d[0][j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                    if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                    }
                }
            }
            return d[a.length()][b.length()];
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
