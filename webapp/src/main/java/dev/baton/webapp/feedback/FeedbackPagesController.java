package dev.baton.webapp.feedback;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The feedback panel of the asset page (loaded into it after the page, like related assets: content knows nothing of
 * feedback) and the marketer's inbox. The panel's forms post with htmx and get the panel back; without script they
 * post normally and return to the asset page.
 */
@Controller
class FeedbackPagesController {

    private final FeedbackService feedback;
    private final ContentRequests requests;

    FeedbackPagesController(FeedbackService feedback, ContentRequests requests) {
        this.feedback = feedback;
        this.requests = requests;
    }

    @GetMapping("/assets/{id}/feedback")
    Mono<String> panel(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, Model model) {
        return Detached.uncancellable(feedback.forAsset(id, user, true)).map(fb -> panel(fb, null, null, model));
    }

    @PostMapping("/assets/{id}/feedback/rating")
    Mono<String> rate(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange,
            Model model) {
        return exchange.getFormData().flatMap(form -> {
            Integer stars;
            try {
                stars = Integer.valueOf(value(form, "stars").strip());
            } catch (NumberFormatException e) {
                stars = null;
            }
            Integer rating = stars;
            return answer(id, user, exchange, model, feedback.rate(id, rating, user).then(),
                    "Thanks: you rated it " + rating + " of 5.");
        });
    }

    @PostMapping("/assets/{id}/feedback/comments")
    Mono<String> comment(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange,
            Model model) {
        return exchange.getFormData().flatMap(form -> answer(id, user, exchange, model,
                feedback.comment(id, value(form, "body"), user).then(),
                "Comment sent to the asset's owner."));
    }

    @PostMapping("/assets/{id}/feedback/flags")
    Mono<String> flag(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange,
            Model model) {
        return exchange.getFormData().flatMap(form -> answer(id, user, exchange, model,
                feedback.flag(id, value(form, "reason"), value(form, "note"), user).then(),
                "Flag sent to the asset's owner."));
    }

    @PostMapping("/assets/{id}/feedback/not-shared")
    Mono<String> notShared(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(form -> answer(id, user, exchange, model,
                feedback.notShared(id, value(form, "reason"), value(form, "note"), user).then(),
                "Thanks: marketing sees why content is not shared."));
    }

    /** Does it; then the panel again (htmx) or the asset page. Bad input shows on the panel. */
    private Mono<String> answer(UUID id, BatonUser user, ServerWebExchange exchange, Model model, Mono<Void> action,
            String done) {
        boolean htmx = exchange.getRequest().getHeaders().containsHeader("HX-Request");
        return Detached.uncancellable(action)
                .then(Mono.just(done))
                .map(message -> new String[] {message, null})
                .onErrorResume(BatonException.InvalidInput.class, e -> Mono.just(new String[] {null, e.getMessage()}))
                .flatMap(outcome -> {
                    if (!htmx) {
                        if (outcome[1] != null) {
                            return Mono.error(new BatonException.InvalidInput("feedback", outcome[1]));
                        }
                        return Mono.just("redirect:/assets/" + id + "#feedback");
                    }
                    return feedback.forAsset(id, user, false).map(fb -> panel(fb, outcome[0], outcome[1], model));
                });
    }

    private static String panel(FeedbackService.AssetFeedback fb, String notice, String problem, Model model) {
        model.addAttribute("fb", fb);
        model.addAttribute("notice", notice);
        model.addAttribute("problem", problem);
        return "feedback/asset :: panel";
    }

    @GetMapping("/inbox")
    Mono<String> inbox(@RequestParam(name = "scope", defaultValue = "mine") String scope,
            @RequestParam(name = "answered", defaultValue = "false") boolean answered,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        boolean everyone = scope.equalsIgnoreCase("all");
        return Mono.zip(feedback.inbox(user, everyone, answered), requests.list("open", null, 500)).map(t -> {
            model.addAttribute("inbox", t.getT1());
            model.addAttribute("requests", t.getT2().stream()
                    .filter(r -> r.assignee() == null || r.assignee().equals(user.getUsername()))
                    .toList());
            model.addAttribute("everyone", everyone);
            model.addAttribute("answered", answered);
            model.addAttribute("replied", exchange.getRequest().getQueryParams().containsKey("replied"));
            return "feedback/inbox";
        });
    }

    @PostMapping("/inbox/{id}/reply")
    Mono<String> reply(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> Detached.uncancellable(
                        feedback.reply(id, value(form, "reply"), user))
                .thenReturn("redirect:/inbox?replied"));
    }

    static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }
}
