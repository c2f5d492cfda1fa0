package dev.baton.webapp.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.taxonomy.Taxonomy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks every deal passes, on made-up input: values as people and CRMs write them. */
class DealRulesTest {

    private final DealRules rules = new DealRules(new Taxonomy(List.of(
            facet("buyer_stage", value("awareness", "Awareness"), value("decision", "Decision")),
            facet("funnel_stage", value("sql", "SQL"), new Taxonomy.Value("mql", "MQL", "", false)),
            facet("industry", value("public-sector", "Public sector")),
            facet("persona", value("champion", "Champion"), value("economic-buyer", "Economic buyer")))));

    @Test
    void aDomainIsReadFromAUrlAnEmailOrAHostName() {
        assertThat(DealRules.domain("https://www.Example.com/about?x=1")).isEqualTo("example.com");
        assertThat(DealRules.domain("jane.doe@Sales.Example.co.uk")).isEqualTo("sales.example.co.uk");
        assertThat(DealRules.domain("www.example.org.")).isEqualTo("example.org");
        assertThat(DealRules.domain("müller.example")).isEqualTo("xn--mller-kva.example");
        assertThat(DealRules.domain("localhost")).isNull();
        assertThat(DealRules.domain("not a domain")).isNull();
    }

    @Test
    void onlyIso4217CodesAreCurrencies() {
        assertThat(DealRules.currency(" eur ")).isEqualTo("EUR");
        assertThat(DealRules.currency("CHF")).isEqualTo("CHF");
        assertThat(DealRules.currency("EURO")).isNull();
        assertThat(DealRules.currency("ABC")).isNull();
    }

    @Test
    void taxonomyValuesAreTakenByKeyOrLabelInAnyCase() {
        Map<String, String> errors = new LinkedHashMap<>();
        DealRules.Checked checked = rules.check(input("SQL", "public SECTOR", List.of("Economic Buyer", "champion"),
                "Won"), errors);

        assertThat(errors).isEmpty();
        assertThat(checked.stageFacet()).isEqualTo("funnel_stage");
        assertThat(checked.stage()).isEqualTo("sql");
        assertThat(checked.industry()).isEqualTo("public-sector");
        assertThat(checked.personas()).containsExactly("economic-buyer", "champion");
        assertThat(checked.outcome()).isEqualTo(Outcome.WON);
    }

    @Test
    void anInactiveValueIsRefusedButKeepsItsLabel() {
        Map<String, String> errors = new LinkedHashMap<>();
        rules.check(input("MQL", null, List.of(), null), errors);

        assertThat(errors).containsKey("stage");
        assertThat(rules.label("funnel_stage", "mql")).isEqualTo("MQL");
    }

    @Test
    void everyWrongValueIsReportedAtOnce() {
        Map<String, String> errors = new LinkedHashMap<>();
        rules.check(new DealInput("Sales Force", "", "", "Acme", "acme", "Later", null, "-5", "EUR", null,
                "tomorrow", "maybe", "Space", List.of("Wizard")), errors);

        assertThat(errors).containsOnlyKeys("crm", "externalId", "name", "accountDomain", "stage", "amount",
                "closeDate", "outcome", "industry", "personas");
        assertThat(errors.get("amount")).isEqualTo("must not be negative");
        assertThat(errors.get("personas")).startsWith("'Wizard' is not a persona");
    }

    @Test
    void anAmountNeedsItsCurrencyAndACurrencyAloneIsIgnored() {
        Map<String, String> errors = new LinkedHashMap<>();
        rules.check(new DealInput("crm", "1", "n", "a", null, null, null, "10.5", null, null, null, null, null,
                List.of()), errors);
        assertThat(errors).containsOnlyKeys("currency");

        errors.clear();
        DealRules.Checked alone = rules.check(new DealInput("crm", "1", "n", "a", null, null, null, null, "USD",
                null, null, null, null, List.of()), errors);
        assertThat(errors).isEmpty();
        assertThat(alone.currency()).isNull();
    }

    private static DealInput input(String stage, String industry, List<String> personas, String outcome) {
        return new DealInput("crm", "ext-1", "Deal", "Account", null, stage, null, "100", "EUR", null, "2026-12-31",
                outcome, industry, personas);
    }

    private static Taxonomy.Facet facet(String key, Taxonomy.Value... values) {
        return new Taxonomy.Facet(key, key, "", List.of(values));
    }

    private static Taxonomy.Value value(String key, String label) {
        return new Taxonomy.Value(key, label, "", true);
    }
}
