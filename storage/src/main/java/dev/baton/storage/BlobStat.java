package dev.baton.storage;

import java.time.Instant;

/** A blob as a listing shows it: its key, size and when it was last written. */
public record BlobStat(String key, long size, Instant lastModified) {}
