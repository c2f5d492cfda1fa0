package dev.baton.webapp.content.bulk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed manifest: the good rows by file, and the problems of the bad ones.
 *
 * <p>How an import uses it: a file with a good row gets that row's metadata; a file whose row was bad
 * ({@link #rejected(String)}) is not imported, counts as failed and is reported by the row's problem, so fixing the
 * row and running the import again brings it in; a file without a row gets the defaults; a row for a file the
 * import does not hold is a problem ({@link #rowsWithoutFile(Collection)}).
 */
public final class Manifest {

    private static final Manifest NONE = new Manifest("", List.of(), List.of(), Set.of(), List.of());

    private final String name;
    private final Map<String, ManifestRow> rows = new LinkedHashMap<>();
    private final List<ManifestProblem> problems;
    private final Set<String> rejected;
    private final List<ManifestProblem> notes;

    Manifest(String name, List<ManifestRow> rows, List<ManifestProblem> problems, Set<String> rejected,
            List<ManifestProblem> notes) {
        this.name = name;
        rows.forEach(row -> this.rows.putIfAbsent(row.file(), row));
        this.problems = List.copyOf(problems);
        this.rejected = Set.copyOf(rejected);
        this.notes = List.copyOf(notes);
    }

    /** No manifest: every file gets the defaults. */
    public static Manifest none() {
        return NONE;
    }

    /** The manifest's file name, as given; empty for {@link #none()}. */
    public String name() {
        return name;
    }

    /** The good rows, in manifest order. */
    public List<ManifestRow> rows() {
        return List.copyOf(rows.values());
    }

    /** Problems of bad rows and unknown columns, in manifest order. */
    public List<ManifestProblem> problems() {
        return problems;
    }

    /** The good row describing a path of the import. */
    public Optional<ManifestRow> row(String path) {
        return Optional.ofNullable(rows.get(path));
    }

    /** Whether the row describing this path was bad: the file is not imported (its problem says why). */
    public boolean rejected(String path) {
        return rejected.contains(path) && !rows.containsKey(path);
    }

    /**
     * The rows that fail without a file of the import to count them: a bad row whose file is not among {@code paths}
     * (or that names no usable file), a row repeating another row's file, and a good row whose file is not there
     * ({@link #rowsWithoutFile}). One problem each. A bad row whose file is there is not among them: that file fails
     * when its turn comes, and the row's problem is its reason. Problems of the header (an unknown column) fail no row.
     */
    public List<ManifestProblem> rowsFailingWithoutAFile(Collection<String> paths) {
        Set<String> present = new HashSet<>(paths);
        List<ManifestProblem> failing = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (ManifestProblem problem : problems) {
            if (notes.contains(problem)) {
                continue;
            }
            // the first bad row of a file that is there: the file's failure counts it
            boolean countedByItsFile = problem.file() != null && present.contains(problem.file())
                    && rejected(problem.file()) && claimed.add(problem.file());
            if (!countedByItsFile) {
                failing.add(problem);
            }
        }
        failing.addAll(rowsWithoutFile(paths));
        return failing;
    }

    /** A problem for every good row whose file is not among {@code paths} (the import's files). */
    public List<ManifestProblem> rowsWithoutFile(Collection<String> paths) {
        Set<String> present = new HashSet<>(paths);
        List<ManifestProblem> missing = new ArrayList<>();
        for (ManifestRow row : rows.values()) {
            if (!present.contains(row.file())) {
                missing.add(new ManifestProblem(row.line(), row.file(), "file: no such file in the import"));
            }
        }
        return missing;
    }
}
