package dev.baton.webapp.web;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.SsoService;
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
    private final SsoService sso;

    ShellController(ContentService content, ReportHeadlines headlines, SsoService sso) {
        this.content = content;
        this.headlines = headlines;
        this.sso = sso;
    }

    /** Why a sign-in through the identity provider failed, by the word the sign-in code puts in {@code ?sso=}. */
    private static final java.util.Map<String, String> SSO_REFUSED = java.util.Map.of(
            "state", "Single sign-on failed: the answer from your identity provider does not belong to a sign-in "
                    + "started in this browser (it may be old, or forged). You are not signed in; try again.",
            "audience", "Single sign-on failed: your identity provider's token was issued for another application, "
                    + "not Baton. You are not signed in; ask your administrator.",
            "expired", "Single sign-on failed: your identity provider's token has expired. You are not signed in; "
                    + "try again (and check this server's clock).",
            "token", "Single sign-on failed: your identity provider's token was not valid. You are not signed in.",
            "denied", "Single sign-on was cancelled at your identity provider. You are not signed in.",
            "no_role", "Your identity provider's groups give you no role in Baton. Ask an administrator to map "
                    + "one of your groups.",
            "disabled", "Your Baton account is disabled. Ask an administrator.",
            "username", "Your identity provider gave no user name Baton can use. Ask an administrator.",
            "username_taken", "Your user name belongs to another Baton account. Ask an administrator.",
            "provider", "Single sign-on failed: Baton could not complete the sign-in with your identity provider. "
                    + "You are not signed in; try again later.");

    @GetMapping("/")
    String root(@AuthenticationPrincipal BatonUser user) {
        return "redirect:" + user.role().home();
    }

    @GetMapping("/login")
    Mono<String> login(@RequestParam(required = false) Long throttled, ServerWebExchange exchange, Model model) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        boolean error = query.containsKey("error");
        boolean logout = query.containsKey("logout");
        String refused = query.getFirst("sso");
        if (throttled != null) {
            model.addAttribute("message", "Too many failed sign-in attempts. Wait " + Math.max(1, throttled)
                    + " seconds, then try again.");
            model.addAttribute("messageKind", "error");
        } else if (refused != null) {
            model.addAttribute("message", SSO_REFUSED.getOrDefault(refused, SSO_REFUSED.get("provider")));
            model.addAttribute("messageKind", "error");
        } else if (error) {
            model.addAttribute("message", "That user name and password do not match an active account.");
            model.addAttribute("messageKind", "error");
        } else if (logout) {
            model.addAttribute("message", "You are signed out.");
            model.addAttribute("messageKind", "info");
        }
        return sso.loginOptions().map(options -> {
            model.addAttribute("sso", options);
            return "login";
        });
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
