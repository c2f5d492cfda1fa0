package dev.baton.webapp.search;

import java.time.Instant;
import java.util.List;

/**
 * What a check of the search index against the database found ({@code POST /api/v1/search/index/check}); {@code
 * repaired} when the differences were fixed. Public because the {@code index-check} command ({@code dev.baton.cli})
 * reads the answer into this same record.
 *
 * @param assets assets in the database
 * @param documents documents in the index
 * @param missing assets the index lacks
 * @param stale assets indexed from data that has changed since
 * @param extra documents of assets no longer in the database
 * @param missingIds the first few missing assets' ids (at most 20; so are {@code staleIds} and {@code extraIds})
 */
public record IndexCheckReport(
        Instant checkedAt,
        long assets,
        long documents,
        long missing,
        long stale,
        long extra,
        List<String> missingIds,
        List<String> staleIds,
        List<String> extraIds,
        boolean repaired) {

    public IndexCheckReport {
        missingIds = missingIds == null ? List.of() : List.copyOf(missingIds);
        staleIds = staleIds == null ? List.of() : List.copyOf(staleIds);
        extraIds = extraIds == null ? List.of() : List.copyOf(extraIds);
    }

    public boolean consistent() {
        return missing == 0 && stale == 0 && extra == 0;
    }
}
