package dev.baton.webapp.sharing;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetSummary;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.usage.UsageService;
import dev.baton.webapp.webhooks.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Share links as reps make and keep them: one asset or a room of several, for a deal or none, with expiry, an
 * optional passcode and email gate, view-only unless download is chosen, following the latest version or pinned.
 * A rep works on their own links; marketers and admins read and change all.
 */
@Service
class ShareService {

    static final int MAX_ITEMS = 50;
    private static final Pattern DOMAIN =
            Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$");

    private final ShareStore store;
    private final ContentService content;
    private final AssetCatalog catalog;
    private final AssetVisibility visibility;
    private final DealDirectory deals;
    private final UsageService usage;
    private final Webhooks webhooks;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final SharingProperties properties;

    ShareService(ShareStore store, ContentService content, AssetCatalog catalog, AssetVisibility visibility,
            DealDirectory deals, UsageService usage, PasswordEncoder passwords, Clock clock,
            SharingProperties properties, Webhooks webhooks) {
        this.webhooks = webhooks;
        this.store = store;
        this.content = content;
        this.catalog = catalog;
        this.visibility = visibility;
        this.deals = deals;
        this.usage = usage;
        this.passwords = passwords;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * What a new link is made of.
     *
     * @param items the assets in order, each with the version to pin ({@code null}: follow the latest)
     * @param expiresInDays days until it expires; {@code null}: the default
     * @param emailGate whether the visitor must give an email first
     * @param allowedDomains the domains that email must be at; {@code null}: the deal's account domain, or any
     */
    record NewShare(List<ShareLink.Item> items, Long dealId, String title, String note, Integer expiresInDays,
            String passcode, boolean emailGate, List<String> allowedDomains, boolean allowDownload, Long packId) {

        /** A link made outside any enablement pack. */
        NewShare(List<ShareLink.Item> items, Long dealId, String title, String note, Integer expiresInDays,
                String passcode, boolean emailGate, List<String> allowedDomains, boolean allowDownload) {
            this(items, dealId, title, note, expiresInDays, passcode, emailGate, allowedDomains, allowDownload, null);
        }
    }

    /** Changes to a link; {@code null} members stay as they are. {@code passcode} "" removes it. */
    record ShareChange(Integer expiresInDays, Instant expiresAt, String passcode, Boolean emailGate,
            List<String> allowedDomains, Boolean allowDownload) {}

    Mono<ShareLink> create(NewShare request, BatonUser user) {
        Map<String, String> problems = new LinkedHashMap<>();
        List<ShareLink.Item> items = request.items() == null ? List.of() : request.items();
        if (items.isEmpty()) {
            problems.put("items", "name at least one asset");
        } else if (items.size() > MAX_ITEMS) {
            problems.put("items", "a link holds at most " + MAX_ITEMS + " assets");
        } else if (items.stream().map(ShareLink.Item::assetId).distinct().count() < items.size()) {
            problems.put("items", "each asset may appear once");
        } else if (items.stream().anyMatch(i -> i.assetId() == null)) {
            problems.put("items", "each item needs an assetId");
        } else if (items.stream().anyMatch(i -> i.version() != null && i.version() < 1)) {
            problems.put("items", "a pinned version is 1 or more");
        }
        String title = request.title() == null ? "" : request.title().strip();
        if (title.length() > 300) {
            problems.put("title", "use at most 300 characters");
        }
        String note = request.note() == null ? "" : request.note().strip();
        if (note.length() > 4000) {
            problems.put("note", "use at most 4000 characters");
        }
        Instant now = clock.instant();
        Instant expiresAt = null;
        try {
            expiresAt = expiry(request.expiresInDays(), null, now);
        } catch (BatonException.InvalidInput e) {
            problems.put("expiresInDays", e.getMessage().replaceFirst("^[^:]*: ", ""));
        }
        String passcode = request.passcode() == null || request.passcode().isEmpty() ? null : request.passcode();
        if (passcode != null && (passcode.length() < 4 || passcode.length() > 100)) {
            problems.put("passcode", "use 4 to 100 characters");
        }
        List<String> domains = null;
        if (request.allowedDomains() != null) {
            try {
                domains = domains(request.allowedDomains());
            } catch (BatonException.InvalidInput e) {
                problems.put("allowedDomains", e.getMessage().replaceFirst("^[^:]*: ", ""));
            }
        }
        if (!problems.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput(problems));
        }
        Instant expires = expiresAt;
        List<String> givenDomains = domains;
        Mono<DealDirectory.DealRef> deal = request.dealId() == null ? Mono.empty()
                : deals.findFor(user, request.dealId());
        return deal.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()).flatMap(d -> Flux
                .fromIterable(items)
                .concatMap(item -> shareableFor(item, user))
                .collectList()
                .flatMap(assets -> {
                    List<String> gate = !request.emailGate() ? null
                            : givenDomains != null ? givenDomains
                            : d.map(DealDirectory.DealRef::accountDomain).map(List::of).orElse(List.of());
                    String name = !title.isEmpty() ? title
                            : assets.size() == 1 ? assets.getFirst().title()
                            : d.map(ref -> "For " + ref.accountName()).orElse(assets.size() + " assets");
                    List<ShareLink.Item> ordered = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        ordered.add(new ShareLink.Item(i + 1, items.get(i).assetId(), items.get(i).version()));
                    }
                    String token = ShareTokens.generate();
                    Mono<String> hash = passcode == null ? Mono.just("")
                            : Mono.fromCallable(() -> passwords.encode(passcode))
                                    .subscribeOn(Schedulers.boundedElastic());
                    Long dealId = d.map(DealDirectory.DealRef::id).orElse(null);
                    return hash.flatMap(h -> store.insert(token, user.id(), dealId, truncate(name, 300), note,
                                    expires, h.isEmpty() ? null : h, gate, request.allowDownload(), ordered, now))
                            .flatMap(id -> usage.append(sharedEvents(id, user, dealId, ordered, assets, request.packId()))
                                    .then(store.byId(id)))
                            .flatMap(share -> webhooks.publish(Webhooks.SHARE_CREATED, created(share, user, assets))
                                    .thenReturn(share));
                }));
    }

    /** The {@code share.created} webhook's data: what a subscriber may see (never the token or passcode). */
    private static Map<String, Object> created(ShareLink share, BatonUser user, List<AssetSummary> assets) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("shareId", share.id());
        data.put("dealId", share.dealId());
        data.put("title", share.title());
        data.put("owner", user.getUsername());
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < share.items().size(); i++) {
            ShareLink.Item item = share.items().get(i);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("position", item.position());
            one.put("assetId", item.assetId());
            one.put("title", assets.get(i).title());
            one.put("version", item.version() != null ? item.version() : assets.get(i).version());
            one.put("pinned", item.version() != null);
            items.add(one);
        }
        data.put("assets", items);
        data.put("emailGate", share.gateDomains() != null);
        data.put("allowDownload", share.allowDownload());
        data.put("expiresAt", share.expiresAt());
        data.put("createdAt", share.createdAt());
        return data;
    }

    private static List<UsageService.UsageEvent> sharedEvents(long shareId, BatonUser user, Long dealId,
            List<ShareLink.Item> items, List<AssetSummary> assets, Long packId) {
        List<UsageService.UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ShareLink.Item item = items.get(i);
            int version = item.version() != null ? item.version() : assets.get(i).version();
            events.add(new UsageService.UsageEvent(user.id(), item.assetId(), version, UsageService.Action.SHARE,
                    null, dealId, shareId, null, null, null, "share-link", null,
                    "share:" + shareId + ":" + item.position(), packId));
        }
        return events;
    }

    /** The asset as the user sees it, if it may go to a buyer, and the pinned version exists. */
    private Mono<AssetSummary> shareableFor(ShareLink.Item item, BatonUser user) {
        LocalDate today = visibility.today();
        return content.get(item.assetId(), user).flatMap(asset -> {
            // the summary's "expired" is the asset's expiry or its approval's lapse (review before publish)
            boolean approvalLapsed = asset.expired() && !AssetVisibility.expired(asset.expiresOn(), today);
            String reason = Shareable.reason(asset.status(), asset.internalOnly(), asset.expiresOn(), approvalLapsed,
                    today);
            if (reason != null) {
                return Mono.error(new Shareable.NotShareable(asset.title(), reason));
            }
            // a pinned version must be the live one or one that was live: never one held for review; and neither it
            // nor, for a link following the latest, the live version may have been sent back for changes
            int version = item.version() == null ? asset.version() : item.version();
            return content.unpinnable(item.assetId(), version)
                    .onErrorMap(BatonException.NotFound.class, e -> new BatonException.InvalidInput("items",
                            "\"" + asset.title() + "\" has no version " + item.version()))
                    .flatMap(why -> Mono.<AssetSummary>error(new Shareable.NotShareable(asset.title(), why)))
                    .defaultIfEmpty(asset);
        });
    }

    Mono<ShareLink> get(long id, BatonUser user) {
        return store.byId(id)
                .filter(share -> mayRead(user, share))
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No share link " + id + ".")));
    }

    /** The user's links, or with {@code all} everyone's for a manager, newest first. */
    Mono<List<ShareLink>> list(BatonUser user, boolean all) {
        if (all && !user.canManageContent()) {
            return Mono.error(new BatonException.Forbidden("Only marketers and admins list everyone's links"));
        }
        return store.list(all ? null : user.id(), 500).collectList();
    }

    /** The links of a deal the user may read, newest first (404 for a deal they may not). */
    Mono<List<ShareLink>> forDeal(long dealId, BatonUser user) {
        return deals.findFor(user, dealId).flatMap(deal -> store.forDeal(dealId).collectList());
    }

    Mono<ShareLink> update(long id, ShareChange change, BatonUser user) {
        return get(id, user).flatMap(share -> {
            if (share.revokedAt() != null) {
                return Mono.error(new BatonException.Conflict("This link is revoked; make a new one"));
            }
            Instant now = clock.instant();
            Instant expiresAt = change.expiresInDays() == null && change.expiresAt() == null ? null
                    : expiry(change.expiresInDays(), change.expiresAt(), now);
            String passcode = change.passcode();
            if (passcode != null && !passcode.isEmpty() && (passcode.length() < 4 || passcode.length() > 100)) {
                return Mono.error(new BatonException.InvalidInput("passcode", "use 4 to 100 characters"));
            }
            boolean changeGate = change.emailGate() != null || change.allowedDomains() != null;
            List<String> gate = share.gateDomains();
            if (Boolean.FALSE.equals(change.emailGate())) {
                gate = null;
            } else if (change.allowedDomains() != null) {
                gate = domains(change.allowedDomains());
            } else if (Boolean.TRUE.equals(change.emailGate()) && gate == null) {
                gate = List.of();
            }
            List<String> newGate = gate;
            Mono<String> hash = passcode == null || passcode.isEmpty() ? Mono.just("")
                    : Mono.fromCallable(() -> passwords.encode(passcode)).subscribeOn(Schedulers.boundedElastic());
            return hash.flatMap(h -> store.update(id, expiresAt, passcode != null, h.isEmpty() ? null : h,
                            changeGate, newGate, change.allowDownload(), now))
                    .then(store.byId(id));
        });
    }

    Mono<ShareLink> revoke(long id, BatonUser user) {
        return get(id, user).flatMap(share -> store.revoke(id, clock.instant()).then(store.byId(id)));
    }

    /** A live link's item pinned to a version older than its asset's current one. */
    record Superseded(ShareLink share, ShareLink.Item item, String assetTitle, int current) {}

    /** The user's live links pinned to an older version of their asset (the rep is told, point 8). */
    Mono<List<Superseded>> superseded(BatonUser user) {
        Instant now = clock.instant();
        return store.liveAssets(user.id(), now).collectList().flatMap(ids -> ids.isEmpty() ? Mono.just(List.of())
                : catalog.assets(ids).collectMap(IndexableAsset::id, Function.identity())
                        .flatMap(assets -> store.liveHolding(ids, user.id(), now).collectList()
                                .map(shares -> shares.stream().flatMap(share -> share.items().stream()
                                        .filter(item -> item.version() != null && assets.containsKey(item.assetId())
                                                && item.version() < assets.get(item.assetId()).version())
                                        .map(item -> new Superseded(share, item,
                                                assets.get(item.assetId()).title(),
                                                assets.get(item.assetId()).version())))
                                        .toList())));
    }

    /** Moves every pinned item of the user's live links to its asset's current version; emits how many moved. */
    Mono<Integer> moveToLatest(BatonUser user) {
        Instant now = clock.instant();
        return superseded(user).flatMap(list -> Flux.fromIterable(list)
                .concatMap(s -> store.repin(s.share().id(), s.item().position(), s.current(), now))
                .reduce(0L, Long::sum)
                .map(Long::intValue));
    }

    /** Why each of these links' assets is withdrawn (no longer shareable), by asset; absent when it is fine. */
    Mono<Map<UUID, String>> withdrawn(List<ShareLink> shares) {
        Set<UUID> ids = shares.stream().flatMap(s -> s.items().stream()).map(ShareLink.Item::assetId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        LocalDate today = visibility.today();
        return catalog.assets(ids).collectList().map(assets -> {
            Map<UUID, String> reasons = new LinkedHashMap<>();
            Set<UUID> found = new HashSet<>();
            for (IndexableAsset asset : assets) {
                found.add(asset.id());
                String reason = Shareable.reason(asset, today);
                if (reason != null) {
                    reasons.put(asset.id(), reason);
                }
            }
            ids.stream().filter(id -> !found.contains(id)).forEach(id -> reasons.put(id, "it was deleted"));
            return reasons;
        });
    }

    /** The titles of these links' assets, by id (deleted ones absent). */
    Mono<Map<UUID, IndexableAsset>> assets(List<ShareLink> shares) {
        Set<UUID> ids = shares.stream().flatMap(s -> s.items().stream()).map(ShareLink.Item::assetId)
                .collect(Collectors.toSet());
        return catalog.assets(ids).collectMap(IndexableAsset::id, Function.identity());
    }

    Instant now() {
        return clock.instant();
    }

    Duration defaultExpiry() {
        return properties.defaultExpiry();
    }

    Duration maxExpiry() {
        return properties.maxExpiry();
    }

    private Instant expiry(Integer days, Instant at, Instant now) {
        Instant expires = at != null ? at
                : now.plus(days == null ? properties.defaultExpiry() : Duration.ofDays(days));
        if (!expires.isAfter(now)) {
            throw new BatonException.InvalidInput(days != null ? "expiresInDays" : "expiresAt",
                    "the expiry must be in the future");
        }
        if (expires.isAfter(now.plus(properties.maxExpiry()).plusSeconds(60))) {
            throw new BatonException.InvalidInput(days != null ? "expiresInDays" : "expiresAt",
                    "a link may live at most " + properties.maxExpiry().toDays() + " days");
        }
        return expires;
    }

    static List<String> domains(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String d : given) {
            String domain = d == null ? "" : d.strip().toLowerCase(Locale.ROOT);
            if (domain.startsWith("@")) {
                domain = domain.substring(1);
            }
            if (domain.isEmpty()) {
                continue;
            }
            if (!DOMAIN.matcher(domain).matches() || domain.length() > 253) {
                throw new BatonException.InvalidInput("allowedDomains", "\"" + d + "\" is not a domain such as "
                        + "example.com");
            }
            if (!out.contains(domain)) {
                out.add(domain);
            }
        }
        if (out.size() > 20) {
            throw new BatonException.InvalidInput("allowedDomains", "name at most 20 domains");
        }
        return List.copyOf(out);
    }

    static boolean mayRead(BatonUser user, ShareLink share) {
        return user.canManageContent() || share.ownerId() == user.id();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
