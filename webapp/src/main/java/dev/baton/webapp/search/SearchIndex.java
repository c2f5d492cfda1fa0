package dev.baton.webapp.search;

import dev.baton.indexer.IndexHome;
import dev.baton.indexer.IndexSettings;
import dev.baton.indexer.search.AssetSchema;
import dev.baton.indexer.search.AssetSearcher;
import dev.baton.indexer.search.FacetVocabulary;
import dev.baton.indexer.search.SentenceEmbedder;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The search index this node serves, on disk under {@code data/index}. Each build of the index is a generation in its
 * own directory ({@code data/index/g<millis>/v<schema>}); the file {@code data/index/current} names the one that was
 * built completely. A generation of another schema version, or none at all, means a fresh build from the database;
 * an admin rebuild fills a new generation while the current one keeps serving, then swaps it in.
 *
 * <p>Searches go through {@link #search}: a search that meets the index just swapped out and closed runs again on the
 * new one. Query-time settings (synonyms, frequent queries) are kept here and given to every index opened.
 */
@Component
class SearchIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final String CURRENT = "current";

    /** Work done with the index searches see now. */
    @FunctionalInterface
    interface SearchFunction<T> {
        T apply(AssetSearcher searcher) throws IOException;
    }

    private final Path home;
    private final AtomicReference<Generation> serving = new AtomicReference<>();
    private volatile List<List<String>> synonyms;
    private volatile Map<String, Long> frequentQueries = Map.of();
    private volatile FacetVocabulary facetVocabulary = FacetVocabulary.NONE;
    /** The sentence-embedding model, or {@code null} with semantic matching off ({@code baton.search.semantic}). */
    private final SentenceEmbedder model;

    /** An opened index and the directory it lives in; {@code complete} once fully built. */
    record Generation(String name, AssetSearcher searcher, boolean complete) {}

    @Autowired
    SearchIndex(DataDirectory dataDirectory, BatonProperties properties) throws IOException {
        this(dataDirectory.directory("index"), properties.search().semantic() ? loadModel() : null);
    }

    /** Opens the index kept under {@code home}, without semantic matching. */
    SearchIndex(Path home) throws IOException {
        this(home, null);
    }

    /** Opens the index kept under {@code home}; with semantic matching when given the model. */
    SearchIndex(Path home, SentenceEmbedder model) throws IOException {
        this.home = home;
        this.model = model;
        Generation current = openCurrent();
        if (current == null) {
            removeAllBut(null);
            current = openNew();
            log.info("Search index: building {} from the database (schema version {})", current.name(),
                    AssetSchema.VERSION);
        } else {
            removeAllBut(current.name());
        }
        serving.set(current);
    }

    /** The generation searches use now. */
    Generation serving() {
        return serving.get();
    }

    /** Runs the function on the serving index; once more on the new one if a swap closed it meanwhile. */
    <T> T search(SearchFunction<T> function) throws IOException {
        Generation used = serving.get();
        try {
            return function.apply(used.searcher());
        } catch (IllegalStateException e) {
            // Lucene's AlreadyClosedException: the index was swapped out and closed during the search
            Generation now = serving.get();
            if (now == used) {
                throw e;
            }
            return function.apply(now.searcher());
        }
    }

    /** Opens an empty generation to build into (it serves nothing until {@link #swap}). */
    Generation openNew() throws IOException {
        String name = "g" + System.currentTimeMillis();
        while (Files.exists(home.resolve(name))) {
            name = "g" + (Long.parseLong(name.substring(1)) + 1);
        }
        AssetSearcher searcher = AssetSearcher.open(IndexSettings.defaults(home.resolve(name), AssetSchema.VERSION));
        configure(searcher);
        return new Generation(name, searcher, false);
    }

    /**
     * Makes a fully built generation the one searches use and records it as current; closes and removes the one it
     * replaces (unless it is the same).
     */
    void swap(Generation built) throws IOException {
        Generation complete = new Generation(built.name(), built.searcher(), true);
        built.searcher().luceneIndex().commit();
        writeCurrent(complete.name());
        Generation old = serving.getAndSet(complete);
        if (old != null && !old.name().equals(complete.name())) {
            try {
                old.searcher().close();
            } catch (IOException | RuntimeException e) {
                log.warn("Closing the replaced search index {} failed", old.name(), e);
            }
            delete(home.resolve(old.name()));
        }
    }

    /** Closes and removes a generation that will never serve (a build that failed). */
    void discard(Generation generation) {
        if (serving.get() == generation) {
            throw new IllegalStateException("The serving index cannot be discarded");
        }
        try {
            generation.searcher().close();
        } catch (IOException | RuntimeException e) {
            log.warn("Closing the abandoned search index {} failed", generation.name(), e);
        }
        delete(home.resolve(generation.name()));
    }

    /** Replaces the synonym groups on the serving index and every index opened later. */
    void setSynonyms(List<List<String>> groups) throws IOException {
        synonyms = List.copyOf(groups);
        serving.get().searcher().setSynonyms(synonyms);
    }

    /** Replaces the taxonomy's words on the serving index and every index opened later. */
    void setFacetVocabulary(FacetVocabulary vocabulary) {
        facetVocabulary = vocabulary;
        serving.get().searcher().setFacetVocabulary(vocabulary);
    }

    /** Replaces the past queries suggestions are drawn from. */
    void suggestFrom(Map<String, Long> queries) {
        frequentQueries = Map.copyOf(queries);
        serving.get().searcher().suggestFrom(frequentQueries);
    }

    private static SentenceEmbedder loadModel() {
        log.info("Search: semantic matching on, loading the model {} in the background", SentenceEmbedder.MODEL);
        return SentenceEmbedder.loadInBackground();
    }

    private void configure(AssetSearcher searcher) throws IOException {
        searcher.setSemantic(model);
        if (synonyms != null) {
            searcher.setSynonyms(synonyms);
        }
        searcher.suggestFrom(frequentQueries);
        searcher.setFacetVocabulary(facetVocabulary);
    }

    private Generation openCurrent() throws IOException {
        Path pointer = home.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) {
            return null;
        }
        Properties current = new Properties();
        try (InputStream in = Files.newInputStream(pointer)) {
            current.load(in);
        }
        String name = current.getProperty("generation", "");
        String schema = current.getProperty("schema", "");
        if (!name.matches("g[0-9]+") || !Integer.toString(AssetSchema.VERSION).equals(schema)
                || !Files.isDirectory(IndexHome.schemaDirectory(home.resolve(name), AssetSchema.VERSION))) {
            log.info("Search index: {} holds schema version {}, this Baton writes {}; the index is built again",
                    name, schema, AssetSchema.VERSION);
            return null;
        }
        AssetSearcher searcher = AssetSearcher.open(IndexSettings.defaults(home.resolve(name), AssetSchema.VERSION));
        if (searcher.luceneIndex().isNew()) {
            searcher.close();
            return null;
        }
        searcher.setSemantic(model);
        return new Generation(name, searcher, true);
    }

    private void writeCurrent(String name) throws IOException {
        Properties current = new Properties();
        current.setProperty("generation", name);
        current.setProperty("schema", Integer.toString(AssetSchema.VERSION));
        Path temporary = home.resolve(CURRENT + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            current.store(out, "The search index generation built completely; see docs/search.md");
        }
        Files.move(temporary, home.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes every index directory but the named one: older schemas, builds a crash interrupted. */
    private void removeAllBut(String keep) throws IOException {
        try (Stream<Path> children = Files.list(home)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child) && !name.equals(keep)) {
                    log.info("Search index: removing {} (not the current index)", child);
                    delete(child);
                }
            }
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the old index at " + directory, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (model != null) {
            log.info("Search: {} passages and queries embedded in {} ms", model.embeddedCount(), model.embedMillis());
        }
        Generation current = serving.getAndSet(null);
        if (current != null) {
            current.searcher().close();
        }
    }
}
