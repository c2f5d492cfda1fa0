package dev.baton.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How outbox rows read back: what each kind of row says changed, and rows this version does not know. */
class OutboxTest {

    @Test
    void anAssetRowNamesTheAsset() {
        UUID id = UUID.randomUUID();
        assertThat(Outbox.change("asset", id.toString())).isEqualTo(new Outbox.AssetChanged(id));
    }

    @Test
    void aTaxonomyValueRowNamesTheFacetAndTheValue() {
        assertThat(Outbox.change("taxonomy_value", "buyer_stage/decision"))
                .isEqualTo(new Outbox.TaxonomyValueChanged("buyer_stage", "decision"));
    }

    @Test
    void theSynonymsRowReadsAsSynonymsChanged() {
        assertThat(Outbox.change("search", "synonyms")).isEqualTo(new Outbox.SynonymsChanged());
    }

    @Test
    void rowsOfAnUnknownKindOrMalformedAreUnknownNotErrors() {
        assertThat(Outbox.change("deal", "42")).isEqualTo(new Outbox.Unknown("deal", "42"));
        assertThat(Outbox.change("asset", "not-a-uuid")).isEqualTo(new Outbox.Unknown("asset", "not-a-uuid"));
        assertThat(Outbox.change("taxonomy_value", "no-slash"))
                .isEqualTo(new Outbox.Unknown("taxonomy_value", "no-slash"));
        assertThat(Outbox.change("search", "other")).isEqualTo(new Outbox.Unknown("search", "other"));
    }

    @Test
    void aFacetKeyWithASlashCannotBeWritten() {
        assertThatThrownBy(() -> new Outbox(null, null).taxonomyValueChanged("a/b", "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
