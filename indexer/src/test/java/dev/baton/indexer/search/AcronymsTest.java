package dev.baton.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcronymsTest {

    private final Acronyms acronyms = Acronyms.of(List.of(
            List.of("sso", "single sign-on", "single sign on"),
            List.of("mfa", "multi-factor authentication", "two-factor authentication", "2fa"),
            List.of("sfdc", "salesforce"),
            List.of("Technical evaluator", "cto", "ciso", "chief technology officer",
                    "chief information security officer")));

    @Test
    void anAcronymIsFollowedByTheEntryItsLettersSpell() {
        assertThat(acronyms.expand("CISO due diligence"))
                .isEqualTo("CISO chief information security officer due diligence");
        assertThat(acronyms.expand("how do I set up SSO?")).isEqualTo("how do I set up SSO? single sign-on");
        assertThat(acronyms.expand("mfa and cto")).isEqualTo(
                "mfa multi-factor authentication and cto chief technology officer");
    }

    @Test
    void synonymsThatAreNotSpelledByTheirLettersAndWordsAlreadySpelledOutAreLeftAlone() {
        assertThat(acronyms.expand("sfdc connector")).isEqualTo("sfdc connector");
        assertThat(acronyms.expand("2fa setup")).isEqualTo("2fa setup");
        assertThat(acronyms.expand("sso single sign-on guide")).isEqualTo("sso single sign-on guide");
        assertThat(Acronyms.NONE.expand("ciso")).isEqualTo("ciso");
    }

    @Test
    void theFirstGroupsExpansionWins() {
        Acronyms first = Acronyms.of(List.of(List.of("map", "mutual action plan")));
        Acronyms second = Acronyms.of(List.of(List.of("map", "marketing automation platform"), List.of("sla",
                "service level agreement")));
        assertThat(first.and(second).expand("map sla")).isEqualTo("map mutual action plan sla service level agreement");
    }
}
