package dev.baton.webapp.content.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportSourceTest {

    @TempDir
    Path dir;

    private Path temp;

    @BeforeEach
    void tempFolder() throws IOException {
        temp = Files.createDirectory(dir.resolve("tmp"));
    }

    /** What a visitor was handed, in order: each file's content, each refusal's reason. */
    private static class Recorder implements ImportSource.Visitor {
        final List<String> calls = new ArrayList<>();
        final Map<String, String> files = new LinkedHashMap<>();
        final Map<String, String> refused = new LinkedHashMap<>();

        @Override
        public void file(String path, Path file, long size) throws IOException {
            calls.add(path);
            assertThat(Files.size(file)).isEqualTo(size);
            files.put(path, Files.readString(file));
        }

        @Override
        public void refused(String path, String reason) {
            calls.add(path);
            refused.put(path, reason);
        }
    }

    private Path zip(String... namesAndContents) throws IOException {
        Path zip = Files.createTempFile(dir, "import", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private Recorder walk(Path source, ImportSource.Limits limits) throws IOException {
        Recorder recorder = new Recorder();
        try (ImportSource opened = ImportSource.open(source, temp, limits)) {
            opened.forEach(recorder);
            assertThat(recorder.calls).hasSize(opened.count());
        }
        return recorder;
    }

    private Recorder walk(Path source) throws IOException {
        return walk(source, ImportSource.Limits.DEFAULT);
    }

    @Test
    void aZipIsWalkedInPathOrderSkippingFoldersHiddenFilesAndTheManifest() throws IOException {
        Path zip = zip("b.pdf", "B", "sub/", "", "sub/c.pdf", "C", "__MACOSX/._b.pdf", "junk", ".DS_Store", "junk",
                "sub/.hidden/x.pdf", "junk", "sub/Thumbs.db", "junk", "manifest.csv", "file\nb.pdf\n", "a.pdf", "A");

        Recorder seen = walk(zip);

        assertThat(seen.calls).containsExactly("a.pdf", "b.pdf", "sub/c.pdf");
        assertThat(seen.files).containsEntry("a.pdf", "A").containsEntry("sub/c.pdf", "C");
        try (ImportSource source = ImportSource.open(zip, temp)) {
            assertThat(source.manifestName()).contains("manifest.csv");
            assertThat(source.manifest().row("b.pdf")).isPresent();
            assertThat(source.paths()).containsExactly("a.pdf", "b.pdf", "sub/c.pdf");
        }
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aFolderIsWalkedTheSameWayAndItsFilesAreHandedOverInPlace() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("collateral"));
        Files.writeString(Files.createDirectories(folder.resolve("sub")).resolve("c.pdf"), "C");
        Files.writeString(folder.resolve("b.pdf"), "B");
        Files.writeString(folder.resolve("a.pdf"), "A");
        Files.writeString(folder.resolve(".DS_Store"), "junk");
        Files.writeString(Files.createDirectories(folder.resolve(".git")).resolve("config"), "junk");
        Files.writeString(folder.resolve("manifest.json"), "[]");

        Recorder seen = walk(folder);

        assertThat(seen.calls).containsExactly("a.pdf", "b.pdf", "sub/c.pdf");
        assertThat(seen.files).containsEntry("b.pdf", "B");
        try (ImportSource source = ImportSource.open(folder, temp)) {
            assertThat(source.manifestName()).contains("manifest.json");
        }
    }

    @Test
    void linksInAFolderAreFollowedOnlyToFilesInsideIt() throws IOException {
        Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
        Path folder = Files.createDirectory(dir.resolve("collateral"));
        Files.writeString(folder.resolve("a.pdf"), "A");
        Files.createSymbolicLink(folder.resolve("alias.pdf"), folder.resolve("a.pdf"));
        Files.createSymbolicLink(folder.resolve("escape.pdf"), outside);
        Files.createSymbolicLink(folder.resolve("up"), dir);

        Recorder seen = walk(folder);

        assertThat(seen.files).containsEntry("a.pdf", "A").containsEntry("alias.pdf", "A").hasSize(2);
        assertThat(seen.refused).containsOnlyKeys("escape.pdf", "up");
        assertThat(seen.refused.get("escape.pdf")).contains("not followed");
    }

    @Test
    void hostileNamesAreRefusedWithAReasonAndTheRestIsImported() throws IOException {
        String longName = "x".repeat(2000) + ".pdf";
        Path zip = zip("../evil.pdf", "evil", "..\\evil.pdf", "evil", "docs/../../evil.pdf", "evil",
                "/etc/passwd", "evil", "C:\\Windows\\evil.pdf", "evil", "nul\u0000.pdf", "evil", longName, "evil",
                "good.pdf", "good");

        Recorder seen = walk(zip);

        assertThat(seen.files).containsOnlyKeys("good.pdf");
        // entries marked as made on DOS/Windows (java.util.zip marks them so) read a backslash as a separator
        assertThat(seen.calls).hasSize(8).filteredOn(path -> path.matches("\\.\\.[/\\\\]evil\\.pdf")).hasSize(2);
        assertThat(seen.refused).containsEntry("../evil.pdf", "the name climbs out of its folder with '..'")
                .containsEntry("docs/../../evil.pdf", "the name climbs out of its folder with '..'")
                .containsEntry("/etc/passwd", "the name is an absolute path; only paths inside the import are "
                        + "accepted")
                .containsEntry("nul\\u0000.pdf", "the name contains a NUL character")
                .containsEntry("x".repeat(119) + "…", "the name is longer than 1024 bytes");
        assertThat(seen.refused).hasEntrySatisfying(seen.refused.containsKey("C:/Windows/evil.pdf")
                ? "C:/Windows/evil.pdf" : "C:\\Windows\\evil.pdf",
                reason -> assertThat(reason).startsWith("the name is an absolute path"));
        assertThat(dir.resolve("evil.pdf")).doesNotExist();
        assertThat(dir.getParent().resolve("evil.pdf")).doesNotExist();
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void namesWithBidiMarksAndEmojiArePassedThroughAsTheyAre() throws IOException {
        String rtl = "\u202Efdp.exe";
        String marks = "تقرير\u200F.pdf";
        String emoji = "launch 🚀🎉/deck 👍.pdf";
        Path zip = zip(rtl, "1", marks, "2", emoji, "3");

        Recorder seen = walk(zip);

        assertThat(seen.refused).isEmpty();
        assertThat(seen.files).containsOnlyKeys(rtl, marks, emoji);
    }

    @Test
    void aZipBombIsRefusedWithoutWritingItOut() throws IOException {
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("bomb.pdf"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
            out.closeEntry();
            out.putNextEntry(new ZipEntry("fine.pdf"));
            out.write("fine".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(1024 * 1024);
        long[] largestTemp = {0};
        Recorder seen = new Recorder() {
            @Override
            public void refused(String path, String reason) {
                super.refused(path, reason);
                largestTemp[0] = Math.max(largestTemp[0], bytesIn(temp));
            }
        };

        try (ImportSource source = ImportSource.open(zip, temp)) {
            source.forEach(seen);
        }

        assertThat(seen.refused).containsOnlyKeys("bomb.pdf");
        assertThat(seen.refused.get("bomb.pdf")).contains("looks like a zip bomb");
        assertThat(seen.files).containsOnlyKeys("fine.pdf");
        assertThat(largestTemp[0]).isLessThan(2 * 1024 * 1024);
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aFileIsMeasuredByTheBytesItHoldsNotTheSizeItsEntryClaims() throws IOException {
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        Path zip = dir.resolve("liar.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("liar.pdf"));
            out.write(random);
            out.closeEntry();
        }
        claimUncompressedSize(zip, 10);

        Recorder seen = walk(zip, new ImportSource.Limits(100, 1000, 1L << 30));

        assertThat(seen.refused).containsEntry("liar.pdf", "larger than the limit of 1000 bytes per file; not imported");
    }

    @Test
    void filesPastTheTotalLimitAreRefusedAndTheOnesBeforeImported() throws IOException {
        String kilobyte = "k".repeat(1024);
        Path zip = zip("a.pdf", kilobyte, "b.pdf", kilobyte, "c.pdf", kilobyte, "d.pdf", "small");

        Recorder seen = walk(zip, new ImportSource.Limits(100, 1L << 20, 2500));

        assertThat(seen.files).containsOnlyKeys("a.pdf", "b.pdf");
        assertThat(seen.refused).containsOnlyKeys("c.pdf", "d.pdf");
        assertThat(seen.refused.get("d.pdf")).contains("the import expands to more than 2.4 KiB");
    }

    @Test
    void anImportWithMoreEntriesThanTheLimitIsRefusedBeforeAnythingIsRead() throws IOException {
        Path zip = zip("1.pdf", "1", "2.pdf", "2", "3.pdf", "3", "4.pdf", "4");
        Path folder = Files.createDirectory(dir.resolve("many"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(folder.resolve(i + ".pdf"), "x");
        }
        ImportSource.Limits three = new ImportSource.Limits(3, 1L << 20, 1L << 30);

        assertThatThrownBy(() -> ImportSource.open(zip, temp, three))
                .isInstanceOf(InvalidImportException.class)
                .hasMessage("The import holds more than 3 entries; import at most 3 files at a time");
        assertThatThrownBy(() -> ImportSource.open(folder, temp, three))
                .isInstanceOf(InvalidImportException.class);
    }

    @Test
    void aFileThatIsNotAZipIsRefusedAsAWhole() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip at all");

        assertThatThrownBy(() -> ImportSource.open(text, temp))
                .isInstanceOf(InvalidImportException.class)
                .hasMessage("The file is not a ZIP archive");
    }

    @Test
    void twoManifestsAtTheRootAreRefused() throws IOException {
        Path zip = zip("manifest.csv", "file\n", "manifest.json", "[]", "a.pdf", "A");

        assertThatThrownBy(() -> ImportSource.open(zip, temp))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("both manifest.csv and manifest.json");
    }

    private static long bytesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rewrites the uncompressed size every central-directory record of {@code zip} declares. */
    private static void claimUncompressedSize(Path zip, int size) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 <= bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50) {
                buffer.putInt(i + 24, size);
            }
        }
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(bytes);
        }
    }
}
