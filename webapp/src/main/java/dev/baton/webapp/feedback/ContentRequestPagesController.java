package dev.baton.webapp.feedback;

import static dev.baton.webapp.feedback.FeedbackPagesController.value;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Content request pages: "ask marketing" from the search page (which posts here: search does not depend on
 * feedback), a rep's "my requests", and the marketers' list where requests are assigned, worked on, fulfilled with
 * an asset or declined, and proposed matches confirmed; admins set the service level there.
 */
@Controller
class ContentRequestPagesController {

    private final ContentRequests requests;

    ContentRequestPagesController(ContentRequests requests) {
        this.requests = requests;
    }

    /** "Ask marketing for this content", from a search that found nothing. */
    @PostMapping("/search/request")
    Mono<String> ask(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> Detached.uncancellable(requests.ask(
                        new ContentRequests.NewRequest(value(form, "query"), value(form, "filters"),
                                value(form, "note")), user, "SEARCH"))
                .map(request -> "redirect:" + safeBack(value(form, "back"),
                        request.merged() ? "requested=merged" : "requested=1")));
    }

    @GetMapping("/requests/mine")
    Mono<String> mine(@AuthenticationPrincipal BatonUser user, Model model) {
        return requests.mine(user).map(list -> {
            model.addAttribute("requests", list);
            return "feedback/my-requests";
        });
    }

    @GetMapping("/requests")
    Mono<String> list(@RequestParam(name = "status", defaultValue = "open") String status,
            @RequestParam(name = "all", defaultValue = "false") boolean all, @AuthenticationPrincipal BatonUser user,
            Model model) {
        String shown = all ? "all" : status;
        return Mono.zip(requests.list(shown, null, 500), requests.serviceLevel()).map(t -> {
            model.addAttribute("requests", t.getT1());
            model.addAttribute("level", t.getT2());
            model.addAttribute("status", shown.toLowerCase(java.util.Locale.ROOT));
            model.addAttribute("statuses", ContentRequests.Status.values());
            model.addAttribute("admin", user.role() == Role.ADMIN);
            return "feedback/requests";
        });
    }

    /** A marketer's change from the requests page: status (with asset or reason) and assignee. */
    @PostMapping("/requests/{id}")
    Mono<String> change(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            UUID asset;
            try {
                String text = value(form, "assetId").strip();
                asset = text.isEmpty() ? null : UUID.fromString(assetId(text));
            } catch (IllegalArgumentException e) {
                return Mono.error(new BatonException.InvalidInput("assetId",
                        "give the asset's id or its page's address"));
            }
            String status = value(form, "status");
            String assignee = form.containsKey("assignee") ? value(form, "assignee") : null;
            return Detached.uncancellable(requests.change(id, new ContentRequests.Change(
                            status.isBlank() ? null : status, assignee, asset, value(form, "reason")), user))
                    .thenReturn("redirect:/requests#request-" + id);
        });
    }

    @PostMapping("/requests/{id}/matches/{assetId}/confirm")
    Mono<String> confirm(@PathVariable long id, @PathVariable UUID assetId, @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(requests.confirm(id, assetId, user)).thenReturn("redirect:/requests?all=true"
                + "#request-" + id);
    }

    @PostMapping("/requests/{id}/matches/{assetId}/reject")
    Mono<String> reject(@PathVariable long id, @PathVariable UUID assetId, @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(requests.reject(id, assetId, user)).thenReturn("redirect:/requests#request-"
                + id);
    }

    @PostMapping("/requests/service-level")
    Mono<String> serviceLevel(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Integer days;
            try {
                days = Integer.valueOf(value(form, "workingDays").strip());
            } catch (NumberFormatException e) {
                days = null;
            }
            return Detached.uncancellable(requests.setServiceLevel(days, user)).thenReturn("redirect:/requests");
        });
    }

    /** An asset's id, also from its page's address ({@code https://baton.example.com/assets/<id>}). */
    static String assetId(String text) {
        int at = text.lastIndexOf("/assets/");
        String id = at < 0 ? text : text.substring(at + "/assets/".length());
        int end = id.indexOf('/') >= 0 ? id.indexOf('/') : id.indexOf('?') >= 0 ? id.indexOf('?') : id.length();
        return id.substring(0, end).strip();
    }

    /** Back to the search page the form came from; anything else goes to a plain search page. */
    static String safeBack(String back, String flag) {
        if (back == null || !back.startsWith("/search") || back.startsWith("//") || back.contains("\\")
                || back.contains("\r") || back.contains("\n")) {
            return "/search?" + flag;
        }
        return back + (back.contains("?") ? "&" : "?") + flag;
    }
}
