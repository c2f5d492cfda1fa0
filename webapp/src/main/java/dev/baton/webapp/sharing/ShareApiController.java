package dev.baton.webapp.sharing;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Share links over HTTP ({@code /api/v1/shares}): make one (an asset or a room, for a deal or none), list yours (or,
 * for marketers and admins, everyone's), read one with its visits, change its expiry, passcode, email gate and
 * download, revoke it, and move links pinned to old versions to the latest. See docs/api.md and docs/sharing.md.
 */
@RestController
@RequestMapping("/api/v1/shares")
class ShareApiController {

    private final ShareService shares;
    private final ShareReports reports;

    ShareApiController(ShareService shares, ShareReports reports) {
        this.shares = shares;
        this.reports = reports;
    }

    /**
     * A new link.
     *
     * @param assetIds the assets in order, each following its latest version (or use {@code items})
     * @param items the assets in order with a version to pin each to ({@code version} absent: the latest)
     */
    record NewShareRequest(List<UUID> assetIds, List<ItemRequest> items, Long dealId, String title, String note,
            Integer expiresInDays, String passcode, Boolean emailGate, List<String> allowedDomains,
            Boolean allowDownload) {}

    record ItemRequest(UUID assetId, Integer version) {}

    /** Changes to a link; members left out stay as they are; {@code passcode} "" removes it. */
    record ShareChangeRequest(Integer expiresInDays, Instant expiresAt, String passcode, Boolean emailGate,
            List<String> allowedDomains, Boolean allowDownload) {}

    @PostMapping
    Mono<ResponseEntity<ShareJson>> create(@RequestBody NewShareRequest request,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        if (request.assetIds() != null && request.items() != null) {
            return Mono.error(new BatonException.InvalidInput("items", "give assetIds or items, not both"));
        }
        List<ShareLink.Item> items = new ArrayList<>();
        if (request.assetIds() != null) {
            request.assetIds().forEach(id -> items.add(new ShareLink.Item(items.size() + 1, id, null)));
        } else if (request.items() != null) {
            request.items().forEach(i -> items.add(new ShareLink.Item(items.size() + 1, i == null ? null : i.assetId(),
                    i == null ? null : i.version())));
        }
        ShareService.NewShare share = new ShareService.NewShare(items, request.dealId(), request.title(),
                request.note(), request.expiresInDays(), request.passcode(), Boolean.TRUE.equals(request.emailGate()),
                request.allowedDomains(), Boolean.TRUE.equals(request.allowDownload()));
        return shares.create(share, user).map(link -> ResponseEntity
                .created(URI.create("/api/v1/shares/" + link.id()))
                .body(ShareJson.of(link, base(exchange), shares.now())));
    }

    /** Your links, newest first; {@code all=true} lists everyone's (marketers and admins). */
    @GetMapping
    Mono<List<ShareJson>> list(@RequestParam(defaultValue = "false") boolean all,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return shares.list(user, all).map(list -> list.stream()
                .map(link -> ShareJson.of(link, base(exchange), shares.now()))
                .toList());
    }

    @GetMapping("/{id}")
    Mono<ShareJson> get(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return shares.get(id, user).map(link -> ShareJson.of(link, base(exchange), shares.now()));
    }

    /** The link's visits: verified people first, then scanners and automated browsers, and the bare openings. */
    @GetMapping("/{id}/visits")
    Mono<ShareReports.LinkActivity> visits(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return shares.get(id, user).flatMap(link -> reports.activity(List.of(link))).map(List::getFirst);
    }

    @PatchMapping("/{id}")
    Mono<ShareJson> update(@PathVariable long id, @RequestBody ShareChangeRequest change,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return shares.update(id, new ShareService.ShareChange(change.expiresInDays(), change.expiresAt(),
                        change.passcode(), change.emailGate(), change.allowedDomains(), change.allowDownload()), user)
                .map(link -> ShareJson.of(link, base(exchange), shares.now()));
    }

    /** Turns the link off for good: its URL answers 410 from now on. */
    @PostMapping("/{id}/revoke")
    Mono<ShareJson> revoke(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return shares.revoke(id, user).map(link -> ShareJson.of(link, base(exchange), shares.now()));
    }

    /** Your live links pinned to a version older than their asset's current one. */
    @GetMapping("/superseded")
    Mono<List<Map<String, Object>>> superseded(@AuthenticationPrincipal BatonUser user) {
        return shares.superseded(user).map(list -> list.stream().map(s -> Map.<String, Object>of(
                        "shareId", s.share().id(), "title", s.share().title(), "position", s.item().position(),
                        "assetId", s.item().assetId(), "assetTitle", s.assetTitle(), "pinnedVersion",
                        s.item().version(), "currentVersion", s.current()))
                .toList());
    }

    /** Moves every item of your live links pinned to an older version to its asset's current version. */
    @PostMapping("/move-to-latest")
    Mono<ResponseEntity<Map<String, Integer>>> moveToLatest(@AuthenticationPrincipal BatonUser user) {
        return shares.moveToLatest(user).map(moved -> ResponseEntity.status(HttpStatus.OK).body(Map.of("moved", moved)));
    }

    static String base(ServerWebExchange exchange) {
        URI uri = exchange.getRequest().getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
