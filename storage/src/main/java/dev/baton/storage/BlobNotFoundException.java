package dev.baton.storage;

/** The key names no blob. */
public class BlobNotFoundException extends BlobStoreException {

    public BlobNotFoundException(String key) {
        super("No blob under key " + key);
    }
}
