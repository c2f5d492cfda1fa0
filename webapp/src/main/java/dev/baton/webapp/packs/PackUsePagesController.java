package dev.baton.webapp.packs;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Packs in use with buyers as pages: "Share with a buyer" on a rep's pack ({@code /packs/{id}/share}) and the funnel
 * from learning to use for trainers ({@code /training/packs/{id}/funnel}; the trainer's pack page loads it too).
 */
@Controller
class PackUsePagesController {

    private static final String SHARED = "packShared";
    private static final String PROBLEM = "packShareProblem";

    private final PackRooms rooms;
    private final PackFunnel funnel;

    PackUsePagesController(PackRooms rooms, PackFunnel funnel) {
        this.rooms = rooms;
        this.funnel = funnel;
    }

    /** What the page shows once the room is made: its id, its URL, its title and the items left out. */
    record SharedView(long shareId, String url, String title, String skipped) {}

    @GetMapping("/packs/{id}/share")
    Mono<String> shareForm(@PathVariable long id, @AuthenticationPrincipal BatonUser user, Model model,
            WebSession session) {
        model.addAttribute("shared", session.getAttributes().remove(SHARED));
        model.addAttribute("problem", session.getAttributes().remove(PROBLEM));
        return rooms.offer(id, user).map(offer -> {
            model.addAttribute("offer", offer);
            return "packs/share";
        });
    }

    @PostMapping("/packs/{id}/share")
    Mono<String> share(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        String page = "redirect:/packs/" + id + "/share";
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(t -> {
            WebSession session = t.getT2();
            return Mono.fromCallable(() -> request(t.getT1()))
                    .flatMap(request -> Detached.uncancellable(rooms.share(id, request, user,
                            PackUseApiController.base(exchange))))
                    .map(shared -> {
                        session.getAttributes().put(SHARED, new SharedView(shared.share().id(), shared.share().url(),
                                shared.share().title(), PackRooms.skippedSentence(shared.skipped())));
                        return page;
                    })
                    .onErrorResume(BatonException.class, e -> {
                        if (e instanceof BatonException.NotFound) {
                            return Mono.error(e);
                        }
                        session.getAttributes().put(PROBLEM, e.getMessage());
                        return Mono.just(page);
                    });
        });
    }

    @GetMapping("/training/packs/{id}/funnel")
    Mono<String> funnel(@PathVariable long id, Model model) {
        return funnel.funnel(id).map(f -> {
            model.addAttribute("funnel", f);
            return "packs/funnel";
        });
    }

    private static PackRooms.ShareRequest request(MultiValueMap<String, String> form) {
        String domains = form.getFirst("allowedDomains");
        List<String> allowed = domains == null || domains.isBlank() ? null
                : Arrays.stream(domains.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        return new PackRooms.ShareRequest(number(form.getFirst("deal"), "deal"), form.getFirst("title"),
                form.getFirst("note"), days(form.getFirst("expiresInDays")), form.getFirst("passcode"),
                form.containsKey("emailGate"), allowed, form.containsKey("allowDownload"));
    }

    private static Long number(String value, String field) {
        String v = PackContent.strip(value);
        if (v == null) {
            return null;
        }
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw new BatonException.InvalidInput(field, "choose from the list");
        }
    }

    private static Integer days(String value) {
        String v = PackContent.strip(value);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new BatonException.InvalidInput("expiresInDays", "give a whole number of days");
        }
    }
}
