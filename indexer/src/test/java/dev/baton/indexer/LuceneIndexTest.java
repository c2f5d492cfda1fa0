package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void aDocumentIsSearchableAfterWaitingForItsGeneration() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            long generation = index.update("asset-1", doc("Pricing battlecard for the enterprise tier"));

            assertThat(index.waitForGeneration(generation, WAIT)).isTrue();
            assertThat(idsMatching(index, "battlecard")).containsExactly("asset-1");
        }
    }

    @Test
    void anUpdateReplacesTheDocumentWithTheSameId() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            index.update("asset-1", doc("first draft"));
            long generation = index.update("asset-1", doc("final version"));

            assertThat(index.waitForGeneration(generation, WAIT)).isTrue();
            assertThat(index.docCount()).isEqualTo(1);
            assertThat(idsMatching(index, "draft")).isEmpty();
            assertThat(idsMatching(index, "final")).containsExactly("asset-1");
        }
    }

    @Test
    void aDeleteRemovesTheDocument() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            index.update("asset-1", doc("case study"));
            index.update("asset-2", doc("case study"));
            long generation = index.delete("asset-1");

            assertThat(index.waitForGeneration(generation, WAIT)).isTrue();
            assertThat(idsMatching(index, "case")).containsExactly("asset-2");
        }
    }

    @Test
    void deletingAMissingIdIsNotAnError() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            long generation = index.delete("never-indexed");

            assertThat(index.waitForGeneration(generation, WAIT)).isTrue();
            assertThat(index.docCount()).isZero();
        }
    }

    @Test
    void aDocumentThatBringsItsOwnIdFieldIsRefused() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            List<IndexableField> fields = List.of(new StringField(LuceneIndex.ID_FIELD, "other", Field.Store.YES));

            assertThatThrownBy(() -> index.update("asset-1", fields))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("carries its own 'id' field");
        }
    }

    @Test
    void theAppliedPositionSurvivesCloseAndReopen() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            assertThat(index.isNew()).isTrue();
            assertThat(index.lastCommittedPosition()).isZero();
            index.update("asset-1", doc("onboarding pack"));
            index.applied(42);
        }

        try (LuceneIndex index = IndexHome.open(settings(1))) {
            assertThat(index.isNew()).isFalse();
            assertThat(index.lastCommittedPosition()).isEqualTo(42);
            assertThat(index.appliedPosition()).isEqualTo(42);
            assertThat(idsMatching(index, "onboarding")).containsExactly("asset-1");
        }
    }

    @Test
    void anExplicitCommitStoresThePositionAndTheSchemaVersionInTheCommit() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            index.update("asset-1", doc("roi calculator"));
            index.applied(5);

            assertThat(index.commit()).isEqualTo(5);
            assertThat(index.lastCommittedPosition()).isEqualTo(5);
            assertThat(latestCommitOnDisk(1).getUserData())
                    .containsEntry(LuceneIndex.OUTBOX_POSITION_KEY, "5")
                    .containsEntry(LuceneIndex.SCHEMA_VERSION_KEY, "1");
        }
    }

    @Test
    void theAppliedPositionNeverMovesBack() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            index.applied(10);
            index.applied(7);

            assertThat(index.appliedPosition()).isEqualTo(10);
            assertThat(index.commit()).isEqualTo(10);
        }
    }

    @Test
    void thePeriodicCommitterMakesThePositionDurableWithoutAnExplicitCommit() throws Exception {
        IndexSettings settings = new IndexSettings(
                home, 1, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(5), 16);
        try (LuceneIndex index = IndexHome.open(settings)) {
            CountDownLatch committed = new CountDownLatch(1);
            index.onCommit(position -> {
                if (position >= 7) {
                    committed.countDown();
                }
            });
            index.update("asset-1", doc("discovery call script"));
            index.applied(7);

            assertThat(committed.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the committer committed position 7")
                    .isTrue();
            assertThat(index.lastCommittedPosition()).isEqualTo(7);
            assertThat(latestCommitOnDisk(1).getUserData()).containsEntry(LuceneIndex.OUTBOX_POSITION_KEY, "7");
            try (Directory directory = FSDirectory.open(IndexHome.schemaDirectory(home, 1));
                    DirectoryReader reader = DirectoryReader.open(directory)) {
                assertThat(reader.numDocs()).isEqualTo(1);
            }
        }
    }

    @Test
    void concurrentWritersAndCommitsLoseNoChange() throws Exception {
        int writers = 4;
        int docsPerWriter = 200;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            List<Future<Long>> generations = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                generations.add(pool.submit(() -> {
                    long generation = 0;
                    for (int i = 0; i < docsPerWriter; i++) {
                        generation = index.update(writer + "-" + i, doc("objection handling " + i));
                        index.applied((long) writer * docsPerWriter + i);
                    }
                    return generation;
                }));
            }
            Future<?> committer = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    index.commit();
                }
                return null;
            });
            long highest = 0;
            for (Future<Long> generation : generations) {
                highest = Math.max(highest, generation.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            committer.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(index.waitForGeneration(highest, WAIT)).isTrue();
            assertThat(index.docCount()).isEqualTo(writers * docsPerWriter);
            assertThat(index.commit()).isEqualTo((long) writers * docsPerWriter - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIndexClosedWithoutChangesStaysNew() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            assertThat(index.isNew()).isTrue();
        }

        try (LuceneIndex index = IndexHome.open(settings(1))) {
            assertThat(index.isNew()).isTrue();
            assertThat(index.lastCommittedPosition()).isZero();
        }
    }

    @Test
    void eachSchemaVersionHasItsOwnDirectoryUnderTheHome() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(3))) {
            assertThat(index.path()).isEqualTo(home.resolve("v3"));
            assertThat(index.schemaVersion()).isEqualTo(3);
            index.applied(1);
        }

        assertThat(home.resolve("v3")).isDirectory();
        assertThat(latestCommitOnDisk(3).getUserData()).containsEntry(LuceneIndex.SCHEMA_VERSION_KEY, "3");
    }

    @Test
    void anIndexWrittenWithAnotherSchemaVersionIsRefused() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            index.update("asset-1", doc("competitor comparison"));
            index.applied(3);
        }
        // Someone copies a version 1 index to where version 2 lives.
        Files.move(IndexHome.schemaDirectory(home, 1), IndexHome.schemaDirectory(home, 2));

        assertThatThrownBy(() -> IndexHome.open(settings(2)))
                .isInstanceOf(IndexSchemaMismatchException.class)
                .hasMessageContaining("was written with schema version 1")
                .hasMessageContaining("this code writes schema version 2")
                .satisfies(e -> assertThat(((IndexSchemaMismatchException) e).foundVersion()).isEqualTo("1"));
        // The refused index is left as it was: moved back, version 1 opens it where it stopped.
        Files.move(IndexHome.schemaDirectory(home, 2), IndexHome.schemaDirectory(home, 1));
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            assertThat(index.lastCommittedPosition()).isEqualTo(3);
            assertThat(index.docCount()).isEqualTo(1);
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsAreRefused() throws Exception {
        LuceneIndex index = IndexHome.open(settings(1));
        index.update("asset-1", doc("webinar recording"));
        index.applied(2);

        index.close();
        index.close();

        assertThatThrownBy(() -> index.update("asset-2", doc("too late")))
                .isInstanceOf(AlreadyClosedException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(index::docCount).isInstanceOf(AlreadyClosedException.class);
        assertThat(index.lastCommittedPosition()).isEqualTo(2);
    }

    @Test
    void searchersComeFromTheGivenFactoryForEveryReopenedReader() throws Exception {
        List<IndexReader> readersSeen = new CopyOnWriteArrayList<>();
        SearcherFactory factory = new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                readersSeen.add(reader);
                return new IndexSearcher(reader);
            }
        };
        try (StandardAnalyzer analyzer = new StandardAnalyzer();
                LuceneIndex index = IndexHome.open(settings(1), analyzer, factory)) {
            long generation = index.update("asset-1", doc("pricing sheet"));
            assertThat(index.waitForGeneration(generation, WAIT)).isTrue();

            IndexReader current = index.withSearcher(IndexSearcher::getIndexReader);
            assertThat(readersSeen).hasSizeGreaterThanOrEqualTo(2).contains(current);
            assertThat(idsMatching(index, "pricing")).containsExactly("asset-1");
        }
    }

    @Test
    void aDocValuesUpdateChangesTheValueWithoutReindexingTheDocument() throws Exception {
        try (LuceneIndex index = IndexHome.open(settings(1))) {
            List<IndexableField> fields = List.of(
                    new TextField("title", "discovery questions", Field.Store.YES),
                    new NumericDocValuesField("usage", 3));
            index.update("asset-1", fields);
            long generation = index.updateDocValues("asset-1", new NumericDocValuesField("usage", 40));
            index.updateDocValues("never-indexed", new NumericDocValuesField("usage", 7));

            assertThat(index.waitForGeneration(generation, WAIT)).isTrue();
            assertThat(index.docCount()).isEqualTo(1);
            assertThat(idsMatching(index, "discovery")).containsExactly("asset-1");
            long usage = index.withSearcher(searcher -> {
                LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
                NumericDocValues values = leaf.reader().getNumericDocValues("usage");
                return values.advanceExact(0) ? values.longValue() : -1;
            });
            assertThat(usage).isEqualTo(40);
        }
    }

    private IndexSettings settings(int schemaVersion) {
        // A commit interval far beyond a test's life: only explicit commits and close() reach the disk.
        return new IndexSettings(
                home, schemaVersion, Duration.ofHours(1), Duration.ofMillis(100), Duration.ofMillis(5), 16);
    }

    private SegmentInfos latestCommitOnDisk(int schemaVersion) throws IOException {
        try (Directory directory = FSDirectory.open(IndexHome.schemaDirectory(home, schemaVersion))) {
            return SegmentInfos.readLatestCommit(directory);
        }
    }

    private static List<IndexableField> doc(String title) {
        return List.of(new TextField("title", title, Field.Store.YES));
    }

    private static List<String> idsMatching(LuceneIndex index, String word) throws IOException {
        return index.withSearcher(searcher -> {
            TopDocs hits = searcher.search(new TermQuery(new Term("title", word)), 10);
            List<String> ids = new ArrayList<>();
            for (ScoreDoc hit : hits.scoreDocs) {
                ids.add(searcher.storedFields().document(hit.doc).get(LuceneIndex.ID_FIELD));
            }
            return ids;
        });
    }
}
