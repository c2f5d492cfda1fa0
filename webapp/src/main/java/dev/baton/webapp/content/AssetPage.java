package dev.baton.webapp.content;

import java.util.List;

/** One page of a list of assets, with the total across all pages. */
public record AssetPage(long total, int page, int size, List<AssetSummary> items) {}
