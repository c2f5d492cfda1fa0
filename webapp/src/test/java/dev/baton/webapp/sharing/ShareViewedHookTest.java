package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the rep is told of a first visit: pages as ranges, time in words, each item of a room by its position. */
class ShareViewedHookTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static ShareLink link(int items) {
        List<ShareLink.Item> list = new java.util.ArrayList<>();
        for (int i = 1; i <= items; i++) {
            list.add(new ShareLink.Item(i, UUID.randomUUID(), null));
        }
        return new ShareLink(7, "t", 1, null, "For Initech", "", NOW.plusSeconds(3600), false, null, false, null,
                null, NOW, null, list);
    }

    private static ShareStore.Visit visit(String email, long millis, List<ShareStore.PageTime> pages) {
        return new ShareStore.Visit(3, 7, "visitor", email, NOW, NOW, millis, 0, null, NOW, pages);
    }

    @Test
    void pagesReadAreToldAsRangesAndPagesShownButNotReadAreLeftOut() {
        assertThat(ShareViewedHook.ranges(new TreeSet<>(List.of(1, 2, 3, 5, 7, 8)))).isEqualTo("1-3, 5, 7-8");
        String body = ShareViewedHook.body(link(1), visit("jane@buyer.example", 9000, List.of(
                new ShareStore.PageTime(1, 1, 4000), new ShareStore.PageTime(1, 2, 5000),
                new ShareStore.PageTime(1, 3, 0))));
        assertThat(body).isEqualTo("jane@buyer.example read pages 1-2 for 9 seconds so far (first verified visit of "
                + "\"For Initech\", 1 item).");
    }

    @Test
    void aRoomNamesEachItemAndAnUngatedVisitorIsSomeone() {
        String body = ShareViewedHook.body(link(2), visit(null, 125_000, List.of(
                new ShareStore.PageTime(1, 1, 60_000), new ShareStore.PageTime(2, 4, 65_000))));
        assertThat(body).startsWith("Someone read item 1, page 1; item 2, page 4 for 2 minutes 5 seconds so far");
        assertThat(ShareViewedHook.duration(60_000)).isEqualTo("1 minute");
        assertThat(ShareViewedHook.duration(1_000)).isEqualTo("1 second");
        assertThat(ShareViewedHook.title(new ShareViewed(7, 1, null, "For Initech", 3, null, List.of(), NOW)))
                .isEqualTo("Someone opened \"For Initech\"");
    }
}
