package dev.baton.webapp.system;

import dev.baton.storage.BlobStoreUnavailableException;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

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

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

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
            if (error instanceof BlobStoreUnavailableException || DatabaseUnavailable.is(error)) {
                // the friendly 503 page, with when to try again, as the API's problem says
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                        Long.toString(RETRY_AFTER.toSeconds()));
            }
            return Mono.error(forPages(error));
        }
        return switch (error) {
            case BatonException e -> problems.write(exchange, e.status(), e.title(), e.getMessage(), e.properties());
            case BlobStoreUnavailableException e -> unavailable(exchange, e);
            case WebExchangeBindException e -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    describe(e), Map.of("errors", fieldErrors(e)));
            case ServerWebInputException e -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    inputProblem(e), field(e).map(f -> Map.<String, Object>of("errors", List.of(Map.of("field", f,
                            "reason", reason(e))))).orElse(Map.of()));
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
            case Throwable e when nulInText(e) -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    "Text in the request " + JsonInput.NUL_REASON, Map.of());
            case Throwable e when DatabaseUnavailable.is(e) -> databaseUnavailable(exchange, e);
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
     * The object store does not answer (stopped, unreachable, overloaded): a 503 that says so and when to try again,
     * not a 500; logged without a stack, as the store's own state is what an operator must look at.
     */
    private Mono<Void> unavailable(ServerWebExchange exchange, BlobStoreUnavailableException e) {
        log.warn("The object store did not answer {} {}: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), e.getMessage());
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "The object store does not answer, so nothing was stored or read; try again in a little while",
                Map.of());
    }

    /**
     * The database does not answer (stopped, restarting, unreachable, out of connections): a 503 that says so and when
     * to try again, not a 500; logged in one line, as the database's own state is what an operator must look at.
     */
    private Mono<Void> databaseUnavailable(ServerWebExchange exchange, Throwable e) {
        log.warn("The database did not answer {} {}: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), DatabaseUnavailable.describe(e));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "The database does not answer, so nothing was changed or read; try again in a little while",
                Map.of());
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
            case Throwable e when nulInText(e) -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Text in the form " + JsonInput.NUL_REASON, e);
            case BlobStoreUnavailableException e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The object store does not answer; try again shortly", e);
            case Throwable e when DatabaseUnavailable.is(e) -> new ResponseStatusException(
                    HttpStatus.SERVICE_UNAVAILABLE, "The database does not answer; try again shortly", e);
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
            // a number too large for its field is the parser's error, not the binder's: the parser knows where it was
            if (cause instanceof InputCoercionException c && c.processor() instanceof JsonParser parser) {
                return pointerPath(parser.streamReadContext().pathAsPointer());
            }
        }
        return Optional.empty();
    }

    /** {@code /items/0/rating} as {@code items[0].rating}. */
    private static Optional<String> pointerPath(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement()) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(path.toString());
    }

    /** Why the field's value was refused: NUL in text, or a value of the wrong type. */
    private static String reason(ServerWebInputException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFormatException f && f.getValue() instanceof String text
                    && text.indexOf('\0') >= 0) {
                return JsonInput.NUL_REASON;
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException) {
                return "is a number out of the range this field takes";
            }
        }
        return "does not have the type it should";
    }

    /** Text with NUL (U+0000) reached PostgreSQL, which cannot store it (SQLSTATE 22021): the request's fault. */
    private static boolean nulInText(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r && "22021".equals(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static String inputProblem(ServerWebInputException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DecodingException) {
            return field(e).map(f -> "The request body is not valid JSON for this endpoint: '" + f + "' "
                            + reason(e))
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
