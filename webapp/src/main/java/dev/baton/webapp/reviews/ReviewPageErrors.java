package dev.baton.webapp.reviews;

import dev.baton.webapp.system.BatonException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/** A domain error on a review page renders an error page with its message, never a 500. */
@ControllerAdvice(assignableTypes = ReviewPagesController.class)
class ReviewPageErrors {

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
