package dev.baton.webapp.web;

import dev.baton.webapp.accounts.BatonUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/** Sign-in and the home page of each role. */
@Controller
class ShellController {

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

    @GetMapping("/rep")
    String repHome() {
        return "home/rep";
    }

    @GetMapping("/marketing")
    String marketingHome() {
        return "home/marketing";
    }

    @GetMapping("/training")
    String trainingHome() {
        return "home/training";
    }
}
