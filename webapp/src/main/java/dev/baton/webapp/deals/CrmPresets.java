package dev.baton.webapp.deals;

import dev.baton.webapp.taxonomy.Facets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How a CRM's opportunity payload becomes a deal (docs/crm.md has the tables): {@code salesforce} reads an
 * Opportunity record, {@code hubspot} a deal object, {@code baton} the API's own JSON with {@code externalId}. CRM
 * stage names go through the integration's stage map to taxonomy values. Plain Java.
 */
final class CrmPresets {

    static final List<String> NAMES = List.of("salesforce", "hubspot", "baton");

    private CrmPresets() {}

    /** The stage map an integration starts with: the CRM's standard stages (lower case) to buyer stages. */
    static Map<String, String> defaultStageMap(String preset) {
        Map<String, String> map = new LinkedHashMap<>();
        switch (preset) {
            case "salesforce" -> {
                map.put("prospecting", "awareness");
                map.put("qualification", "awareness");
                map.put("needs analysis", "consideration");
                map.put("value proposition", "consideration");
                map.put("id. decision makers", "consideration");
                map.put("perception analysis", "decision");
                map.put("proposal/price quote", "decision");
                map.put("negotiation/review", "decision");
                map.put("closed won", "decision");
                map.put("closed lost", "decision");
            }
            case "hubspot" -> {
                map.put("appointmentscheduled", "awareness");
                map.put("qualifiedtobuy", "consideration");
                map.put("presentationscheduled", "consideration");
                map.put("decisionmakerboughtin", "decision");
                map.put("contractsent", "decision");
                map.put("closedwon", "decision");
                map.put("closedlost", "decision");
            }
            default -> {
                // the baton preset sends taxonomy values already
            }
        }
        return map;
    }

    /**
     * The deal in a payload. {@code errors} gets what is missing or unmapped, by deal field. Industry values that the
     * taxonomy does not have are left out rather than refused (a CRM's picklist is not Baton's).
     */
    static DealInput map(String preset, String crm, JsonNode payload, Map<String, String> stageMap, DealRules rules,
            Map<String, String> errors) {
        if (payload == null || !payload.isObject()) {
            errors.put("body", "send the " + preset + " payload as a JSON object");
            return null;
        }
        DealInput input = switch (preset) {
            case "salesforce" -> salesforce(payload, stageMap, errors);
            case "hubspot" -> hubspot(payload, stageMap, errors);
            default -> baton(payload, stageMap, errors);
        };
        if (input == null) {
            return null;
        }
        String industry = input.industry();
        if (industry != null && rules.resolve(Facets.INDUSTRY, industry) == null) {
            industry = null;
        }
        return new DealInput(crm, input.externalId(), input.name(), input.accountName(), input.accountDomain(),
                input.stage(), input.stageFacet(), input.amount(), input.currency(), input.owner(),
                input.closeDate(), input.outcome(), industry, input.personas());
    }

    private static DealInput salesforce(JsonNode o, Map<String, String> stageMap, Map<String, String> errors) {
        String stageName = text(o, "StageName");
        String outcome = "open";
        if (bool(o, "IsClosed")) {
            outcome = bool(o, "IsWon") ? "won" : "lost";
        }
        return new DealInput(null, required(o, "Id", "externalId", errors), text(o, "Name"),
                text(o, "Account", "Name"), text(o, "Account", "Website"), stage(stageName, stageMap, errors), null,
                text(o, "Amount"), text(o, "CurrencyIsoCode"), text(o, "Owner", "Email"), text(o, "CloseDate"),
                outcome, text(o, "Account", "Industry"), List.of());
    }

    private static DealInput hubspot(JsonNode o, Map<String, String> stageMap, Map<String, String> errors) {
        JsonNode p = o.path("properties");
        String id = text(o, "objectId") != null ? text(o, "objectId") : text(o, "id");
        if (id == null) {
            errors.put("externalId", "the payload has no objectId (or id)");
        }
        String dealstage = property(p, "dealstage");
        String outcome = "open";
        String closed = property(p, "hs_is_closed");
        String closedWon = property(p, "hs_is_closed_won");
        if ("closedwon".equalsIgnoreCase(dealstage) || "true".equalsIgnoreCase(closedWon)) {
            outcome = "won";
        } else if ("closedlost".equalsIgnoreCase(dealstage) || "true".equalsIgnoreCase(closed)) {
            outcome = "lost";
        }
        JsonNode company = o.path("associatedCompany");
        String accountName = text(company, "name");
        String domain = text(company, "domain");
        if (accountName == null) {
            // a deal without a company is named by the company's domain, if it has one
            accountName = domain;
        }
        return new DealInput(null, id, property(p, "dealname"), accountName, domain,
                stage(dealstage, stageMap, errors), null, property(p, "amount"), property(p, "deal_currency_code"),
                property(p, "hubspot_owner_email"), date(property(p, "closedate")), outcome,
                text(company, "industry"), List.of());
    }

    private static DealInput baton(JsonNode o, Map<String, String> stageMap, Map<String, String> errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : o.properties()) {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<Object> items = new ArrayList<>();
                value.forEach(item -> items.add(item.isValueNode() ? item.asString() : item.toString()));
                fields.put(field.getKey(), items);
            } else {
                fields.put(field.getKey(), value.isNull() ? null : value.isValueNode() ? value.asString() : Map.of());
            }
        }
        DealInput input = DealInput.fromJson(fields, errors);
        if (DealRules.blankToNull(input.externalId()) == null) {
            errors.put("externalId", "the payload has no externalId");
        }
        String stage = input.stage();
        String mapped = stage == null ? null : stageMap.get(stage.strip().toLowerCase(Locale.ROOT));
        return new DealInput(null, input.externalId(), input.name(), input.accountName(), input.accountDomain(),
                mapped != null ? mapped : stage, input.stageFacet(), input.amount(), input.currency(), input.owner(),
                input.closeDate(), input.outcome(), input.industry(), input.personas());
    }

    /** The taxonomy value a CRM stage maps to; an unmapped stage is reported so an admin can map it. */
    private static String stage(String crmStage, Map<String, String> stageMap, Map<String, String> errors) {
        if (crmStage == null || crmStage.isBlank()) {
            return null;
        }
        String mapped = stageMap.get(crmStage.strip().toLowerCase(Locale.ROOT));
        if (mapped == null) {
            errors.put("stage", "the CRM stage '" + DealRules.printable(crmStage) + "' has no mapping; an admin adds "
                    + "it to the integration's stage map");
        }
        return mapped;
    }

    /** A HubSpot date: an ISO date or date-time, or milliseconds since 1970 (as its APIs send them). */
    private static String date(String value) {
        if (value != null && value.matches("\\d{9,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(value)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        return value;
    }

    /** A HubSpot property: a plain value, or {@code {"value": ...}} as its older webhooks send it. */
    private static String property(JsonNode properties, String name) {
        JsonNode value = properties.path(name);
        if (value.isObject()) {
            value = value.path("value");
        }
        return value.isValueNode() && !value.isNull() ? DealRules.blankToNull(value.asString()) : null;
    }

    private static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String name : path) {
            JsonNode next = at.path(name);
            if (next.isMissingNode() && at == node && path.length > 1) {
                // flattened relationship fields ("Account.Name") as some exports write them
                next = node.path(String.join(".", path));
                at = next;
                break;
            }
            at = next;
        }
        return at.isValueNode() && !at.isNull() ? DealRules.blankToNull(at.asString()) : null;
    }

    private static String required(JsonNode node, String name, String field, Map<String, String> errors) {
        String value = text(node, name);
        if (value == null) {
            errors.put(field, "the payload has no " + name);
        }
        return value;
    }

    private static boolean bool(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.isValueNode()
                ? value.asString() : null);
    }
}
