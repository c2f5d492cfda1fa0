package dev.baton.webapp.reports;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/**
 * The influence report's page (and its printable view) and its CSV and JSON downloads. Marketers and admins only
 * ({@code SecurityConfiguration}); the API is {@link InfluenceApiController}.
 */
@Controller
class InfluencePagesController {

    private final InfluenceReport report;
    private final dev.baton.webapp.accounts.AccountDirectory accounts;

    InfluencePagesController(InfluenceReport report, dev.baton.webapp.accounts.AccountDirectory accounts) {
        this.report = report;
        this.accounts = accounts;
    }

    @GetMapping("/reports/influence")
    Mono<String> page(@RequestParam(required = false) String days, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String team,
            @RequestParam(required = false) String stageFacet,
            @RequestParam(defaultValue = "false") boolean print, Model model) {
        InfluenceReport.Query query = report.query(days, from, to, team, stageFacet);
        return report.run(query).zipWith(accounts.teams().collectList()).map(t -> {
            model.addAttribute("report", t.getT1());
            model.addAttribute("teams", t.getT2());
            model.addAttribute("print", print);
            model.addAttribute("days", query.window().days());
            model.addAttribute("query", ReportLinks.of("days", days, "from", from, "to", to, "team", team,
                    "stageFacet", stageFacet));
            return "reports/influence";
        });
    }

    @GetMapping("/reports/influence.csv")
    Mono<ResponseEntity<String>> csv(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String stageFacet) {
        return report.run(report.query(days, from, to, team, stageFacet))
                .map(r -> InfluenceCsv.response(InfluenceCsv.influence(r), "influence-" + r.from() + "-" + r.to()
                        + ".csv"));
    }

    @GetMapping(value = "/reports/influence.json", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<InfluenceReport.Result>> json(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String stageFacet) {
        return report.run(report.query(days, from, to, team, stageFacet))
                .map(r -> InfluenceCsv.json(r, "influence-" + r.from() + "-" + r.to() + ".json"));
    }
}
