package dev.baton.indexer.search;

import static dev.baton.indexer.search.SearchFixture.asset;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The taxonomy's words, question words and corrected misspellings. */
class SearchVocabularyTest {

    @TempDir
    Path home;

    SearchFixture index;

    @BeforeEach
    void open() throws Exception {
        index = new SearchFixture(home);
        index.searcher.setFacetVocabulary(FacetVocabulary.of(List.of(
                new FacetVocabulary.Value("persona", "economic-buyer",
                        List.of("Economic buyer", "CFO", "finance director")),
                new FacetVocabulary.Value("persona", "champion", List.of("Champion")),
                new FacetVocabulary.Value("industry", "financial-services",
                        List.of("Financial services", "banking", "bank")))));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void anAliasFindsTheAssetsTaggedWithItsValueAndOffersItAsAFilter() throws Exception {
        index.index(
                asset("guide", "ROI guide").body("Pricing and payback.")
                        .facet("persona", "economic-buyer", "Economic buyer"),
                asset("card", "Battlecard").body("Pricing against the competition; ROI claims."),
                asset("other", "Onboarding").body("First steps."));

        assertThat(index.ids("CFO pricing ROI")).as("the tagged guide has every word, CFO by its persona")
                .containsExactly("guide", "card");
        assertThat(index.search("CFO pricing ROI").allWords()).isEqualTo(1);
        assertThat(index.search("finance directors pricing").named())
                .containsExactly(new FacetVocabulary.Named("persona", "economic-buyer"));
        assertThat(index.ids("cfo")).containsExactly("guide");
    }

    @Test
    void aNamedValueIsNotOfferedWhenItIsFilteredOnOrNoHitCarriesIt() throws Exception {
        index.index(asset("guide", "ROI guide").facet("persona", "economic-buyer", "Economic buyer"),
                asset("card", "ROI battlecard"));

        SearchRequest filtered = SearchRequest.of("CFO ROI", SearchFixture.REP).withFilter("persona", "economic-buyer");
        assertThat(index.search(filtered).named()).isEmpty();
        assertThat(index.search("champion ROI").named()).as("no hit is tagged champion").isEmpty();
    }

    @Test
    void anAliasIsAlsoSearchedAsTextAndAPhraseStaysExact() throws Exception {
        index.index(
                asset("bank", "Meridian case study").facet("industry", "financial-services", "Financial services"),
                asset("says", "Notes").body("Banking regulators ask for this."),
                asset("tagged", "Forecasting story").facet("persona", "economic-buyer", "Economic buyer"));

        assertThat(index.ids("banking")).containsExactlyInAnyOrder("bank", "says");
        assertThat(index.ids("\"banking\"")).as("a quoted word is matched as text only").containsExactly("says");
        assertThat(index.ids("story -cfo")).as("an exclusion stays a text exclusion").containsExactly("tagged");
    }

    @Test
    void questionWordsAreLeftOutWhenTheQueryHasOtherWords() throws Exception {
        index.index(
                asset("hubspot", "Connecting HubSpot").body("Steps to connect the CRM."),
                asset("noise", "What we do").body("How we work and what you can expect from us."));

        assertThat(index.ids("how do I connect HubSpot")).containsExactly("hubspot");
        assertThat(index.ids("what do we do")).as("a query of question words alone searches them")
                .contains("noise");
    }

    @Test
    void aWordNoAssetHasIsCorrectedAndTheResultSaysWhatItSearched() throws Exception {
        index.index(
                asset("questionnaire", "Security questionnaire answers"),
                asset("whitepaper", "Security whitepaper").body("Security, security and security."));

        SearchResult result = index.search("secuirty questionnaire");
        assertThat(result.hits()).isNotEmpty();
        assertThat(result.correctedQuery()).isEqualTo("security questionnaire");
        assertThat(result.asTypedQuery()).isEqualTo("\"secuirty\" questionnaire");
        assertThat(index.ids(result.asTypedQuery())).as("the word as typed, exactly").isEmpty();

        assertThat(index.search("security questionnaire").correctedQuery()).isNull();
        assertThat(index.search("\"secuirty\" questionnaire").correctedQuery()).isNull();
    }

    @Test
    void rewritingReplacesOnlyThePlainWordsThatWereCorrected() {
        Map<String, String> corrections = Map.of("pricng", "pricing");
        assertThat(SearchQueryBuilder.rewrite("Pricng sheet -pricng \"pricng list\"", corrections, false))
                .isEqualTo("pricing sheet -pricng \"pricng list\"");
        assertThat(SearchQueryBuilder.rewrite("pricng, sheet", corrections, true)).isEqualTo("\"pricng\", sheet");
        assertThat(SearchQueryBuilder.rewrite("sheet", corrections, false)).isNull();
    }

    @Test
    void aQueryWithAsManyWordsNothingMatchesAsOthersFindsNothingRatherThanTheOtherWords() throws Exception {
        index.index(
                asset("prices", "EMEA price list").body("Payments are due in 30 days."),
                asset("leave", "Parental leave").body("Our policy for new mothers and fathers."));

        assertThat(index.ids("blockchain payments")).isEmpty();
        assertThat(index.ids("payments due")).containsExactly("prices");
        assertThat(index.ids("paymnts fathers")).as("a misspelt word is not unknown").containsExactlyInAnyOrder(
                "prices", "leave");
        assertThat(index.ids("paymts fathers")).as("too short for two edits, but a misspelling all the same")
                .containsExactly("leave");
        assertThat(index.ids("payments parental")).as("every word is known: the ones with most of them")
                .containsExactlyInAnyOrder("prices", "leave");
        assertThat(index.ids("payments due annually")).as("fewer unknown words than known ones: those with most")
                .containsExactly("prices");
        assertThat(index.ids("when are blockchain payments due")).as("a question's unknown words may be incidental")
                .containsExactly("prices");
    }
}
