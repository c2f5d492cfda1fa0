package dev.baton.webapp.content.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * The files of a bulk import, from a ZIP or a folder, in path order, each handed over as a file on disk.
 *
 * <p>Skipped silently: folders, hidden files and folders ({@code .DS_Store}, {@code .git/}), {@code __MACOSX/},
 * {@code Thumbs.db}, {@code desktop.ini}, and the manifest at the root. Refused (reported to the visitor, the rest
 * goes on): names that are absolute, climb out with {@code ..} (either separator), hold a NUL or are longer than
 * 1024 bytes; links; encrypted entries; a file over the per-file limit; entries that expand more than 100 times
 * (zip bombs); everything after the total limit is reached. Names with bidi marks, emoji or other characters are
 * passed through as they are: a name is only a key to match a manifest row and a name to show, never a path to
 * write to. Entries are extracted to generated names in the temporary folder, counting the bytes actually
 * inflated, not what the ZIP declares. Links in a folder are followed only to regular files inside it.
 */
public final class ImportSource implements Closeable {

    /** Expansion ratio over which an entry larger than {@link #BOMB_MIN_BYTES} is taken for a zip bomb. */
    static final int BOMB_RATIO = 100;
    static final long BOMB_MIN_BYTES = 1024 * 1024;
    private static final Set<String> MANIFESTS = Set.of("manifest.csv", "manifest.json");

    /**
     * How much one import may hold.
     *
     * @param maxEntries entries of a ZIP or files under a folder, skipped ones included
     * @param maxFileBytes bytes of one file
     * @param maxTotalBytes bytes of all files together
     */
    public record Limits(int maxEntries, long maxFileBytes, long maxTotalBytes) {
        public static final Limits DEFAULT = new Limits(10_000, 2L << 30, 20L << 30);
    }

    /** Receives the files of an import in path order; {@link #count()} calls in all. */
    public interface Visitor {

        /**
         * One file. For a ZIP, {@code file} is a temporary copy deleted when this method returns; for a folder it is
         * the file itself, which must not be changed.
         *
         * @param path the file's path inside the import, {@code /}-separated
         * @param size its length in bytes
         */
        void file(String path, Path file, long size) throws IOException;

        /**
         * An entry that is not imported, and why.
         *
         * @param path its name, with control and bidi characters escaped and cut to 120 characters
         */
        void refused(String path, String reason) throws IOException;
    }

    private record Item(String path, ZipArchiveEntry entry, Path file, String refusal) {}

    private final ZipFile zip;
    private final Path root;
    private final Path tempDir;
    private final Limits limits;
    private final List<Item> items = new ArrayList<>();
    private final List<String> manifests = new ArrayList<>();

    private ImportSource(ZipFile zip, Path root, Path tempDir, Limits limits) {
        this.zip = zip;
        this.root = root;
        this.tempDir = tempDir;
        this.limits = limits;
    }

    /** Opens a ZIP file or a folder with the {@link Limits#DEFAULT default limits}. */
    public static ImportSource open(Path source, Path tempDir) throws IOException {
        return open(source, tempDir, Limits.DEFAULT);
    }

    /**
     * Opens a ZIP file or a folder and lists what it holds.
     *
     * @param tempDir where a ZIP's entries are extracted, one at a time, under generated names
     * @throws InvalidImportException when it is not a ZIP, holds too many entries, or has two root manifests
     */
    public static ImportSource open(Path source, Path tempDir, Limits limits) throws IOException {
        ImportSource opened;
        if (Files.isDirectory(source)) {
            opened = new ImportSource(null, source.toRealPath(), tempDir, limits);
            opened.listFolder();
        } else {
            if (ZipDirectory.countEntries(source, limits.maxEntries()) > limits.maxEntries()) {
                throw tooMany(limits);
            }
            ZipFile zip;
            try {
                zip = ZipFile.builder().setPath(source).setCharset(StandardCharsets.UTF_8)
                        .setUseUnicodeExtraFields(true).setIgnoreLocalFileHeader(true).get();
            } catch (IOException e) {
                throw new InvalidImportException("The ZIP archive cannot be read: " + e.getMessage());
            }
            opened = new ImportSource(zip, null, tempDir, limits);
            try {
                opened.listZip();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }
        if (opened.manifests.size() > 1) {
            opened.close();
            throw new InvalidImportException("The import has both manifest.csv and manifest.json at its root; "
                    + "keep one");
        }
        opened.items.sort(Comparator.comparing(Item::path));
        return opened;
    }

    /** How many calls {@link #forEach} makes: files and refused entries (skipped ones are not counted). */
    public int count() {
        return items.size();
    }

    /** The paths of the files to import (refused names not included), sorted. */
    public List<String> paths() {
        return items.stream().filter(item -> item.refusal() == null).map(Item::path).toList();
    }

    /** The name of the manifest at the import's root ({@code manifest.csv} or {@code manifest.json}), if any. */
    public Optional<String> manifestName() {
        return manifests.stream().findFirst();
    }

    /** The manifest at the import's root, parsed; {@link Manifest#none()} when there is none. */
    public Manifest manifest() throws IOException {
        Optional<String> name = manifestName();
        if (name.isEmpty()) {
            return Manifest.none();
        }
        if (zip == null) {
            return ManifestParser.parse(root.resolve(name.get()));
        }
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            if (!entry.isDirectory() && name.get().equals(entry.getName())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    return ManifestParser.parse(in, name.get());
                }
            }
        }
        return Manifest.none();
    }

    /** Hands every file and every refused entry to the visitor, in path order. */
    public void forEach(Visitor visitor) throws IOException {
        long total = 0;
        String overTotal = null;
        for (Item item : items) {
            if (item.refusal() != null) {
                visitor.refused(item.path(), item.refusal());
            } else if (overTotal != null) {
                visitor.refused(item.path(), overTotal);
            } else if (zip == null) {
                long size = Files.size(item.file());
                if (size > limits.maxFileBytes()) {
                    visitor.refused(item.path(), tooBig(limits.maxFileBytes()));
                } else if (total + size > limits.maxTotalBytes()) {
                    overTotal = overTotal(limits.maxTotalBytes());
                    visitor.refused(item.path(), overTotal);
                } else {
                    total += size;
                    visitor.file(item.path(), item.file(), size);
                }
            } else {
                Path temp = Files.createTempFile(tempDir, "import-", ".part");
                try {
                    Extracted extracted = extract(item.entry(), temp, limits.maxTotalBytes() - total);
                    if (extracted.overTotal()) {
                        overTotal = extracted.refusal();
                    }
                    if (extracted.refusal() != null) {
                        visitor.refused(item.path(), extracted.refusal());
                    } else {
                        total += extracted.size();
                        visitor.file(item.path(), temp, extracted.size());
                    }
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------- ZIP

    private void listZip() {
        Set<String> seen = new HashSet<>();
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            String raw = entry.getName();
            if (entry.isDirectory() && EntryNames.refusal(raw) == null) {
                continue;
            }
            String refusal = EntryNames.refusal(raw);
            if (refusal != null) {
                if (!entry.isDirectory()) {
                    items.add(new Item(EntryNames.printable(raw), null, null, refusal));
                }
                continue;
            }
            String path = EntryNames.normalize(raw);
            if (isRootManifest(path)) {
                manifests.add(raw);
                continue;
            }
            if (EntryNames.ignored(path)) {
                continue;
            }
            if (!seen.add(path)) {
                refusal = "the ZIP holds this name more than once; the first one is imported";
            } else if (entry.isUnixSymlink()) {
                refusal = "a link; links are not imported";
            } else if (entry.getGeneralPurposeBit().usesEncryption()) {
                refusal = "encrypted; Baton cannot read encrypted files";
            } else if (!zip.canReadEntryData(entry)) {
                refusal = "compressed with a method Baton cannot read (ZIP method " + entry.getMethod() + ")";
            }
            items.add(new Item(refusal == null ? path : EntryNames.printable(path), entry, null, refusal));
        }
    }

    private record Extracted(long size, String refusal, boolean overTotal) {}

    /** Copies an entry to {@code target}, stopping as soon as it breaks a limit. Nothing is written past one. */
    private Extracted extract(ZipArchiveEntry entry, Path target, long totalLeft) throws IOException {
        long written = 0;
        try (InputStream in = open(entry); OutputStream out = Files.newOutputStream(target)) {
            InputStreamStatistics statistics = in instanceof InputStreamStatistics s ? s : null;
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException | RuntimeException e) {
                    return new Extracted(0, "cannot be read from the ZIP: " + e.getMessage(), false);
                }
                if (n < 0) {
                    return new Extracted(written, null, false);
                }
                written += n;
                if (written > limits.maxFileBytes()) {
                    return new Extracted(0, tooBig(limits.maxFileBytes()), false);
                }
                if (written > totalLeft) {
                    return new Extracted(0, overTotal(limits.maxTotalBytes()), true);
                }
                long compressed = statistics != null ? statistics.getCompressedCount() : entry.getCompressedSize();
                if (written > BOMB_MIN_BYTES && written > BOMB_RATIO * Math.max(compressed, 1)) {
                    return new Extracted(0, "looks like a zip bomb: it expands more than " + BOMB_RATIO
                            + " times; not imported", false);
                }
                out.write(buffer, 0, n);
            }
        } catch (UnreadableEntry e) {
            return new Extracted(0, "cannot be read from the ZIP: " + e.getMessage(), false);
        }
    }

    private InputStream open(ZipArchiveEntry entry) throws UnreadableEntry {
        try {
            return zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEntry(e.getMessage());
        }
    }

    /** An entry whose data cannot be opened: a problem of that entry, not of the import. */
    private static final class UnreadableEntry extends IOException {
        UnreadableEntry(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------------------------------------- folder

    private void listFolder() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String raw = relative(dir);
                return EntryNames.refusal(raw) != null || EntryNames.ignored(EntryNames.normalize(raw))
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String raw = relative(file);
                String refusal = EntryNames.refusal(raw);
                String path = refusal == null ? EntryNames.normalize(raw) : EntryNames.printable(raw);
                if (refusal == null && isRootManifest(path)) {
                    manifests.add(raw);
                    return FileVisitResult.CONTINUE;
                }
                if (refusal == null && EntryNames.ignored(path)) {
                    return FileVisitResult.CONTINUE;
                }
                Path target = file;
                if (refusal == null && attrs.isSymbolicLink()) {
                    target = linkTarget(file);
                    if (target == null) {
                        refusal = "a link to a folder, to outside the imported folder or to nothing; not followed";
                    }
                } else if (refusal == null && !attrs.isRegularFile()) {
                    refusal = "not a regular file";
                }
                items.add(new Item(path, null, refusal == null ? target : null, refusal));
                return items.size() > limits.maxEntries() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                items.add(new Item(EntryNames.printable(relative(file)), null, null, "cannot be read: " + e));
                return FileVisitResult.CONTINUE;
            }
        });
        if (items.size() > limits.maxEntries()) {
            throw tooMany(limits);
        }
    }

    /** The regular file a link points to, when it lies inside the imported folder; otherwise null. */
    private Path linkTarget(Path link) {
        try {
            Path target = link.toRealPath();
            return target.startsWith(root) && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? target : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String relative(Path file) {
        List<String> names = new ArrayList<>();
        root.relativize(file).forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }

    // ------------------------------------------------------------------------------------------------- shared

    private static boolean isRootManifest(String path) {
        return MANIFESTS.contains(path.toLowerCase(Locale.ROOT));
    }

    private static InvalidImportException tooMany(Limits limits) {
        return new InvalidImportException("The import holds more than " + limits.maxEntries()
                + " entries; import at most " + limits.maxEntries() + " files at a time");
    }

    private static String tooBig(long max) {
        return "larger than the limit of " + bytes(max) + " per file; not imported";
    }

    private static String overTotal(long max) {
        return "the import expands to more than " + bytes(max) + "; this file and the ones after it were not "
                + "imported";
    }

    /** {@code n} bytes for people: {@code 2 GiB}, {@code 1.5 MiB}, {@code 12.0 KiB}, {@code 800 bytes}. */
    public static String bytes(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return n >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0) : n + " bytes";
    }
}
