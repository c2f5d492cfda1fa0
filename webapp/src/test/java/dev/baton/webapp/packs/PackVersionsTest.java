package dev.baton.webapp.packs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Revisions and changes between versions, the rules behind "what changed" and progress across versions. */
class PackVersionsTest {

    private static PackContent.Item note(String key, String body) {
        return new PackContent.Item(key, PackContent.Kind.NOTE, null, null, "Note " + key, body, true, null, null);
    }

    private static PackContent pack(List<PackContent.Item> items) {
        return PackContent.named("Pack").withItems(items);
    }

    @Test
    void anItemUnchangedInANewVersionKeepsItsRevisionAndAChangedOneTakesTheNewVersion() {
        PackContent v1 = PackService.revised(pack(List.of(note("a", "one"), note("b", "two"))), null, 1);
        PackContent v2 = PackService.revised(pack(List.of(note("a", "one"), note("b", "two, edited"),
                note("c", "three"))), v1, 2);
        assertThat(v2.items()).extracting(PackContent.Item::revision).containsExactly(1, 2, 2);
        PackContent v3 = PackService.revised(pack(List.of(note("b", "two, edited"))), v2, 3);
        assertThat(v3.items()).extracting(PackContent.Item::revision).containsExactly(2);
    }

    @Test
    void changesNameWhatWasAddedChangedAndRemoved() {
        PackContent before = pack(List.of(note("a", "one"), note("b", "two")));
        PackContent after = pack(List.of(note("b", "two, edited"), note("c", "three")));
        assertThat(PackService.changes(before, after)).extracting(c -> c.what() + " " + c.title())
                .containsExactly("CHANGED Note b", "ADDED Note c", "REMOVED Note a");
    }
}
