package dev.baton.indexer.search;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * The analysis chains, in one place so index and query time cannot drift apart. See {@code docs/search.md}.
 *
 * <pre>
 * index (title, description, tags, labels, body):
 *   StandardTokenizer - EnglishPossessive - LowerCase - ASCIIFolding - EnglishMinimalStem - KStem - Stop
 * query (the same fields):
 *   StandardTokenizer - EnglishPossessive - LowerCase - ASCIIFolding - EnglishMinimalStem - KStem - SynonymGraph - Stop
 * words (all the text again, for typo tolerance):
 *   StandardTokenizer - LowerCase - ASCIIFolding
 * </pre>
 *
 * <p>KStem rather than Porter: it is dictionary-based and only conflates real inflections ("pricing", "prices" and
 * "priced" all become "price") while leaving words alone that Porter would merge ("marketing"/"market",
 * "organization"/"organ") and keeping terms readable words. KStem leaves some plurals alone ("leads", "costs"); the minimal
 * plural stemmer before it takes care of those. Typo tolerance does not compare against stems at all but against
 * the unstemmed {@link AssetSchema#WORDS} field, where a misspelling is an edit or two from the word it misspells. Synonyms come
 * after stemming, so "ROIs" and "MQLs" expand like "ROI" and "MQL"; the stop filter comes after synonyms, so a
 * synonym may contain stop words ("return on investment") and still matches positionally.
 */
final class Analysis {

    /** Lucene's English stop words (a, and, for, of, on, the, ...). */
    static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    /** Positions between two values of a multi-valued field, so a phrase never spans two tags or two labels. */
    static final int POSITION_GAP = 100;

    /** Longest word prefix the title completion field holds; longer typed words are cut to it. */
    static final int MAX_PREFIX_GRAM = 20;

    /** Longest title start the completion field holds. */
    static final int MAX_START_GRAM = 40;

    private Analysis() {}

    /** The analyzer the index writer uses: English text fields, edge n-grams for title completion. */
    static Analyzer indexAnalyzer() {
        return new PerFieldAnalyzerWrapper(
                english(null),
                Map.of(
                        AssetSchema.WORDS, FOLDER,
                        AssetSchema.TITLE_PREFIX, edgeGrams(false, MAX_PREFIX_GRAM),
                        AssetSchema.TITLE_START, edgeGrams(true, MAX_START_GRAM)));
    }

    /** The analyzer queries are built with: the index chain plus the synonyms (none when the map is null). */
    static Analyzer queryAnalyzer(SynonymMap synonyms) {
        return english(synonyms);
    }

    /**
     * Lower-cased, accent-folded words, punctuation dropped: how titles and typed prefixes are compared for
     * completion, and how past queries are normalised.
     */
    static List<String> foldedWords(String text) {
        return words(FOLDER, text);
    }

    /**
     * The words of the text as the query chain sees them before synonyms and stop words: lower-cased, folded and
     * stemmed ("CFOs" and "cfo" are the same word). How a query's words are compared with taxonomy values' names.
     */
    static List<String> normalizedWords(String text) {
        return words(SYNONYM_ENTRIES, text);
    }

    /** The terms an analyzer makes of a text held in memory. */
    private static List<String> words(Analyzer analyzer, String text) {
        List<String> words = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new IllegalStateException("Analyzing text in memory failed", e);
        }
        return words;
    }

    /**
     * Builds the synonym map of equivalence groups: every entry of a group expands to all the others. Entries are
     * analyzed like the query up to the synonym filter (so "ROIs" and "roi" are the same entry); entries that analyze
     * to nothing are skipped, as are groups left with fewer than two entries.
     *
     * @return the map, or {@code null} when no group has two usable entries
     */
    static SynonymMap synonymMap(List<List<String>> groups) throws IOException {
        SynonymMap.Parser parser = new SynonymMap.Parser(true, SYNONYM_ENTRIES) {
            @Override
            public void parse(Reader in) {
                throw new UnsupportedOperationException("entries are added one by one");
            }
        };
        boolean any = false;
        for (List<String> group : groups) {
            List<CharsRef> entries = new ArrayList<>();
            for (String entry : group) {
                CharsRef analyzed = analyzeEntry(parser, entry);
                if (analyzed != null && !entries.contains(analyzed)) {
                    entries.add(analyzed);
                }
            }
            for (CharsRef from : entries) {
                for (CharsRef to : entries) {
                    if (!from.equals(to)) {
                        parser.add(from, to, true);
                        any = true;
                    }
                }
            }
        }
        return any ? parser.build() : null;
    }

    private static CharsRef analyzeEntry(SynonymMap.Parser parser, String entry) throws IOException {
        if (entry == null || entry.isBlank()) {
            return null;
        }
        try {
            CharsRef analyzed = parser.analyze(entry, new CharsRefBuilder());
            return analyzed.length == 0 ? null : analyzed;
        } catch (IllegalArgumentException e) {
            // analyzed to nothing (only punctuation)
            return null;
        }
    }

    private static final Analyzer FOLDER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    /** Synonym entries: the query chain up to (not including) the synonym filter. */
    private static final Analyzer SYNONYM_ENTRIES = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            return new TokenStreamComponents(tokenizer, normalized(tokenizer));
        }
    };

    private static TokenStream normalized(Tokenizer tokenizer) {
        TokenStream stream = new EnglishPossessiveFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new EnglishMinimalStemFilter(stream);
        return new KStemFilter(stream);
    }

    private static Analyzer english(SynonymMap synonyms) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = normalized(tokenizer);
                if (synonyms != null) {
                    stream = new SynonymGraphFilter(stream, synonyms, true);
                }
                stream = new StopFilter(stream, STOP_WORDS);
                return new TokenStreamComponents(tokenizer, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return POSITION_GAP;
            }
        };
    }

    /**
     * Edge n-grams of already folded text ({@link #foldedWords} joined by spaces): of each word, or of the whole text.
     */
    private static Analyzer edgeGrams(boolean wholeText, int maxGram) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = wholeText ? new KeywordTokenizer() : new WhitespaceTokenizer();
                return new TokenStreamComponents(tokenizer, new EdgeNGramTokenFilter(tokenizer, 1, maxGram, true));
            }
        };
    }
}
