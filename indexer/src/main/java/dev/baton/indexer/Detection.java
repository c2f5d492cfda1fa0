package dev.baton.indexer;

/**
 * What {@link TypeDetector} found in a file's bytes, compared with the name the user gave it.
 *
 * @param mediaType the media type the bytes show, without parameters (e.g. {@code application/pdf}); for plain text
 *     whose name says Markdown it is {@code text/markdown}, and for an Office container whose exact kind lies past the
 *     bytes read it is the kind the name says, since the bytes agree with it as far as they go
 * @param label what the media type is, in words a person understands (e.g. "PDF document", "ZIP archive")
 * @param nameMatches whether the file name's extension agrees with the content; a name without an extension, or with
 *     one that names no known type, agrees with anything
 * @param reason why the file must be refused whatever the allow-list says (a name that lies about the content, an
 *     empty file, a file that is two formats at once), as a sentence for a person; {@code null} when there is none
 */
public record Detection(String mediaType, String label, boolean nameMatches, String reason) {

    public Detection {
        if (mediaType == null || mediaType.isBlank()) {
            throw new IllegalArgumentException("mediaType is required");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label is required");
        }
    }
}
