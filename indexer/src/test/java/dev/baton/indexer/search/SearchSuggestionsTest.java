package dev.baton.indexer.search;

import static dev.baton.indexer.search.SearchFixture.MARKETER;
import static dev.baton.indexer.search.SearchFixture.REP;
import static dev.baton.indexer.search.SearchFixture.TODAY;
import static dev.baton.indexer.search.SearchFixture.asset;
import static dev.baton.indexer.search.SearchFixture.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSuggestionsTest {

    @TempDir
    Path home;

    SearchFixture index;

    @BeforeEach
    void open() throws Exception {
        index = new SearchFixture(home);
        index.index(
                asset("guide", "Pricing guide 2026"),
                asset("sheet", "Enterprise pricing sheet"),
                asset("primer", "Privacy primer").usageCount(300),
                asset("resume", "Résumé template"),
                asset("draft", "Pricing draft for Q4").status(AssetStatus.DRAFT),
                asset("expired", "Pricing expired deck").expiresOn(TODAY),
                asset("security", "Security whitepaper"));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void titlesCompleteTheWordBeingTyped() throws Exception {
        assertThat(titles("pri", REP)).containsExactlyInAnyOrder("Privacy primer", "Pricing guide 2026",
                "Enterprise pricing sheet");
        assertThat(titles("pric", REP)).containsExactlyInAnyOrder("Pricing guide 2026", "Enterprise pricing sheet");
        assertThat(titles("x", REP)).isEmpty();
    }

    @Test
    void everyTypedWordMustStartATitleWord() throws Exception {
        assertThat(titles("pricing gu", REP)).containsExactly("Pricing guide 2026");
        assertThat(titles("ent pri", REP)).containsExactly("Enterprise pricing sheet");
        assertThat(titles("PRICING  ", REP)).containsExactlyInAnyOrder("Pricing guide 2026", "Enterprise pricing sheet");
    }

    @Test
    void titlesThatStartWithTheTypedTextComeFirst() throws Exception {
        index.index(asset("popular", "Enterprise pricing FAQ").usageCount(10_000).updatedAt(daysAgo(0)));

        assertThat(titles("pricing", REP)).first().isEqualTo("Pricing guide 2026");
    }

    @Test
    void accentsAndCaseDoNotMatter() throws Exception {
        assertThat(titles("resu", REP)).containsExactly("Résumé template");
        assertThat(titles("RÉSU", REP)).containsExactly("Résumé template");
    }

    @Test
    void repsAreNeverOfferedTitlesTheyMayNotSee() throws Exception {
        assertThat(titles("pricing", REP)).doesNotContain("Pricing draft for Q4", "Pricing expired deck");
        assertThat(titles("pricing", MARKETER)).contains("Pricing draft for Q4", "Pricing expired deck");
    }

    @Test
    void aTitleSuggestionCarriesTheAssetId() throws Exception {
        assertThat(index.searcher.suggest("secu", 5, REP).titles())
                .containsExactly(new Suggestions.TitleSuggestion("security", "Security whitepaper"));
    }

    @Test
    void frequentPastQueriesCompleteTheTypedTextMostFrequentFirst() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("pricing guide", 40L);
        counts.put("Pricing  Guide", 5L);
        counts.put("pricing enterprise", 90L);
        counts.put("privacy", 3L);
        counts.put("security questionnaire", 70L);
        counts.put("", 100L);
        index.searcher.suggestFrom(counts);

        assertThat(index.searcher.suggest("pri", 5, REP).queries())
                .containsExactly("pricing enterprise", "pricing guide", "privacy");
        assertThat(index.searcher.suggest("Pricing G", 5, REP).queries()).containsExactly("pricing guide");
        assertThat(index.searcher.suggest("pri", 1, REP).queries()).containsExactly("pricing enterprise");
        assertThat(index.searcher.suggest("zzz", 5, REP).queries()).isEmpty();

        index.searcher.suggestFrom(Map.of("privacy", 1L));
        assertThat(index.searcher.suggest("pri", 5, REP).queries()).containsExactly("privacy");
    }

    @Test
    void blankOrPunctuationInputSuggestsNothing() throws Exception {
        index.searcher.suggestFrom(Map.of("pricing", 3L));

        for (String input : List.of("", "  ", "(((", "*")) {
            Suggestions suggestions = index.searcher.suggest(input, 5, REP);
            assertThat(suggestions.titles()).as(input).isEmpty();
            assertThat(suggestions.queries()).as(input).isEmpty();
        }
    }

    private List<String> titles(String prefix, Visibility visibility) throws Exception {
        return index.searcher.suggest(prefix, 10, visibility).titles().stream()
                .map(Suggestions.TitleSuggestion::title)
                .toList();
    }
}
