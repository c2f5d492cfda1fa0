package dev.baton.cli;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Baton's JSON answers into the records the server writes them from ({@code ImportStatus},
 * {@code IndexCheckReport}), so the commands and the server share one definition of each answer. Lenient the way a
 * client of a newer server must be: members it does not know are ignored, and a missing or null number is 0.
 */
final class Answers {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Answers() {}

    /**
     * The answer as a {@code type}; an empty body reads as an empty JSON object.
     *
     * @throws JacksonException when the body is not JSON or not a {@code type}
     */
    static <T> T read(String body, Class<T> type) {
        return JSON.readValue(body == null || body.isBlank() ? "{}" : body, type);
    }

    /** An RFC 9457 problem document, as Baton answers every refusal on {@code /api}. */
    record Problem(String title, String detail) {}

    /** The problem document in {@code body}, if it is one. */
    static Optional<Problem> problem(String body) {
        try {
            return Optional.of(read(body, Problem.class));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
