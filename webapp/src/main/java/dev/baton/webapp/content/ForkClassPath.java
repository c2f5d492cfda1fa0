package dev.baton.webapp.content;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class path of the forked text parser. From plain jars (tests, an IDE) the parser uses this JVM's own class path.
 * From the Spring Boot jar, whose nested jars a plain JVM cannot load, the nested jars are unpacked once into a
 * directory named after the jar's size and time, under the data directory, and the parser uses those.
 */
final class ForkClassPath {

    private static final String NESTED_LIBS = "BOOT-INF/lib/";
    private static final String COMPLETE = ".complete";

    private ForkClassPath() {}

    /** {@code null} when this JVM's class path serves; otherwise the unpacked jars, joined with the path separator. */
    static String resolve(Path runtimeDirectory) throws IOException {
        String own = System.getProperty("java.class.path", "");
        if (own.contains(File.pathSeparator) || !own.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(own).toAbsolutePath();
        try (JarFile bootJar = new JarFile(jar.toFile())) {
            if (bootJar.getEntry(NESTED_LIBS) == null && bootJar.stream().noneMatch(ForkClassPath::nestedJar)) {
                return null;
            }
            Path target = runtimeDirectory.resolve("parser-lib-" + Files.size(jar) + "-"
                    + Files.getLastModifiedTime(jar).toMillis());
            List<String> paths = new ArrayList<>();
            boolean complete = Files.exists(target.resolve(COMPLETE));
            Files.createDirectories(target);
            Enumeration<JarEntry> entries = bootJar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!nestedJar(entry)) {
                    continue;
                }
                // the name is the jar's own file name inside our own archive, never user input
                Path out = target.resolve(entry.getName().substring(NESTED_LIBS.length()));
                if (!complete) {
                    try (InputStream in = bootJar.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                paths.add(out.toString());
            }
            if (!complete) {
                Files.createFile(target.resolve(COMPLETE));
                removeOlder(runtimeDirectory, target);
            }
            return String.join(File.pathSeparator, paths);
        }
    }

    /** Jars unpacked for an earlier build of Baton are of no more use. */
    private static void removeOlder(Path runtimeDirectory, Path current) throws IOException {
        try (var dirs = Files.newDirectoryStream(runtimeDirectory, "parser-lib-*")) {
            for (Path dir : dirs) {
                if (!dir.equals(current)) {
                    org.springframework.util.FileSystemUtils.deleteRecursively(dir);
                }
            }
        }
    }

    private static boolean nestedJar(JarEntry entry) {
        String name = entry.getName();
        return name.startsWith(NESTED_LIBS) && name.endsWith(".jar") && name.indexOf('/', NESTED_LIBS.length()) < 0;
    }
}
