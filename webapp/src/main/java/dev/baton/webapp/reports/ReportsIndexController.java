package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.system.BatonException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /reports}: the reports there are, with links (a rep's list has only their own usage), what each figure
 * means, and for admins the switch that hides rep names in reports.
 */
@Controller
class ReportsIndexController {

    private final ReportSettings settings;

    ReportsIndexController(ReportSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/reports")
    Mono<String> index(@AuthenticationPrincipal BatonUser user, Model model) {
        return settings.hideRepNames().map(hidden -> {
            model.addAttribute("marketer", user.canManageContent());
            model.addAttribute("admin", user.role() == Role.ADMIN);
            model.addAttribute("hideRepNames", hidden);
            return "reports/index";
        });
    }

    @PostMapping("/reports/settings")
    Mono<String> saveSettings(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        if (user.role() != Role.ADMIN) {
            return Mono.error(new BatonException.Forbidden("Only admins change the reports' settings"));
        }
        return exchange.getFormData().flatMap(form -> settings.setHideRepNames(
                        "true".equals(form.getFirst("hideRepNames")), user.getUsername(), remote(exchange)))
                .thenReturn("redirect:/reports");
    }

    private static String remote(ServerWebExchange exchange) {
        return exchange.getRequest().getRemoteAddress() == null ? null
                : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress();
    }
}
