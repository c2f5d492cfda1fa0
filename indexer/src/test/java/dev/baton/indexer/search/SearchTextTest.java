package dev.baton.indexer.search;

import static dev.baton.indexer.search.SearchFixture.asset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTextTest {

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
    void aWordFindsAssetsByTitleAndByBodyText() throws Exception {
        index.index(
                asset("title", "Security whitepaper"),
                asset("body", "Architecture overview").body("How we handle security and encryption at rest."),
                asset("neither", "Onboarding guide").body("Your first week with the platform."));

        assertThat(index.ids("security")).containsExactlyInAnyOrder("title", "body");
    }

    @Test
    void aTitleMatchRanksAboveABodyMatch() throws Exception {
        index.index(
                asset("body", "Architecture overview").body("A short note on security."),
                asset("title", "Security whitepaper").body("A short note on architecture."));

        assertThat(index.ids("security")).containsExactly("title", "body");
    }

    @Test
    void stemmingLetsOneFormOfAWordFindTheOthers() throws Exception {
        index.index(
                asset("prices", "Price list").body("Our prices for 2026."),
                asset("priced", "Packaging").body("Each tier is priced per seat."),
                asset("other", "Customer story").body("They grew fast."));

        assertThat(index.ids("pricing")).containsExactlyInAnyOrder("prices", "priced");
        assertThat(index.ids("battlecards")).isEmpty();
    }

    @Test
    void descriptionTagsAndTaxonomyLabelsAreSearchable() throws Exception {
        index.index(
                asset("described", "Q3 one-pager").description("For the healthcare buyer"),
                asset("tagged", "Q3 deck").tags("Competitive intelligence"),
                asset("labelled", "Q3 case study").facet("persona", "economic-buyer", "Economic buyer"),
                asset("typed", "Acme story").contentType("case-study", "Case study"));

        assertThat(index.ids("healthcare")).containsExactly("described");
        assertThat(index.ids("competitive")).containsExactly("tagged");
        assertThat(index.ids("economic buyer")).as("every word first, then the others with most of them")
                .containsExactly("labelled", "described");
        assertThat(index.search("economic buyer").allWords()).isEqualTo(1);
        assertThat(index.ids("case study")).containsExactlyInAnyOrder("labelled", "typed");
    }

    @Test
    void assetsWithEveryWordComeFirstThenThoseWithMostAndStopWordsAreIgnored() throws Exception {
        index.index(
                asset("both", "Pricing guide for the enterprise tier"),
                asset("one", "Pricing overview"),
                asset("other", "Enterprise architecture"));

        assertThat(index.ids("pricing enterprise")).hasSize(3).first().isEqualTo("both");
        assertThat(index.search("pricing enterprise").relaxed()).as("one asset has every word").isFalse();
        assertThat(index.ids("the pricing guide for the enterprise")).first().isEqualTo("both");
        assertThat(index.ids("the pricing guide for the enterprise")).doesNotContain("other");
        assertThat(index.search("the pricing guide for the enterprise").relaxed()).isFalse();
    }

    @Test
    void anAssetWithEveryWordOutranksOneThatMatchesFewerWordsMoreStrongly() throws Exception {
        index.index(
                asset("all", "Notes").body("A short note on renewal pricing for the enterprise tier."),
                asset("strong", "Enterprise pricing").description("Enterprise pricing").tags("pricing", "enterprise"),
                asset("none", "Security whitepaper"));

        assertThat(index.ids("enterprise renewal pricing")).containsExactly("all", "strong");
    }

    @Test
    void phrasesAndOrGroupsStayRequiredWhenWordsAreLeftOut() throws Exception {
        index.index(
                asset("phrase", "Notes").body("Discuss the total contract value with finance before renewal."),
                asset("words", "Notes").body("Contract renewal with finance and legal."),
                asset("webinar", "Webinar about finance renewals"),
                asset("podcast", "Podcast episode"));

        assertThat(index.ids("\"contract value\" finance legal renewal"))
                .as("the phrase is required; half the words may be missing").containsExactly("phrase");
        assertThat(index.ids("webinar OR podcast finance renewal")).containsExactly("webinar");
        assertThat(index.ids("finance renewal legal -webinar")).containsExactly("words", "phrase");
    }

    @Test
    void whenEnoughAssetsHaveEveryWordTheOthersAreNotAdded() throws Exception {
        List<AssetDocument.Builder> assets = new ArrayList<>();
        for (int i = 0; i < AssetSearcher.ALL_WORDS_ENOUGH; i++) {
            assets.add(asset("both" + i, "Pricing for the enterprise " + i));
        }
        assets.add(asset("one", "Pricing overview"));
        index.index(assets.toArray(AssetDocument.Builder[]::new));

        assertThat(index.search("pricing enterprise").total()).isEqualTo(AssetSearcher.ALL_WORDS_ENOUGH);
        assertThat(index.search("pricing overview").total()).isEqualTo(AssetSearcher.ALL_WORDS_ENOUGH + 1);
        assertThat(index.ids("pricing overview")).first().isEqualTo("one");
    }

    @Test
    void whenNoAssetHasEveryWordTheOnesWithMostOfThemAreShownAndTheResultSaysSo()
            throws Exception {
        index.index(asset("pricing", "Pricing overview"), asset("security", "Security whitepaper"));

        SearchResult result = index.search("pricing security");

        assertThat(result.relaxed()).isTrue();
        assertThat(SearchFixture.ids(result)).containsExactlyInAnyOrder("pricing", "security");
        assertThat(index.search("pricing").relaxed()).isFalse();
    }

    @Test
    void aQuotedPhraseNeedsTheWordsNextToEachOther() throws Exception {
        index.index(
                asset("phrase", "Notes").body("Discuss the total contract value early."),
                asset("apart", "Notes").body("The contract total and its value."));

        assertThat(index.ids("\"contract value\"")).containsExactly("phrase");
        assertThat(index.ids("contract value")).containsExactlyInAnyOrder("phrase", "apart");
    }

    @Test
    void aMinusExcludesAWordOrAPhrase() throws Exception {
        index.index(
                asset("emea", "Pricing EMEA"),
                asset("apac", "Pricing APAC"),
                asset("latam", "Pricing LATAM old sheet"));

        assertThat(index.ids("pricing -emea")).containsExactlyInAnyOrder("apac", "latam");
        assertThat(index.ids("pricing -\"old sheet\"")).containsExactlyInAnyOrder("emea", "apac");
        assertThat(index.ids("-emea")).containsExactlyInAnyOrder("apac", "latam");
    }

    @Test
    void orFindsEitherWord() throws Exception {
        index.index(
                asset("webinar", "Webinar recording"),
                asset("podcast", "Podcast episode"),
                asset("article", "Blog article"));

        assertThat(index.ids("webinar OR podcast")).containsExactlyInAnyOrder("webinar", "podcast");
        assertThat(index.ids("webinar OR \"blog article\"")).containsExactlyInAnyOrder("webinar", "article");
        assertThat(index.ids("recording webinar OR podcast")).containsExactly("webinar");
        // lower-case "or" is an ordinary (stop) word
        assertThat(index.ids("webinar or podcast")).containsExactlyInAnyOrder("webinar", "podcast");
    }

    @Test
    void inputTheQuerySyntaxWouldRejectIsSearchedAsPlainWords() throws Exception {
        index.index(asset("a", "Security title review"), asset("b", "Onboarding"));

        for (String input : List.of(
                "\"review security",
                "title: security",
                "security (((",
                "*security*",
                "security~~",
                "\\security\\",
                "security AND OR NOT",
                "+security -",
                "security:\"review\"",
                "security^2 {}[]",
                "OR security OR")) {
            assertThat(index.ids(input)).as(input).containsExactly("a");
        }
        for (String input : List.of("security [1 TO 5] {x}", "a:b:c", "((a OR b) AND c)", "\"\"\"", "-\"\"", "~1^2")) {
            assertThatCode(() -> index.search(input)).as(input).doesNotThrowAnyException();
        }
    }

    @Test
    void inputWithNoWordsListsEverythingAndNeverFails() throws Exception {
        index.index(asset("a", "Security review"), asset("b", "Onboarding"));

        for (String input : List.of("", "   ", "(((", "*", "~~", "\\", "\"", "-", ":", "&&||!", "the", "\"\"")) {
            assertThat(index.ids(input)).as(input).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void aVeryLongInputIsSearchedWithoutFailing() throws Exception {
        index.index(asset("a", "Security review"));
        String words = "security review roi mql tco secuirty pricing \"phrase here\" -excluded OR ";
        String longInput = words.repeat(2_000 / words.length() + 1).substring(0, 2_000);

        assertThatCode(() -> index.search(longInput)).doesNotThrowAnyException();
        assertThat(index.search("security " + "x".repeat(2_000)).total()).isZero();
        assertThat(index.ids("security " + "review ".repeat(300))).containsExactly("a");
    }

    @Test
    void synonymsFindEachOtherInBothDirectionsIncludingMultiWordOnes() throws Exception {
        index.index(
                asset("abbrev", "ROI calculator"),
                asset("spelled", "Return on investment model"),
                asset("mql", "From MQL to SQL"),
                asset("tco", "Total cost of ownership explained"));

        assertThat(index.ids("roi")).containsExactlyInAnyOrder("abbrev", "spelled");
        assertThat(index.ids("return on investment")).containsExactlyInAnyOrder("abbrev", "spelled");
        assertThat(index.ids("marketing qualified lead")).containsExactly("mql");
        assertThat(index.ids("marketing qualified leads")).containsExactly("mql");
        assertThat(index.ids("tco")).containsExactly("tco");
        assertThat(index.ids("ROIs calculator")).as("every word first, then the others with most of them")
                .containsExactly("abbrev", "spelled");
        assertThat(index.search("ROIs calculator").allWords()).isEqualTo(1);
        // a multi-word synonym is a phrase: its words scattered do not count
        index.index(asset("scattered", "Investment notes").body("Return the form."));
        assertThat(index.ids("roi")).containsExactlyInAnyOrder("abbrev", "spelled");
    }

    @Test
    void synonymsEditedByAnAdminApplyToTheNextSearch() throws Exception {
        index.index(asset("kickoff", "Sales kickoff agenda"), asset("qbr", "QBR template"));
        assertThat(index.ids("sko")).isEmpty();

        index.searcher.setSynonyms(List.of(List.of("sko", "sales kickoff"), List.of("!!!", "")));

        assertThat(index.ids("sko")).containsExactly("kickoff");
        assertThat(index.ids("sales kickoff")).containsExactly("kickoff");
        // the defaults are gone with the new list
        assertThat(index.ids("quarterly business review")).isEmpty();
        index.searcher.setSynonyms(List.of());
        assertThat(index.ids("sko")).isEmpty();
    }

    @Test
    void hugeSynonymGroupsOnALongQueryFallBackToThePlainWords() throws Exception {
        List<String> words = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String word = "widget" + (char) ('a' + w % 26) + (char) ('a' + w / 26);
            words.add(word);
            List<String> group = new ArrayList<>();
            group.add(word);
            for (int i = 0; i < Synonyms.MAX_ENTRIES_PER_GROUP - 1; i++) {
                group.add("gadget " + word + " " + i);
            }
            groups.add(group);
        }
        index.index(asset("a", String.join(" ", words)));
        index.searcher.setSynonyms(groups);

        assertThat(index.ids(String.join(" ", words))).containsExactly("a");
        assertThat(index.ids("gadget " + words.get(3) + " 7")).containsExactly("a");
    }

    @Test
    void aMisspeltWordStillFindsTheAsset() throws Exception {
        index.index(
                asset("security", "Security whitepaper"),
                asset("onboarding", "Onboarding guide").body("Integrations and single sign-on."));

        assertThat(index.ids("secuirty")).containsExactly("security");
        assertThat(index.ids("securty whitepaper")).containsExactly("security");
        assertThat(index.ids("onbaording")).containsExactly("onboarding");
        assertThat(index.ids("integratoins")).containsExactly("onboarding");
    }

    @Test
    void aWordOfFourLettersTheLibraryLacksIsNotTakenForATypo() throws Exception {
        index.index(
                asset("logs", "Audit log export"),
                asset("plan", "Implementation plan").body("Kick-off, training and go-live in six weeks."));

        assertThat(index.search("long").correctedQuery()).as("no correction offered").isNull();
        assertThat(index.ids("long")).as("\"long\" is not searched as \"log\"").isEmpty();
        assertThat(index.ids("impementation")).as("five letters and more still are").containsExactly("plan");
    }

    @Test
    void anExactMatchRanksAboveANearSpelling() throws Exception {
        index.index(
                asset("near", "Pricing for the secure tier"),
                asset("exact", "Pricing for the secura tier"),
                asset("other", "Pricing for the basic tier"));

        // "secura" is a word of the index (one document), so "secure" also matches as a near spelling
        assertThat(index.ids("secura")).containsExactly("exact", "near");
    }

    @Test
    void recentAndMuchUsedAssetsGetABoostBetweenEquallyGoodMatches() throws Exception {
        index.index(
                asset("old", "Discovery call script").updatedAt(SearchFixture.daysAgo(400)),
                asset("fresh", "Discovery call checklist").updatedAt(SearchFixture.daysAgo(1)),
                asset("used", "Discovery call questions").updatedAt(SearchFixture.daysAgo(400)).usageCount(5_000));

        assertThat(index.ids("discovery call")).containsExactly("used", "fresh", "old");
    }

    @Test
    void theBoostNeverBuriesAClearlyBetterTextMatch() throws Exception {
        index.index(
                asset("popular", "Quarterly business review template")
                        .body("A long template. " + "Filler text about meetings. ".repeat(40)
                                + "Mentions onboarding once.")
                        .updatedAt(SearchFixture.daysAgo(900))
                        .usageCount(1_000_000),
                asset("exact", "Onboarding").updatedAt(SearchFixture.daysAgo(0)));

        assertThat(index.ids("onboarding")).containsExactly("exact", "popular");
    }
}
