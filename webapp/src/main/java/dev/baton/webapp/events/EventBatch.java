package dev.baton.webapp.events;

import dev.baton.webapp.usage.UsageService.Action;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A batch of usage events from another tool, read from its JSON and checked field by field. Plain Java: what it cannot
 * check (does the asset exist, may the caller see it, which deal) is {@link EventIntake}'s.
 *
 * <p>The body is {@code {"events": [ ... ]}} with 1 to {@link #MAX_EVENTS} events; each has {@code assetId},
 * {@code action}, {@code idempotencyKey}, and optionally {@code version}, {@code occurredAt} (ISO-8601 with an
 * offset; between {@link #MAX_AGE} ago and {@link #MAX_SKEW} ahead; now when absent), {@code deal} (
 * {@code {"id": 12}} or {@code {"crm": "salesforce", "externalId": "006..."}}), {@code source} and {@code note}.
 */
final class EventBatch {

    /** The most events one request may carry. */
    static final int MAX_EVENTS = 500;

    /** How far ahead of Baton's clock an event may say it happened (the sender's clock may run a little fast). */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /** How long ago an event may have happened. */
    static final Duration MAX_AGE = Duration.ofDays(365);

    /** The actions other tools report, by the names they send (lower case; {@code -} reads as {@code _}). */
    static final Map<String, Action> ACTIONS = Map.of(
            "used_in_email", Action.EMAIL,
            "email", Action.EMAIL,
            "presented", Action.MEETING,
            "presented_in_meeting", Action.MEETING,
            "meeting", Action.MEETING,
            "view", Action.VIEW,
            "preview", Action.PREVIEW,
            "download", Action.DOWNLOAD,
            "share", Action.SHARE);

    private static final String ACTION_NAMES =
            "used_in_email (or email), presented (or meeting), view, preview, download or share";

    /** One event as sent, checked; {@code occurredAt} is filled in with now when it was absent. */
    record Incoming(
            int index,
            UUID assetId,
            Integer version,
            Action action,
            Instant occurredAt,
            DealKey deal,
            String source,
            String note,
            String idempotencyKey) {}

    /** How an event names its deal: by Baton's id, or by its identity in a CRM. */
    record DealKey(Long id, String crm, String externalId) {

        String describe() {
            return id != null ? "deal " + id : "deal " + externalId + " of " + crm;
        }
    }

    /** What is wrong with one event (its index in the batch) or with the batch ({@code index} {@code null}). */
    record Problem(Integer index, String field, String reason) {}

    private EventBatch() {}

    /** The events of this body, or the problems of every bad one (the list of events is then empty). */
    static Parsed parse(JsonNode body, Instant now) {
        List<Problem> problems = new ArrayList<>();
        List<Incoming> events = new ArrayList<>();
        JsonNode list = body == null || !body.isObject() ? null : body.get("events");
        if (list == null || !list.isArray()) {
            problems.add(new Problem(null, "events", "send an object with an array 'events' of 1 to "
                    + MAX_EVENTS + " events"));
            return new Parsed(List.of(), problems);
        }
        if (list.isEmpty() || list.size() > MAX_EVENTS) {
            problems.add(new Problem(null, "events", "send 1 to " + MAX_EVENTS + " events in a request, not "
                    + list.size()));
            return new Parsed(List.of(), problems);
        }
        for (int i = 0; i < list.size(); i++) {
            Incoming event = event(i, list.get(i), now, problems);
            if (event != null) {
                events.add(event);
            }
        }
        return problems.isEmpty() ? new Parsed(events, List.of()) : new Parsed(List.of(), problems);
    }

    /** The checked events, or the problems found. */
    record Parsed(List<Incoming> events, List<Problem> problems) {}

    private static Incoming event(int i, JsonNode node, Instant now, List<Problem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new Problem(i, "event", "each event is a JSON object"));
            return null;
        }
        int before = problems.size();
        UUID asset = null;
        String assetText = text(node, "assetId");
        if (assetText == null) {
            problems.add(new Problem(i, "assetId", "give the asset's id"));
        } else {
            try {
                asset = UUID.fromString(assetText);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(i, "assetId", "'" + clip(assetText) + "' is not an asset id (a UUID)"));
            }
        }
        Integer version = null;
        JsonNode versionNode = node.get("version");
        if (versionNode != null && !versionNode.isNull()) {
            if (versionNode.isIntegralNumber() && versionNode.canConvertToInt() && versionNode.asInt() >= 1) {
                version = versionNode.asInt();
            } else {
                problems.add(new Problem(i, "version", "a version is a whole number from 1"));
            }
        }
        Action action = null;
        String actionText = text(node, "action");
        if (actionText == null) {
            problems.add(new Problem(i, "action", "give an action: " + ACTION_NAMES));
        } else {
            action = ACTIONS.get(actionText.toLowerCase(Locale.ROOT).replace('-', '_'));
            if (action == null) {
                problems.add(new Problem(i, "action", "'" + clip(actionText) + "' is not an action; use "
                        + ACTION_NAMES));
            }
        }
        Instant occurred = now;
        String occurredText = text(node, "occurredAt");
        if (occurredText != null) {
            try {
                occurred = OffsetDateTime.parse(occurredText).toInstant();
                if (occurred.isAfter(now.plus(MAX_SKEW))) {
                    problems.add(new Problem(i, "occurredAt", "is in the future (more than "
                            + MAX_SKEW.toMinutes() + " minutes ahead of " + now + ")"));
                } else if (occurred.isBefore(now.minus(MAX_AGE))) {
                    problems.add(new Problem(i, "occurredAt", "is more than " + MAX_AGE.toDays()
                            + " days ago; older events are not taken"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new Problem(i, "occurredAt", "'" + clip(occurredText)
                        + "' is not an ISO-8601 time with an offset, such as 2026-12-07T09:30:00Z"));
            }
        }
        DealKey deal = deal(i, node.get("deal"), problems);
        String source = bounded(i, node, "source", 100, problems);
        String note = bounded(i, node, "note", 1000, problems);
        String key = text(node, "idempotencyKey");
        if (key == null || key.isBlank()) {
            problems.add(new Problem(i, "idempotencyKey", "give each event an idempotency key (1 to 200 "
                    + "characters) so a retried request counts it once"));
        } else if (key.length() > 200) {
            problems.add(new Problem(i, "idempotencyKey", "use at most 200 characters"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Incoming(i, asset, version, action, occurred, deal, source, note, key);
    }

    private static DealKey deal(int i, JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Problem(i, "deal", "name the deal as {\"id\": 12} or {\"crm\": \"salesforce\", "
                    + "\"externalId\": \"006...\"}"));
            return null;
        }
        JsonNode id = node.get("id");
        String crm = text(node, "crm");
        String external = text(node, "externalId");
        if (id != null && !id.isNull()) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || crm != null || external != null) {
                problems.add(new Problem(i, "deal.id", "a deal id is a whole number, given without crm and "
                        + "externalId"));
                return null;
            }
            return new DealKey(id.asLong(), null, null);
        }
        if (crm == null || external == null || crm.isBlank() || external.isBlank()) {
            problems.add(new Problem(i, "deal", "name the deal by its id, or by both crm and externalId"));
            return null;
        }
        if (crm.length() > 40 || external.length() > 200) {
            problems.add(new Problem(i, "deal", "crm has at most 40 characters, externalId at most 200"));
            return null;
        }
        return new DealKey(null, crm.strip().toLowerCase(Locale.ROOT), external.strip());
    }

    private static String bounded(int i, JsonNode node, String field, int max, List<Problem> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problems.add(new Problem(i, field, "is text"));
            return null;
        }
        String text = value.asString().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            problems.add(new Problem(i, field, "use at most " + max + " characters"));
            return null;
        }
        return text;
    }

    /** A text field's value, stripped; {@code null} when absent, null or not text. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.asString().strip() : value.toString();
    }

    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
