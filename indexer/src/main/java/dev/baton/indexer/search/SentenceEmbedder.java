package dev.baton.indexer.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns text into a sentence embedding: the quantized all-MiniLM-L6-v2 model (384 dimensions) run in this JVM by ONNX
 * Runtime. The model ships inside its jar; nothing is downloaded. Vectors are unit length, so a dot product is their
 * cosine.
 *
 * <p>Vectors are remembered by the text's digest and the model ({@link #CACHE_ENTRIES} of them, about 1.6 KB each), so
 * reindexing an asset whose text did not change, or rebuilding the index in the same process, embeds nothing again.
 * Thread-safe: ONNX Runtime sessions may be run from several threads.
 */
public final class SentenceEmbedder {

    private static final Logger log = LoggerFactory.getLogger(SentenceEmbedder.class);

    /** The model's name, part of every cached vector's key. */
    public static final String MODEL = "all-minilm-l6-v2-q";

    /** The vectors' length. */
    public static final int DIMENSIONS = 384;

    /** Vectors remembered by text digest (about 24 MB when full). */
    static final int CACHE_ENTRIES = 15_000;

    /**
     * Most word pieces of the model's vocabulary a word of language is cut into: "handling" is one, "diligence" and
     * "hubspot" three; a made-up code or a random word ("kangaroownxrmqrt") five or more.
     */
    static final int MAX_PIECES_OF_A_WORD = 3;

    private final CompletableFuture<EmbeddingModel> model;
    /** The model's word-piece vocabulary (the BERT tokenizer it was trained with); set once the model is loaded. */
    private volatile HuggingFaceTokenCountEstimator vocabulary;
    private volatile long loadMillis = -1;
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong embedNanos = new AtomicLong();
    private final Map<String, float[]> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    private SentenceEmbedder(CompletableFuture<EmbeddingModel> model) {
        this.model = model;
    }

    /**
     * Loads the model from the class path (about 23 MB of ONNX model and 0.7 MB of tokenizer; one to three seconds,
     * more on a busy machine) and returns when it is ready.
     */
    public static SentenceEmbedder load() {
        long[] millis = new long[1];
        SentenceEmbedder embedder = new SentenceEmbedder(CompletableFuture.completedFuture(loaded(millis)));
        embedder.vocabulary = new HuggingFaceTokenCountEstimator();
        embedder.loadMillis = millis[0];
        return embedder;
    }

    /**
     * Starts loading the model on a thread of its own and returns at once: {@link #embed} waits until it is loaded,
     * {@link #ready()} says whether it is. So the application starts without waiting for it, and searches run by their
     * words alone until it is there.
     */
    public static SentenceEmbedder loadInBackground() {
        CompletableFuture<EmbeddingModel> future = new CompletableFuture<>();
        SentenceEmbedder embedder = new SentenceEmbedder(future);
        Thread.ofPlatform().daemon().name("baton-embedding-model").start(() -> {
            try {
                long[] millis = new long[1];
                EmbeddingModel model = loaded(millis);
                embedder.vocabulary = new HuggingFaceTokenCountEstimator();
                embedder.loadMillis = millis[0];
                future.complete(model);
                log.info("Semantic search: model {} loaded in {} ms", MODEL, millis[0]);
            } catch (RuntimeException | Error e) {
                log.error("Semantic search: model {} could not be loaded; searching by words only", MODEL, e);
                future.completeExceptionally(e);
            }
        });
        return embedder;
    }

    private static EmbeddingModel loaded(long[] millis) {
        long start = System.nanoTime();
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        model.embed("warm up"); // the first run of an ONNX session allocates its buffers
        millis[0] = (System.nanoTime() - start) / 1_000_000;
        return model;
    }

    /** Whether the model is loaded: until then {@link #embed} waits. */
    public boolean ready() {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    /** How long loading the model took (with its first run), in milliseconds; -1 while it loads. */
    public long loadMillis() {
        return loadMillis;
    }

    /** Texts embedded so far (cache hits not counted). */
    public long embeddedCount() {
        return embedded.get();
    }

    /** Time spent embedding so far, in milliseconds. */
    public long embedMillis() {
        return embedNanos.get() / 1_000_000;
    }

    /**
     * Whether every word of the text is one the model reads as language: cut into at most
     * {@link #MAX_PIECES_OF_A_WORD} pieces of its vocabulary. Words that are not (product codes, made-up names, random
     * strings) mean nothing to it: it would only find what is spelled alike. False until the model is loaded.
     */
    public boolean readsAsLanguage(String text) {
        HuggingFaceTokenCountEstimator pieces = vocabulary;
        if (pieces == null || text == null) {
            return false;
        }
        for (String word : text.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int count;
                try {
                    synchronized (pieces) {
                        count = pieces.estimateTokenCountInText(word);
                    }
                } catch (RuntimeException e) {
                    return false; // what the tokenizer cannot read is no language to the model either
                }
                if (count > MAX_PIECES_OF_A_WORD) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The unit-length embedding of the text (from the cache when the same text was embedded before). */
    public float[] embed(String text) {
        String key = digest(text);
        synchronized (cache) {
            float[] known = cache.get(key);
            if (known != null) {
                return known;
            }
        }
        long start = System.nanoTime();
        float[] vector = normalized(model.join().embed(text).content().vector());
        embedNanos.addAndGet(System.nanoTime() - start);
        embedded.incrementAndGet();
        synchronized (cache) {
            cache.put(key, vector);
        }
        return vector;
    }

    private static float[] normalized(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        double norm = Math.sqrt(sum);
        float[] unit = new float[vector.length];
        if (norm == 0) {
            unit[0] = 1; // a zero vector cannot be indexed for a dot product; one that resembles nothing can
            return unit;
        }
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }

    private static String digest(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(MODEL.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
