package dev.baton.indexer.search;

import java.time.Instant;

/**
 * What the index holds of an asset, to compare with the database: a missing id, another version or another update
 * time or fingerprint means the asset must be indexed again; an id the database does not know must be deleted.
 *
 * @param fingerprint what {@link AssetDocument#fingerprint()} said when the document was indexed ("" if nothing)
 */
public record IndexedStamp(int version, Instant updatedAt, String fingerprint) {}
