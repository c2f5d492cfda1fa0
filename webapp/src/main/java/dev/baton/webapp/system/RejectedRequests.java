package dev.baton.webapp.system;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request Spring Security's firewall refuses before any filter runs (an address with an encoded slash,
 * percent sign, backslash, semicolon, NUL or other control character; a header with a control character): a 400
 * problem document on the API, as every other API error is, instead of the firewall's bare 400. Its reason, which
 * quotes the refused address, is not echoed.
 */
@Component
class RejectedRequests implements ServerExchangeRejectedHandler {

    /** The title of the problem, which says the address as a whole was refused (no single field). */
    static final String TITLE = "Rejected address";

    private final ProblemWriter problems;

    RejectedRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.empty();
        }
        if (!ProblemWriter.wantsProblem(exchange)) {
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return exchange.getResponse().setComplete();
        }
        return problems.write(exchange, HttpStatus.BAD_REQUEST, TITLE, "The address or a header holds characters "
                + "Baton does not accept: an encoded slash, percent sign or backslash, a semicolon, a NUL or another "
                + "control character", Map.of());
    }
}
