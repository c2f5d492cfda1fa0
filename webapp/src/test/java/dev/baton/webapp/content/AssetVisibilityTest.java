package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The rule for what a rep may see, in its Java and search forms, on the UTC date whatever the clock's zone. */
class AssetVisibilityTest {

    private static final LocalDate MAY_1 = LocalDate.of(2030, 5, 1);

    @Test
    void todayIsTheUtcDateEvenWhereTheLocalDateIsAnother() {
        Instant justBeforeMidnight = Instant.parse("2030-05-01T23:59:30Z");
        AssetVisibility kiritimati = new AssetVisibility(
                Clock.fixed(justBeforeMidnight, ZoneId.of("Pacific/Kiritimati")));
        AssetVisibility honolulu = new AssetVisibility(
                Clock.fixed(justBeforeMidnight.plusSeconds(60), ZoneId.of("Pacific/Honolulu")));

        assertThat(kiritimati.today()).isEqualTo(MAY_1);
        assertThat(kiritimati.repSearchFilter().asOf()).isEqualTo(MAY_1);
        assertThat(honolulu.today()).isEqualTo(MAY_1.plusDays(1));
        assertThat(honolulu.repSearchFilter().asOf()).isEqualTo(MAY_1.plusDays(1));
        assertThat(honolulu.repSearchFilter().repView()).isTrue();
    }

    @Test
    void anAssetExpiringTodayIsGoneTodayAndOnlyPublishedOnesAreSeen() {
        assertThat(AssetVisibility.visibleToRep("PUBLISHED", MAY_1.plusDays(1), MAY_1)).isTrue();
        assertThat(AssetVisibility.visibleToRep("PUBLISHED", MAY_1, MAY_1)).isFalse();
        assertThat(AssetVisibility.visibleToRep("PUBLISHED", MAY_1.minusDays(1), MAY_1)).isFalse();
        assertThat(AssetVisibility.visibleToRep("PUBLISHED", null, MAY_1)).isTrue();
        assertThat(AssetVisibility.visibleToRep("DRAFT", null, MAY_1)).isFalse();
        assertThat(AssetVisibility.visibleToRep("ARCHIVED", MAY_1.plusDays(1), MAY_1)).isFalse();
        assertThat(AssetVisibility.expired(MAY_1, MAY_1)).isTrue();
        assertThat(AssetVisibility.expired(null, MAY_1)).isFalse();
    }
}
