package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.system.BatonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * {@code /reports/scorecard}: the joint scorecard for everyone signed in (reps read it too), its printable view, CSV
 * and JSON downloads; admins edit each figure's definition in the page. The API is {@link ScorecardApiController}.
 */
@Controller
class ScorecardPagesController {

    private final ScorecardReport report;
    private final ScorecardDefinitions definitions;

    ScorecardPagesController(ScorecardReport report, ScorecardDefinitions definitions) {
        this.report = report;
        this.definitions = definitions;
    }

    @GetMapping("/reports/scorecard")
    Mono<String> page(@RequestParam(required = false) String period,
            @RequestParam(defaultValue = "false") boolean print, @AuthenticationPrincipal BatonUser user,
            Model model) {
        return report.scorecard(period).map(s -> {
            model.addAttribute("scorecard", s);
            model.addAttribute("print", print);
            model.addAttribute("admin", user.role() == Role.ADMIN);
            model.addAttribute("periods", List.of(Map.entry("30", "Last 30 days"), Map.entry("90", "Last 90 days"),
                    Map.entry("quarter", "Last complete quarter")));
            model.addAttribute("query", ReportLinks.of("period", period));
            model.addAttribute("charts", s.figures().stream().map(ScorecardPagesController::chart).toList());
            return "reports/scorecard";
        });
    }

    /** A figure's trend for its chart: the periods' labels and values, {@code null} where there is not enough data. */
    private static Map<String, Object> chart(ScorecardReport.Figure figure) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("key", figure.key());
        chart.put("label", figure.label());
        chart.put("labels", figure.trend().stream().map(ScorecardReport.Point::label).toList());
        List<Object> values = new ArrayList<>();
        figure.trend().forEach(p -> values.add(p.value()));
        chart.put("values", values);
        return chart;
    }

    @GetMapping("/reports/scorecard.csv")
    Mono<ResponseEntity<byte[]>> csv(@RequestParam(required = false) String period) {
        return report.scorecard(period).map(ScorecardCsv::of);
    }

    @GetMapping(value = "/reports/scorecard.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ScorecardReport.Scorecard>> json(@RequestParam(required = false) String period) {
        return report.scorecard(period).map(s -> InfluenceCsv.json(s, ScorecardCsv.fileName(s, "json")));
    }

    @PostMapping("/reports/scorecard/definitions/{key}")
    Mono<String> define(@PathVariable String key, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        if (user.role() != Role.ADMIN) {
            return Mono.error(new BatonException.Forbidden("Only admins change the scorecard's definitions"));
        }
        String remote = exchange.getRequest().getRemoteAddress() == null ? null
                : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress();
        return exchange.getFormData().flatMap(form -> definitions.change(key, form.getFirst("definition"),
                        user.getUsername(), remote)
                .map(d -> "redirect:/reports/scorecard" + ReportLinks.of("period", form.getFirst("period")).query()
                        + "#figure-" + d.key()));
    }
}
