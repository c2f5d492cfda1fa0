package dev.baton.webapp.packs;

import dev.baton.webapp.system.BatonException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/** A domain error on a pack page (a pack that is not there, or not for this person) is its error page, not a 500. */
@ControllerAdvice(assignableTypes = {PackPagesController.class, PackUsePagesController.class})
class PackPageErrors {

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
