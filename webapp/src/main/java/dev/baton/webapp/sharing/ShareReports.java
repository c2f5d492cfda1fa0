package dev.baton.webapp.sharing;

import dev.baton.webapp.content.IndexableAsset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What reps see of their links' visits: per link, the verified (human) visits with their visitors, time and the
 * page-by-page strip of each item, the last time someone read it; scanners and automated browsers counted apart,
 * and the openings that never ran the viewer's script.
 */
@Component
class ShareReports {

    private final ShareStore store;
    private final ShareService shares;

    ShareReports(ShareStore store, ShareService shares) {
        this.store = store;
        this.shares = shares;
    }

    /**
     * One link's activity.
     *
     * @param visits verified visits, newest first
     * @param botVisits visits by scanners and automated browsers, kept apart
     * @param bareOpenings openings that sent no beacon at all (no script ran: a link scanner, a preview)
     * @param visitors the verified visitors' emails (gated links) or "Anonymous visitor"
     * @param items each item with the time spent on each of its pages, over all verified visits
     */
    record LinkActivity(long shareId, String title, String state, Instant expiresAt, Long dealId, int verifiedVisits,
            List<String> visitors, long millis, Instant lastSeen, List<ItemStrip> items, List<VisitRow> visits,
            List<VisitRow> botVisits, long bareOpenings, boolean passcode, boolean emailGate, boolean allowDownload) {

        public String time() {
            return ShareReports.duration(millis);
        }
    }

    /** An item of a link with its page strip. {@code withdrawn}: why it can no longer be read, or {@code null}. */
    record ItemStrip(int position, UUID assetId, String title, Integer pinnedVersion, Integer currentVersion,
            String withdrawn, List<PageCell> pages) {

        public boolean superseded() {
            return pinnedVersion != null && currentVersion != null && pinnedVersion < currentVersion;
        }
    }

    /** Time on one page; {@code shade} 0 (unread) to 4 (read longest of the strip). */
    record PageCell(int page, long millis, int shade) {

        public String time() {
            return ShareReports.duration(millis);
        }
    }

    /** One visit as the rep sees it. */
    record VisitRow(long id, String who, Instant startedAt, Instant lastSeen, long millis, int pagesRead,
            int downloads, String botReason) {

        public String time() {
            return ShareReports.duration(millis);
        }
    }

    Mono<List<LinkActivity>> activity(List<ShareLink> links) {
        if (links.isEmpty()) {
            return Mono.just(List.of());
        }
        List<Long> ids = links.stream().map(ShareLink::id).toList();
        Mono<Map<Long, List<ShareStore.Visit>>> visits = store.visits(ids).collectList()
                .map(all -> all.stream().collect(Collectors.groupingBy(ShareStore.Visit::shareId, LinkedHashMap::new,
                        Collectors.toList())));
        Mono<Map<Long, ShareStore.Unverified>> unverified = store.unverified(ids)
                .collectMap(ShareStore.Unverified::shareId);
        return Mono.zip(visits, unverified, shares.assets(links), shares.withdrawn(links)).map(t -> {
            Instant now = shares.now();
            List<LinkActivity> out = new ArrayList<>();
            for (ShareLink link : links) {
                List<ShareStore.Visit> all = t.getT1().getOrDefault(link.id(), List.of());
                List<ShareStore.Visit> human = all.stream().filter(ShareStore.Visit::verified).toList();
                List<ShareStore.Visit> bots = all.stream().filter(v -> v.botReason() != null).toList();
                out.add(activity(link, now, human, bots, t.getT2().get(link.id()), t.getT3(), t.getT4()));
            }
            return out;
        });
    }

    private static LinkActivity activity(ShareLink link, Instant now, List<ShareStore.Visit> human,
            List<ShareStore.Visit> bots, ShareStore.Unverified unverified, Map<UUID, IndexableAsset> assets,
            Map<UUID, String> withdrawn) {
        Set<String> visitors = new LinkedHashSet<>();
        long millis = 0;
        Instant lastSeen = null;
        Map<Integer, Map<Integer, Long>> byItem = new LinkedHashMap<>();
        for (ShareStore.Visit v : human) {
            visitors.add(v.email() != null ? v.email() : "Anonymous visitor");
            millis += v.millis();
            if (lastSeen == null || v.lastSeenAt().isAfter(lastSeen)) {
                lastSeen = v.lastSeenAt();
            }
            for (ShareStore.PageTime p : v.pages()) {
                byItem.computeIfAbsent(p.position(), k -> new LinkedHashMap<>()).merge(p.page(), p.millis(), Long::sum);
            }
        }
        List<ItemStrip> items = new ArrayList<>();
        for (ShareLink.Item item : link.items()) {
            IndexableAsset asset = assets.get(item.assetId());
            Map<Integer, Long> pages = byItem.getOrDefault(item.position(), Map.of());
            int last = pages.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            long longest = pages.values().stream().mapToLong(Long::longValue).max().orElse(0);
            List<PageCell> cells = new ArrayList<>();
            for (int page = 1; page <= last; page++) {
                long ms = pages.getOrDefault(page, 0L);
                int shade = ms == 0 || longest == 0 ? 0 : (int) Math.max(1, Math.round(4.0 * ms / longest));
                cells.add(new PageCell(page, ms, shade));
            }
            String reason = withdrawn.get(item.assetId());
            items.add(new ItemStrip(item.position(), item.assetId(), asset == null ? "Deleted asset" : asset.title(),
                    item.version(), asset == null ? null : asset.version(),
                    reason == null ? null : "withdrawn: " + reason, cells));
        }
        List<VisitRow> rows = human.stream().map(v -> row(v, null)).toList();
        List<VisitRow> botRows = bots.stream().map(v -> row(v, v.botReason())).toList();
        long bare = unverified == null ? 0 : unverified.openings();
        return new LinkActivity(link.id(), link.title(), link.state(now).name(), link.expiresAt(), link.dealId(),
                human.size(), List.copyOf(visitors), millis, lastSeen, items, rows, botRows, bare, link.passcode(),
                link.emailGate(), link.allowDownload());
    }

    private static VisitRow row(ShareStore.Visit v, String botReason) {
        int pagesRead = (int) v.pages().stream().filter(p -> p.millis() > 0).count();
        return new VisitRow(v.id(), v.email() != null ? v.email() : "Anonymous visitor", v.startedAt(),
                v.lastSeenAt(), v.millis(), pagesRead, v.downloads(), botReason);
    }

    /** 0 s, 42 s, 3 min 5 s, 1 h 2 min. */
    static String duration(long millis) {
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min " + (seconds % 60) + " s";
        }
        return minutes / 60 + " h " + (minutes % 60) + " min";
    }
}
