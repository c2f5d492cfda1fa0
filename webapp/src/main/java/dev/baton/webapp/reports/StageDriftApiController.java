package dev.baton.webapp.reports;

import dev.baton.webapp.system.Detached;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Stage-fit drift over HTTP: every asset's fit (JSON, or CSV), and sending new suggestions now. */
@RestController
class StageDriftApiController {

    private final StageDriftReport report;

    StageDriftApiController(StageDriftReport report) {
        this.report = report;
    }

    @GetMapping("/api/v1/reports/stage-drift")
    Mono<ResponseEntity<?>> fits(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "json") String format) {
        boolean csv = ReportLinks.csv(format);
        return report.run(report.window(days, from, to)).<ResponseEntity<?>>map(r -> csv
                ? InfluenceCsv.response(InfluenceCsv.stageDrift(r), fileName(r))
                : ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(r));
    }

    /** Tells the owners of drifting assets what they were not told yet; answers how many were told. */
    @PostMapping(value = "/api/v1/reports/stage-drift/notify", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Integer>> notifyOwners() {
        return Detached.uncancellable(report.notifyOwners()).map(told -> Map.of("notified", told));
    }

    static String fileName(StageDriftReport.Result r) {
        return "stage-drift-" + r.from() + "-" + r.to() + ".csv";
    }
}
