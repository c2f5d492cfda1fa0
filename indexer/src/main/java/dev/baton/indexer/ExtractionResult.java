package dev.baton.indexer;

/**
 * What {@link Extractor#extract(java.nio.file.Path)} got out of one file.
 *
 * @param status {@code DONE} when the file parsed; {@code FAILED} when it did not (the asset keeps its metadata and
 *     shows "text unavailable" with the reason)
 * @param failureReason why it failed, for a person ("timed out after 60 s", "ran out of memory (...)", "the parser
 *     crashed", "the file is encrypted (password-protected)", ...); {@code null} when {@code DONE}
 * @param text the extracted text, embedded documents included, trimmed and with runs of blank lines shortened; empty
 *     when the file has none; when {@code FAILED}, whatever was extracted before the failure, usually empty
 * @param truncated whether text was left out because of a limit: cut at {@link ExtractionSettings#maxChars()}, or
 *     documents nested deeper than {@link ExtractionSettings#maxEmbeddedDepth()}
 * @param title the document's title from its own metadata, or {@code null}
 * @param author the document's author(s) from its own metadata, joined with "; ", or {@code null}
 * @param pageCount pages, or slides for a presentation, or {@code null} when the format has none or does not say
 * @param language the language of the text as an ISO 639-1 code ({@code en}; ISO 639-3 where there is no two-letter
 *     code), or {@code null} when there is too little text to tell
 * @param contentType the media type the parser saw, with its parameters ({@code text/plain; charset=UTF-8}), or {@code
 *     null} when unknown
 */
public record ExtractionResult(
        Status status,
        String failureReason,
        String text,
        boolean truncated,
        String title,
        String author,
        Integer pageCount,
        String language,
        String contentType) {

    /** Whether text extraction worked. */
    public enum Status {
        DONE,
        FAILED
    }

    public ExtractionResult {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
        if (status == Status.FAILED && (failureReason == null || failureReason.isBlank())) {
            throw new IllegalArgumentException("a FAILED result needs a failureReason");
        }
        if (status == Status.DONE && failureReason != null) {
            throw new IllegalArgumentException("a DONE result has no failureReason");
        }
        text = text == null ? "" : text;
    }

    static ExtractionResult failed(String reason) {
        return new ExtractionResult(Status.FAILED, reason, "", false, null, null, null, null, null);
    }

    public boolean done() {
        return status == Status.DONE;
    }
}
