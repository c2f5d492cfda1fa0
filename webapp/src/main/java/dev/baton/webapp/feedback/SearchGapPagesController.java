package dev.baton.webapp.feedback;

import static dev.baton.webapp.feedback.FeedbackPagesController.value;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The search-gaps page (and printable view): what people searched for in vain, and a button that makes each a content
 * request; its downloads as CSV and JSON.
 */
@Controller
class SearchGapPagesController {

    private final SearchGapReport report;

    SearchGapPagesController(SearchGapReport report) {
        this.report = report;
    }

    @GetMapping("/reports/search-gaps")
    Mono<String> page(@RequestParam(name = "days", required = false) Integer days,
            @RequestParam(name = "requested", required = false) Long requested,
            @RequestParam(name = "print", defaultValue = "false") boolean print, Model model) {
        return report.report(days, 200).map(result -> {
            model.addAttribute("report", result);
            model.addAttribute("windows", SearchGapReport.WINDOWS);
            model.addAttribute("requested", requested);
            model.addAttribute("print", print);
            model.addAttribute("from", LocalDate.ofInstant(result.since(), ZoneOffset.UTC));
            return "feedback/search-gaps";
        });
    }

    /** The page's rows as CSV (UTF-8 with a byte-order mark), as the API's {@code format=csv}. */
    @GetMapping("/reports/search-gaps.csv")
    Mono<ResponseEntity<String>> csv(@RequestParam(name = "days", required = false) Integer days) {
        return report.report(days, 200).map(SearchGapCsv::csvResponse);
    }

    /** The page's rows as a JSON download, the record the API answers. */
    @GetMapping(value = "/reports/search-gaps.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<SearchGapReport.SearchGapResult>> json(
            @RequestParam(name = "days", required = false) Integer days) {
        return report.report(days, 200).map(SearchGapCsv::jsonResponse);
    }

    @PostMapping("/reports/search-gaps/requests")
    Mono<String> request(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> Detached.uncancellable(
                        report.request(value(form, "query"), value(form, "filters"), user))
                .map(request -> "redirect:" + UriComponentsBuilder.fromPath("/reports/search-gaps")
                        .queryParam("days", value(form, "days").matches("\\d{1,3}") ? value(form, "days") : "30")
                        .queryParam("requested", request.id())
                        .build().toUriString()));
    }
}
