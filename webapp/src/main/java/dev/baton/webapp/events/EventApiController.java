package dev.baton.webapp.events;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/events}: usage from other tools (a CRM, an email add-in): "used in email", "presented in a
 * meeting", and the views, previews, downloads and shares they saw. Anyone signed in or holding an API token posts
 * events as themselves. Answered once the events are durable; see docs/api.md.
 */
@RestController
class EventApiController {

    /** The most JSON one batch may be: 500 events with long notes fit. */
    static final int MAX_BYTES = 1024 * 1024;

    private final EventIntake intake;
    private final JsonMapper json;
    private final Clock clock;

    EventApiController(EventIntake intake, JsonMapper json, Clock clock) {
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "Record a batch of 1 to 500 usage events from another tool; each needs an idempotency key",
            description = "Answers after the events are durable, with each event's outcome (recorded or duplicate). "
                    + "A batch with a bad event records nothing and answers 400 with the index of each bad event.")
    @PostMapping(path = "/api/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<EventIntake.Outcome> post(@RequestBody Flux<DataBuffer> body, @AuthenticationPrincipal BatonUser user) {
        return read(body).flatMap(tree -> {
            EventBatch.Parsed batch = EventBatch.parse(tree, clock.instant());
            if (!batch.problems().isEmpty()) {
                return Mono.error(new InvalidEvents(batch.problems()));
            }
            return Detached.uncancellable(intake.record(batch.events(), user));
        });
    }

    private Mono<JsonNode> read(Flux<DataBuffer> body) {
        return DataBufferUtils.join(body, MAX_BYTES)
                .onErrorMap(DataBufferLimitException.class, e -> new InvalidEvents.TooLarge(MAX_BYTES))
                .map(buffer -> {
                    try (var in = buffer.asInputStream(true)) {
                        return json.readTree(in);
                    } catch (JacksonException | java.io.IOException e) {
                        throw new InvalidEvents(java.util.List.of(new EventBatch.Problem(null, "body",
                                "the request body is not valid JSON")));
                    }
                })
                .switchIfEmpty(Mono.error(() -> new InvalidEvents(java.util.List.of(new EventBatch.Problem(null,
                        "body", "send a JSON object with an array 'events'")))));
    }
}
