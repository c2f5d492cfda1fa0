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

    private final SortedSetDocValuesReaderState facetState;

    FacetedSearcher(IndexReader reader) throws IOException {
        super(reader);
        this.facetState = hasFacets(reader)
                ? new DefaultSortedSetDocValuesReaderState(reader, AssetSchema.FACETS_CONFIG)
                : null;
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
