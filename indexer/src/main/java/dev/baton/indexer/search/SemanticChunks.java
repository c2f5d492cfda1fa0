package dev.baton.indexer.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The passages of an asset that get a sentence embedding each: its title, description and tags with the start of its
 * extracted text, then the title with each further window of the text, about {@link #CHUNK_CHARS} characters a
 * passage (cut at a sentence end, else at a space), at most {@link #MAX_CHUNKS} in all (the first 5,000 characters or
 * so of a long text). A query is compared with every passage and an asset counts as close as its closest
 * passage. The model reads at most 256 word pieces (about 1,000 characters of English), so longer windows would be cut.
 */
final class SemanticChunks {

    /** Passages per asset: one vector field each ({@code semantic_0} ... ), so one HNSW graph each. */
    static final int MAX_CHUNKS = 8;

    /** About the length of one passage of extracted text. */
    static final int CHUNK_CHARS = 700;

    private SemanticChunks() {}

    /**
     * The passages to embed. The first is the title, description and tags followed by the start of the text; each
     * further one is the title followed by the next window of the text (a passage read without its title loses what
     * it is about). Empty when the asset has neither title nor text.
     */
    static List<String> of(AssetDocument asset) {
        List<String> chunks = new ArrayList<>();
        String title = clean(asset.title());
        StringBuilder head = new StringBuilder(title);
        if (!asset.description().isBlank()) {
            head.append(". ").append(clean(asset.description()));
        }
        List<String> tags = asset.tags().stream().filter(tag -> tag != null && !tag.isBlank()).toList();
        if (!tags.isEmpty()) {
            head.append(". ").append(clean(String.join(", ", tags)));
        }
        String first = head.length() > CHUNK_CHARS ? head.substring(0, CHUNK_CHARS) : head.toString();
        String body = clean(asset.body().length() > MAX_CHUNKS * CHUNK_CHARS * 2
                ? asset.body().substring(0, MAX_CHUNKS * CHUNK_CHARS * 2)
                : asset.body());
        int from = 0;
        String prefix = first;
        while (chunks.size() < MAX_CHUNKS) {
            int room = Math.max(CHUNK_CHARS / 2, CHUNK_CHARS - prefix.length());
            int end = Math.min(body.length(), from + room);
            if (end < body.length()) {
                int sentence = body.lastIndexOf(". ", end);
                int space = body.lastIndexOf(' ', end);
                if (sentence > from + room / 2) {
                    end = sentence + 1;
                } else if (space > from + room / 2) {
                    end = space;
                }
            }
            String window = body.substring(from, end).strip();
            String chunk = window.isEmpty() ? prefix : prefix.isEmpty() ? window : prefix + ". " + window;
            if (!chunk.isBlank()) {
                chunks.add(chunk);
            }
            from = end;
            if (from >= body.length()) {
                break;
            }
            prefix = title;
        }
        return chunks;
    }

    private static String clean(String text) {
        return text.replaceAll("[\\p{Cntrl}\\p{Cf}\\s]+", " ").strip();
    }
}
