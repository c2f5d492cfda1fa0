package dev.baton.webapp.deals;

import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.Taxonomy;
import java.math.BigDecimal;
import java.net.IDN;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a deal's values and resolves them: taxonomy values by key or label in any case, an ISO 4217 currency, a web
 * domain from a URL or an email address, a date, an outcome. Every wrong field is reported at once, in words a person
 * can act on. Plain Java on a taxonomy snapshot; the owner's user name is looked up by the service.
 */
final class DealRules {

    static final Pattern CRM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    static final List<String> STAGE_FACETS = List.of(Facets.BUYER_STAGE, Facets.FUNNEL_STAGE);
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");

    /** A deal's values, checked and resolved. {@code owner} is a user name still to be looked up. */
    record Checked(
            String crm,
            String externalId,
            String name,
            String accountName,
            String accountDomain,
            String stageFacet,
            String stage,
            BigDecimal amount,
            String currency,
            String owner,
            LocalDate closeDate,
            Outcome outcome,
            String industry,
            List<String> personas) {}

    private final Map<String, Map<String, String>> lookup = new HashMap<>();
    private final Map<String, List<String>> labels = new HashMap<>();
    private final Map<String, Map<String, String>> labelOf = new HashMap<>();
    private final Map<String, List<Taxonomy.Value>> active = new HashMap<>();

    /** Rules for the taxonomy: active values are accepted, every value has its label. */
    DealRules(Taxonomy taxonomy) {
        for (Taxonomy.Facet facet : taxonomy.facets()) {
            Map<String, String> values = new HashMap<>();
            List<String> names = new ArrayList<>();
            Map<String, String> byKey = new HashMap<>();
            List<Taxonomy.Value> inUse = new ArrayList<>();
            for (Taxonomy.Value value : facet.values()) {
                byKey.put(value.key(), value.label());
                if (value.active()) {
                    inUse.add(value);
                    values.put(value.key().toLowerCase(Locale.ROOT), value.key());
                    values.putIfAbsent(value.label().strip().toLowerCase(Locale.ROOT), value.key());
                    names.add(value.label());
                }
            }
            lookup.put(facet.key(), values);
            labels.put(facet.key(), names);
            labelOf.put(facet.key(), byKey);
            active.put(facet.key(), List.copyOf(inUse));
        }
    }

    /** What people read for a value: its label, or the key itself when the taxonomy does not have it. */
    public String label(String facet, String key) {
        return key == null ? null : labelOf.getOrDefault(facet, Map.of()).getOrDefault(key, key);
    }

    /** The active values of a facet, in the taxonomy's order (what forms offer). */
    public List<Taxonomy.Value> values(String facet) {
        return active.getOrDefault(facet, List.of());
    }

    /** The key of a value of this facet, given as its key or label in any case; {@code null} when none. */
    String resolve(String facet, String value) {
        if (value == null) {
            return null;
        }
        return lookup.getOrDefault(facet, Map.of()).get(value.strip().toLowerCase(Locale.ROOT));
    }

    /** The stage's facet and key, from either stage facet unless one is named; {@code null} when neither has it. */
    String[] resolveStage(String facet, String value) {
        for (String candidate : facet == null ? STAGE_FACETS : List.of(facet)) {
            String key = resolve(candidate, value);
            if (key != null) {
                return new String[] {candidate, key};
            }
        }
        return null;
    }

    Checked check(DealInput in, Map<String, String> errors) {
        String crm = blankToNull(in.crm());
        if (crm == null) {
            errors.put("crm", "give the CRM's name, e.g. salesforce");
        } else if (!CRM.matcher(crm).matches()) {
            errors.put("crm", "use lower-case letters, digits, '-' or '_' (at most 40), starting with a letter or "
                    + "digit");
        }
        String externalId = text(in.externalId(), "externalId", 200, true, errors);
        String name = text(in.name(), "name", 300, true, errors);
        String accountName = text(in.accountName(), "accountName", 300, true, errors);
        String domain = null;
        if (blankToNull(in.accountDomain()) != null) {
            domain = domain(in.accountDomain());
            if (domain == null) {
                errors.put("accountDomain", "give the account's web domain (example.com), a URL or an email address "
                        + "at it");
            }
        }
        String stageFacet = blankToNull(in.stageFacet());
        if (stageFacet != null) {
            stageFacet = stageFacet.toLowerCase(Locale.ROOT).replace(' ', '_');
            if (!STAGE_FACETS.contains(stageFacet)) {
                errors.put("stageFacet", "use buyer_stage or funnel_stage");
                stageFacet = null;
            }
        }
        String stage = null;
        String stageValue = blankToNull(in.stage());
        if (stageValue != null) {
            String[] resolved = resolveStage(stageFacet, stageValue);
            if (resolved == null) {
                errors.put("stage", "'" + printable(stageValue) + "' is not a stage; use one of "
                        + String.join(", ", stageChoices(stageFacet)));
            } else {
                stageFacet = resolved[0];
                stage = resolved[1];
            }
        }
        if (stageFacet == null) {
            stageFacet = Facets.BUYER_STAGE;
        }
        BigDecimal amount = amount(in.amount(), errors);
        String currency = null;
        String currencyValue = blankToNull(in.currency());
        if (currencyValue != null) {
            currency = currency(currencyValue);
            if (currency == null) {
                errors.put("currency", "'" + printable(currencyValue) + "' is not an ISO 4217 currency code; use "
                        + "e.g. EUR, USD or GBP");
            }
        }
        if (amount != null && currency == null && !errors.containsKey("currency")) {
            errors.put("currency", "give the currency of the amount (an ISO 4217 code such as EUR)");
        }
        if (amount == null) {
            // a currency without an amount says nothing (CRMs send their default currency on every deal)
            currency = null;
        }
        String owner = blankToNull(in.owner());
        LocalDate closeDate = null;
        String date = blankToNull(in.closeDate());
        if (date != null) {
            try {
                closeDate = LocalDate.parse(date.length() > 10 && date.charAt(10) == 'T' ? date.substring(0, 10)
                        : date);
            } catch (DateTimeParseException e) {
                errors.put("closeDate", "use a date as yyyy-MM-dd, e.g. 2026-12-31");
            }
        }
        Outcome outcome = Outcome.OPEN;
        String outcomeValue = blankToNull(in.outcome());
        if (outcomeValue != null) {
            try {
                outcome = Outcome.valueOf(outcomeValue.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("outcome", "use open, won or lost");
            }
        }
        String industry = null;
        String industryValue = blankToNull(in.industry());
        if (industryValue != null) {
            industry = resolve(Facets.INDUSTRY, industryValue);
            if (industry == null) {
                errors.put("industry", "'" + printable(industryValue) + "' is not an industry; use one of "
                        + String.join(", ", labels.getOrDefault(Facets.INDUSTRY, List.of())));
            }
        }
        Set<String> personas = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String persona : in.personas()) {
            String key = resolve(Facets.PERSONA, persona);
            if (key == null) {
                unknown.add("'" + printable(persona) + "'");
            } else {
                personas.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            errors.put("personas", String.join(", ", unknown) + (unknown.size() == 1 ? " is not a persona" :
                    " are not personas") + "; use " + String.join(", ", labels.getOrDefault(Facets.PERSONA,
                            List.of())));
        }
        return new Checked(crm, externalId, name, accountName, domain, stageFacet, stage, amount, currency, owner,
                closeDate, outcome, industry, List.copyOf(personas));
    }

    private List<String> stageChoices(String facet) {
        List<String> choices = new ArrayList<>();
        for (String candidate : facet == null ? STAGE_FACETS : List.of(facet)) {
            choices.addAll(labels.getOrDefault(candidate, List.of()));
        }
        return choices;
    }

    private static BigDecimal amount(String value, Map<String, String> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(text.replace("_", ""));
            if (amount.signum() < 0) {
                errors.put("amount", "must not be negative");
            } else if (amount.stripTrailingZeros().scale() > 2) {
                errors.put("amount", "use at most two decimal places");
            } else if (amount.compareTo(MAX_AMOUNT) > 0) {
                errors.put("amount", "is too large");
            } else {
                return amount.setScale(2);
            }
        } catch (NumberFormatException e) {
            errors.put("amount", "give a number such as 125000 or 125000.50, without a currency sign or thousands "
                    + "separators");
        }
        return null;
    }

    /** An ISO 4217 currency code in upper case, or {@code null} when it is not one. */
    static String currency(String value) {
        String code = value.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The web domain in what was given: {@code example.com}, {@code https://www.Example.com/about},
     * {@code sales@example.com} or {@code www.example.com} all give {@code example.com}; {@code null} when none.
     */
    static String domain(String value) {
        String text = value.strip();
        int at = text.lastIndexOf('@');
        if (at >= 0 && !text.contains("://")) {
            text = text.substring(at + 1);
        }
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        String host;
        try {
            host = URI.create(text).getHost();
            if (host == null) {
                // URI leaves the host out when it has characters it does not allow (an umlaut): take it by hand
                String rest = text.substring(text.indexOf("://") + 3);
                host = rest.split("[/?#:]", 2)[0];
            }
            host = IDN.toASCII(host.strip(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.") && host.indexOf('.', 4) > 0) {
            host = host.substring(4);
        }
        return host.length() <= 253 && DOMAIN.matcher(host).matches() ? host : null;
    }

    private static String text(String value, String field, int max, boolean required, Map<String, String> errors) {
        String text = blankToNull(value);
        if (text == null) {
            if (required) {
                errors.put(field, "must not be blank");
            }
            return null;
        }
        if (text.length() > max) {
            errors.put(field, "use at most " + max + " characters");
            return null;
        }
        return text;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String printable(String value) {
        String text = value.replaceAll("\\p{Cntrl}", "?");
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
