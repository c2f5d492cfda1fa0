package dev.baton.webapp.deals;

import dev.baton.webapp.deals.DealDirectory.Outcome;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A deal as its table holds it. */
record Deal(
        long id,
        String crm,
        String externalId,
        String name,
        String accountName,
        String accountDomain,
        String stageFacet,
        String stage,
        BigDecimal amount,
        String currency,
        Long ownerId,
        LocalDate closeDate,
        Outcome outcome,
        Instant decidedAt,
        String industry,
        List<String> personas,
        Instant createdAt,
        Instant updatedAt) {

    static final String COLUMNS = "id, crm, external_id, name, account_name, account_domain, stage_facet, stage, "
            + "amount, currency, owner_id, close_date, outcome, decided_at, industry, personas, created_at, "
            + "updated_at";

    static Deal of(Readable row) {
        String[] personas = row.get("personas", String[].class);
        OffsetDateTime decided = row.get("decided_at", OffsetDateTime.class);
        return new Deal(
                row.get("id", Long.class),
                row.get("crm", String.class),
                row.get("external_id", String.class),
                row.get("name", String.class),
                row.get("account_name", String.class),
                row.get("account_domain", String.class),
                row.get("stage_facet", String.class),
                row.get("stage", String.class),
                row.get("amount", BigDecimal.class),
                row.get("currency", String.class),
                row.get("owner_id", Long.class),
                row.get("close_date", LocalDate.class),
                Outcome.valueOf(row.get("outcome", String.class)),
                decided == null ? null : decided.toInstant(),
                row.get("industry", String.class),
                personas == null ? List.of() : List.of(personas),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    /** Whether these checked values (with this owner) say anything this deal does not already say. */
    boolean differsFrom(DealRules.Checked in, Long owner) {
        return !(eq(name, in.name()) && eq(accountName, in.accountName()) && eq(accountDomain, in.accountDomain())
                && eq(stageFacet, in.stageFacet()) && eq(stage, in.stage())
                && (amount == null ? in.amount() == null : in.amount() != null && amount.compareTo(in.amount()) == 0)
                && eq(currency, in.currency()) && eq(ownerId, owner) && eq(closeDate, in.closeDate())
                && outcome == in.outcome() && eq(industry, in.industry()) && personas.equals(in.personas()));
    }

    boolean stageDiffersFrom(DealRules.Checked in) {
        return !eq(stageFacet, in.stageFacet()) || !eq(stage, in.stage());
    }

    private static boolean eq(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
