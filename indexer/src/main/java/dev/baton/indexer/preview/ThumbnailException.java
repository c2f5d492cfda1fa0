package dev.baton.indexer.preview;

import java.util.Objects;

/** A file of a type that gets a thumbnail could not be made into one; {@link #reason()} says why. */
public final class ThumbnailException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why no thumbnail was made. */
    public enum Reason {
        /** The file, or the image it declares, is over a limit of {@link ThumbnailSettings}. */
        TOO_LARGE,
        /** An Office file inflates far more than real documents do (POI's zip-bomb guard refused it). */
        ZIP_BOMB,
        /** The file needs a password to open. */
        ENCRYPTED,
        /** The bytes are not a readable file of the stated type. */
        CORRUPT,
        /** Drawing the page needed more memory or scratch space than allowed; the file may be hostile. */
        RESOURCE_LIMIT,
        /** The file could not be read from disk. */
        UNREADABLE
    }

    private final Reason reason;

    public ThumbnailException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ThumbnailException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
        this.reason = reason;
    }

    /** Why no thumbnail was made. */
    public Reason reason() {
        return reason;
    }
}
