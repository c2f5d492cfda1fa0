package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.feedback.DigestFeedback;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What goes into one person's digest, and when a digest week starts, without Spring. */
class WeeklyDigestContentTest {

    private static final DigestProperties MONDAY_8_UTC = new DigestProperties(true, DayOfWeek.MONDAY,
            LocalTime.of(8, 0), ZoneOffset.UTC, 2, Duration.ofMinutes(1));
    private static final LocalDate WEEK = LocalDate.parse("2027-03-01");
    private static final Person MIA = new Person(1, "mia", "Mia Marketer");
    private static final Person OLE = new Person(2, "ole", "Ole Other");

    private final WeeklyDigests digests = new WeeklyDigests(null, null, null, null, null, null, null, null, null,
            MONDAY_8_UTC, null);

    @Test
    void aWeekStartsAtTheConfiguredDayAndTimeAndABitBeforeIsStillTheWeekBefore() {
        assertThat(MONDAY_8_UTC.weekStart(Instant.parse("2027-03-01T08:00:00Z")).toLocalDate()).isEqualTo(WEEK);
        assertThat(MONDAY_8_UTC.weekStart(Instant.parse("2027-03-07T23:59:00Z")).toLocalDate()).isEqualTo(WEEK);
        assertThat(MONDAY_8_UTC.weekStart(Instant.parse("2027-03-01T07:59:59Z")).toLocalDate())
                .isEqualTo(WEEK.minusWeeks(1));
        // in a zone of its own: Monday 08:00 in Berlin is 07:00 UTC in winter
        DigestProperties berlin = new DigestProperties(true, DayOfWeek.MONDAY, LocalTime.of(8, 0),
                ZoneId.of("Europe/Berlin"), 5, Duration.ofMinutes(1));
        assertThat(berlin.weekStart(Instant.parse("2027-03-01T07:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2027-03-01T07:00:00Z"));
        assertThat(berlin.weekStart(Instant.parse("2027-03-01T06:59:00Z")).toLocalDate()).isEqualTo(WEEK.minusWeeks(1));
    }

    @Test
    void aDigestNamesOnlyThePersonsOwnAssetsTheFirstFewOfEachAndCountsTheRest() {
        UUID a = asset(1);
        UUID b = asset(2);
        UUID c = asset(3);
        UUID theirs = asset(4);
        Map<UUID, AssetCatalog.Dimensions> assets = Map.of(a, dims(a, "Alpha", 1), b, dims(b, "Beta", 1),
                c, dims(c, "Gamma", 1), theirs, dims(theirs, "Other's", 2));
        Instant now = Instant.parse("2027-03-01T08:00:00Z");
        WeeklyDigests.Snapshot snapshot = new WeeklyDigests.Snapshot(
                new LibraryDimensions.Library("t", assets, Map.of()),
                unused(List.of(unusedAsset(a, "Alpha", 1), unusedAsset(b, "Beta", 1), unusedAsset(c, "Gamma", 1),
                        unusedAsset(theirs, "Other's", 2))),
                Map.of(a, 5L, b, 2L, theirs, 50L), Map.of(a, 7L, b, 0L),
                List.of(new DigestFeedback.Note(a, "FLAG", "Outdated", "old prices", null, now),
                        new DigestFeedback.Note(theirs, "FLAG", "Broken file", "", null, now),
                        new DigestFeedback.Note(b, "RATING", "", "", 4, now)),
                List.of(new DigestFeedback.OpenRequest(10, "battlecard", "", "Open", 1L, WEEK.minusDays(1), true, 2),
                        new DigestFeedback.OpenRequest(11, "", "a note only", "Open", null, WEEK.plusDays(3), false,
                                1),
                        new DigestFeedback.OpenRequest(12, "theirs", "", "Open", 2L, WEEK, false, 1)),
                Map.of(1L, MIA, 2L, OLE));

        WeeklyDigest mia = digests.digest(snapshot, WEEK, MIA);

        assertThat(mia.empty()).isFalse();
        assertThat(mia.unusedCount()).isEqualTo(3);
        assertThat(mia.unused()).extracting(WeeklyDigest.UnusedItem::title).containsExactly("Alpha", "Beta");
        assertThat(mia.openFlags()).isEqualTo(1);
        assertThat(mia.newRatings()).isEqualTo(1);
        assertThat(mia.feedback()).extracting(WeeklyDigest.FeedbackItem::what)
                .containsExactly("Flagged: Outdated (old prices)", "Rated 4 of 5");
        assertThat(mia.top()).extracting(WeeklyDigest.AssetUses::title).containsExactly("Alpha", "Beta");
        assertThat(mia.rising()).extracting(WeeklyDigest.AssetUses::title).containsExactly("Beta");
        assertThat(mia.assigned()).singleElement().satisfies(r -> {
            assertThat(r.what()).isEqualTo("battlecard");
            assertThat(r.breached()).isTrue();
        });
        assertThat(mia.unassigned()).extracting(WeeklyDigest.RequestItem::what).containsExactly("a note only");
        assertThat(mia.openOverall()).isEqualTo(3);
        assertThat(mia.breachedOverall()).isEqualTo(1);
    }

    @Test
    void aWeekWithNothingToTellIsEmpty() {
        UUID a = asset(1);
        WeeklyDigests.Snapshot snapshot = new WeeklyDigests.Snapshot(
                new LibraryDimensions.Library("t", Map.of(a, dims(a, "Alpha", 1)), Map.of()), unused(List.of()),
                Map.of(), Map.of(a, 3L), List.of(), List.of(), Map.of(1L, MIA));
        assertThat(digests.digest(snapshot, WEEK, MIA).empty()).isTrue();
    }

    private static UUID asset(int n) {
        return UUID.fromString("00000000-0000-0000-0000-00000000000" + n);
    }

    private static AssetCatalog.Dimensions dims(UUID id, String title, long owner) {
        return new AssetCatalog.Dimensions(id, title, owner, "PUBLISHED", "pdf", Instant.EPOCH, null, null,
                List.of());
    }

    private static UnusedReports.UnusedAsset unusedAsset(UUID id, String title, long owner) {
        return new UnusedReports.UnusedAsset(id, title, owner, "Owner", "pdf", List.of(), List.of(), List.of(),
                LocalDate.EPOCH, null, "never_surfaced", "Never surfaced");
    }

    private static UnusedReports.Report unused(List<UnusedReports.UnusedAsset> assets) {
        return new UnusedReports.Report(90, WEEK.minusDays(89), WEEK, 4, 1, 25.0, List.of(), Map.of(), "cause",
                List.of(), assets.size(), assets);
    }
}
