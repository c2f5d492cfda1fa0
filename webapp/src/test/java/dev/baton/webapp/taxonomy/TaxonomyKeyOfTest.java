package dev.baton.webapp.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a value someone typed is taken as a taxonomy value: by key, then by label, then by a unique alias. */
class TaxonomyKeyOfTest {

    private static final Taxonomy TAXONOMY = new Taxonomy(List.of(new Taxonomy.Facet("persona", "Persona", "Who",
            List.of(new Taxonomy.Value("economic-buyer", "Economic buyer", "Signs", true, List.of("cfo", "budget owner",
                            "coach")),
                    new Taxonomy.Value("champion", "Champion", "Sells inside", true, List.of("coach", "advocate")),
                    new Taxonomy.Value("mentor", "Mentor", "Teaches", true, List.of("coach", "champion")),
                    new Taxonomy.Value("advocate", "Friendly voice", "Speaks up", true, List.of())))));

    @Test
    void aValueIsTakenByKeyLabelOrAliasInAnyCaseAndSpacing() {
        assertThat(TAXONOMY.keyOf("persona", "economic-buyer")).isEqualTo("economic-buyer");
        assertThat(TAXONOMY.keyOf("persona", " ECONOMIC BUYER ")).isEqualTo("economic-buyer");
        assertThat(TAXONOMY.keyOf("persona", "CFO")).isEqualTo("economic-buyer");
        assertThat(TAXONOMY.keyOf("persona", "Budget   Owner")).isEqualTo("economic-buyer");
        assertThat(TAXONOMY.keyOf("persona", "Chief Vibes Officer")).isNull();
        assertThat(TAXONOMY.keyOf("industry", "CFO")).as("an alias counts only in its own facet").isNull();
        assertThat(TAXONOMY.ambiguity("persona", "Chief Vibes Officer")).isEmpty();
    }

    @Test
    void aKeyWinsOverALabelAndALabelOverAnotherValuesAlias() {
        assertThat(TAXONOMY.keyOf("persona", "advocate")).as("a key, though another value has it as an alias")
                .isEqualTo("advocate");
        assertThat(TAXONOMY.keyOf("persona", "Champion")).as("a label, though another value has it as an alias")
                .isEqualTo("champion");
        assertThat(TAXONOMY.ambiguity("persona", "champion")).isEmpty();
    }

    @Test
    void anAliasSeveralValuesShareNamesNoneAndTheReasonNamesThemAll() {
        assertThat(TAXONOMY.keyOf("persona", "Coach")).isNull();
        assertThat(TAXONOMY.ambiguity("persona", " Coach ")).hasValue(
                "'Coach' is another name of Economic buyer, Champion and Mentor; give the key or the label");

        Taxonomy two = new Taxonomy(List.of(new Taxonomy.Facet("persona", "Persona", "Who", List.of(
                new Taxonomy.Value("a", "Ada", "A", true, List.of("twin")),
                new Taxonomy.Value("b", "Bea", "B", true, List.of("twin"))))));
        assertThat(two.keyOf("persona", "twin")).isNull();
        assertThat(two.ambiguity("persona", "TWIN")).hasValue(
                "'TWIN' is another name of both Ada and Bea; give the key or the label");
    }
}
