package dev.baton.indexer.search;

import java.time.Instant;

/**
 * What the index holds of an asset, to compare with the database: a missing id, another version or another update
 * time means the asset must be indexed again; an id the database does not know must be deleted.
 */
public record IndexedStamp(int version, Instant updatedAt) {}
