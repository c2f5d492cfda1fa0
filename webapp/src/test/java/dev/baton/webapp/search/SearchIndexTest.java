package dev.baton.webapp.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.search.AssetDocument;
import dev.baton.indexer.search.AssetSchema;
import dev.baton.indexer.search.AssetStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index generations on disk: which one serves after a start, a crash mid-build, a schema change, a swap. */
class SearchIndexTest {

    @TempDir
    Path home;

    @Test
    void aNewHomeGetsAGenerationToBuildWhichBecomesCurrentOnceSwappedIn() throws Exception {
        String name;
        try (SearchIndex index = new SearchIndex(home)) {
            SearchIndex.Generation building = index.serving();
            assertThat(building.complete()).as("nothing built yet").isFalse();
            assertThat(Files.exists(home.resolve("current"))).isFalse();
            building.searcher().index(AssetDocument.builder("a", "Alpha", AssetStatus.PUBLISHED, Instant.now())
                    .build());
            index.swap(building);
            assertThat(index.serving().complete()).isTrue();
            name = index.serving().name();
        }
        assertThat(Files.readString(home.resolve("current"))).contains("generation=" + name)
                .contains("schema=" + AssetSchema.VERSION);

        try (SearchIndex reopened = new SearchIndex(home)) {
            assertThat(reopened.serving().name()).isEqualTo(name);
            assertThat(reopened.serving().complete()).isTrue();
            assertThat(reopened.serving().searcher().luceneIndex().docCount()).isEqualTo(1);
        }
    }

    @Test
    void aBuildACrashInterruptedIsThrownAwayAndStartedAgain() throws Exception {
        String interrupted;
        try (SearchIndex index = new SearchIndex(home)) {
            interrupted = index.serving().name();
            index.serving().searcher().index(AssetDocument.builder("a", "Half", AssetStatus.PUBLISHED,
                    Instant.now()).build());
            index.serving().searcher().luceneIndex().commit();
        }

        try (SearchIndex index = new SearchIndex(home)) {
            assertThat(index.serving().complete()).isFalse();
            assertThat(index.serving().name()).isNotEqualTo(interrupted);
            assertThat(Files.exists(home.resolve(interrupted))).isFalse();
            assertThat(index.serving().searcher().luceneIndex().docCount()).isZero();
        }
    }

    @Test
    void anIndexOfAnotherSchemaVersionIsRemovedAndBuiltAgain() throws Exception {
        // what Baton before this schema left: the plain index of schema 1 and a pointer to an old generation
        Files.createDirectories(home.resolve("v1"));
        Files.writeString(home.resolve("v1").resolve("segments_1"), "old");
        Files.createDirectories(home.resolve("g1").resolve("v1"));
        Files.writeString(home.resolve("current"), "generation=g1\nschema=1\n");

        try (SearchIndex index = new SearchIndex(home)) {
            assertThat(index.serving().complete()).isFalse();
            assertThat(Files.exists(home.resolve("v1"))).isFalse();
            assertThat(Files.exists(home.resolve("g1"))).isFalse();
        }
    }

    @Test
    void aSwapClosesAndRemovesTheGenerationItReplaces() throws Exception {
        try (SearchIndex index = new SearchIndex(home)) {
            SearchIndex.Generation first = index.serving();
            index.swap(first);
            SearchIndex.Generation second = index.openNew();
            long generation = second.searcher().index(AssetDocument.builder("b", "Beta", AssetStatus.PUBLISHED,
                    Instant.now()).build());
            second.searcher().luceneIndex().waitForGeneration(generation, java.time.Duration.ofSeconds(5));
            index.swap(second);

            assertThat(index.serving().name()).isEqualTo(second.name());
            assertThat(Files.exists(home.resolve(first.name()))).isFalse();
            int documents = index.search(searcher -> searcher.luceneIndex().docCount());
            assertThat(documents).isEqualTo(1);
        }
    }
}
