package dev.baton.webapp.web;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetPage;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.content.ExpiryNotice;
import dev.baton.webapp.reports.ReportHeadlines;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Sign-in and the home page of each role (the trainers' home, /training, is the packs package's). */
@Controller
class ShellController {

    private final ContentService content;
    private final ReportHeadlines headlines;

    ShellController(ContentService content, ReportHeadlines headlines) {
        this.content = content;
        this.headlines = headlines;
    }

    @GetMapping("/")
    String root(@AuthenticationPrincipal BatonUser user) {
        return "redirect:" + user.role().home();
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) Long throttled, ServerWebExchange exchange, Model model) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        boolean error = query.containsKey("error");
        boolean logout = query.containsKey("logout");
        if (throttled != null) {
            model.addAttribute("message", "Too many failed sign-in attempts. Wait " + Math.max(1, throttled)
                    + " seconds, then try again.");
            model.addAttribute("messageKind", "error");
        } else if (error) {
            model.addAttribute("message", "That user name and password do not match an active account.");
            model.addAttribute("messageKind", "error");
        } else if (logout) {
            model.addAttribute("message", "You are signed out.");
            model.addAttribute("messageKind", "info");
        }
        return "login";
    }

    /** What is in the library, and what of one's own needs attention. */
    @GetMapping("/marketing")
    Mono<String> marketingHome(@AuthenticationPrincipal BatonUser user, Model model) {
        return Mono.zip(total(user, "draft"), total(user, "live"), total(user, "archived"),
                        content.expiring(user, ExpiryNotice.DAYS), headlines.headline())
                .map(t -> {
                    model.addAttribute("drafts", t.getT1());
                    model.addAttribute("published", t.getT2());
                    model.addAttribute("archived", t.getT3());
                    model.addAttribute("expiryNotice", ExpiryNotice.of(t.getT4()));
                    model.addAttribute("headline", t.getT5());
                    return "home/marketing";
                });
    }

    private Mono<Long> total(BatonUser user, String status) {
        return content.list(user, 0, 1, false, status).map(AssetPage::total);
    }
}
