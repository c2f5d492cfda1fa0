package dev.baton.indexer;

/**
 * Extraction could not be attempted: the file is missing, the forked parser could not start, the extractor is
 * closed or the calling thread was interrupted. Nothing is known about the file; try it again later. (A file that
 * the parser cannot handle is not an exception: it is a {@code FAILED} {@link ExtractionResult}.)
 */
public class ExtractionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExtractionException(String message) {
        super(message);
    }

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
