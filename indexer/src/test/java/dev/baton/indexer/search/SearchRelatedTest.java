package dev.baton.indexer.search;

import static dev.baton.indexer.search.SearchFixture.MARKETER;
import static dev.baton.indexer.search.SearchFixture.REP;
import static dev.baton.indexer.search.SearchFixture.asset;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchRelatedTest {

    @TempDir
    Path home;

    SearchFixture index;

    @BeforeEach
    void open() throws Exception {
        index = new SearchFixture(home);
        index.index(
                asset("soc2", "SOC 2 security overview")
                        .description("Controls, encryption and audits")
                        .body("Encryption at rest and in transit. Annual SOC 2 audits. Access controls and logging."),
                asset("pentest", "Penetration test summary")
                        .description("Security testing results")
                        .body("Independent penetration testing. Encryption verified. Access controls reviewed."),
                asset("gdpr", "GDPR and data protection")
                        .body("Data processing agreement, encryption, access controls, audits by regulators."),
                asset("draft-security", "Security FAQ draft")
                        .status(AssetStatus.DRAFT)
                        .body("Encryption, access controls and audits explained."),
                asset("pricing", "Pricing sheet").body("Seats, tiers and discounts for annual contracts."),
                asset("kickoff", "Sales kickoff agenda").body("Day one: keynote. Day two: workshops."));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void relatedAssetsShareTheWordsOfTheAssetAndExcludeIt() throws Exception {
        List<String> related = ids(index.searcher.related("soc2", 3, REP));

        assertThat(related).doesNotContain("soc2").contains("pentest", "gdpr");
        assertThat(related).doesNotContain("kickoff");
    }

    @Test
    void relatedAssetsHonourVisibility() throws Exception {
        assertThat(ids(index.searcher.related("soc2", 10, REP))).doesNotContain("draft-security");
        assertThat(ids(index.searcher.related("soc2", 10, MARKETER))).contains("draft-security");
    }

    @Test
    void relatedHitsRenderLikeSearchHitsWithoutMarks() throws Exception {
        SearchResult.Hit hit = index.searcher.related("pentest", 1, REP).get(0);

        assertThat(hit.title()).isNotBlank();
        assertThat(hit.titleHtml()).doesNotContain("<mark>");
        assertThat(hit.snippetHtml()).isNotBlank();
    }

    @Test
    void anUnknownAssetHasNoRelatedAssets() throws Exception {
        assertThat(index.searcher.related("nope", 5, REP)).isEmpty();
        assertThat(index.searcher.related("soc2", 0, REP)).isEmpty();
    }

    private static List<String> ids(List<SearchResult.Hit> hits) {
        return hits.stream().map(SearchResult.Hit::id).toList();
    }
}
