package dev.baton.webapp.system;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Base of Baton's domain exceptions. Each says what went wrong in words a person understands; the web edge maps it
 * once to an RFC 9457 problem response (API) or an error page, with {@link #status()}.
 */
public abstract class BatonException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    protected BatonException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem document, e.g. the field that was wrong. Empty by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** The named thing does not exist (404). */
    public static class NotFound extends BatonException {
        public NotFound(String detail) {
            super(HttpStatus.NOT_FOUND, "Not found", detail);
        }
    }

    /** The user is signed in but their role may not do this (403). */
    public static class Forbidden extends BatonException {
        public Forbidden(String detail) {
            super(HttpStatus.FORBIDDEN, "Forbidden", detail);
        }
    }

    /** The request conflicts with the current state, e.g. a name already taken (409). */
    public static class Conflict extends BatonException {
        public Conflict(String detail) {
            super(HttpStatus.CONFLICT, "Conflict", detail);
        }
    }

    /** One input value is wrong (400), with the field it came from. */
    public static class InvalidInput extends BatonException {
        private final Map<String, String> reasons;

        public InvalidInput(String field, String reason) {
            this(Map.of(field, reason));
        }

        /** Several wrong values at once, field to reason, in the order given. */
        public InvalidInput(Map<String, String> reasons) {
            super(HttpStatus.BAD_REQUEST, "Invalid request", describe(reasons));
            this.reasons = new java.util.LinkedHashMap<>(reasons);
        }

        private static String describe(Map<String, String> reasons) {
            return reasons.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", reasons.entrySet().stream()
                    .map(e -> Map.of("field", e.getKey(), "reason", e.getValue()))
                    .toList());
        }
    }
}
