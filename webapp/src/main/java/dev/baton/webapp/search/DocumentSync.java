package dev.baton.webapp.search;

import dev.baton.indexer.search.AssetSearcher;
import dev.baton.webapp.system.Outbox;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Makes an index's documents match the database for given assets: what applying an outbox row, and repairing a
 * difference a check found, come down to. Blocking: called from the feed's thread.
 */
@Component
class DocumentSync {

    /** Assets loaded (and their text read) at a time. */
    static final int PAGE = 200;

    private final IndexedAssets assets;

    DocumentSync(IndexedAssets assets) {
        this.assets = assets;
    }

    /**
     * The assets the rows name: an asset's row its asset, a taxonomy value's row every asset carrying the value now
     * (an asset that gained or lost it since has a row of its own).
     */
    Set<UUID> assetsNamed(Collection<Outbox.Row> rows) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Outbox.Row row : rows) {
            switch (row.change()) {
                case Outbox.AssetChanged asset -> ids.add(asset.assetId());
                case Outbox.TaxonomyValueChanged value -> ids.addAll(assets.carrying(value.facet(), value.value()));
                default -> {
                    // not about documents
                }
            }
        }
        return ids;
    }

    /**
     * Indexes the assets that exist and deletes the others, a page at a time (a taxonomy value may stand for many);
     * the last generation, or -1 if nothing was done.
     */
    long sync(AssetSearcher searcher, Collection<UUID> ids) throws IOException {
        if (ids.isEmpty()) {
            return -1;
        }
        IndexedAssets.Labels labels = assets.labels();
        List<UUID> all = List.copyOf(ids);
        long generation = -1;
        for (int from = 0; from < all.size(); from += PAGE) {
            List<UUID> page = all.subList(from, Math.min(all.size(), from + PAGE));
            Set<UUID> gone = new HashSet<>(page);
            for (IndexedAssets.Source source : assets.load(page)) {
                generation = searcher.index(assets.document(source, labels));
                gone.remove(source.id());
            }
            for (UUID id : gone) {
                generation = searcher.delete(id.toString());
            }
        }
        return generation;
    }
}
