package dev.baton.webapp.sharing;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.system.Detached;
import dev.baton.webapp.usage.UsageService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The buyer's side of a link: finding it by its token, its gates (passcode, email), the opening that the viewer's
 * URLs carry, the items' files, and the beacons that say which pages were read and for how long. Knows nothing of
 * HTTP; {@code ViewerController} turns its answers into pages and status codes.
 */
@Service
class ViewerService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@([a-z0-9-]{1,63}\\.)+[a-z0-9-]{2,63}$");
    private static final Pattern VISITOR = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif");
    private static final Set<String> PAGED = Set.of(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-powerpoint", "application/msword");
    /** The most time one page may gain from one beacon: a beacon comes every few seconds. */
    static final long MAX_BEACON_MILLIS = 10 * 60 * 1000L;

    private final ShareStore store;
    private final ContentService content;
    private final AssetCatalog catalog;
    private final AssetVisibility visibility;
    private final AccountDirectory accounts;
    private final UsageService usage;
    private final PasswordEncoder passwords;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final SharingProperties properties;
    private final ShareViewedHook viewed;

    ViewerService(ShareStore store, ContentService content, AssetCatalog catalog, AssetVisibility visibility,
            AccountDirectory accounts, UsageService usage, PasswordEncoder passwords, TransactionalOperator tx,
            Clock clock, SharingProperties properties, ShareViewedHook viewed) {
        this.store = store;
        this.content = content;
        this.catalog = catalog;
        this.visibility = visibility;
        this.accounts = accounts;
        this.usage = usage;
        this.passwords = passwords;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.viewed = viewed;
    }

    /** The link with this token, whatever its state; empty for a token that is not one. */
    Mono<ShareLink> find(String token) {
        return ShareTokens.wellFormed(token) ? store.byToken(token) : Mono.empty();
    }

    Instant now() {
        return clock.instant();
    }

    // --- gates ---

    /** The outcome of a passcode check. */
    enum PasscodeCheck {
        RIGHT,
        WRONG,
        LOCKED
    }

    Mono<PasscodeCheck> checkPasscode(ShareLink share, String passcode) {
        Instant now = clock.instant();
        return store.passcodeAttempt(share.id(), properties.passcodeAttempts(), now,
                        now.plus(properties.passcodeLock()))
                .flatMap(mayTry -> !mayTry ? Mono.just(PasscodeCheck.LOCKED)
                        : store.passcodeHash(share.id()).flatMap(hash -> Mono.fromCallable(
                                        () -> passcode != null && passwords.matches(passcode, hash))
                                .subscribeOn(Schedulers.boundedElastic()))
                                .flatMap(right -> right
                                        ? store.passcodeRight(share.id()).thenReturn(PasscodeCheck.RIGHT)
                                        : Mono.just(PasscodeCheck.WRONG)));
    }

    /** How long the link stays locked from now; zero when it is not. */
    Mono<java.time.Duration> lockedFor(ShareLink share) {
        Instant now = clock.instant();
        return store.lockedUntil(share.id())
                .map(until -> until.isAfter(now) ? java.time.Duration.between(now, until) : java.time.Duration.ZERO)
                .defaultIfEmpty(java.time.Duration.ZERO);
    }

    /**
     * Why this email may not open the link, or {@code null} when it may: it must look like an address, and be at
     * one of the allowed domains or a subdomain of one (any domain when the list is empty).
     */
    static String emailProblem(ShareLink share, String email) {
        String address = normalEmail(email);
        if (address == null) {
            return "Enter your email address.";
        }
        if (!EMAIL.matcher(address).matches()) {
            return "That does not look like an email address.";
        }
        if (share.gateDomains() == null || share.gateDomains().isEmpty()) {
            return null;
        }
        String domain = address.substring(address.indexOf('@') + 1);
        for (String allowed : share.gateDomains()) {
            if (domain.equals(allowed) || domain.endsWith("." + allowed)) {
                return null;
            }
        }
        return "This link is for addresses at " + String.join(", ", share.gateDomains()) + ".";
    }

    static String normalEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        return e.length() > 320 ? e.substring(0, 320) : e;
    }

    // --- openings ---

    /** A new opening of a live link, past its gates: emits its key, which the viewer's URLs carry. */
    Mono<String> open(ShareLink share, String email, String userAgent) {
        String key = ShareTokens.generate();
        Instant now = clock.instant();
        String agent = userAgent == null ? null : userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent;
        return store.insertAccess(share.id(), key, normalEmail(email), agent, BotDetector.reason(userAgent), now,
                        now.plus(properties.accessLifetime()))
                .thenReturn(key);
    }

    /** The opening this key names, if it belongs to this link and is still good. */
    Mono<ShareStore.Access> access(ShareLink share, String key) {
        return ShareTokens.wellFormed(key) ? store.access(share.id(), key, clock.instant()) : Mono.empty();
    }

    // --- items ---

    /** What the viewer shows of an item. */
    enum Kind {
        PDF,
        IMAGE,
        PAGES,
        FILE
    }

    /**
     * One item of a link as the buyer sees it: its title and kind, the file it serves, or why it was withdrawn.
     *
     * @param file the version's file; {@code null} when withdrawn
     */
    record ViewerItem(int position, String title, Kind kind, String fileName, String withdrawn,
            ContentService.StoredFile file) {

        public boolean available() {
            return withdrawn == null;
        }
    }

    /** The link's items in order, each with the file of its version (pinned or latest) or why it was withdrawn. */
    Mono<List<ViewerItem>> items(ShareLink share) {
        LocalDate today = visibility.today();
        List<UUID> ids = share.items().stream().map(ShareLink.Item::assetId).toList();
        return catalog.assets(ids).collectMap(IndexableAsset::id, Function.identity()).flatMap(assets ->
                reactor.core.publisher.Flux.fromIterable(share.items()).concatMap(item -> {
                    IndexableAsset asset = assets.get(item.assetId());
                    if (asset == null) {
                        return Mono.just(new ViewerItem(item.position(), "Withdrawn content", Kind.FILE, null,
                                "this content has been withdrawn", null));
                    }
                    String reason = Shareable.reason(asset, today);
                    if (reason != null) {
                        return Mono.just(new ViewerItem(item.position(), asset.title(), Kind.FILE, null,
                                "this content has been withdrawn", null));
                    }
                    return content.sharedFile(item.assetId(), item.version())
                            .map(file -> new ViewerItem(item.position(), asset.title(), kind(file.mediaType()),
                                    file.fileName(), null, file))
                            .defaultIfEmpty(new ViewerItem(item.position(), asset.title(), Kind.FILE, null,
                                    "this content has been withdrawn", null));
                }).collectList());
    }

    static Kind kind(String mediaType) {
        if ("application/pdf".equals(mediaType)) {
            return Kind.PDF;
        }
        if (mediaType != null && INLINE.contains(mediaType)) {
            return Kind.IMAGE;
        }
        if (mediaType != null && PAGED.contains(mediaType)) {
            return Kind.PAGES;
        }
        return Kind.FILE;
    }

    /** The name of the rep who shared the link, as the cover shows it. */
    Mono<String> sharedBy(ShareLink share) {
        return accounts.person(share.ownerId()).map(Person::displayName).defaultIfEmpty("");
    }

    Mono<Void> downloaded(ShareStore.Access access) {
        return store.countDownload(access.id());
    }

    // --- beacons ---

    /** One entry of a beacon: time on a page of an item since the last beacon. */
    record PageRead(int item, int page, long ms) {}

    /**
     * A beacon from the viewer's script.
     *
     * @param seq its number within the opening, from 0: a repeated one counts once
     * @param visitor the random id the visitor's browser keeps, which joins page loads into a visit
     * @param webdriver what the browser says of {@code navigator.webdriver} (an automated browser)
     */
    record Beacon(String access, String visitor, int seq, boolean webdriver, List<PageRead> pages) {}

    /** What was wrong with a beacon, or {@code null} when it is fine. */
    static String beaconProblem(ShareLink share, Beacon beacon) {
        if (beacon.visitor() == null || !VISITOR.matcher(beacon.visitor()).matches()) {
            return "visitor: 8 to 64 letters, digits, - or _";
        }
        if (beacon.seq() < 0) {
            return "seq: 0 or more";
        }
        if (beacon.pages() == null || beacon.pages().size() > 200) {
            return "pages: a list of at most 200";
        }
        for (PageRead read : beacon.pages()) {
            if (share.item(read.item()) == null) {
                return "pages: this link has no item " + read.item();
            }
            if (read.page() < 1 || read.page() > 100_000 || read.ms() < 0) {
                return "pages: a page from 1 and a time of 0 ms or more";
            }
        }
        return null;
    }

    /**
     * Records a beacon of an opening: the pages' time on its visit (a visit of the same visitor less than
     * {@link SharingProperties#visitGap()} after their last sign of life goes on), a {@code PAGE_VIEW} usage event per
     * page for a person's visit, and, if this made the link's first verified visit, the {@link ShareViewedHook}.
     * A repeated beacon (same opening and number) changes nothing. Emits whether it was new.
     *
     * <p>A beacon comes every few seconds from every open viewer, so its usual case is short: once the opening has
     * its visit, the beacon is one statement of this package and one of usage's in one transaction. Only the first
     * beacon of an opening locks it to find or start its visit, so two first beacons do not start two visits.
     */
    Mono<Boolean> beacon(ShareLink share, ShareStore.Access opening, Beacon beacon) {
        Instant now = clock.instant();
        Map<ShareStore.PageKey, Long> pages = new LinkedHashMap<>();
        for (PageRead read : beacon.pages()) {
            pages.merge(new ShareStore.PageKey(read.item(), read.page()), Math.min(read.ms(), MAX_BEACON_MILLIS),
                    Long::sum);
        }
        String botReason = opening.botReason() != null ? opening.botReason()
                : beacon.webdriver() ? "automated browser (navigator.webdriver)" : null;
        List<UUID> following = share.items().stream().filter(item -> item.version() == null)
                .map(ShareLink.Item::assetId).distinct().toList();
        Mono<Map<UUID, Integer>> versions = following.isEmpty() || botReason != null ? Mono.just(Map.of())
                : content.states(following).map(states -> {
                    Map<UUID, Integer> current = new LinkedHashMap<>();
                    states.forEach((id, state) -> current.put(id, state.currentVersion()));
                    return current;
                });
        Mono<Long> visit = opening.visitId() != null ? Mono.just(opening.visitId())
                : store.lockAccess(opening.id()).flatMap(access -> access.visitId() != null
                        ? Mono.just(access.visitId())
                        : store.recentVisit(share.id(), beacon.visitor(), now.minus(properties.visitGap()))
                                .switchIfEmpty(Mono.defer(() -> store.insertVisit(share.id(), beacon.visitor(),
                                        access.email(), now)))
                                .flatMap(id -> store.attach(access.id(), id).thenReturn(id)));
        // one unit of work on one connection (the page views too), finished even when the browser goes away
        return Detached.uncancellable(versions.flatMap(current -> tx.transactional(visit.flatMap(visitId ->
                        store.recordBeacon(opening.id(), beacon.seq(), visitId, opening.email(), botReason, pages, now)
                                .flatMap(write -> {
                                    if (!write.isNew()) {
                                        return Mono.just(new Outcome(false, false, visitId));
                                    }
                                    Mono<Boolean> first = write.verified() && botReason == null
                                            && share.firstViewedAt() == null
                                            ? store.markFirstView(share.id(), now) : Mono.just(false);
                                    return first.flatMap(isFirst -> appendUsage(share, opening, beacon, pages,
                                                    current, botReason, visitId, now)
                                            .thenReturn(new Outcome(true, isFirst, visitId)));
                                }))))
                .flatMap(outcome -> !outcome.first() ? Mono.just(outcome.recorded())
                        : viewed.firstVerifiedVisit(new ShareViewed(share.id(), share.ownerId(), share.dealId(),
                                        share.title(), outcome.visitId(), opening.email(),
                                        share.items().stream().map(ShareLink.Item::assetId).toList(), now))
                                .thenReturn(outcome.recorded())));
    }

    private record Outcome(boolean recorded, boolean first, long visitId) {}

    private Mono<Void> appendUsage(ShareLink share, ShareStore.Access access, Beacon beacon,
            Map<ShareStore.PageKey, Long> pages, Map<UUID, Integer> current, String botReason, long visitId,
            Instant now) {
        if (botReason != null || pages.isEmpty()) {
            // a scanner's or an automated browser's reading is kept on its visit, apart: it is not a use
            return Mono.empty();
        }
        List<UsageService.UsageEvent> events = new ArrayList<>();
        pages.forEach((key, ms) -> {
            if (ms == 0) {
                // a page shown but not read for any time yet is no reading
                return;
            }
            ShareLink.Item item = share.item(key.position());
            Integer version = item.version() != null ? item.version() : current.get(item.assetId());
            events.add(new UsageService.UsageEvent(null, item.assetId(), version, UsageService.Action.PAGE_VIEW,
                    now, share.dealId(), share.id(), beacon.visitor(), key.page(),
                    (int) Math.min(ms, Integer.MAX_VALUE), "share-viewer", "visit " + visitId,
                    "b:" + access.id() + ":" + beacon.seq() + ":" + key.position() + ":" + key.page()));
        });
        return events.isEmpty() ? Mono.empty() : usage.appendInTransaction(events).then();
    }
}
