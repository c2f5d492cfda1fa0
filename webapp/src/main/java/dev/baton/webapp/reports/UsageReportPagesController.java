package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/** The usage report page: filters, a chart of uses over time beside the tables, top and rising assets. */
@Controller
class UsageReportPagesController {

    private final UsageReports reports;
    private final ReportSettings settings;

    UsageReportPagesController(UsageReports reports, ReportSettings settings) {
        this.reports = reports;
        this.settings = settings;
    }

    @GetMapping("/reports/usage")
    Mono<String> usage(@RequestParam(required = false) Integer window, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String grain,
            @RequestParam(required = false) String by, @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal BatonUser user, Model model) {
        return Mono.fromSupplier(() -> reports.query(window, from, to, grain, by, limit))
                .flatMap(q -> settings.hideRepNames().map(hidden -> hidden && "rep".equals(q.by())
                        && ReportAccess.scope(user) == null
                        // rep names are hidden: the page shows the same figures by team
                        ? new UsageReports.Query(q.from(), q.to(), q.grain(), "team", q.limit()) : q))
                .flatMap(q -> reports.report(q, ReportAccess.scope(user)).map(report -> {
                    model.addAttribute("windowDays", q.days());
                    return report;
                }))
                .map(report -> {
                    model.addAttribute("report", report);
                    model.addAttribute("window", window == null ? 90 : window);
                    model.addAttribute("groups", report.repNamesHidden() ? UsageReports.GROUPS.keySet().stream()
                            .filter(g -> !g.equals("rep")).sorted().toList()
                            : UsageReports.GROUPS.keySet().stream().sorted().toList());
                    model.addAttribute("grains", UsageReports.GRAINS);
                    model.addAttribute("chartLabels", report.series().stream().map(p -> p.period().toString())
                            .toList());
                    model.addAttribute("chartValues", report.series().stream().map(UsageReports.Point::uses)
                            .toList());
                    model.addAttribute("barLabels", report.rows().stream().limit(10).map(UsageReports.Row::label)
                            .toList());
                    model.addAttribute("barValues", report.rows().stream().limit(10)
                            .map(r -> r.figures().uses()).toList());
                    model.addAttribute("query", "window=" + (window == null ? 90 : window) + "&grain="
                            + report.grain() + "&by=" + report.by() + "&from=" + report.from() + "&to=" + report.to());
                    model.addAttribute("windows", List.of(7, 30, 90, 180, 365));
                    return "reports/usage";
                });
    }
}
