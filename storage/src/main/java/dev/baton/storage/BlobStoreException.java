package dev.baton.storage;

/** Base of the port's own exceptions; no vendor exception crosses the port. */
public class BlobStoreException extends RuntimeException {

    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public BlobStoreException(String message) {
        super(message);
    }
}
