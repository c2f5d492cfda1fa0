package dev.baton.storage;

/**
 * What a put stored.
 *
 * @param key where the bytes are
 * @param sha256 lower-case hex SHA-256 of the bytes
 * @param size number of bytes
 */
public record PutResult(String key, String sha256, long size) {}
