package dev.baton.indexer;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.search.SearcherFactory;

/**
 * The layout of the index on disk: under the configured directory, one subdirectory per schema version
 * ({@code v1/}, {@code v2/}, ...). A schema change builds a fresh directory from the database while the old one keeps
 * serving, then swaps it in.
 */
public final class IndexHome {

    private static final String VERSION_PREFIX = "v";

    private IndexHome() {}

    /** Where the index of the given schema version lives under the home directory. */
    public static Path schemaDirectory(Path home, int schemaVersion) {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be 1 or more, was " + schemaVersion);
        }
        return home.resolve(VERSION_PREFIX + schemaVersion);
    }

    /**
     * Opens (creating it if needed) the index of the settings' schema version with a {@link StandardAnalyzer}, which
     * the index closes with itself. {@link LuceneIndex#isNew()} tells whether it must be rebuilt from the database.
     *
     * @throws IndexSchemaMismatchException if the directory holds an index of another schema version
     */
    public static LuceneIndex open(IndexSettings settings) throws IOException {
        Path directory = schemaDirectory(settings.directory(), settings.schemaVersion());
        return LuceneIndex.open(directory, settings, new StandardAnalyzer(), true);
    }

    /**
     * Opens (creating it if needed) the index of the settings' schema version with the given analyzer, which stays the
     * caller's to close.
     *
     * @throws IndexSchemaMismatchException if the directory holds an index of another schema version
     */
    public static LuceneIndex open(IndexSettings settings, Analyzer analyzer) throws IOException {
        if (analyzer == null) {
            throw new IllegalArgumentException("analyzer is required");
        }
        Path directory = schemaDirectory(settings.directory(), settings.schemaVersion());
        return LuceneIndex.open(directory, settings, analyzer, false);
    }

    /**
     * Opens (creating it if needed) the index of the settings' schema version with the given analyzer, which stays the
     * caller's to close, and searchers made by the given factory (called on the reopen thread for each new reader).
     *
     * @throws IndexSchemaMismatchException if the directory holds an index of another schema version
     */
    public static LuceneIndex open(IndexSettings settings, Analyzer analyzer, SearcherFactory searcherFactory)
            throws IOException {
        if (analyzer == null) {
            throw new IllegalArgumentException("analyzer is required");
        }
        Path directory = schemaDirectory(settings.directory(), settings.schemaVersion());
        return LuceneIndex.open(directory, settings, analyzer, false, searcherFactory);
    }
}
