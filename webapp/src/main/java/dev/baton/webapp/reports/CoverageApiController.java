package dev.baton.webapp.reports;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The coverage report over HTTP: the grid as JSON (or CSV with {@code format=csv}), and a cell's assets. */
@RestController
class CoverageApiController {

    private final CoverageReport report;

    CoverageApiController(CoverageReport report) {
        this.report = report;
    }

    @GetMapping("/api/v1/reports/coverage")
    Mono<ResponseEntity<?>> grid(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String stageFacet, @RequestParam(required = false) String industry,
            @RequestParam(required = false) String product, @RequestParam(defaultValue = "json") String format) {
        boolean csv = ReportLinks.csv(format);
        return report.run(report.query(days, from, to, stageFacet, industry, product)).<ResponseEntity<?>>map(r -> csv
                ? InfluenceCsv.response(InfluenceCsv.coverage(r), fileName(r))
                : ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(r));
    }

    /** The assets of one cell ({@code -} for the row or column of assets without a value), the least used first. */
    @GetMapping(value = "/api/v1/reports/coverage/cell", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    Mono<List<CoverageReport.AssetUse>> cell(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String stageFacet, @RequestParam(required = false) String industry,
            @RequestParam(required = false) String product, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String persona) {
        return report.cell(report.query(days, from, to, stageFacet, industry, product), stage, persona);
    }

    static String fileName(CoverageReport.Result r) {
        return "coverage-" + r.from() + "-" + r.to() + ".csv";
    }
}
