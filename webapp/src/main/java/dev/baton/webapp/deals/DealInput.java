package dev.baton.webapp.deals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deal as it arrives, before it is checked: from the API's JSON, a CSV row, a deal form or a CRM's payload mapped
 * by its preset. Every value is text as given (or {@code null}); {@link DealRules} checks and resolves them.
 *
 * @param owner the owning rep's user name
 * @param stageFacet {@code buyer_stage} or {@code funnel_stage}; {@code null}: whichever has the stage
 */
record DealInput(
        String crm,
        String externalId,
        String name,
        String accountName,
        String accountDomain,
        String stage,
        String stageFacet,
        String amount,
        String currency,
        String owner,
        String closeDate,
        String outcome,
        String industry,
        List<String> personas) {

    /** The fields of the API's JSON body, which are also the CSV's columns in snake case. */
    static final List<String> FIELDS = List.of("name", "accountName", "accountDomain", "stage", "stageFacet",
            "amount", "currency", "owner", "closeDate", "outcome", "industry", "personas");

    private static final Set<String> IDENTITY = Set.of("crm", "externalId");
    private static final Pattern SEPARATOR = Pattern.compile("[;|]");

    DealInput {
        personas = personas == null ? List.of() : List.copyOf(personas);
    }

    DealInput withIdentity(String crm, String externalId) {
        return new DealInput(crm, externalId, name, accountName, accountDomain, stage, stageFacet, amount, currency,
                owner, closeDate, outcome, industry, personas);
    }

    DealInput withOwner(String owner) {
        return new DealInput(crm, externalId, name, accountName, accountDomain, stage, stageFacet, amount, currency,
                owner, closeDate, outcome, industry, personas);
    }

    /**
     * Reads the API's JSON body (crm and external id come from the path; given in the body too, they must match).
     * Wrong types and unknown fields are reported per field, all at once.
     */
    static DealInput fromJson(Map<String, Object> body, Map<String, String> errors) {
        Map<String, String> text = new LinkedHashMap<>();
        List<String> personas = List.of();
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (!FIELDS.contains(field) && !IDENTITY.contains(field)) {
                errors.put(field, "not a deal field; use " + String.join(", ", FIELDS));
            } else if (field.equals("personas")) {
                personas = personas(value, errors);
            } else if (value == null) {
                text.put(field, null);
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                text.put(field, value.toString());
            } else {
                errors.put(field, "give a single value, not " + (value instanceof List ? "a list" : "an object"));
            }
        }
        return new DealInput(text.get("crm"), text.get("externalId"), text.get("name"), text.get("accountName"),
                text.get("accountDomain"), text.get("stage"), text.get("stageFacet"), text.get("amount"),
                text.get("currency"), text.get("owner"), text.get("closeDate"), text.get("outcome"),
                text.get("industry"), personas);
    }

    private static List<String> personas(Object value, Map<String, String> errors) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return split(s);
        }
        if (value instanceof List<?> list) {
            List<String> values = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof String s) {
                    values.add(s);
                } else {
                    errors.put("personas", "give a list of persona names or keys");
                    return List.of();
                }
            }
            return values;
        }
        errors.put("personas", "give a list of persona names or keys");
        return List.of();
    }

    /**
     * A CSV row's values by column (names in snake case, camelCase or with spaces, any case), personas separated by
     * {@code ;} or {@code |}.
     */
    static DealInput fromColumns(Map<String, String> columns) {
        return new DealInput(columns.get("crm"), columns.get("externalId"), columns.get("name"),
                columns.get("accountName"), columns.get("accountDomain"), columns.get("stage"),
                columns.get("stageFacet"), columns.get("amount"), columns.get("currency"), columns.get("owner"),
                columns.get("closeDate"), columns.get("outcome"), columns.get("industry"),
                columns.get("personas") == null ? List.of() : split(columns.get("personas")));
    }

    /** A column or field name in the form {@link #FIELDS} uses: {@code account_name}, "Account name" → accountName. */
    static String canonical(String column) {
        String[] words = column.strip().replace('-', ' ').replace('_', ' ').split("\\s+");
        StringBuilder name = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            if (name.isEmpty()) {
                name.append(Character.toLowerCase(word.charAt(0))).append(word.substring(1));
            } else {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        String result = name.toString();
        for (String known : FIELDS) {
            if (known.equalsIgnoreCase(result)) {
                return known;
            }
        }
        for (String known : IDENTITY) {
            if (known.equalsIgnoreCase(result)) {
                return known;
            }
        }
        return result;
    }

    static boolean known(String canonical) {
        return FIELDS.contains(canonical) || IDENTITY.contains(canonical);
    }

    private static List<String> split(String value) {
        List<String> values = new ArrayList<>();
        for (String part : SEPARATOR.split(value)) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }
}
