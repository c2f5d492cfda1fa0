package dev.baton.webapp.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.webapp.system.BatonException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the aliases an admin types for a taxonomy value are read and stored. */
class TaxonomyAliasesTest {

    @Test
    void aliasesAreTrimmedLowerCasedWithoutBlanksOrRepeats() {
        assertThat(TaxonomyService.aliases(List.of("  CFO ", "Finance   Director", "", "cfo")))
                .containsExactly("cfo", "finance director");
    }

    @Test
    void tooManyOrTooLongAliasesAreRefusedSayingWhy() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= TaxonomyService.MAX_ALIASES; i++) {
            many.add("alias " + i);
        }
        assertThatThrownBy(() -> TaxonomyService.aliases(many)).isInstanceOf(BatonException.InvalidInput.class)
                .hasMessageContaining("at most 50 aliases");
        assertThatThrownBy(() -> TaxonomyService.aliases(List.of(String.join("", Collections.nCopies(81, "a")))))
                .isInstanceOf(BatonException.InvalidInput.class).hasMessageContaining("at most 80 characters");
    }

    @Test
    void theAdminPageBoxTakesCommasOrLinesAndAMissingBoxChangesNothing() {
        assertThat(TaxonomyPagesController.aliases("CFO, finance director\nhead of finance"))
                .containsExactly("CFO", " finance director", "head of finance");
        assertThat(TaxonomyPagesController.aliases(null)).isNull();
    }
}
