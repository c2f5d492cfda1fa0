package dev.baton.webapp.reports;

import dev.baton.webapp.system.Detached;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The stage-fit drift page (and printable view), its downloads, and the button that sends new suggestions now.
 * Marketers and admins only; the API is {@link StageDriftApiController}.
 */
@Controller
class StageDriftPagesController {

    private static final String FLASH = "driftFlash";

    private final StageDriftReport report;

    StageDriftPagesController(StageDriftReport report) {
        this.report = report;
    }

    @GetMapping("/reports/stage-drift")
    Mono<String> page(@RequestParam(required = false) String days, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "false") boolean print,
            Model model, WebSession session) {
        ReportWindow window = report.window(days, from, to);
        model.addAttribute("flash", session.getAttributes().remove(FLASH));
        return report.run(window).map(result -> {
            model.addAttribute("report", result);
            model.addAttribute("print", print);
            model.addAttribute("query", ReportLinks.of("days", days, "from", from, "to", to));
            return "reports/stage-drift";
        });
    }

    @PostMapping("/reports/stage-drift/notify")
    Mono<String> notifyOwners(WebSession session) {
        return Detached.uncancellable(report.notifyOwners()).map(told -> {
            session.getAttributes().put(FLASH, told == 0
                    ? "No new suggestions: every owner has been told already."
                    : "Sent " + told + (told == 1 ? " suggestion" : " suggestions") + " to the owners' inboxes.");
            return "redirect:/reports/stage-drift";
        });
    }

    @GetMapping("/reports/stage-drift.csv")
    Mono<ResponseEntity<String>> csv(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return report.run(report.window(days, from, to))
                .map(r -> InfluenceCsv.response(InfluenceCsv.stageDrift(r), StageDriftApiController.fileName(r)));
    }

    @GetMapping(value = "/reports/stage-drift.json", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<StageDriftReport.Result>> json(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return report.run(report.window(days, from, to))
                .map(r -> InfluenceCsv.json(r, "stage-drift-" + r.from() + "-" + r.to() + ".json"));
    }
}
