package dev.baton.indexer.search;

import java.util.List;

/**
 * Completions for what the user is typing.
 *
 * @param queries frequent past queries that start with the typed text, most frequent first
 * @param titles titles of visible assets whose words start with the typed words
 */
public record Suggestions(List<String> queries, List<TitleSuggestion> titles) {

    public Suggestions {
        queries = List.copyOf(queries);
        titles = List.copyOf(titles);
    }

    /** An asset whose title completes the typed text: picking it can open the asset directly. */
    public record TitleSuggestion(String id, String title) {}
}
