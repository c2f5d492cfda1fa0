package dev.baton.webapp.packs;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.sharing.Rooms;
import dev.baton.webapp.sharing.ShareJson;
import dev.baton.webapp.system.BatonException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * "Share with a buyer": a rep in a pack's audience shares the pack's buyer-facing items (library assets the trainer
 * marked) as one room, in the pack's order, with a cover note, for one of their deals or none, through the sharing
 * package's {@link Rooms} (never its tables). Items that cannot go to a buyer today (internal-only, draft, archived,
 * expired, approval lapsed) are left out and named with the reason; when none can, nothing is made (422).
 */
@Service
class PackRooms {

    private final PackService packs;
    private final Rooms rooms;
    private final DealDirectory deals;

    PackRooms(PackService packs, Rooms rooms, DealDirectory deals) {
        this.packs = packs;
        this.rooms = rooms;
        this.deals = deals;
    }

    /** What the rep chose: the deal (or none), the cover note and the usual link options. */
    record ShareRequest(Long dealId, String title, String note, Integer expiresInDays, String passcode,
            Boolean emailGate, List<String> allowedDomains, Boolean allowDownload) {}

    /** A buyer-facing item left out of the room, and why. */
    record Skipped(String key, String title, UUID assetId, String reason) {}

    /** A buyer-facing item and whether it can go to a buyer now ({@code reason} {@code null}: it can). */
    record Candidate(String key, String title, UUID assetId, String reason) {

        public boolean shareable() {
            return reason == null;
        }
    }

    /** The room made (as {@code /api/v1/shares} shows a link) and the items left out. */
    record Shared(ShareJson share, List<Skipped> skipped) {}

    /** What the share form shows: the pack, its buyer-facing items with what can be shared, the rep's open deals. */
    record Offer(long packId, String title, List<Candidate> items, List<DealDirectory.DealRef> deals,
            long defaultExpiryDays, long maxExpiryDays) {

        public boolean anyShareable() {
            return items.stream().anyMatch(Candidate::shareable);
        }
    }

    /** The pack's buyer-facing items for this rep (404 when the pack is not theirs) and their open deals. */
    Mono<Offer> offer(long id, BatonUser user) {
        return candidates(id, user).flatMap(t -> deals.openOwnedBy(user.id()).collectList()
                .map(list -> new Offer(id, t.title(), t.items(), list, rooms.defaultExpiryDays(),
                        rooms.maxExpiryDays())));
    }

    private record Candidates(String title, List<Candidate> items) {}

    private Mono<Candidates> candidates(long id, BatonUser user) {
        return packs.assignedVersion(id, user).flatMap(v -> {
            PackContent c = packs.read(v.content());
            List<PackContent.Item> facing = c.items().stream()
                    .filter(i -> i.kind() == PackContent.Kind.ASSET && i.buyerFacing()).toList();
            return rooms.unshareable(facing.stream().map(PackContent.Item::assetId).toList())
                    .map(reasons -> new Candidates(c.title(), facing.stream()
                            .map(i -> new Candidate(i.key(), i.title(), i.assetId(), reasons.get(i.assetId())))
                            .toList()));
        });
    }

    /** Makes the room of the pack's shareable buyer-facing items; the link's URL is on {@code base}. */
    Mono<Shared> share(long id, ShareRequest request, BatonUser user, String base) {
        ShareRequest r = request == null ? new ShareRequest(null, null, null, null, null, null, null, null) : request;
        return candidates(id, user).flatMap(t -> {
            if (t.items().isEmpty()) {
                return Mono.error(new NothingToShare("The pack “" + t.title() + "” has no buyer-facing items: "
                        + "only items its trainer marked buyer-facing can be shared with buyers"));
            }
            List<Skipped> skipped = new ArrayList<>();
            List<UUID> assets = new ArrayList<>();
            for (Candidate item : t.items()) {
                if (item.shareable()) {
                    if (!assets.contains(item.assetId())) {
                        assets.add(item.assetId());
                    }
                } else {
                    skipped.add(new Skipped(item.key(), item.title(), item.assetId(), item.reason()));
                }
            }
            if (assets.isEmpty()) {
                return Mono.error(new NothingToShare("None of the buyer-facing items of “" + t.title()
                        + "” can be shared now: " + skipped.stream().map(s -> "“" + s.title() + "” " + s.reason())
                                .collect(Collectors.joining("; "))));
            }
            String title = r.title() == null || r.title().isBlank() ? t.title() : r.title();
            return rooms.create(new Rooms.NewRoom(assets, r.dealId(), title, r.note(), r.expiresInDays(),
                            r.passcode(), Boolean.TRUE.equals(r.emailGate()), r.allowedDomains(),
                            Boolean.TRUE.equals(r.allowDownload()), id), user, base)
                    .map(share -> new Shared(share, List.copyOf(skipped)));
        });
    }

    /** Why the items left out were left out, as one sentence for the rep (empty: none was). */
    static String skippedSentence(List<Skipped> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        return "Left out: " + skipped.stream().map(s -> "“" + s.title() + "” (" + s.reason() + ")")
                .collect(Collectors.joining(", ")) + ".";
    }

    /** Nothing in the pack can go to a buyer (422), with the reasons. */
    static final class NothingToShare extends BatonException {
        NothingToShare(String detail) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to share", detail);
        }
    }
}
