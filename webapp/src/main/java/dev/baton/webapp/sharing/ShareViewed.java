package dev.baton.webapp.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * The first verified human visit of a share link: published once per link as a Spring application event (after the
 * link was marked, atomically, so two nodes never both publish it). Notifications (in-app and email) and the
 * {@code share.viewed} webhook listen for it.
 *
 * @param email the visitor's email when the link is gated, otherwise {@code null}
 * @param assetIds the link's assets in order
 */
public record ShareViewed(
        long shareId,
        long ownerId,
        Long dealId,
        String title,
        long visitId,
        String email,
        java.util.List<UUID> assetIds,
        Instant at) {}
