package dev.baton.indexer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Detects a file's media type from its bytes and compares it with the name the user gave the file.
 *
 * <p>Only Tika's {@link DefaultDetector} runs here: the magic-byte table plus the container detectors (ZIP, OOXML,
 * OLE2, Matroska). No Tika parser is loaded, because loading them (through {@code new Tika()}, {@code
 * AutoDetectParser} or the default {@code TikaConfig}) switches off POI's zip-bomb guard for the whole JVM. Parsing
 * belongs to {@link Extractor}, in its own process.
 *
 * <p>Detection reads at most {@link #maxPrefixBytes()} bytes, in memory. The name never decides the type; it is only
 * checked against it, with three refinements where the bytes cannot tell and the name is consistent with them: plain
 * text named {@code .md} is Markdown; an Office Open XML or OLE2 container whose exact kind lies past the bytes read
 * takes the kind its name says ({@code .docx}, {@code .xls}, ...); so does a Matroska file named {@code .mkv}.
 *
 * <p>Thread-safe; build one and share it (building loads Tika's type table, about a second).
 */
public final class TypeDetector {

    /** Default number of bytes read: enough for every container's table of contents in files seen in practice. */
    public static final int DEFAULT_MAX_PREFIX_BYTES = 4 * 1024 * 1024;

    /** Tika's ZIP detector falls back to spooling the whole stream beyond 16 MiB: stay below. */
    private static final int LARGEST_PREFIX_BYTES = 16 * 1024 * 1024 - 1;

    /** How far into a file PDF readers look for {@code %PDF-} and browsers for HTML markup. */
    private static final int SNIFF_WINDOW = 1024;

    private static final List<String> HTML_MARKERS =
            List.of("<html", "<script", "<body", "<iframe", "<svg", "<!doctype html");

    private static final Set<String> OLE2_KINDS =
            Set.of(MediaTypeNames.DOC, MediaTypeNames.XLS, MediaTypeNames.PPT);

    private static final String MATROSKA_CONTAINER = "application/x-matroska";
    private static final String MATROSKA_VIDEO = "video/x-matroska";

    /** Content types too general for a name to refine: a ZIP named .docx is no Word document. */
    private static final Set<String> GENERIC_CONTENT = Set.of(
            MediaTypeNames.OCTET_STREAM,
            MediaTypeNames.TEXT,
            MediaTypeNames.OOXML_CONTAINER,
            MediaTypeNames.OLE2_CONTAINER,
            MATROSKA_CONTAINER,
            "application/zip",
            "application/xml",
            "application/gzip",
            "application/x-tar");

    private final Detector detector = new DefaultDetector();
    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();
    private final int maxPrefixBytes;

    /** A detector that reads at most {@link #DEFAULT_MAX_PREFIX_BYTES}. */
    public TypeDetector() {
        this(DEFAULT_MAX_PREFIX_BYTES);
    }

    /** A detector that reads at most {@code maxPrefixBytes} (from 1 KiB to 16 MiB - 1) of each file. */
    public TypeDetector(int maxPrefixBytes) {
        if (maxPrefixBytes < SNIFF_WINDOW || maxPrefixBytes > LARGEST_PREFIX_BYTES) {
            throw new IllegalArgumentException("maxPrefixBytes must be from " + SNIFF_WINDOW + " to "
                    + LARGEST_PREFIX_BYTES + ", was " + maxPrefixBytes);
        }
        this.maxPrefixBytes = maxPrefixBytes;
    }

    /** The most bytes one detection reads. */
    public int maxPrefixBytes() {
        return maxPrefixBytes;
    }

    /**
     * Detects the type of the bytes {@code in} delivers from where it stands.
     *
     * <p>Reads at most {@link #maxPrefixBytes()} bytes. When the stream supports mark and reset (wrap it in a {@code
     * BufferedInputStream}), it is reset afterwards, so the caller can go on and store the whole of it; otherwise the
     * bytes read are consumed. The stream is not closed.
     *
     * @param in the file's bytes
     * @param fileName the name the user gave the file (only its extension is used), or {@code null}
     */
    public Detection detect(InputStream in, String fileName) throws IOException {
        byte[] prefix;
        if (in.markSupported()) {
            in.mark(maxPrefixBytes);
            try {
                prefix = in.readNBytes(maxPrefixBytes);
            } finally {
                in.reset();
            }
        } else {
            prefix = in.readNBytes(maxPrefixBytes);
        }
        return detectPrefix(prefix, fileName);
    }

    /** Detects the type of a file on disk; see {@link #detect(InputStream, String)}. */
    public Detection detect(Path file, String fileName) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return detect(in, fileName);
        }
    }

    private Detection detectPrefix(byte[] prefix, String fileName) throws IOException {
        if (prefix.length == 0) {
            return new Detection(MediaTypeNames.OCTET_STREAM, "empty file", true, "The file is empty");
        }
        String contentType = fromBytes(prefix);
        String extension = extension(fileName);
        String nameType = extension.isEmpty() ? MediaTypeNames.OCTET_STREAM : fromName(extension);

        String mediaType = contentType;
        boolean nameMatches;
        if (nameType.equals(MediaTypeNames.OCTET_STREAM) || nameType.equals(contentType)) {
            nameMatches = true;
        } else if (contentType.equals(MediaTypeNames.TEXT) && isA(nameType, MediaTypeNames.TEXT)) {
            // text whose kind has no signature (.md, .csv, ...), or a .html without any markup: it is text.
            nameMatches = true;
            if (MediaTypeNames.MARKDOWN_ALIASES.contains(nameType)) {
                mediaType = MediaTypeNames.MARKDOWN;
            }
        } else if (contentType.equals(MediaTypeNames.OOXML_CONTAINER)
                && isA(nameType, MediaTypeNames.OOXML_CONTAINER)) {
            nameMatches = true;
            mediaType = nameType;
        } else if (contentType.equals(MediaTypeNames.OLE2_CONTAINER) && OLE2_KINDS.contains(nameType)) {
            nameMatches = true;
            mediaType = nameType;
        } else if (contentType.equals(MATROSKA_CONTAINER) && nameType.equals(MATROSKA_VIDEO)) {
            nameMatches = true;
            mediaType = nameType;
        } else if (!GENERIC_CONTENT.contains(contentType) && isA(nameType, contentType)) {
            // the name is a kind of what the bytes show (.exe for a Windows program): it tells no lie
            nameMatches = true;
        } else {
            // .mov holding MP4 and the like: players take either; both are video
            nameMatches = contentType.startsWith("video/") && nameType.startsWith("video/");
        }

        String label = MediaTypeNames.label(mediaType);
        String reason = null;
        if (!nameMatches) {
            reason = "The name says ." + extension + " but the content is " + MediaTypeNames.withArticle(label)
                    + " (" + mediaType + ")";
        } else {
            reason = polyglot(prefix, mediaType, label);
        }
        return new Detection(mediaType, label, nameMatches, reason);
    }

    /** A file that two kinds of reader each take for their own: refused, whatever its name. */
    private static String polyglot(byte[] prefix, String mediaType, String label) {
        String head = new String(prefix, 0, Math.min(prefix.length, SNIFF_WINDOW), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        String twoFormats = "; files that pass for two formats at once are not accepted";
        if (mediaType.equals(MediaTypeNames.PDF)) {
            for (String marker : HTML_MARKERS) {
                if (head.contains(marker)) {
                    return "The file is a PDF document that also contains HTML markup (" + marker + ">)" + twoFormats;
                }
            }
            return null;
        }
        if (head.contains("%pdf-")) {
            return "The file is " + MediaTypeNames.withArticle(label) + " (" + mediaType
                    + ") that also carries a PDF header" + twoFormats;
        }
        return null;
    }

    private String fromBytes(byte[] prefix) throws IOException {
        try (TikaInputStream stream = TikaInputStream.get(prefix)) {
            return normalize(detector.detect(stream, new Metadata()));
        }
    }

    private String fromName(String extension) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, "file." + extension);
        try {
            return normalize(mimeTypes.detect(null, metadata));
        } catch (IOException e) {
            return MediaTypeNames.OCTET_STREAM;
        }
    }

    private String normalize(MediaType type) {
        String base = MediaTypeNames.baseType(registry.normalize(type.getBaseType()).toString());
        return MediaTypeNames.MARKDOWN_ALIASES.contains(base) ? MediaTypeNames.MARKDOWN : base;
    }

    private boolean isA(String type, String ancestor) {
        return registry.isInstanceOf(
                registry.normalize(MediaType.parse(type)), registry.normalize(MediaType.parse(ancestor)));
    }

    /**
     * The extension of a user-given name, lower case: what follows the last dot of the last path segment, with
     * control and formatting characters (NUL, right-to-left marks) removed; empty when there is none.
     */
    static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        String cleaned = fileName.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip();
        String last = cleaned.substring(Math.max(cleaned.lastIndexOf('/'), cleaned.lastIndexOf('\\')) + 1);
        int dot = last.lastIndexOf('.');
        if (dot < 0 || dot == last.length() - 1) {
            return "";
        }
        String extension = last.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
        return extension.matches("[\\p{L}\\p{N}_+-]{1,16}") ? extension : "";
    }
}
