package dev.baton.webapp.reviews;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The pages of review before publish: the reviewers' queue (their home page), a review with its decision form, the
 * asset page's review panel (loaded after the page, as the feedback panel is) with the marketer's submit form, the
 * report of assets published without the review their rules ask for, and the admins' rules page.
 */
@Controller
class ReviewPagesController {

    private final ReviewService reviews;
    private final ReviewRules rules;

    ReviewPagesController(ReviewService reviews, ReviewRules rules) {
        this.reviews = reviews;
        this.rules = rules;
    }

    @GetMapping("/reviews")
    Mono<String> queue(@AuthenticationPrincipal BatonUser user, Model model) {
        return reviews.queue(user).map(queue -> {
            model.addAttribute("queue", queue);
            return "reviews/queue";
        });
    }

    @GetMapping("/reviews/unreviewed")
    Mono<String> unreviewed(Model model) {
        return reviews.unreviewed().map(list -> {
            model.addAttribute("assets", list);
            return "reviews/unreviewed";
        });
    }

    @GetMapping("/reviews/{id}")
    Mono<String> review(@PathVariable long id, @AuthenticationPrincipal BatonUser user, Model model) {
        return reviews.review(id, user).flatMap(review -> reviews.mayDecide(review, user).map(decide -> {
            model.addAttribute("review", review);
            model.addAttribute("mayDecide", decide);
            model.addAttribute("mayWithdraw", user.canManageContent() && review.state().equals("OPEN"));
            return "reviews/review";
        }));
    }

    @PostMapping("/reviews/{id}/decision")
    Mono<String> decide(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> Detached.uncancellable(reviews.decide(id,
                        form.getFirst("decision"), form.getFirst("comment"), date(form, "expiresOn"), user,
                        ReviewApiController.remote(exchange))))
                .thenReturn("redirect:/reviews/" + id);
    }

    @PostMapping("/reviews/{id}/withdraw")
    Mono<String> withdraw(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(reviews.withdraw(id, user, ReviewApiController.remote(exchange)))
                .map(review -> "redirect:/assets/" + review.assetId() + "#review");
    }

    /** The asset page's review panel (htmx). */
    @GetMapping("/assets/{id}/review")
    Mono<String> panel(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, Model model) {
        return reviews.record(id, user).map(record -> {
            model.addAttribute("record", record);
            return "reviews/asset :: panel";
        });
    }

    @PostMapping("/assets/{id}/review")
    Mono<String> submit(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Integer version;
            try {
                String given = form.getFirst("version");
                version = given == null || given.isBlank() ? null : Integer.valueOf(given.strip());
            } catch (NumberFormatException e) {
                return Mono.error(new BatonException.InvalidInput("version", "give a version number"));
            }
            return Detached.uncancellable(reviews.submit(id, version, form.getFirst("note"), user,
                    ReviewApiController.remote(exchange)));
        }).map(review -> "redirect:/reviews/" + review.id());
    }

    @GetMapping("/admin/reviews")
    Mono<String> rules(Model model) {
        return rules.all().collectList().map(all -> {
            model.addAttribute("rules", all);
            return "reviews/rules";
        });
    }

    @PostMapping("/admin/reviews/rules")
    Mono<String> addRule(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Integer approvals = number(form, "approvalsRequired");
            Integer days = number(form, "validDays");
            String names = form.getFirst("reviewers");
            List<String> reviewers = names == null ? List.of()
                    : Arrays.stream(names.split("[,\\s]+")).filter(n -> !n.isBlank()).toList();
            return Detached.uncancellable(reviews.addRule(new ReviewRules.NewRule(form.getFirst("scope"),
                    form.getFirst("value"), "true".equals(form.getFirst("reviewerRole")), reviewers, approvals, days),
                    user.id(), user.getUsername(), ReviewApiController.remote(exchange)));
        }).thenReturn("redirect:/admin/reviews");
    }

    @PostMapping("/admin/reviews/rules/{id}/delete")
    Mono<String> removeRule(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(reviews.removeRule(id, user.getUsername(), ReviewApiController.remote(exchange)))
                .thenReturn("redirect:/admin/reviews");
    }

    private static Integer number(MultiValueMap<String, String> form, String field) {
        String given = form.getFirst(field);
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(given.strip());
        } catch (NumberFormatException e) {
            throw new BatonException.InvalidInput(field, "give a whole number");
        }
    }

    private static LocalDate date(MultiValueMap<String, String> form, String field) {
        String given = form.getFirst(field);
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(given.strip());
        } catch (DateTimeParseException e) {
            throw new BatonException.InvalidInput(field, "give a date as yyyy-mm-dd");
        }
    }
}
