package dev.baton.webapp.system;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

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
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (!ProblemWriter.wantsProblem(exchange)) {
            return Mono.error(forPages(error));
        }
        return switch (error) {
            case BatonException e -> problems.write(exchange, e.status(), e.title(), e.getMessage(), e.properties());
            case WebExchangeBindException e -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    describe(e), Map.of("errors", fieldErrors(e)));
            case ServerWebInputException e -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    inputProblem(e), field(e).map(f -> Map.<String, Object>of("errors", List.of(Map.of("field", f,
                            "reason", "is not a valid value of its type")))).orElse(Map.of()));
            case InvalidMediaTypeException e -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    "A Content-Type in the request (of the request or of one of its parts) is not a media type",
                    Map.of());
            // a body that breaks off or is not in its declared form (a multipart body without its closing boundary)
            case DecodingException e -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    "The request body could not be read: it is incomplete or not in the form its Content-Type "
                            + "declares", Map.of());
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

    /**
     * Errors a page's request can cause that Spring Boot's error page would show as a 500: given the status they are
     * (a form too large, a body that cannot be read), so the friendly 4xx page says so.
     */
    private static Throwable forPages(Throwable error) {
        return switch (error) {
            case DataBufferLimitException e -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                    "The form is larger than Baton accepts", e);
            case DecodingException e -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The form could not be read", e);
            case InvalidMediaTypeException e -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The form's Content-Type is not a media type", e);
            default -> error;
        };
    }

    /**
     * The JSON field (e.g. {@code items[0].rating}) whose value has the wrong type, when the decoder knows it; not for
     * a body that is not JSON at all (a syntax error is about the document).
     */
    private static Optional<String> field(ServerWebInputException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException j && !j.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : j.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? Optional.empty() : Optional.of(path.toString());
            }
        }
        return Optional.empty();
    }

    private static String inputProblem(ServerWebInputException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DecodingException) {
            return field(e).map(f -> "The request body is not valid JSON for this endpoint: '" + f
                            + "' does not have the type it should")
                    .orElse("The request body is not valid JSON for this endpoint");
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
