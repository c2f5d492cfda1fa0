package dev.baton.indexer.search;

import static dev.baton.indexer.search.SearchFixture.REP;
import static dev.baton.indexer.search.SearchFixture.asset;
import static dev.baton.indexer.search.SearchFixture.daysAgo;
import static dev.baton.indexer.search.SearchFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchResultsTest {

    @TempDir
    Path home;

    SearchFixture index;

    @BeforeEach
    void open() throws Exception {
        index = new SearchFixture(home);
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void aHitShowsWhatTheResultListRenders() throws Exception {
        index.index(asset("a", "Healthcare case study")
                .description("How a hospital cut onboarding time")
                .contentType("case-study", "Case study")
                .facet("buyer_stage", "decision", "Decision")
                .facet("funnel_stage", "sql", "SQL")
                .facet("funnel_stage", "opportunity", "Opportunity")
                .facet("persona", "champion", "Champion")
                .thumbnail(true)
                .file("hospital.pdf", "application/pdf")
                .version(3)
                .updatedAt(daysAgo(2)));

        SearchResult.Hit hit = index.search("hospital").hits().get(0);

        assertThat(hit.id()).isEqualTo("a");
        assertThat(hit.title()).isEqualTo("Healthcare case study");
        assertThat(hit.typeKey()).isEqualTo("case-study");
        assertThat(hit.typeLabel()).isEqualTo("Case study");
        assertThat(hit.stages())
                .isEqualTo(Map.of("buyer_stage", List.of("decision"), "funnel_stage", List.of("sql", "opportunity")));
        assertThat(hit.updatedAt()).isEqualTo(daysAgo(2));
        assertThat(hit.thumbnail()).isTrue();
        assertThat(hit.mediaType()).isEqualTo("application/pdf");
        assertThat(hit.version()).isEqualTo(3);
        assertThat(hit.status()).isEqualTo(AssetStatus.PUBLISHED);
        assertThat(hit.internalOnly()).isFalse();
        assertThat(hit.score()).isPositive();
        assertThat(hit.snippetHtml()).isEqualTo("How a <mark>hospital</mark> cut onboarding time");
    }

    @Test
    void titleAndBodySnippetsMarkTheMatchedWords() throws Exception {
        index.index(asset("a", "Pricing guide for enterprise buyers")
                .body("Introduction. " + "Unrelated filler sentence here. ".repeat(30)
                        + "Enterprise pricing starts at the Growth tier and is priced per seat. "
                        + "More filler text follows. ".repeat(30)));

        SearchResult.Hit hit = index.search("enterprise pricing").hits().get(0);

        assertThat(hit.titleHtml()).isEqualTo("<mark>Pricing</mark> guide for <mark>enterprise</mark> buyers");
        assertThat(hit.snippetHtml())
                .contains("<mark>Enterprise</mark> <mark>pricing</mark> starts at the Growth tier and is <mark>priced</mark>")
                .hasSizeLessThan(600)
                .doesNotContain("\n");
    }

    @Test
    void highlightedTextIsHtmlEscapedAndOnlyMarkIsAdded() throws Exception {
        index.index(asset("a", "Q&A <script>alert('x')</script> pricing")
                .body("Terms & conditions: <script>alert(\"pricing\")</script> <b>bold</b> pricing & more."));

        SearchResult.Hit hit = index.search("pricing").hits().get(0);

        assertThat(hit.titleHtml())
                .isEqualTo("Q&amp;A &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>pricing</mark>");
        assertThat(hit.snippetHtml())
                .contains("Terms &amp; conditions: &lt;script&gt;alert(&quot;<mark>pricing</mark>&quot;)&lt;/script&gt;")
                .contains("&lt;b&gt;bold&lt;/b&gt; <mark>pricing</mark> &amp; more.");
        String withoutMarks = hit.titleHtml().replace("<mark>", "").replace("</mark>", "")
                + hit.snippetHtml().replace("<mark>", "").replace("</mark>", "");
        assertThat(withoutMarks).doesNotContain("<", ">");
    }

    @Test
    void aPhraseAndASynonymAreMarkedWhereTheyMatched() throws Exception {
        index.index(asset("a", "Business case").body("We measured the return on investment over two years."));

        assertThat(index.search("\"return on investment\"").hits().get(0).snippetHtml())
                .contains("<mark>return on investment</mark>");
        assertThat(index.search("roi").hits().get(0).snippetHtml()).contains("<mark>return on investment</mark>");
    }

    @Test
    void aMisspeltWordMarksTheWordItFound() throws Exception {
        index.index(asset("a", "Security whitepaper"));

        assertThat(index.search("secuirty").hits().get(0).titleHtml()).isEqualTo("<mark>Security</mark> whitepaper");
    }

    @Test
    void withoutATextMatchTheSnippetIsTheEscapedStartOfTheDescriptionOrBody() throws Exception {
        index.index(
                asset("described", "Deck one").description("A <short> & sweet description").tags("tagged"),
                asset("bodied", "Deck two").body("Body text " + "word ".repeat(200)).tags("tagged"),
                asset("bare", "Deck three").tags("tagged"));

        Map<String, String> snippets = new java.util.HashMap<>();
        index.search("tagged").hits().forEach(hit -> snippets.put(hit.id(), hit.snippetHtml()));

        assertThat(snippets.get("described")).isEqualTo("A &lt;short&gt; &amp; sweet description");
        assertThat(snippets.get("bodied")).startsWith("Body text word word").endsWith("\u2026").hasSizeLessThan(260);
        assertThat(snippets.get("bare")).isEmpty();
        assertThat(index.search("").hits()).allSatisfy(hit -> assertThat(hit.titleHtml()).doesNotContain("<mark>"));
    }

    @Test
    void anAssetWithoutExtractedTextIsFoundByItsMetadata() throws Exception {
        index.index(asset("a", "Competitive battlecard").description("Against Acme").body(null));

        assertThat(index.ids("acme battlecard")).containsExactly("a");
    }

    @Test
    void sortsByNewestAndByMostUsed() throws Exception {
        index.index(
                asset("old-popular", "Objection handling").updatedAt(daysAgo(300)).usageCount(900),
                asset("new", "Objection handling guide").updatedAt(daysAgo(1)).usageCount(3),
                asset("mid", "Objection handling cards").updatedAt(daysAgo(30)).usageCount(50),
                asset("unused", "Objection handling notes").updatedAt(daysAgo(10)));

        SearchRequest request = SearchRequest.of("objection", REP);
        assertThat(ids(index.search(request.withSort(SearchRequest.Sort.NEWEST))))
                .containsExactly("new", "unused", "mid", "old-popular");
        assertThat(ids(index.search(request.withSort(SearchRequest.Sort.MOST_USED))))
                .containsExactly("old-popular", "mid", "new", "unused");
        assertThat(index.search(request.withSort(SearchRequest.Sort.NEWEST)).hits())
                .allSatisfy(hit -> assertThat(hit.score()).isNaN());
    }

    @Test
    void pagesSplitTheHitsAndTheTotalCountsThemAll() throws Exception {
        List<AssetDocument.Builder> assets = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            assets.add(asset("a" + i, "Renewal playbook " + i).updatedAt(daysAgo(i + 1)));
        }
        index.index(assets.toArray(AssetDocument.Builder[]::new));

        SearchRequest newest = SearchRequest.of("renewal", REP).withSort(SearchRequest.Sort.NEWEST);
        SearchResult first = index.search(newest.withPage(1, 10));
        SearchResult third = index.search(newest.withPage(3, 10));
        SearchResult beyond = index.search(newest.withPage(4, 10));

        assertThat(first.total()).isEqualTo(25);
        assertThat(ids(first)).hasSize(10).startsWith("a0", "a1");
        assertThat(ids(third)).containsExactly("a20", "a21", "a22", "a23", "a24");
        assertThat(third.page()).isEqualTo(3);
        assertThat(beyond.hits()).isEmpty();
        assertThat(beyond.total()).isEqualTo(25);
        List<String> all = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            all.addAll(ids(index.search(SearchRequest.of("renewal", REP).withPage(page, 10))));
        }
        assertThat(all).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void equallyGoodHitsKeepOneOrderByIdAcrossPagesAndIndexChanges() throws Exception {
        // same title words, same date, never used: equal scores; indexed in an order unlike the ids' order
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add("tie-" + (char) ('a' + i));
        }
        for (int i = 11; i >= 0; i--) {
            index.index(asset(expected.get(i), "Discovery call guide"));
        }
        SearchRequest request = SearchRequest.of("discovery", REP);
        List<String> before = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            before.addAll(ids(index.search(request.withPage(page, 5))));
        }

        // rewriting some of them moves their documents to the end of the index
        index.index(asset("tie-a", "Discovery call guide"), asset("tie-f", "Discovery call guide"));
        List<String> after = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            after.addAll(ids(index.search(request.withPage(page, 5))));
        }

        assertThat(before).isEqualTo(expected);
        assertThat(after).isEqualTo(expected);
        assertThat(ids(index.search(request.withSort(SearchRequest.Sort.NEWEST).withPage(1, 12))))
                .isEqualTo(expected);
    }

    @Test
    void anEmptyQueryListsRecentAndUsedAssetsFirst() throws Exception {
        index.index(
                asset("old", "Alpha").updatedAt(daysAgo(700)),
                asset("used", "Beta").updatedAt(daysAgo(700)).usageCount(400),
                asset("fresh", "Gamma").updatedAt(daysAgo(0)));

        assertThat(index.ids("")).containsExactly("used", "fresh", "old");
    }

    @Test
    void aDeletedAssetIsNoLongerFound() throws Exception {
        index.index(asset("a", "Churn analysis"), asset("b", "Churn playbook"));

        index.delete("a");

        assertThat(index.ids("churn")).containsExactly("b");
        assertThat(index.searcher.indexedStamps()).containsOnlyKeys("b");
    }

    @Test
    void aReindexedAssetReplacesItsOldText() throws Exception {
        index.index(asset("a", "Draft title"));
        index.index(asset("a", "Final title").version(2));

        assertThat(index.ids("draft")).isEmpty();
        assertThat(index.ids("final")).containsExactly("a");
        assertThat(index.searcher.indexedStamps().get("a").version()).isEqualTo(2);
    }
}
