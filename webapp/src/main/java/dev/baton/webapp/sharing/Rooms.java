package dev.baton.webapp.sharing;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.content.ReviewedContent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rooms for other packages (packs: "Share with a buyer"): which assets may go to a buyer and why not, and a new room
 * (several assets in order with a cover note) made exactly as {@code POST /api/v1/shares} makes one, with the same
 * checks, expiry, passcode, email gate and download options, and the same {@code SHARE} usage events, which carry the
 * pack the room was made from.
 */
@Component
public class Rooms {

    private final ShareService shares;
    private final AssetCatalog catalog;
    private final AssetVisibility visibility;
    private final ReviewedContent reviewed;

    Rooms(ShareService shares, AssetCatalog catalog, AssetVisibility visibility, ReviewedContent reviewed) {
        this.shares = shares;
        this.catalog = catalog;
        this.visibility = visibility;
        this.reviewed = reviewed;
    }

    /**
     * A room to make.
     *
     * @param assetIds the assets in order, each following its latest version
     * @param dealId the user's deal it is for, or {@code null}
     * @param expiresInDays days until it expires; {@code null}: the default
     * @param allowedDomains the email gate's domains; {@code null}: the deal's account domain, or any
     * @param packId the enablement pack it is made from (carried by its {@code SHARE} usage events), or {@code null}
     */
    public record NewRoom(List<UUID> assetIds, Long dealId, String title, String note, Integer expiresInDays,
            String passcode, boolean emailGate, List<String> allowedDomains, boolean allowDownload, Long packId) {}

    /**
     * Why each of these assets may not go to a buyer today, by id; an asset that may is absent. The reasons are the
     * ones a new link gives: internal-only, a draft, archived, expired, its approval lapsed, no longer in the library.
     */
    public Mono<Map<UUID, String>> unshareable(Collection<UUID> assetIds) {
        Set<UUID> ids = new LinkedHashSet<>(assetIds);
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        LocalDate today = visibility.today();
        return catalog.assets(ids).collectMap(IndexableAsset::id, Function.identity())
                .flatMap(found -> Flux.fromIterable(ids).concatMap(id -> {
                    IndexableAsset asset = found.get(id);
                    if (asset == null) {
                        return Mono.just(Map.entry(id, "it is no longer in the library"));
                    }
                    String reason = Shareable.reason(asset, today);
                    if (reason == null) {
                        return Mono.empty();
                    }
                    if (!reason.equals("it has expired")) {
                        return Mono.just(Map.entry(id, reason));
                    }
                    // an expiry may be the approval's (review before publish): say so
                    return reviewed.subject(id)
                            .map(s -> s.approvalExpiresOn() != null
                                    && AssetVisibility.expired(s.approvalExpiresOn(), today)
                                    ? "its approval has lapsed" : reason)
                            .onErrorReturn(reason)
                            .map(r -> Map.entry(id, r));
                }).collect(LinkedHashMap::new, (map, e) -> map.put(e.getKey(), e.getValue())));
    }

    /**
     * Makes the room as {@code user} (who must be allowed to share each asset and, with a deal, to work on the deal);
     * emits it as the share API shows it, its URL on {@code base} (scheme and authority).
     */
    public Mono<ShareJson> create(NewRoom room, BatonUser user, String base) {
        List<ShareLink.Item> items = new ArrayList<>();
        if (room.assetIds() != null) {
            room.assetIds().forEach(id -> items.add(new ShareLink.Item(items.size() + 1, id, null)));
        }
        return shares.create(new ShareService.NewShare(items, room.dealId(), room.title(), room.note(),
                        room.expiresInDays(), room.passcode(), room.emailGate(), room.allowedDomains(),
                        room.allowDownload(), room.packId()), user)
                .map(link -> ShareJson.of(link, base, shares.now()));
    }

    /** A default expiry in days (what the form offers). */
    public long defaultExpiryDays() {
        return shares.defaultExpiry().toDays();
    }

    /** The longest expiry an admin allows, in days. */
    public long maxExpiryDays() {
        return shares.maxExpiry().toDays();
    }
}
