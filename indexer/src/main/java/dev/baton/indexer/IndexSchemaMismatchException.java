package dev.baton.indexer;

import java.nio.file.Path;

/**
 * The directory holds an index written with another schema version (or not by Baton). It is never opened for
 * writing: build the current version into its own directory ({@link IndexHome#schemaDirectory}) instead.
 */
public class IndexSchemaMismatchException extends IllegalStateException {

    private final Path directory;
    private final int expectedVersion;
    private final String foundVersion;

    public IndexSchemaMismatchException(Path directory, int expectedVersion, String foundVersion) {
        super(message(directory, expectedVersion, foundVersion));
        this.directory = directory;
        this.expectedVersion = expectedVersion;
        this.foundVersion = foundVersion;
    }

    /** The refused index directory. */
    public Path directory() {
        return directory;
    }

    /** The schema version the code writes. */
    public int expectedVersion() {
        return expectedVersion;
    }

    /** The schema version recorded in the directory's latest commit, or {@code null} if it records none. */
    public String foundVersion() {
        return foundVersion;
    }

    private static String message(Path directory, int expectedVersion, String foundVersion) {
        String found = foundVersion == null
                ? "records no Baton schema version (key " + LuceneIndex.SCHEMA_VERSION_KEY + ")"
                : "was written with schema version " + foundVersion;
        return "Refusing to open the index at " + directory + ": its latest commit " + found
                + ", but this code writes schema version " + expectedVersion
                + ". Build that version into its own directory instead.";
    }
}
