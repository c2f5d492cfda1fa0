package dev.baton.webapp.sharing;

import dev.baton.webapp.usage.UsageService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * For importing history only (the demo library's shares; a migration from another tracked-link tool): a link as it
 * was made, and the visits it had, each written with the times they happened rather than "now", as the viewer would
 * have recorded them: the opening, the visit with its page times (verified when a person read for some time, kept
 * apart with its reason when a bot opened it), the link's first verified visit, a {@code SHARE} use per item when the
 * link was made and a {@code PAGE_VIEW} use per page a person read. Nobody is notified and no webhook event is sent:
 * nothing happened now. The assets are not checked against what may be shared: the caller gives published assets
 * that are not internal-only. Runs in the caller's transaction when there is one (uses are appended with {@link
 * UsageService#appendInTransaction}); a new link gets a fresh token, so importing the same history twice makes two links.
 */
@Component
public class ShareHistory {

    /**
     * A link as it was made.
     *
     * @param ownerId the rep's account id
     * @param dealId the deal it was made for, or {@code null}
     * @param assets the items in order, each following the latest version
     * @param versions the current version of each asset (for the uses)
     * @param gateDomains {@code null}: no email gate; otherwise the domains allowed (empty: any)
     */
    public record PastShare(long ownerId, Long dealId, String title, String note, List<UUID> assets,
            Map<UUID, Integer> versions, Instant createdAt, Instant expiresAt, List<String> gateDomains,
            boolean allowDownload, List<PastVisit> visits) {

        public PastShare {
            if (assets == null || assets.isEmpty() || assets.size() > 50) {
                throw new IllegalArgumentException("a link holds 1 to 50 assets");
            }
            assets = List.copyOf(assets);
            visits = visits == null ? List.of() : List.copyOf(visits);
        }
    }

    /**
     * One visit of a link.
     *
     * @param visitor the random id the viewer would have kept in the visitor's browser (8 to 64 of A-Z a-z 0-9 _ -)
     * @param email the address given at the email gate, or {@code null}
     * @param botReason why it was no person (a link scanner, a crawler); {@code null}: judged from the user agent as
     *     the viewer judges it
     * @param pages time on each page, in the order read
     */
    public record PastVisit(String visitor, String email, String userAgent, String botReason, Instant startedAt,
            List<PageRead> pages) {

        public PastVisit {
            pages = pages == null ? List.of() : List.copyOf(pages);
        }
    }

    /** Time on a page of an item (position from 1). */
    public record PageRead(int item, int page, long millis) {}

    private final ShareStore store;
    private final UsageService usage;
    private final SharingProperties properties;

    ShareHistory(ShareStore store, UsageService usage, SharingProperties properties) {
        this.store = store;
        this.usage = usage;
        this.properties = properties;
    }

    /** Writes the link, its visits and their uses; emits the link's id. */
    public Mono<Long> importPast(PastShare share) {
        List<ShareLink.Item> items = new ArrayList<>();
        for (int i = 0; i < share.assets().size(); i++) {
            items.add(new ShareLink.Item(i + 1, share.assets().get(i), null));
        }
        return store.insert(ShareTokens.generate(), share.ownerId(), share.dealId(), share.title(),
                        share.note() == null ? "" : share.note(), share.expiresAt(), null, share.gateDomains(),
                        share.allowDownload(), items, share.createdAt())
                .flatMap(id -> usage.appendInTransaction(shared(id, share))
                        .thenMany(Flux.fromIterable(share.visits()).concatMap(visit -> visit(id, share, visit)))
                        .then(Mono.just(id)));
    }

    private static List<UsageService.UsageEvent> shared(long shareId, PastShare share) {
        List<UsageService.UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < share.assets().size(); i++) {
            UUID asset = share.assets().get(i);
            events.add(new UsageService.UsageEvent(share.ownerId(), asset, share.versions().get(asset),
                    UsageService.Action.SHARE, share.createdAt(), share.dealId(), shareId, null, null, null,
                    "share-link", null, "share:" + shareId + ":" + (i + 1)));
        }
        return events;
    }

    private Mono<Void> visit(long shareId, PastShare share, PastVisit visit) {
        Map<ShareStore.PageKey, Long> pages = new LinkedHashMap<>();
        long total = 0;
        for (PageRead read : visit.pages()) {
            if (read.item() < 1 || read.item() > share.assets().size()) {
                return Mono.error(new IllegalArgumentException("the link has no item " + read.item()));
            }
            long ms = Math.min(Math.max(read.millis(), 0), ViewerService.MAX_BEACON_MILLIS);
            pages.merge(new ShareStore.PageKey(read.item(), read.page()), ms, Long::sum);
            total += ms;
        }
        String bot = visit.botReason() != null ? visit.botReason() : BotDetector.reason(visit.userAgent());
        Instant started = visit.startedAt();
        Instant lastSeen = started.plusMillis(total);
        String email = ViewerService.normalEmail(visit.email());
        return store.insertAccess(shareId, ShareTokens.generate(), email, visit.userAgent(), bot, started, started.plus(properties.accessLifetime()))
                .flatMap(access -> store.insertVisit(shareId, visit.visitor(), email, started)
                        .flatMap(visitId -> store.attach(access, visitId)
                                .then(store.recordBeacon(access, 0, visitId, email, bot, pages, lastSeen))
                                .flatMap(write -> write.verified() && bot == null
                                        ? store.markFirstView(shareId, lastSeen) : Mono.just(false))
                                .then(bot != null ? Mono.empty()
                                        : usage.appendInTransaction(read(shareId, share, visit, access, visitId, pages,
                                                lastSeen)).then())));
    }

    private static List<UsageService.UsageEvent> read(long shareId, PastShare share, PastVisit visit, long access,
            long visitId, Map<ShareStore.PageKey, Long> pages, Instant at) {
        List<UsageService.UsageEvent> events = new ArrayList<>();
        pages.forEach((key, ms) -> {
            if (ms == 0) {
                return;
            }
            UUID asset = share.assets().get(key.position() - 1);
            events.add(new UsageService.UsageEvent(null, asset, share.versions().get(asset),
                    UsageService.Action.PAGE_VIEW, at, share.dealId(), shareId, visit.visitor(), key.page(),
                    (int) Math.min(ms, Integer.MAX_VALUE), "share-viewer", "visit " + visitId,
                    "b:" + access + ":0:" + key.position() + ":" + key.page()));
        });
        return events;
    }
}
