package dev.baton.webapp.reports;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The influence report over HTTP: JSON, or CSV with {@code format=csv}. Marketers and admins only. */
@RestController
class InfluenceApiController {

    private final InfluenceReport report;

    InfluenceApiController(InfluenceReport report) {
        this.report = report;
    }

    /** The API: JSON, or CSV with {@code format=csv}. */
    @GetMapping("/api/v1/reports/influence")
    Mono<ResponseEntity<?>> api(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String stageFacet,
            @RequestParam(defaultValue = "json") String format) {
        boolean csv = ReportLinks.csv(format);
        return report.run(report.query(days, from, to, team, stageFacet)).<ResponseEntity<?>>map(r -> csv
                ? InfluenceCsv.response(InfluenceCsv.influence(r), "influence-" + r.from() + "-" + r.to() + ".csv")
                : ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(r));
    }
}
