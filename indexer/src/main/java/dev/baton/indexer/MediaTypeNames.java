package dev.baton.indexer;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/** Names of media types in words a person understands, with the article they take in a sentence. */
final class MediaTypeNames {

    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String DOC = "application/msword";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String PPT = "application/vnd.ms-powerpoint";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String XLS = "application/vnd.ms-excel";
    static final String ODT = "application/vnd.oasis.opendocument.text";
    static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    static final String ODP = "application/vnd.oasis.opendocument.presentation";
    static final String HTML = "text/html";
    static final String XHTML = "application/xhtml+xml";
    static final String TEXT = "text/plain";
    static final String MARKDOWN = "text/markdown";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";
    static final String GIF = "image/gif";
    static final String SVG = "image/svg+xml";
    static final String MP4 = "video/mp4";
    static final String QUICKTIME = "video/quicktime";
    static final String WEBM = "video/webm";
    static final String OCTET_STREAM = "application/octet-stream";
    static final String OOXML_CONTAINER = "application/x-tika-ooxml";
    static final String OLE2_CONTAINER = "application/x-tika-msoffice";

    /** Tika's names for Markdown; detection reports {@link #MARKDOWN}. */
    static final Set<String> MARKDOWN_ALIASES = Set.of(MARKDOWN, "text/x-web-markdown", "text/x-markdown");

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(PDF, "PDF document"),
            Map.entry(DOCX, "Word document"),
            Map.entry(DOC, "Word 97-2003 document"),
            Map.entry(PPTX, "PowerPoint presentation"),
            Map.entry(PPT, "PowerPoint 97-2003 presentation"),
            Map.entry(XLSX, "Excel workbook"),
            Map.entry(XLS, "Excel 97-2003 workbook"),
            Map.entry("application/vnd.ms-word.document.macroenabled.12", "macro-enabled Word document"),
            Map.entry("application/vnd.ms-excel.sheet.macroenabled.12", "macro-enabled Excel workbook"),
            Map.entry("application/vnd.ms-powerpoint.presentation.macroenabled.12",
                    "macro-enabled PowerPoint presentation"),
            Map.entry(ODT, "OpenDocument text document"),
            Map.entry(ODS, "OpenDocument spreadsheet"),
            Map.entry(ODP, "OpenDocument presentation"),
            Map.entry(HTML, "HTML page"),
            Map.entry(XHTML, "XHTML page"),
            Map.entry(TEXT, "plain text"),
            Map.entry(MARKDOWN, "Markdown text"),
            Map.entry(PNG, "PNG image"),
            Map.entry(JPEG, "JPEG image"),
            Map.entry(GIF, "GIF image"),
            Map.entry(SVG, "SVG image"),
            Map.entry(MP4, "MP4 video"),
            Map.entry(QUICKTIME, "QuickTime video"),
            Map.entry(WEBM, "WebM video"),
            Map.entry("video/x-matroska", "Matroska video"),
            Map.entry("video/x-msvideo", "AVI video"),
            Map.entry("application/x-matroska", "Matroska media file"),
            Map.entry("application/zip", "ZIP archive"),
            Map.entry("application/x-7z-compressed", "7-Zip archive"),
            Map.entry("application/x-rar-compressed", "RAR archive"),
            Map.entry("application/gzip", "gzip archive"),
            Map.entry("application/x-tar", "tar archive"),
            Map.entry("application/java-archive", "Java archive"),
            Map.entry("application/x-msdownload", "Windows program"),
            Map.entry("application/x-dosexec", "Windows program"),
            Map.entry("application/x-elf", "Linux program"),
            Map.entry("application/x-executable", "Linux program"),
            Map.entry("application/x-sharedlib", "Linux library"),
            Map.entry("application/x-mach-o-executable", "macOS program"),
            Map.entry("application/x-sh", "shell script"),
            Map.entry("text/javascript", "JavaScript program"),
            Map.entry("application/javascript", "JavaScript program"),
            Map.entry("application/xml", "XML document"),
            Map.entry("application/json", "JSON document"),
            Map.entry("application/rtf", "RTF document"),
            Map.entry("application/epub+zip", "EPUB e-book"),
            Map.entry(OOXML_CONTAINER, "Office Open XML document"),
            Map.entry(OLE2_CONTAINER, "Microsoft Office 97-2003 file"),
            Map.entry(OCTET_STREAM, "unrecognised binary content"));

    /** Labels that read as a mass noun ("plain text"), not as one thing ("a PDF document"). */
    private static final Set<String> WITHOUT_ARTICLE = Set.of("plain text", "Markdown text", "unrecognised binary content");

    /** Initial letters of an initialism that is read with a vowel sound: "an HTML page", "an MP4 video". */
    private static final String VOWEL_SOUNDING_INITIALS = "AEFHILMNORSX";

    private MediaTypeNames() {}

    /** The label of a media type (no parameters, lower case): a known name, Tika's description, or the type. */
    static String label(String mediaType) {
        String known = LABELS.get(mediaType);
        if (known != null) {
            return known;
        }
        String family = mediaType.substring(0, Math.max(0, mediaType.indexOf('/')));
        String description = description(mediaType);
        if (!description.isEmpty()) {
            return description;
        }
        return switch (family) {
            case "video" -> "video";
            case "audio" -> "audio recording";
            case "image" -> "image";
            case "text" -> "text file";
            default -> "file of an unknown kind";
        };
    }

    /** The label with the article it takes in "The file is ...": "a ZIP archive", "an HTML page", "plain text". */
    static String withArticle(String label) {
        if (WITHOUT_ARTICLE.contains(label)) {
            return label;
        }
        return article(label) + " " + label;
    }

    private static String article(String label) {
        String firstWord = label.split("[ -]", 2)[0];
        boolean initialism = firstWord.length() > 1 && firstWord.chars().allMatch(
                c -> Character.isUpperCase(c) || Character.isDigit(c));
        char first = label.charAt(0);
        if (initialism) {
            return VOWEL_SOUNDING_INITIALS.indexOf(first) >= 0 ? "an" : "a";
        }
        return "aeiouAEIOU".indexOf(first) >= 0 ? "an" : "a";
    }

    private static String description(String mediaType) {
        try {
            MimeType type = MimeTypes.getDefaultMimeTypes().forName(mediaType);
            String description = type.getDescription();
            if (description == null) {
                return "";
            }
            // "DOS/Windows executable (EXE)" -> "DOS/Windows executable": the media type follows in parentheses
            return description.replaceAll("\\s*\\([^)]*\\)\\s*$", "").strip();
        } catch (MimeTypeException e) {
            return "";
        }
    }

    /** The media type without parameters, in lower case: {@code application/x-msdownload; format=pe} -> ... */
    static String baseType(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        String base = semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
        return base.strip().toLowerCase(Locale.ROOT);
    }
}
