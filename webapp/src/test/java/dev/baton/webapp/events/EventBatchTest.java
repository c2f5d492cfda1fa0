package dev.baton.webapp.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.usage.UsageService.Action;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reading a batch of events from another tool, without Spring: names, bounds and the index of each bad event. */
class EventBatchTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String ASSET = "6f1c2a3b-0000-4000-8000-000000000001";
    private final JsonMapper json = JsonMapper.builder().build();

    private EventBatch.Parsed parse(String body) {
        return EventBatch.parse(json.readTree(body), NOW);
    }

    @Test
    void theNamesOtherToolsSendBecomeBatonsActions() {
        EventBatch.Parsed batch = parse("""
                {"events": [
                  {"assetId": "%1$s", "action": "used_in_email", "idempotencyKey": "a"},
                  {"assetId": "%1$s", "action": "Presented", "idempotencyKey": "b"},
                  {"assetId": "%1$s", "action": "presented-in-meeting", "idempotencyKey": "c"},
                  {"assetId": "%1$s", "action": "share", "idempotencyKey": "d", "version": 2,
                   "occurredAt": "2026-12-07T11:04:00+01:00", "deal": {"crm": "HubSpot", "externalId": " 42 "},
                   "source": " outlook-addin ", "note": ""}
                ]}""".formatted(ASSET));

        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).extracting(EventBatch.Incoming::action)
                .containsExactly(Action.EMAIL, Action.MEETING, Action.MEETING, Action.SHARE);
        EventBatch.Incoming last = batch.events().getLast();
        assertThat(last.occurredAt()).isEqualTo(Instant.parse("2026-12-07T10:04:00Z"));
        assertThat(last.deal()).isEqualTo(new EventBatch.DealKey(null, "hubspot", "42"));
        assertThat(last.source()).isEqualTo("outlook-addin");
        assertThat(last.note()).isNull();
        assertThat(batch.events().getFirst().occurredAt()).as("absent: now").isEqualTo(NOW);
    }

    @Test
    void everyBadEventIsNamedByItsIndexAndNoneIsKept() {
        EventBatch.Parsed batch = parse("""
                {"events": [
                  {"assetId": "%1$s", "action": "email", "idempotencyKey": "ok"},
                  {"assetId": "not-a-uuid", "action": "email", "idempotencyKey": "x"},
                  {"assetId": "%1$s", "action": "email", "idempotencyKey": "y", "occurredAt": "2026-12-07T10:06:00Z"},
                  {"assetId": "%1$s", "action": "email", "idempotencyKey": "z", "version": 0, "deal": {"id": "7"}},
                  "not an object"
                ]}""".formatted(ASSET));

        assertThat(batch.events()).isEmpty();
        assertThat(batch.problems()).extracting(p -> p.index() + " " + p.field())
                .containsExactly("1 assetId", "2 occurredAt", "3 version", "3 deal.id", "4 event");
    }

    @Test
    void aBatchNeedsOneTo500Events() {
        assertThat(parse("{\"events\": []}").problems()).singleElement()
                .satisfies(p -> assertThat(p.index()).isNull());
        assertThat(parse("[1, 2]").problems()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("events"));
        String event = "{\"assetId\": \"" + ASSET + "\", \"action\": \"email\", \"idempotencyKey\": \"k\"},";
        String five00 = "{\"events\": [" + event.repeat(500).replaceAll(",$", "") + "]}";
        assertThat(parse(five00).events()).hasSize(500);
        assertThat(parse(five00.replace("[{", "[" + event + "{")).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("not 501"));
    }
}
