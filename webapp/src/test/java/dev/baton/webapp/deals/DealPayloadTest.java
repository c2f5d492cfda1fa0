package dev.baton.webapp.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.deals.DealDirectory.Outcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code deal.updated} event outbound webhooks send: the deal by ids and keys, with whether it is new. */
class DealPayloadTest {

    @Test
    void theDealUpdatedPayloadCarriesTheDealByIdsAndKeys() {
        Deal deal = new Deal(7, "salesforce", "006A", "Renewal", "Acme", "acme.example", "buyer_stage", "decision",
                new BigDecimal("1000.00"), "EUR", 3L, LocalDate.parse("2026-12-31"), Outcome.WON,
                Instant.parse("2026-12-01T10:00:00Z"), "retail", List.of("champion"),
                Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"));

        Map<String, Object> payload = DealService.dealUpdatedPayload(deal, false);

        assertThat(payload).containsEntry("id", 7L).containsEntry("crm", "salesforce")
                .containsEntry("externalId", "006A").containsEntry("stage", "decision")
                .containsEntry("ownerId", 3L).containsEntry("closeDate", "2026-12-31")
                .containsEntry("outcome", "WON").containsEntry("decidedAt", "2026-12-01T10:00:00Z")
                .containsEntry("personas", List.of("champion")).containsEntry("created", false);
    }
}
