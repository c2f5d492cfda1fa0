package dev.baton.webapp.feedback;

import dev.baton.webapp.system.BatonException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/** A domain error on a feedback, request or search-gaps page renders an error page with its message, never a 500. */
@ControllerAdvice(assignableTypes = {FeedbackPagesController.class, ContentRequestPagesController.class,
    SearchGapPagesController.class})
class FeedbackPageErrors {

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
