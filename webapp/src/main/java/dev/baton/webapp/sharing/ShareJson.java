package dev.baton.webapp.sharing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A share link as the API shows it to its owner (and to marketers and admins).
 *
 * @param url the link to send to the buyer
 * @param state {@code LIVE}, {@code EXPIRED} or {@code REVOKED}
 * @param allowedDomains the email gate's domains ({@code null}: no gate; empty: any address)
 */
public record ShareJson(
        long id,
        String url,
        String title,
        String note,
        Long dealId,
        long ownerId,
        String state,
        Instant expiresAt,
        boolean passcode,
        boolean emailGate,
        List<String> allowedDomains,
        boolean allowDownload,
        Instant createdAt,
        Instant revokedAt,
        Instant firstViewedAt,
        List<Item> items) {

    /** An asset of the link; {@code version} {@code null} follows the latest. */
    public record Item(int position, UUID assetId, Integer version, boolean followsLatest) {}

    static ShareJson of(ShareLink link, String base, Instant now) {
        return new ShareJson(link.id(), base + "/s/" + link.token(), link.title(), link.note(), link.dealId(),
                link.ownerId(), link.state(now).name(), link.expiresAt(), link.passcode(), link.emailGate(),
                link.gateDomains(), link.allowDownload(), link.createdAt(), link.revokedAt(), link.firstViewedAt(),
                link.items().stream()
                        .map(i -> new Item(i.position(), i.assetId(), i.version(), i.version() == null))
                        .toList());
    }
}
