package dev.baton.webapp.sharing;

import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.webhooks.Webhooks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where the first verified visit of a link goes. {@link #firstVerifiedVisit} runs exactly once per link, after the
 * link's {@code first_viewed_at} was set by the one call that found it empty (the beacon that brought the first page
 * time of a person's visit, committed). It tells the link's owner ({@code share.first_visit}: who, what, how long and
 * which pages so far, with a link to the share page; emailed as the owner chose), publishes the {@code share.viewed}
 * webhook, and publishes {@link ShareViewed} as an application event for anyone else who listens.
 */
@Component
class ShareViewedHook {

    private static final Logger log = LoggerFactory.getLogger(ShareViewedHook.class);

    private final ApplicationEventPublisher events;
    private final ShareStore store;
    private final Notifications notifications;
    private final Webhooks webhooks;

    ShareViewedHook(ApplicationEventPublisher events, ShareStore store, Notifications notifications,
            Webhooks webhooks) {
        this.events = events;
        this.store = store;
        this.notifications = notifications;
        this.webhooks = webhooks;
    }

    /**
     * The integration point: a link was opened by a person for the first time. Completes when the notification and
     * the webhook event are stored; a failure is logged and swallowed, so it never fails the buyer's beacon.
     */
    Mono<Void> firstVerifiedVisit(ShareViewed viewed) {
        log.info("Share link {} was opened for the first time (visit {})", viewed.shareId(), viewed.visitId());
        return Mono.zip(store.byId(viewed.shareId()), store.visits(List.of(viewed.shareId()))
                        .filter(v -> v.id() == viewed.visitId())
                        .next())
                .flatMap(t -> {
                    ShareLink share = t.getT1();
                    ShareStore.Visit visit = t.getT2();
                    Mono<Void> told = notifications.notify(share.ownerId(), NotificationKind.SHARE_FIRST_VISIT,
                            title(viewed), body(share, visit), "/shares/" + share.id());
                    Mono<Void> hook = webhooks.publish(Webhooks.SHARE_VIEWED, payload(share, viewed, visit));
                    return told.then(hook);
                })
                .then(Mono.fromRunnable(() -> events.publishEvent(viewed)))
                .onErrorResume(e -> {
                    log.warn("Telling of the first visit of share link {} failed", viewed.shareId(), e);
                    return Mono.empty();
                })
                .then();
    }

    static String title(ShareViewed viewed) {
        String who = viewed.email() != null ? viewed.email() : "Someone";
        return who + " opened \"" + viewed.title() + "\"";
    }

    /** What was read so far: how long and which pages, per item. */
    static String body(ShareLink share, ShareStore.Visit visit) {
        Map<Integer, TreeSet<Integer>> pages = new TreeMap<>();
        for (ShareStore.PageTime page : visit.pages()) {
            if (page.millis() > 0) {
                pages.computeIfAbsent(page.position(), p -> new TreeSet<>()).add(page.page());
            }
        }
        List<String> parts = new ArrayList<>();
        pages.forEach((position, numbers) -> parts.add((share.items().size() > 1 ? "item " + position + ", " : "")
                + (numbers.size() == 1 ? "page " : "pages ") + ranges(numbers)));
        String who = visit.email() != null ? visit.email() : "Someone";
        return who + " read " + (parts.isEmpty() ? "the link" : String.join("; ", parts)) + " for "
                + duration(visit.millis()) + " so far (first verified visit of \"" + share.title() + "\", "
                + share.items().size() + (share.items().size() == 1 ? " item" : " items") + ").";
    }

    static String ranges(TreeSet<Integer> numbers) {
        List<String> out = new ArrayList<>();
        Integer start = null;
        Integer last = null;
        for (int n : numbers) {
            if (start != null && n == last + 1) {
                last = n;
                continue;
            }
            if (start != null) {
                out.add(start.equals(last) ? String.valueOf(start) : start + "-" + last);
            }
            start = n;
            last = n;
        }
        if (start != null) {
            out.add(start.equals(last) ? String.valueOf(start) : start + "-" + last);
        }
        return String.join(", ", out);
    }

    static String duration(long millis) {
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = seconds / 60;
        long rest = seconds % 60;
        return minutes + (minutes == 1 ? " minute" : " minutes") + (rest == 0 ? "" : " " + rest
                + (rest == 1 ? " second" : " seconds"));
    }

    private static Map<String, Object> payload(ShareLink share, ShareViewed viewed, ShareStore.Visit visit) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("shareId", share.id());
        data.put("dealId", share.dealId());
        List<Map<String, Object>> assets = new ArrayList<>();
        for (ShareLink.Item item : share.items()) {
            Map<String, Object> asset = new LinkedHashMap<>();
            asset.put("position", item.position());
            asset.put("assetId", item.assetId());
            asset.put("version", item.version());
            assets.add(asset);
        }
        data.put("assets", assets);
        data.put("visitorEmail", viewed.email());
        data.put("millis", visit.millis());
        List<Map<String, Object>> pages = new ArrayList<>();
        for (ShareStore.PageTime page : visit.pages()) {
            pages.add(Map.of("position", page.position(), "page", page.page(), "millis", page.millis()));
        }
        data.put("pages", pages);
        data.put("viewedAt", viewed.at());
        return data;
    }
}
