package dev.baton.webapp.sharing;

import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.content.ReviewedContent;
import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.system.BackgroundWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The superseded-link guardian (issue 13, point 8). Every minute it looks at the items of live links: an item pinned
 * to a version older than its asset's current one is superseded, an item whose asset was archived, expired, made a
 * draft or internal-only, or deleted is withdrawn (the viewer already shows "this content has been withdrawn"). The
 * link's owner is told once per item and version ({@code share.superseded}) or per item and withdrawal
 * ({@code share.withdrawn}), one notification per owner and asset, with a link to My links, where one action moves
 * every pinned item to the latest version. What was told is kept in {@code share_notice}; recording it and the
 * notification are one transaction, and the row's key makes two nodes tell it once.
 */
@Component
class LinkGuardian extends BackgroundWorker {

    /** A change a rep is told of: an asset of some of their links has a newer version, or was withdrawn. */
    record Notice(long ownerId, UUID assetId, String kind, int version, String assetTitle, String reason,
            List<ShareStore.LiveItem> items) {}

    private final ShareStore store;
    private final AssetCatalog catalog;
    private final AssetVisibility visibility;
    private final Notifications notifications;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final ReviewedContent reviewed;

    LinkGuardian(ShareStore store, AssetCatalog catalog, AssetVisibility visibility, Notifications notifications,
            TransactionalOperator tx, Clock clock, ReviewedContent reviewed) {
        super("share-guardian", Duration.ofMinutes(1));
        this.store = store;
        this.catalog = catalog;
        this.visibility = visibility;
        this.notifications = notifications;
        this.tx = tx;
        this.clock = clock;
        this.reviewed = reviewed;
    }

    @Override
    protected void releaseOwnClaims() {
        // nothing is claimed: a notice's row is its own guard
    }

    @Override
    protected boolean workOnce() {
        check().block();
        return false;
    }

    @Override
    protected String problem() {
        return "Checking live share links for newer versions and withdrawn content failed";
    }

    /** One look at every live link; emits how many notifications it sent. */
    Mono<Integer> check() {
        Instant now = clock.instant();
        LocalDate today = visibility.today();
        return store.liveItems(now).collectList().flatMap(items -> {
            Set<UUID> ids = new LinkedHashSet<>();
            items.forEach(i -> ids.add(i.assetId()));
            if (ids.isEmpty()) {
                return Mono.just(0);
            }
            return catalog.assets(ids).collectMap(IndexableAsset::id, Function.identity())
                    .flatMap(assets -> lapsedApprovals(assets.values(), today).map(lapsed -> Map.entry(assets,
                            lapsed)))
                    .flatMap(found -> {
                        Map<UUID, IndexableAsset> assets = found.getKey();
                        Map<String, Notice> notices = new LinkedHashMap<>();
                        List<ShareStore.LiveItem> fine = new ArrayList<>();
                        for (ShareStore.LiveItem item : items) {
                            IndexableAsset asset = assets.get(item.assetId());
                            String why = asset == null ? "it was deleted" : Shareable.reason(asset, today);
                            // an expiry may be the approval's (review before publish): say so
                            String reason = "it has expired".equals(why) && found.getValue().contains(item.assetId())
                                    ? "its approval has lapsed" : why;
                            if (reason != null) {
                                String title = asset == null ? "An asset you shared" : asset.title();
                                notices.computeIfAbsent(item.ownerId() + "/" + item.assetId() + "/W",
                                        k -> new Notice(item.ownerId(), item.assetId(), "WITHDRAWN", 0, title, reason,
                                                new ArrayList<>())).items().add(item);
                                continue;
                            }
                            fine.add(item);
                            if (item.version() != null && item.version() < asset.version()) {
                                notices.computeIfAbsent(item.ownerId() + "/" + item.assetId() + "/S"
                                                + asset.version(),
                                        k -> new Notice(item.ownerId(), item.assetId(), "SUPERSEDED",
                                                asset.version(), asset.title(), null, new ArrayList<>()))
                                        .items().add(item);
                            }
                        }
                        return store.clearWithdrawn(fine)
                                .thenMany(Flux.fromIterable(notices.values()).concatMap(n -> tell(n, now)))
                                .reduce(0, Integer::sum);
                    });
        });
    }

    /**
     * Of these assets, those that count as expired because their approval lapsed (review before publish), not their
     * own expiry date.
     */
    private Mono<Set<UUID>> lapsedApprovals(java.util.Collection<IndexableAsset> assets, LocalDate today) {
        return Flux.fromIterable(assets)
                .filter(a -> AssetVisibility.expired(a.expiresOn(), today))
                .concatMap(a -> reviewed.subject(a.id()).onErrorResume(e -> Mono.empty()))
                .filter(s -> s.approvalExpiresOn() != null && AssetVisibility.expired(s.approvalExpiresOn(), today))
                .map(ReviewedContent.Subject::id)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Records the notice's items not told yet and, when there are some, tells the owner; emits 1 if it told. */
    private Mono<Integer> tell(Notice notice, Instant now) {
        return tx.transactional(store.recordNotices(notice.items(), notice.kind(), notice.version(), now)
                .flatMap(fresh -> fresh.isEmpty() ? Mono.just(0)
                        : notifications.notify(notice.ownerId(), kind(notice), title(notice, fresh),
                                body(notice, fresh), "/shares").thenReturn(1)));
    }

    private static NotificationKind kind(Notice notice) {
        return notice.kind().equals("WITHDRAWN") ? NotificationKind.SHARE_WITHDRAWN
                : NotificationKind.SHARE_SUPERSEDED;
    }

    static String title(Notice notice, List<ShareStore.LiveItem> items) {
        long links = items.stream().map(ShareStore.LiveItem::shareId).distinct().count();
        String ofLinks = links == 1 ? "1 of your links" : links + " of your links";
        if (notice.kind().equals("WITHDRAWN")) {
            return "\"" + notice.assetTitle() + "\" was withdrawn from " + ofLinks;
        }
        return "\"" + notice.assetTitle() + "\" has version " + notice.version() + "; " + ofLinks
                + (links == 1 ? " shows" : " show") + " an older one";
    }

    static String body(Notice notice, List<ShareStore.LiveItem> items) {
        List<String> names = items.stream().map(i -> "\"" + i.shareTitle() + "\""
                + (i.version() != null && notice.kind().equals("SUPERSEDED") ? " (version " + i.version() + ")" : ""))
                .distinct().toList();
        if (notice.kind().equals("WITHDRAWN")) {
            return "Buyers opening " + String.join(", ", names) + " now see \"this content has been withdrawn\" ("
                    + notice.reason() + "). Share something else with them from My links.";
        }
        return String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " pinned to an older version. "
                + "Move all your links to the latest version with one action on My links.";
    }
}
