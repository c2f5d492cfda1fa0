package dev.baton.webapp.deals;

import java.util.List;
import org.springframework.util.MultiValueMap;

/**
 * The deal form's values as typed, kept to show again next to their problems.
 *
 * @param stage {@code <facet>/<key>} as the form's choices carry it
 */
record DealForm(
        String name,
        String accountName,
        String accountDomain,
        String stage,
        String amount,
        String currency,
        String owner,
        String closeDate,
        String outcome,
        String industry,
        List<String> personas) {

    static DealForm empty(String owner) {
        return new DealForm("", "", "", "", "", "EUR", owner, "", "open", "", List.of());
    }

    static DealForm of(Deal deal, String owner) {
        return new DealForm(deal.name(), deal.accountName(), nz(deal.accountDomain()),
                deal.stage() == null ? "" : deal.stageFacet() + "/" + deal.stage(),
                deal.amount() == null ? "" : deal.amount().toPlainString(), nz(deal.currency()), nz(owner),
                deal.closeDate() == null ? "" : deal.closeDate().toString(),
                deal.outcome().name().toLowerCase(java.util.Locale.ROOT), nz(deal.industry()), deal.personas());
    }

    static DealForm of(MultiValueMap<String, String> data) {
        return new DealForm(first(data, "name"), first(data, "accountName"), first(data, "accountDomain"),
                first(data, "stage"), first(data, "amount"), first(data, "currency"), first(data, "owner"),
                first(data, "closeDate"), first(data, "outcome"), first(data, "industry"),
                data.getOrDefault("personas", List.of()));
    }

    DealInput input(String crm, String externalId) {
        String facet = null;
        String value = stage;
        int slash = stage == null ? -1 : stage.indexOf('/');
        if (slash > 0) {
            facet = stage.substring(0, slash);
            value = stage.substring(slash + 1);
        }
        return new DealInput(crm, externalId, name, accountName, accountDomain, value, facet, amount,
                amount == null || amount.isBlank() ? null : currency, owner, closeDate, outcome, industry, personas);
    }

    public boolean has(String persona) {
        return personas.contains(persona);
    }

    private static String first(MultiValueMap<String, String> data, String name) {
        String value = data.getFirst(name);
        return value == null ? "" : value;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
