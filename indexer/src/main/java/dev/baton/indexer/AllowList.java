package dev.baton.indexer;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The media types the library accepts. An entry is a media type ({@code application/pdf}) or a whole family
 * ({@code video/*}). {@link #check(Detection)} says whether a detected file is accepted, and if not, why, in a sentence
 * a person understands.
 */
public final class AllowList {

    /**
     * What the library accepts by default: PDF; Word, PowerPoint and Excel, old and new; OpenDocument text,
     * spreadsheets and presentations; HTML; plain text and Markdown; PNG, JPEG, GIF and SVG images; any video.
     */
    public static final Set<String> DEFAULT_MEDIA_TYPES = Set.of(
            MediaTypeNames.PDF,
            MediaTypeNames.PPTX,
            MediaTypeNames.PPT,
            MediaTypeNames.DOCX,
            MediaTypeNames.DOC,
            MediaTypeNames.XLSX,
            MediaTypeNames.XLS,
            MediaTypeNames.ODT,
            MediaTypeNames.ODS,
            MediaTypeNames.ODP,
            MediaTypeNames.HTML,
            MediaTypeNames.XHTML,
            MediaTypeNames.TEXT,
            MediaTypeNames.MARKDOWN,
            MediaTypeNames.PNG,
            MediaTypeNames.JPEG,
            MediaTypeNames.GIF,
            MediaTypeNames.SVG,
            MediaTypeNames.MP4,
            MediaTypeNames.QUICKTIME,
            MediaTypeNames.WEBM,
            "video/*");

    private final Set<String> mediaTypes;

    private AllowList(Set<String> mediaTypes) {
        this.mediaTypes = mediaTypes;
    }

    /** The default allow-list: {@link #DEFAULT_MEDIA_TYPES}. */
    public static AllowList defaults() {
        return of(DEFAULT_MEDIA_TYPES);
    }

    /**
     * An allow-list of the given entries: media types ({@code image/png}) or families ({@code video/*}), in any case.
     *
     * @throws IllegalArgumentException when an entry is not of the form {@code type/subtype} or {@code type/*}
     */
    public static AllowList of(Collection<String> mediaTypes) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String entry : mediaTypes) {
            String type = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            if (!type.matches("[a-z0-9][a-z0-9!#$&^_.+-]*/([a-z0-9][a-z0-9!#$&^_.+-]*|\\*)")) {
                throw new IllegalArgumentException(
                        "An allow-list entry must be a media type like image/png or a family like video/*, was '"
                                + entry + "'");
            }
            normalized.add(type);
        }
        return new AllowList(Set.copyOf(normalized));
    }

    /** The entries, lower case. */
    public Set<String> mediaTypes() {
        return mediaTypes;
    }

    /** Whether a media type (parameters are ignored) is on the list, itself or through its family. */
    public boolean allows(String mediaType) {
        String base = MediaTypeNames.baseType(mediaType);
        int slash = base.indexOf('/');
        return mediaTypes.contains(base) || (slash > 0 && mediaTypes.contains(base.substring(0, slash) + "/*"));
    }

    /**
     * Whether the library accepts a detected file. A file is refused when the detection found a reason to (a name that
     * lies about the content, an empty file, two formats in one), or when its type is not on the list.
     */
    public Verdict check(Detection detection) {
        if (detection.reason() != null) {
            return Verdict.refused(detection.reason());
        }
        if (!allows(detection.mediaType())) {
            return Verdict.refused("The file is " + MediaTypeNames.withArticle(detection.label()) + " ("
                    + detection.mediaType() + "), which the library does not accept");
        }
        return Verdict.ACCEPTED;
    }

    @Override
    public String toString() {
        return "AllowList" + mediaTypes;
    }

    /**
     * The outcome of {@link #check(Detection)}.
     *
     * @param accepted whether the library takes the file
     * @param message why it does not, in a sentence for the person who uploaded it; {@code null} when accepted
     */
    public record Verdict(boolean accepted, String message) {

        static final Verdict ACCEPTED = new Verdict(true, null);

        static Verdict refused(String message) {
            return new Verdict(false, message);
        }
    }
}
