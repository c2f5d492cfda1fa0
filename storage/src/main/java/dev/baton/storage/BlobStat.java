package dev.baton.storage;

import java.time.Instant;

/** What the store knows about one blob. */
public record BlobStat(String key, long size, String contentType, Instant lastModified) {}
