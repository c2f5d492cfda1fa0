package dev.baton.indexer.search;

import java.io.IOException;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A searcher that carries the facet state of its reader: the map from facet values to ordinals across segments. Made
 * once per reader by {@link #FACTORY} on the index's reopen thread, so no search pays for it.
 */
final class FacetedSearcher extends IndexSearcher {

    /** Makes a {@link FacetedSearcher} for every reader the index opens. */
    static final SearcherFactory FACTORY = new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            return new FacetedSearcher(reader);
        }
    };

    private static final Logger log = LoggerFactory.getLogger(FacetedSearcher.class);

    private final SortedSetDocValuesReaderState facetState;

    FacetedSearcher(IndexReader reader) throws IOException {
        super(reader);
        this.facetState = hasFacets(reader) ? facetState(reader) : null;
    }

    /**
     * Runs on the reopen thread, which must not die of it: a state that cannot be built leaves this reader without
     * facet counts (searches still work) and the next reader tries again.
     */
    private static SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        try {
            return new DefaultSortedSetDocValuesReaderState(reader, AssetSchema.FACETS_CONFIG);
        } catch (RuntimeException e) {
            log.error("Could not read the facet values of the index; searches return no facet counts", e);
            return null;
        }
    }

    /** The facet state, or {@code null} while no document carries a facet value. */
    SortedSetDocValuesReaderState facetState() {
        return facetState;
    }

    private static boolean hasFacets(IndexReader reader) {
        for (LeafReaderContext leaf : reader.leaves()) {
            FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
            if (field != null && field.getDocValuesType() == DocValuesType.SORTED_SET) {
                return true;
            }
        }
        return false;
    }
}
