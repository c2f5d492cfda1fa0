package dev.baton.indexer.search;

import static dev.baton.indexer.search.SearchFixture.asset;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semantic matching: the in-process sentence-embedding model's candidates fused with the words' hits. */
class SearchSemanticTest {

    /** Shares no word but "new customers" with the onboarding asset (cosine about 0.56 to its passage). */
    static final String QUESTION = "how long until new customers are up and running";

    static SentenceEmbedder model;

    @TempDir
    Path home;

    SearchFixture index;

    @BeforeAll
    static void load() {
        model = SentenceEmbedder.load();
        System.out.printf("model loaded in %d ms%n", model.loadMillis());
    }

    @BeforeEach
    void open() throws Exception {
        index = new SearchFixture(home);
        index.searcher.setSemantic(model);
        index.index(
                asset("objections", "Handling pushback").description("Talk track for reps")
                        .body("When a prospect says a rival product costs less, show the total cost over three years"
                                + " and the savings from faster rollout.")
                        .facet("persona", "champion", "Champion"),
                asset("onboarding", "First ninety days").body("Kick-off call, training sessions for admins and the"
                        + " go-live checklist for new customers.").facet("buyer_stage", "post-sale", "Post-sale"),
                asset("security", "Security whitepaper").body("Encryption at rest and in transit, SOC 2 Type II audit,"
                        + " single sign-on and access reviews."),
                AssetDocument.builder("draft", "First ninety days, revised", AssetStatus.DRAFT, SearchFixture.daysAgo(7))
                        .body("Kick-off call, training sessions for admins and the go-live checklist for new"
                                + " customers."));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void aQuestionWithoutTheDocumentsWordsFindsTheAssetThatAnswersIt() throws Exception {
        assertThat(index.ids(QUESTION)).as("no asset has most of the question's words").first()
                .isEqualTo("onboarding");
    }

    @Test
    void aQueryNothingAnswersStillFindsNothing() throws Exception {
        assertThat(index.ids("parental leave policy")).isEmpty();
        assertThat(index.ids("blockchain payments")).isEmpty();
        assertThat(index.ids("what is the office wifi password")).isEmpty();
    }

    @Test
    void aQueryNamingARoleIsAnsweredByANearPassageWithItsAcronymSpelledOut() throws Exception {
        index.index(asset("questionnaire", "Vendor risk assessment answers for security officers"));
        assertThat(index.ids("CISO due diligence")).as("no word matches, and the model alone is not sure").isEmpty();
        index.searcher.setFacetVocabulary(FacetVocabulary.of(List.of(new FacetVocabulary.Value("persona",
                "technical-evaluator", List.of("Technical evaluator", "ciso", "chief information security officer")))));
        assertThat(index.ids("CISO due diligence")).first().isEqualTo("questionnaire");
        assertThat(index.ids("parental leave policy")).isEmpty();
    }

    @Test
    void aMadeUpWordFindsOnlyTheAssetsThatHaveItAndNoLookalikes() throws Exception {
        assertThat(model.readsAsLanguage("what do I say in due diligence")).isTrue();
        assertThat(model.readsAsLanguage("kangaroownxrmqrt playbook")).isFalse();
        index.index(
                asset("code-a", "Kick-off checklist midnightabcfedab"),
                asset("code-b", "Go-live checklist midnightabcfedab"),
                asset("code-c", "Training sessions midnightabcfedab"));
        assertThat(index.ids("midnightabcfedab")).containsExactlyInAnyOrder("code-a", "code-b", "code-c");
    }

    @Test
    void semanticCandidatesPassEveryFilterExclusionAndVisibility() throws Exception {
        assertThat(index.ids(QUESTION)).as("a draft is not visible to reps").doesNotContain("draft");
        assertThat(SearchFixture.ids(index.search(SearchRequest.of(QUESTION, SearchFixture.MARKETER))))
                .contains("onboarding", "draft");
        assertThat(SearchFixture.ids(index.search(
                SearchRequest.of(QUESTION, SearchFixture.REP).withFilter("buyer_stage", "decision"))))
                .as("no asset is in the decision stage").isEmpty();
        assertThat(SearchFixture.ids(index.search(
                SearchRequest.of(QUESTION, SearchFixture.REP).withFilter("buyer_stage", "post-sale"))))
                .containsExactly("onboarding");
        assertThat(index.ids(QUESTION + " -checklist")).as("the onboarding text says checklist").isEmpty();
        SearchResult found = index.search(QUESTION);
        assertThat(found.total()).isEqualTo(found.hits().size());
        assertThat(found.facet("buyer_stage").count("post-sale")).as("facet counts include semantic hits")
                .isEqualTo(1);
    }

    @Test
    void aPhraseOrAnOrGroupStaysLexical() throws Exception {
        assertThat(index.ids("\"new customers are up and running\"")).isEmpty();
        assertThat(index.ids("rival OR kickoff")).containsExactly("objections");
    }

    @Test
    void withSemanticMatchingOffOnlyTheWordsFind() throws Exception {
        index.searcher.setSemantic(null);
        assertThat(index.ids(QUESTION)).isEmpty();
        assertThat(index.ids("rival")).containsExactly("objections");
        index.searcher.setSemantic(model);
        assertThat(index.ids(QUESTION)).first().isEqualTo("onboarding");
    }
}
