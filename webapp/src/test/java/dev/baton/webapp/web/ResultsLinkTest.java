package dev.baton.webapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The way back to the results takes only this Baton's own search page, never another page or host. */
class ResultsLinkTest {

    private static final URI SELF = URI.create("https://baton.example.com/assets/1");

    @Test
    void aSearchPathPassedAlongIsKeptWithItsQuery() {
        assertThat(ResultsLink.searchPath("/search?q=roi%20deck&buyer_stage=decision", null))
                .contains("/search?q=roi%20deck&buyer_stage=decision");
        assertThat(ResultsLink.searchPath("/search", null)).contains("/search");
    }

    @Test
    void anotherPageOrHostPassedAlongIsIgnored() {
        assertThat(ResultsLink.searchPath("/library?q=x", null)).isEmpty();
        assertThat(ResultsLink.searchPath("https://evil.example/search?q=x", null)).isEmpty();
        assertThat(ResultsLink.searchPath("//evil.example/search?q=x", null)).isEmpty();
        assertThat(ResultsLink.searchPath("/search/../admin", null)).isEmpty();
        assertThat(ResultsLink.searchPath("javascript:alert(1)", null)).isEmpty();
        assertThat(ResultsLink.searchPath("/search?q=x#top", null)).isEmpty();
        assertThat(ResultsLink.searchPath("", null)).isEmpty();
    }

    @Test
    void theReferrerCountsOnlyWhenItIsThisBatonsSearchPage() {
        assertThat(ResultsLink.searchPath("https://baton.example.com/search?q=roi", SELF)).contains("/search?q=roi");
        assertThat(ResultsLink.searchPath("https://other.example.com/search?q=roi", SELF)).isEmpty();
        assertThat(ResultsLink.searchPath("https://baton.example.com:8443/search?q=roi", SELF)).isEmpty();
        assertThat(ResultsLink.searchPath("https://baton.example.com/library", SELF)).isEmpty();
        assertThat(ResultsLink.searchPath("/search?q=roi", SELF)).isEmpty();
    }
}
