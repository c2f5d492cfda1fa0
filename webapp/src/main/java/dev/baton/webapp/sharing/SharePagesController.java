package dev.baton.webapp.sharing;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetSummary;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.system.BatonException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rep's share pages: "My links" (with the links pinned to old versions and the one action that moves them), the
 * share form from an asset or a deal, each link's page (its URL, settings, visits and revoke), and the fragment of a
 * deal's links that the deal page loads.
 */
@Controller
class SharePagesController {

    private final ShareService shares;
    private final ShareReports reports;
    private final ContentService content;
    private final DealDirectory deals;

    SharePagesController(ShareService shares, ShareReports reports, ContentService content, DealDirectory deals) {
        this.shares = shares;
        this.reports = reports;
        this.content = content;
        this.deals = deals;
    }

    @GetMapping("/shares")
    Mono<String> list(@RequestParam(defaultValue = "false") boolean all, @RequestParam(required = false) String moved,
            @AuthenticationPrincipal BatonUser user, Model model) {
        boolean everyone = all && user.canManageContent();
        return shares.list(user, everyone).flatMap(reports::activity)
                .zipWith(shares.superseded(user))
                .map(t -> {
                    model.addAttribute("links", t.getT1());
                    model.addAttribute("superseded", t.getT2());
                    model.addAttribute("all", everyone);
                    model.addAttribute("manager", user.canManageContent());
                    model.addAttribute("moved", moved);
                    return "sharing/links";
                });
    }

    @PostMapping("/shares/move-to-latest")
    Mono<String> moveToLatest(@AuthenticationPrincipal BatonUser user) {
        return shares.moveToLatest(user).map(n -> "redirect:/shares?moved=" + n);
    }

    @GetMapping("/shares/new")
    Mono<String> form(@RequestParam(name = "asset", required = false) List<UUID> assets,
            @RequestParam(required = false) Long deal, @RequestParam(required = false) String q,
            @AuthenticationPrincipal BatonUser user, Model model) {
        List<UUID> chosen = assets == null ? List.of() : List.copyOf(new LinkedHashSet<>(assets));
        Mono<Optional<DealDirectory.DealRef>> dealRef = deal == null ? Mono.just(Optional.empty())
                : deals.findFor(user, deal).map(Optional::of);
        Mono<List<AssetSummary>> selected = Flux.fromIterable(chosen).concatMap(id -> content.get(id, user))
                .collectList();
        Mono<List<AssetSummary>> found = q == null || q.isBlank() ? Mono.just(List.of())
                : content.list(user, 0, 100, false, "PUBLISHED").map(page -> page.items().stream()
                        .filter(a -> !a.internalOnly() && !a.expired() && !chosen.contains(a.id()))
                        .filter(a -> a.title().toLowerCase(Locale.ROOT).contains(q.strip().toLowerCase(Locale.ROOT)))
                        .limit(20)
                        .toList());
        return Mono.zip(dealRef, selected, found).map(t -> {
            model.addAttribute("deal", t.getT1().orElse(null));
            model.addAttribute("selected", t.getT2());
            model.addAttribute("found", t.getT3().stream().map(a -> new Found(a.title(), addHref(deal, chosen,
                    a.id()))).toList());
            model.addAttribute("q", q == null ? "" : q);
            model.addAttribute("defaultDays", shares.defaultExpiry().toDays());
            model.addAttribute("maxDays", shares.maxExpiry().toDays());
            model.addAttribute("defaultDomain", t.getT1().map(DealDirectory.DealRef::accountDomain).orElse(""));
            return "sharing/new";
        });
    }

    @PostMapping("/shares")
    Mono<String> create(ServerWebExchange exchange, @AuthenticationPrincipal BatonUser user, Model model) {
        return exchange.getFormData().flatMap(form -> {
            List<ShareLink.Item> items = new ArrayList<>();
            List<String> ids = form.getOrDefault("asset", List.of());
            for (String id : ids) {
                UUID assetId;
                try {
                    assetId = UUID.fromString(id.strip());
                } catch (IllegalArgumentException e) {
                    return Mono.error(new BatonException.InvalidInput("asset", "\"" + id + "\" is not an asset id"));
                }
                items.add(new ShareLink.Item(items.size() + 1, assetId, null));
            }
            boolean pin = "on".equals(form.getFirst("pin"));
            Mono<List<ShareLink.Item>> pinned = !pin ? Mono.just(items) : Flux.fromIterable(items)
                    .concatMap(i -> content.get(i.assetId(), user)
                            .map(a -> new ShareLink.Item(i.position(), i.assetId(), a.version())))
                    .collectList();
            Long dealId = parseLong(form.getFirst("deal"), "deal");
            Integer days = parseInt(form.getFirst("expiresInDays"));
            boolean gate = "on".equals(form.getFirst("emailGate"));
            String domains = form.getFirst("allowedDomains");
            List<String> allowed = domains == null ? null : Arrays.stream(domains.split("[,\\s]+"))
                    .filter(s -> !s.isBlank()).toList();
            return pinned.flatMap(list -> shares.create(new ShareService.NewShare(list, dealId, form.getFirst("title"),
                    form.getFirst("note"), days, form.getFirst("passcode"), gate,
                    allowed,
                    "on".equals(form.getFirst("allowDownload"))), user));
        }).map(link -> "redirect:/shares/" + link.id() + "?created=1");
    }

    @GetMapping("/shares/{id}")
    Mono<String> link(@PathVariable long id, @RequestParam(required = false) String created,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        return shares.get(id, user).flatMap(link -> reports.activity(List.of(link)).map(List::getFirst)
                .zipWith(link.dealId() == null ? Mono.just(Optional.<DealDirectory.DealRef>empty())
                        : deals.find(link.dealId()).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(t -> {
                    model.addAttribute("link", link);
                    model.addAttribute("activity", t.getT1());
                    model.addAttribute("deal", t.getT2().orElse(null));
                    model.addAttribute("url", ShareApiController.base(exchange) + "/s/" + link.token());
                    model.addAttribute("created", created != null);
                    model.addAttribute("live", link.state(shares.now()) == ShareLink.State.LIVE);
                    model.addAttribute("domains", link.gateDomains() == null ? ""
                            : String.join(", ", link.gateDomains()));
                    return "sharing/link";
                }));
    }

    @PostMapping("/shares/{id}")
    Mono<String> update(@PathVariable long id, ServerWebExchange exchange, @AuthenticationPrincipal BatonUser user) {
        return exchange.getFormData().flatMap(form -> {
            String passcode = "on".equals(form.getFirst("removePasscode")) ? ""
                    : blankToNull(form.getFirst("passcode"));
            String domains = form.getFirst("allowedDomains");
            boolean gate = "on".equals(form.getFirst("emailGate"));
            return shares.update(id, new ShareService.ShareChange(parseInt(form.getFirst("expiresInDays")), null,
                    passcode, gate, gate && domains != null ? Arrays.stream(domains.split("[,\\s]+"))
                            .filter(s -> !s.isBlank()).toList() : null,
                    "on".equals(form.getFirst("allowDownload"))), user);
        }).map(link -> "redirect:/shares/" + id);
    }

    @PostMapping("/shares/{id}/revoke")
    Mono<String> revoke(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return shares.revoke(id, user).map(link -> "redirect:/shares/" + id);
    }

    /** The links of a deal with their visits: the fragment the deal page loads. */
    @GetMapping("/deals/{id}/shares")
    Mono<String> dealShares(@PathVariable long id, @AuthenticationPrincipal BatonUser user, Model model) {
        return shares.forDeal(id, user).flatMap(reports::activity).map(activity -> {
            model.addAttribute("links", activity);
            model.addAttribute("dealId", id);
            return "sharing/deal-shares :: shares";
        });
    }

    /** An asset the search on the share form found, with the link that adds it. */
    record Found(String title, String href) {}

    private static String addHref(Long deal, List<UUID> chosen, UUID add) {
        org.springframework.web.util.UriComponentsBuilder uri =
                org.springframework.web.util.UriComponentsBuilder.fromPath("/shares/new");
        if (deal != null) {
            uri.queryParam("deal", deal);
        }
        chosen.forEach(id -> uri.queryParam("asset", id));
        uri.queryParam("asset", add);
        return uri.build().toUriString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Integer parseInt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new BatonException.InvalidInput("expiresInDays", "a whole number of days");
        }
    }

    private static Long parseLong(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new BatonException.InvalidInput(field, "not a number");
        }
    }


    /** A domain error on a share page: an error page with its status and message, never a 500. */
    @ControllerAdvice(assignableTypes = SharePagesController.class)
    static class Errors {

        @ExceptionHandler(BatonException.class)
        String failed(BatonException e, ServerWebExchange exchange, Model model) {
            exchange.getResponse().setStatusCode(e.status());
            if (e.status() == HttpStatus.NOT_FOUND) {
                return "error/404";
            }
            model.addAttribute("title", e.title());
            model.addAttribute("detail", e.getMessage());
            return "sharing/problem";
        }
    }
}
