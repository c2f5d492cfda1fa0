package dev.baton.webapp.reports;

import dev.baton.webapp.system.BatonException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/** A wrong filter on a report page (influence, coverage, stage drift) shows a page that says what, never a 500. */
@ControllerAdvice(assignableTypes = {InfluencePagesController.class, CoveragePagesController.class,
    StageDriftPagesController.class})
class InfluencePageErrors {

    @ExceptionHandler(BatonException.class)
    String failed(BatonException e, ServerWebExchange exchange, Model model) {
        exchange.getResponse().setStatusCode(e.status());
        if (e.status() == HttpStatus.NOT_FOUND) {
            return "error/404";
        }
        model.addAttribute("title", e.title());
        model.addAttribute("detail", e.getMessage());
        return "content/problem";
    }
}
