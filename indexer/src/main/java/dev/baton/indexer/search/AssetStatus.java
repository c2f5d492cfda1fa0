package dev.baton.indexer.search;

/** Where an asset is in its lifecycle. Reps only ever see {@link #PUBLISHED} assets that have not expired. */
public enum AssetStatus {
    DRAFT,
    PUBLISHED,
    ARCHIVED
}
