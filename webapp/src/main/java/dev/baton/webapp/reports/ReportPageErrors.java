package dev.baton.webapp.reports;

import dev.baton.webapp.system.BatonException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/** A domain error on a report page renders an error page with its status, never a 500. */
@ControllerAdvice(assignableTypes = {ReportsIndexController.class, UsageReportPagesController.class,
    UnusedReportPagesController.class, InfluencePagesController.class, CoveragePagesController.class,
    StageDriftPagesController.class, ScorecardPagesController.class})
class ReportPageErrors {

    @ExceptionHandler(BatonException.class)
    String failed(BatonException e, ServerWebExchange exchange, Model model) {
        exchange.getResponse().setStatusCode(e.status());
        if (e.status() == HttpStatus.NOT_FOUND) {
            return "error/404";
        }
        if (e.status() == HttpStatus.FORBIDDEN) {
            return "error/403";
        }
        model.addAttribute("title", e.title());
        model.addAttribute("detail", e.getMessage());
        return "content/problem";
    }
}
