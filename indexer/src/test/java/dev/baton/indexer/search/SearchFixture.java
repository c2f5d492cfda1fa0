package dev.baton.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.IndexSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** An {@link AssetSearcher} on a real index in a temporary directory, with a fixed clock. */
final class SearchFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final Visibility REP = Visibility.rep(TODAY);
    static final Visibility MARKETER = Visibility.everything();

    private static final Duration WAIT = Duration.ofSeconds(30);

    final AssetSearcher searcher;
    private long generation;

    SearchFixture(Path home) throws IOException {
        IndexSettings settings = new IndexSettings(
                home, AssetSchema.VERSION, Duration.ofHours(1), Duration.ofMillis(200), Duration.ofMillis(5), 16);
        this.searcher = AssetSearcher.open(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A published asset updated a week ago, never used: the neutral starting point of most tests. */
    static AssetDocument.Builder asset(String id, String title) {
        return AssetDocument.builder(id, title, AssetStatus.PUBLISHED, NOW.minus(Duration.ofDays(7)));
    }

    static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    SearchFixture index(AssetDocument.Builder... assets) throws IOException {
        for (AssetDocument.Builder asset : assets) {
            generation = searcher.index(asset.build());
        }
        return visible();
    }

    SearchFixture delete(String id) throws IOException {
        generation = searcher.delete(id);
        return visible();
    }

    SearchFixture updateUsage(String id, long count) throws IOException {
        generation = searcher.updateUsage(id, count);
        return visible();
    }

    /** Waits until searches see every change made so far. */
    SearchFixture visible() {
        try {
            assertThat(searcher.luceneIndex().waitForGeneration(generation, WAIT)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return this;
    }

    SearchResult search(String query) throws IOException {
        return searcher.search(SearchRequest.of(query, REP));
    }

    SearchResult search(SearchRequest request) throws IOException {
        return searcher.search(request);
    }

    /** The ids of the hits of a rep's search, in order. */
    List<String> ids(String query) throws IOException {
        return ids(search(query));
    }

    static List<String> ids(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::id).toList();
    }

    @Override
    public void close() throws IOException {
        searcher.close();
    }
}
