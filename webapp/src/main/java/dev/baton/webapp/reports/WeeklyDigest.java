package dev.baton.webapp.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One person's weekly digest: their unused assets, the feedback on their assets, their top and rising assets of the
 * week, and the open content requests (assigned to them, and nobody's yet). Each list holds the first few
 * ({@code baton.reports.digest.items}); the counts say how many there are.
 *
 * @param week the local date of the week's send time
 * @param unusedWindow the days the unused assets were not used in
 * @param unusedCount how many of their published assets went unused
 * @param openFlags flags on their assets nobody answered yet
 * @param newComments comments on their assets in the last seven days
 * @param newRatings ratings of their assets in the last seven days
 * @param assignedCount open requests assigned to them
 * @param unassignedCount open requests nobody is assigned to
 * @param openOverall every open request
 * @param breachedOverall open requests past their due date (breaches of the service level)
 */
record WeeklyDigest(long accountId, String name, LocalDate week, int unusedWindow, long unusedCount,
        List<UnusedItem> unused, long openFlags, long newComments, long newRatings, List<FeedbackItem> feedback,
        List<AssetUses> top, List<AssetUses> rising, long assignedCount, List<RequestItem> assigned,
        long unassignedCount, List<RequestItem> unassigned, long openOverall, long breachedOverall) {

    /** An unused asset and why (the unused report's cause). */
    record UnusedItem(UUID assetId, String title, String cause) {}

    /**
     * A flag, comment or rating on one of their assets.
     *
     * @param kind {@code FLAG}, {@code COMMENT} or {@code RATING}
     * @param what the flag's reason and note, the comment, or the stars
     */
    record FeedbackItem(UUID assetId, String title, String kind, String what) {}

    /** An asset's uses in the last seven days and the seven before. */
    record AssetUses(UUID assetId, String title, long uses, long previous) {}

    /** An open content request; {@code breached} when it is past its due date. */
    record RequestItem(long id, String what, String status, LocalDate dueOn, boolean breached, long requesters) {}

    /** Nothing to tell: no email goes out. */
    boolean empty() {
        return unusedCount == 0 && openFlags == 0 && newComments == 0 && newRatings == 0 && top.isEmpty()
                && rising.isEmpty() && assignedCount == 0 && unassignedCount == 0;
    }
}
