package dev.baton.webapp.content.bulk;

/**
 * Something wrong with one row (or column) of a manifest; it never stops the other rows.
 *
 * @param line where the row starts in the manifest (1 for a column of a CSV's header)
 * @param file the row's {@code file}, when it has a usable one; otherwise null
 * @param reason what is wrong, naming the column, in words a person can act on
 */
public record ManifestProblem(int line, String file, String reason) {}
