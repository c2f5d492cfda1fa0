package dev.baton.webapp.system;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Maps every error on {@code /api/**} (and {@code /actuator}) to a problem document, once, at the web edge. Errors on
 * pages pass on to Spring Boot's error handler, which renders the friendly {@code templates/error/*} pages. Nothing
 * of an exception's internals (class, stack, SQL) leaves the server: unexpected errors are logged and answered with a
 * plain 500.
 */
@Component
@Order(-2)
class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final ProblemWriter problems;
    private final String uploadLimit;

    ApiErrorHandler(ProblemWriter problems, BatonProperties properties) {
        this.problems = problems;
        this.uploadLimit = properties.upload().describe();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (!ProblemWriter.wantsProblem(exchange) || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return switch (error) {
            case BatonException e -> problems.write(exchange, e.status(), e.title(), e.getMessage(), e.properties());
            case WebExchangeBindException e -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    describe(e), Map.of("errors", fieldErrors(e)));
            case ServerWebInputException e -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    inputProblem(e), Map.of());
            case DataBufferLimitException e -> problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "Content too large", "The request, or a file in it, is larger than Baton accepts: a file may "
                            + "be at most " + uploadLimit, Map.of());
            case MethodNotAllowedException e -> problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED,
                    "Method not allowed", exchange.getRequest().getMethod() + " is not supported here; use "
                            + e.getSupportedMethods(), Map.of());
            case UnsupportedMediaTypeStatusException e -> problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported media type", "Send " + e.getSupportedMediaTypes() + ", not " + e.getContentType(),
                    Map.of());
            case NotAcceptableStatusException e -> problems.write(exchange, HttpStatus.NOT_ACCEPTABLE,
                    "Not acceptable", "This resource is available as " + e.getSupportedMediaTypes(), Map.of());
            case ResponseStatusException e -> problems.write(exchange, HttpStatus.valueOf(e.getStatusCode().value()),
                    HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase(), statusDetail(e, exchange),
                    Map.of());
            default -> {
                log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error);
                yield problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                        "Something went wrong on our side; it has been logged. Try again, or tell your admin.",
                        Map.of());
            }
        };
    }

    private static String describe(WebExchangeBindException e) {
        List<String> parts = e.getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .toList();
        return parts.isEmpty() ? "The request is not valid" : String.join("; ", parts);
    }

    private static List<Map<String, String>> fieldErrors(WebExchangeBindException e) {
        return e.getFieldErrors().stream()
                .map(ApiErrorHandler::fieldError)
                .toList();
    }

    private static Map<String, String> fieldError(FieldError f) {
        return Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage()));
    }

    private static String inputProblem(ServerWebInputException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DecodingException) {
            return "The request body is not valid JSON for this endpoint";
        }
        if (e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null) {
            return "The parameter '" + e.getMethodParameter().getParameterName() + "' is missing or malformed";
        }
        return e.getReason() != null ? e.getReason() : "The request is malformed";
    }

    private static String statusDetail(ResponseStatusException e, ServerWebExchange exchange) {
        if (e.getStatusCode().value() == 404) {
            return "Nothing is at " + exchange.getRequest().getPath().value();
        }
        return e.getReason() != null ? e.getReason() : HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase();
    }
}
