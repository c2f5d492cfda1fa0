package dev.baton.webapp.sharing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A share link as its owner sees it.
 *
 * @param token the secret of its URL ({@code /s/{token}}): shown to the owner and to managers, never to others
 * @param gateDomains {@code null}: no email gate; empty: any email address; otherwise the domains (and their
 *     subdomains) a visitor's address must be at
 * @param passcode whether a passcode is asked
 */
record ShareLink(
        long id,
        String token,
        long ownerId,
        Long dealId,
        String title,
        String note,
        Instant expiresAt,
        boolean passcode,
        List<String> gateDomains,
        boolean allowDownload,
        Instant revokedAt,
        Instant firstViewedAt,
        Instant createdAt,
        Instant lockedUntil,
        List<Item> items) {

    /** One asset of the link, at its position (from 1); {@code version} {@code null} follows the latest. */
    record Item(int position, UUID assetId, Integer version) {}

    /** Whether a link is live, expired or revoked. */
    enum State {
        LIVE,
        EXPIRED,
        REVOKED
    }

    public State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return now.isBefore(expiresAt) ? State.LIVE : State.EXPIRED;
    }

    public boolean emailGate() {
        return gateDomains != null;
    }

    /** The item at a position, or {@code null}. */
    public Item item(int position) {
        return items.stream().filter(i -> i.position() == position).findFirst().orElse(null);
    }
}
