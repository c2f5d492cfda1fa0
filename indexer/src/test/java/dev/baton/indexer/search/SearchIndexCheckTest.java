package dev.baton.indexer.search;

import static dev.baton.indexer.search.SearchFixture.REP;
import static dev.baton.indexer.search.SearchFixture.asset;
import static dev.baton.indexer.search.SearchFixture.daysAgo;
import static dev.baton.indexer.search.SearchFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.indexer.IndexSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexCheckTest {

    @TempDir
    Path home;

    @Test
    void theStampsOfEveryIndexedAssetCanBeComparedWithTheDatabase() throws Exception {
        try (SearchFixture index = new SearchFixture(home)) {
            index.index(
                    asset("a", "One").version(4).updatedAt(daysAgo(3)).fingerprint("row-a-7"),
                    asset("b", "Two").version(1).updatedAt(daysAgo(9)).status(AssetStatus.DRAFT));
            index.delete("gone");

            assertThat(index.searcher.indexedStamps())
                    .containsOnlyKeys("a", "b")
                    .containsEntry("a", new IndexedStamp(4, daysAgo(3), "row-a-7"))
                    .containsEntry("b", new IndexedStamp(1, daysAgo(9), ""));
        }
    }

    @Test
    void theIndexSurvivesARestartWithItsDocumentsAndOutboxPosition() throws Exception {
        try (SearchFixture index = new SearchFixture(home)) {
            index.index(asset("a", "Discovery questions"));
            index.searcher.luceneIndex().applied(17);
        }

        try (SearchFixture index = new SearchFixture(home)) {
            assertThat(index.searcher.luceneIndex().isNew()).isFalse();
            assertThat(index.searcher.luceneIndex().lastCommittedPosition()).isEqualTo(17);
            assertThat(index.ids("discovery")).containsExactly("a");
            assertThat(index.search("discovery").facet("status").count("PUBLISHED")).isEqualTo(1);
        }
    }

    @Test
    void aUsageCountUpdateReordersMostUsedWithoutReindexing() throws Exception {
        try (SearchFixture index = new SearchFixture(home)) {
            index.index(asset("a", "Demo script").usageCount(10), asset("b", "Demo video").usageCount(5));
            SearchRequest mostUsed = SearchRequest.of("demo", REP).withSort(SearchRequest.Sort.MOST_USED);
            assertThat(ids(index.search(mostUsed))).containsExactly("a", "b");

            index.updateUsage("b", 50);

            assertThat(ids(index.search(mostUsed))).containsExactly("b", "a");
            assertThat(index.ids("video")).containsExactly("b");
        }
    }

    @Test
    void anEmptyIndexAnswersEveryQuestionWithNothing() throws Exception {
        try (SearchFixture index = new SearchFixture(home)) {
            SearchResult result = index.search(SearchRequest.of("anything", REP).withFilter("persona", "champion"));

            assertThat(result.total()).isZero();
            assertThat(result.facet("persona").values())
                    .containsExactly(new SearchResult.FacetCount("champion", 0, true));
            assertThat(index.searcher.suggest("any", 5, REP).titles()).isEmpty();
            assertThat(index.searcher.related("missing", 5, REP)).isEmpty();
            assertThat(index.searcher.indexedStamps()).isEmpty();
        }
    }

    @Test
    void searchesRunningWhileAssetsAreIndexedAllSucceed() throws Exception {
        try (SearchFixture index = new SearchFixture(home)) {
            index.index(asset("seed", "Battlecard seed").facet("persona", "champion", "Champion"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> work = new ArrayList<>();
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        index.searcher.index(asset("a" + i, "Battlecard " + i)
                                .facet("persona", i % 2 == 0 ? "champion" : "end-user", "Persona")
                                .build());
                    }
                    return null;
                }));
                for (int t = 0; t < 3; t++) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            SearchResult result = index.search(
                                    SearchRequest.of("battlecard", REP).withFilter("persona", "champion"));
                            assertThat(result.total()).isPositive();
                            index.searcher.suggest("batt", 5, REP);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : work) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            index.index(asset("last", "Battlecard last"));

            assertThat(index.search("battlecard").total()).isEqualTo(202);
        }
    }

    @Test
    void openingWithAnotherSchemaVersionIsRefused() {
        IndexSettings settings = IndexSettings.defaults(home, AssetSchema.VERSION + 1);

        assertThatThrownBy(() -> AssetSearcher.open(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema version " + AssetSchema.VERSION);
    }

    @Test
    void requestsOutsideTheLimitsAreRefusedWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> SearchRequest.of("x", REP).withPage(0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page must be 1 or more");
        assertThatThrownBy(() -> SearchRequest.of("x", REP).withPage(1, 101))
                .hasMessageContaining("size must be between 1 and 100");
        assertThatThrownBy(() -> SearchRequest.of("x", REP).withPage(200, 100))
                .hasMessageContaining("up to hit 10000");
        assertThatThrownBy(() -> SearchRequest.of("x", null)).hasMessageContaining("visibility is required");
    }
}
