package dev.baton.indexer.preview;

import java.util.Objects;

/** A file of a type that gets page images could not be drawn; {@link #reason()} says why. */
public final class PageRenderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why no page images were made. */
    public enum Reason {
        /** The file, or what it declares, is over a limit of {@link PageSettings}. */
        TOO_LARGE("the file is too large to be shown as pages"),
        /** An Office file inflates far more than real documents do (a zip bomb). */
        ZIP_BOMB("the file expands far beyond what real documents do, so it is not opened"),
        /** The file needs a password to open. */
        ENCRYPTED("the file is protected with a password"),
        /** The bytes are not a readable file of the stated type. */
        CORRUPT("the file could not be read"),
        /** Drawing the pages needed more memory or scratch space than allowed; the file may be hostile. */
        RESOURCE_LIMIT("drawing its pages needed more memory than allowed"),
        /** The file could not be read from disk. */
        UNREADABLE("the file could not be read from storage");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        /** A sentence fragment for people: "the file is protected with a password". */
        public String explanation() {
            return explanation;
        }
    }

    private final Reason reason;

    public PageRenderException(Reason reason, String message) {
        this(reason, message, null);
    }

    public PageRenderException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
        this.reason = reason;
    }

    /** The same failure as a thumbnail's, for the helpers both share. */
    static PageRenderException of(ThumbnailException e) {
        return new PageRenderException(Reason.valueOf(e.reason().name()),
                e.getMessage().substring(e.reason().name().length() + 2), e.getCause() == null ? e : e.getCause());
    }

    /** Why no page images were made. */
    public Reason reason() {
        return reason;
    }
}
