package dev.baton.storage;

/** The store did not answer, or answered with an error that says it cannot serve now. */
public class BlobStoreUnavailableException extends BlobStoreException {

    public BlobStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
