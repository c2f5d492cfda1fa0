package dev.baton.webapp.deals;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * For importing history only (the demo library's deals; a migration from another tool): a deal as it was, with the
 * times of its stage changes and of its decision, written as they were rather than as "now". Unlike {@link
 * DealService} it writes no audit record and publishes no {@code deal.updated} webhook event: nothing changed now.
 * The values are not run through {@link DealRules}: the caller gives taxonomy keys, an ISO 4217 currency and a
 * bare domain, and the table's checks refuse anything else. Runs in the caller's transaction when there is one.
 */
@Component
public class DealHistory {

    /**
     * A deal as it stands today, and how it got there.
     *
     * @param owner the owning rep's user name
     * @param stages every stage it entered and when, oldest first (at least one; the last is where it is now)
     * @param decidedAt when it was won or lost; {@code null} for an open deal
     */
    public record PastDeal(
            String crm,
            String externalId,
            String name,
            String accountName,
            String accountDomain,
            String owner,
            String industry,
            List<String> personas,
            BigDecimal amount,
            String currency,
            LocalDate closeDate,
            List<StageAt> stages,
            Outcome outcome,
            Instant decidedAt) {

        public PastDeal {
            if (stages == null || stages.isEmpty()) {
                throw new IllegalArgumentException("a deal needs at least one stage");
            }
            if ((outcome == Outcome.OPEN) != (decidedAt == null)) {
                throw new IllegalArgumentException("an open deal has no decision time; a won or lost one has");
            }
            personas = personas == null ? List.of() : List.copyOf(personas);
            stages = List.copyOf(stages);
        }
    }

    /** A stage of the {@code buyer_stage} or {@code funnel_stage} facet, and when the deal entered it. */
    public record StageAt(String stageFacet, String stage, Instant at) {}

    private final DatabaseClient db;
    private final AccountDirectory accounts;

    DealHistory(DatabaseClient db, AccountDirectory accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    /**
     * Writes the deal with its stage history, created at its first stage's time, last changed at its last stage's
     * or its decision's. A deal with this CRM identity already there is left as it is. Emits the deal's id and
     * whether it was written now.
     */
    public Mono<Imported> importPast(PastDeal deal) {
        StageAt first = deal.stages().getFirst();
        StageAt current = deal.stages().getLast();
        Instant updated = deal.decidedAt() != null && deal.decidedAt().isAfter(current.at()) ? deal.decidedAt()
                : current.at();
        Mono<Long> owner = deal.owner() == null ? Mono.empty()
                : accounts.activeId(deal.owner().toLowerCase(Locale.ROOT));
        return owner.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()).flatMap(ownerId -> db.sql(
                        "insert into deal (crm, external_id, name, account_name, account_domain, stage_facet, stage, "
                                + "amount, currency, owner_id, close_date, outcome, decided_at, industry, personas, "
                                + "created_at, updated_at) values (:crm, :ext, :name, :account, :domain, :facet, :stage, "
                                + ":amount, :currency, :owner, :close, :outcome, :decided, :industry, :personas, "
                                + ":created, :updated) on conflict (crm, external_id) do nothing returning id")
                .bind("crm", deal.crm())
                .bind("ext", deal.externalId())
                .bind("name", deal.name())
                .bind("account", deal.accountName())
                .bind("domain", Parameter.fromOrEmpty(deal.accountDomain(), String.class))
                .bind("facet", current.stageFacet())
                .bind("stage", Parameter.fromOrEmpty(current.stage(), String.class))
                .bind("amount", Parameter.fromOrEmpty(deal.amount(), BigDecimal.class))
                .bind("currency", Parameter.fromOrEmpty(deal.currency(), String.class))
                .bind("owner", Parameter.fromOrEmpty(ownerId.orElse(null), Long.class))
                .bind("close", Parameter.fromOrEmpty(deal.closeDate(), LocalDate.class))
                .bind("outcome", deal.outcome().name())
                .bind("decided", Parameter.fromOrEmpty(deal.decidedAt() == null ? null
                        : deal.decidedAt().atOffset(ZoneOffset.UTC), java.time.OffsetDateTime.class))
                .bind("industry", Parameter.fromOrEmpty(deal.industry(), String.class))
                .bind("personas", deal.personas().toArray(String[]::new))
                .bind("created", first.at().atOffset(ZoneOffset.UTC))
                .bind("updated", updated.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("id", Long.class))
                .one())
                .flatMap(id -> Flux.fromIterable(deal.stages())
                        .concatMap(stage -> db.sql("insert into deal_stage_change (deal_id, stage_facet, stage, "
                                        + "changed_at) values (:deal, :facet, :stage, :at)")
                                .bind("deal", id)
                                .bind("facet", stage.stageFacet())
                                .bind("stage", Parameter.fromOrEmpty(stage.stage(), String.class))
                                .bind("at", stage.at().atOffset(ZoneOffset.UTC))
                                .then())
                        .then(Mono.just(new Imported(id, true))))
                .switchIfEmpty(Mono.defer(() -> db.sql("select id from deal where crm = :crm and external_id = :ext")
                        .bind("crm", deal.crm())
                        .bind("ext", deal.externalId())
                        .map(row -> new Imported(row.get("id", Long.class), false))
                        .one()));
    }

    /** The deal's id, and whether it was written now ({@code false}: it was there already). */
    public record Imported(long id, boolean created) {}
}
