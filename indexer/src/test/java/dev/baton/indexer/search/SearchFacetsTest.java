package dev.baton.indexer.search;

import static dev.baton.indexer.search.SearchFixture.MARKETER;
import static dev.baton.indexer.search.SearchFixture.REP;
import static dev.baton.indexer.search.SearchFixture.TODAY;
import static dev.baton.indexer.search.SearchFixture.asset;
import static dev.baton.indexer.search.SearchFixture.daysAgo;
import static dev.baton.indexer.search.SearchFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchFacetsTest {

    @TempDir
    Path home;

    SearchFixture index;

    @BeforeEach
    void open() throws Exception {
        index = new SearchFixture(home);
        index.index(
                asset("aware-cfo", "Pricing primer")
                        .facet("buyer_stage", "awareness", "Awareness")
                        .facet("persona", "economic-buyer", "Economic buyer")
                        .facet("industry", "healthcare", "Healthcare")
                        .contentType("one-pager", "One-pager")
                        .owner("maria")
                        .language("en")
                        .tags("pricing"),
                asset("consider-cfo", "Pricing comparison")
                        .facet("buyer_stage", "consideration", "Consideration")
                        .facet("persona", "economic-buyer", "Economic buyer")
                        .facet("industry", "retail", "Retail")
                        .contentType("deck", "Deck")
                        .owner("maria")
                        .tags("pricing", "competitors"),
                asset("consider-tech", "Pricing for architects")
                        .facet("buyer_stage", "consideration", "Consideration")
                        .facet("persona", "technical-evaluator", "Technical evaluator")
                        .facet("industry", "healthcare", "Healthcare")
                        .contentType("whitepaper", "Whitepaper")
                        .owner("li"),
                asset("decide-both", "Pricing sheet")
                        .facet("buyer_stage", "decision", "Decision")
                        .facet("buyer_stage", "consideration", "Consideration")
                        .facet("persona", "economic-buyer", "Economic buyer")
                        .facet("persona", "technical-evaluator", "Technical evaluator")
                        .contentType("pricing-sheet", "Pricing sheet")
                        .owner("li"),
                asset("security", "Security whitepaper")
                        .facet("buyer_stage", "decision", "Decision")
                        .facet("persona", "technical-evaluator", "Technical evaluator")
                        .owner("li"));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void facetCountsComeFromTheHitsOfTheQueryOnly() throws Exception {
        SearchResult result = index.search("pricing");

        assertThat(result.total()).isEqualTo(4);
        SearchResult.Facet stages = result.facet("buyer_stage");
        assertThat(stages.count("awareness")).isEqualTo(1);
        assertThat(stages.count("consideration")).isEqualTo(3);
        assertThat(stages.count("decision")).isEqualTo(1); // the security whitepaper is no hit
        assertThat(result.facet("persona").count("technical-evaluator")).isEqualTo(2);
        assertThat(result.facet("owner").count("li")).isEqualTo(2);
        assertThat(result.facet("content_type").values())
                .extracting(SearchResult.FacetCount::value)
                .containsExactlyInAnyOrder("one-pager", "deck", "whitepaper", "pricing-sheet");
        assertThat(stages.values().get(0).value()).as("most frequent first").isEqualTo("consideration");
    }

    @Test
    void everyFacetIsListedInAStableOrderEvenWithoutValues() throws Exception {
        SearchResult result = index.search("security");

        assertThat(result.facets()).extracting(SearchResult.Facet::key).startsWith(AssetSchema.FACETS.toArray(String[]::new));
        assertThat(result.facet("region").values()).isEmpty();
        assertThat(result.facet("status").count("PUBLISHED")).isEqualTo(1);
    }

    @Test
    void valuesOfOneFacetAreOredAndFacetsAreAnded() throws Exception {
        SearchRequest awarenessOrDecision =
                SearchRequest.of("pricing", REP).withFilter("buyer_stage", "awareness", "decision");
        assertThat(ids(index.search(awarenessOrDecision))).containsExactlyInAnyOrder("aware-cfo", "decide-both");

        SearchRequest andCfo = awarenessOrDecision.withFilter("persona", "technical-evaluator");
        assertThat(ids(index.search(andCfo))).containsExactly("decide-both");

        SearchRequest nothing = andCfo.withFilter("industry", "retail");
        assertThat(index.search(nothing).total()).isZero();
    }

    @Test
    void aSelectedFacetCountsItsOtherValuesAsIfItWereNotSelected() throws Exception {
        SearchResult result = index.search(SearchRequest.of("pricing", REP)
                .withFilter("buyer_stage", "awareness")
                .withFilter("persona", "economic-buyer"));

        assertThat(ids(result)).containsExactly("aware-cfo");
        // buyer_stage counts among pricing + economic buyer, ignoring the stage filter
        SearchResult.Facet stages = result.facet("buyer_stage");
        assertThat(stages.count("awareness")).isEqualTo(1);
        assertThat(stages.count("consideration")).isEqualTo(2);
        assertThat(stages.count("decision")).isEqualTo(1);
        assertThat(stages.values()).filteredOn(SearchResult.FacetCount::selected)
                .extracting(SearchResult.FacetCount::value)
                .containsExactly("awareness");
        // persona counts among pricing + awareness, ignoring the persona filter
        assertThat(result.facet("persona").count("economic-buyer")).isEqualTo(1);
        assertThat(result.facet("persona").count("technical-evaluator")).isZero();
        // unselected facets count the hits
        assertThat(result.facet("industry").count("healthcare")).isEqualTo(1);
        assertThat(result.facet("industry").count("retail")).isZero();
        assertThat(result.filters()).containsOnlyKeys("buyer_stage", "persona");
    }

    @Test
    void aSelectedValueWithoutHitsIsStillListedWithZero() throws Exception {
        SearchResult result = index.search(SearchRequest.of("security", REP).withFilter("industry", "retail", "mining"));

        assertThat(result.total()).isZero();
        assertThat(result.facet("industry").values())
                .containsExactlyInAnyOrder(
                        new SearchResult.FacetCount("retail", 0, true), new SearchResult.FacetCount("mining", 0, true));
    }

    @Test
    void filteringOnAFacetNoAssetHasFindsNothingAndFailsNothing() throws Exception {
        SearchResult region = index.search(SearchRequest.of("pricing", REP).withFilter("region", "emea"));
        SearchResult madeUp = index.search(SearchRequest.of("", REP).withFilter("made_up", "x"));

        assertThat(region.total()).isZero();
        assertThat(region.facet("region").values()).containsExactly(new SearchResult.FacetCount("emea", 0, true));
        assertThat(madeUp.total()).isZero();
        assertThat(madeUp.facet("made_up").values()).containsExactly(new SearchResult.FacetCount("x", 0, true));
    }

    @Test
    void aFacetTheTaxonomyGainsLaterIsCountedAndFilteredWithoutCodeChanges() throws Exception {
        index.index(asset("segment", "Pricing for startups").facet("segment", "smb", "Small business"));

        SearchResult result = index.search("pricing");

        assertThat(result.facet("segment").count("smb")).isEqualTo(1);
        assertThat(ids(index.search(SearchRequest.of("", REP).withFilter("segment", "smb")))).containsExactly("segment");
        assertThat(index.ids("small business")).containsExactly("segment");
    }

    @Test
    void tagsContentTypeOwnerAndLanguageFilterLikeTaxonomyFacets() throws Exception {
        assertThat(ids(index.search(SearchRequest.of("", REP).withFilter("tags", "competitors"))))
                .containsExactly("consider-cfo");
        assertThat(ids(index.search(SearchRequest.of("", REP).withFilter("content_type", "deck", "whitepaper"))))
                .containsExactlyInAnyOrder("consider-cfo", "consider-tech");
        assertThat(ids(index.search(SearchRequest.of("pricing", REP).withFilter("owner", "li"))))
                .containsExactlyInAnyOrder("consider-tech", "decide-both");
        assertThat(ids(index.search(SearchRequest.of("", REP).withFilter("language", "en"))))
                .containsExactly("aware-cfo");
    }

    @Test
    void updatedWithinKeepsOnlyRecentlyUpdatedAssets() throws Exception {
        index.index(asset("old", "Pricing archive note").updatedAt(daysAgo(200)));

        SearchRequest lastMonth = SearchRequest.of("pricing", REP).withUpdatedWithin(Duration.ofDays(30));

        assertThat(ids(index.search(lastMonth))).doesNotContain("old").hasSize(4);
        assertThat(ids(index.search(SearchRequest.of("pricing", REP)))).contains("old");
    }

    @Test
    void repsSeeOnlyPublishedUnexpiredAssetsAndInternalOnesStayVisible() throws Exception {
        index.index(
                asset("draft", "Onboarding plan draft").status(AssetStatus.DRAFT),
                asset("archived", "Onboarding plan 2019").status(AssetStatus.ARCHIVED),
                asset("expired", "Onboarding plan expired").expiresOn(TODAY.minusDays(3)),
                asset("expires-today", "Onboarding plan ends today").expiresOn(TODAY),
                asset("expires-tomorrow", "Onboarding plan ends tomorrow").expiresOn(TODAY.plusDays(1)),
                asset("internal", "Onboarding plan internal").internalOnly(true),
                asset("live", "Onboarding plan"));

        assertThat(index.ids("onboarding plan"))
                .containsExactlyInAnyOrder("expires-tomorrow", "internal", "live");
        SearchResult internal = index.search("internal onboarding");
        assertThat(internal.allWords()).isEqualTo(1);
        assertThat(internal.hits()).first().satisfies(hit -> assertThat(hit.internalOnly()).isTrue());
        assertThat(ids(index.search(SearchRequest.of("onboarding plan", MARKETER))))
                .containsExactlyInAnyOrder(
                        "draft", "archived", "expired", "expires-today", "expires-tomorrow", "internal", "live");
        SearchResult marketer = index.search(SearchRequest.of("onboarding plan", MARKETER).withFilter("status", "DRAFT"));
        assertThat(ids(marketer)).containsExactly("draft");
        assertThat(marketer.facet("status").count("ARCHIVED")).isEqualTo(1);
        assertThat(marketer.facet("status").count("PUBLISHED")).isEqualTo(5);
    }

    @Test
    void aRepNeverSeesDraftValuesCountedInFacets() throws Exception {
        index.index(asset("draft", "Pricing draft").status(AssetStatus.DRAFT).facet("region", "emea", "EMEA"));

        assertThat(index.search("pricing").facet("region").count("emea")).isZero();
        assertThat(index.search(SearchRequest.of("pricing", MARKETER)).facet("region").count("emea")).isEqualTo(1);
    }
}
