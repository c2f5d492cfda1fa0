package dev.baton.webapp.deals;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deals for other packages: what sharing, usage and reports need to know of a deal without reading the deal tables.
 * A rep works on their own deals; marketers and admins read every deal.
 */
@Component
public class DealDirectory {

    /** Whether a deal is still open or was won or lost. */
    public enum Outcome {
        OPEN,
        WON,
        LOST
    }

    /**
     * A deal as other packages see it.
     *
     * @param accountDomain the buyer's web domain (example.com), or {@code null} when unknown
     * @param ownerId the owning rep's account id, or {@code null} when the CRM names nobody Baton knows
     * @param stageFacet the taxonomy facet its stage is a value of ({@code buyer_stage} or {@code funnel_stage})
     * @param stage the stage's value key, or {@code null} when unknown
     */
    public record DealRef(
            long id,
            String crm,
            String externalId,
            String name,
            String accountName,
            String accountDomain,
            Long ownerId,
            String stageFacet,
            String stage,
            String industry,
            List<String> personas,
            Outcome outcome) {}

    private static final String SELECT = "select id, crm, external_id, name, account_name, account_domain, owner_id, "
            + "stage_facet, stage, industry, personas, outcome from deal ";

    private final DatabaseClient db;

    DealDirectory(DatabaseClient db) {
        this.db = db;
    }

    /** The deal with this id; empty when there is none. */
    public Mono<DealRef> find(long id) {
        return db.sql(SELECT + "where id = :id").bind("id", id).map(DealDirectory::ref).one();
    }

    /** The deal with this identity in its CRM ({@code crm} as Baton names it, e.g. {@code salesforce}); empty when none. */
    public Mono<DealRef> findByCrm(String crm, String externalId) {
        return db.sql(SELECT + "where crm = :crm and external_id = :externalId")
                .bind("crm", crm)
                .bind("externalId", externalId)
                .map(DealDirectory::ref)
                .one();
    }

    /**
     * The deal with this id if this user may work with it (a rep: their own deals; marketers and admins: any);
     * otherwise a not-found error, so a rep cannot learn which other deals exist.
     */
    public Mono<DealRef> findFor(BatonUser user, long id) {
        return find(id)
                .filter(deal -> mayRead(user, deal))
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No deal " + id + ".")));
    }

    /** The open deals this person owns, by name (what a rep may tie a link to, e.g. from a pack). */
    public reactor.core.publisher.Flux<DealRef> openOwnedBy(long ownerId) {
        return db.sql(SELECT + "where owner_id = :owner and outcome = 'OPEN' order by lower(name), id")
                .bind("owner", ownerId)
                .map(DealDirectory::ref)
                .all();
    }

    /** Whether this user may read this deal: its owner, or anyone who manages content (marketers, admins). */
    public static boolean mayRead(BatonUser user, DealRef deal) {
        return user.canManageContent() || (deal.ownerId() != null && deal.ownerId() == user.id());
    }

    /**
     * A deal as reports read it: its outcome, amount and times.
     *
     * @param createdAt when the deal began (its first stage; for a CRM's deal, when Baton first heard of it)
     * @param decidedAt when it was won or lost; {@code null} while open
     * @param amount the deal's amount, or {@code null} when unknown (then {@code currency} is too)
     */
    public record DealFacts(
            long id,
            Long ownerId,
            String stageFacet,
            String stage,
            Outcome outcome,
            java.math.BigDecimal amount,
            String currency,
            java.time.Instant createdAt,
            java.time.Instant decidedAt) {}

    /** For reports: every open deal, and every deal decided in {@code [decidedFrom, decidedTo)}, by id. */
    public reactor.core.publisher.Flux<DealFacts> forReports(java.time.Instant decidedFrom,
            java.time.Instant decidedTo) {
        return db.sql("select id, owner_id, stage_facet, stage, outcome, amount, currency, created_at, decided_at "
                        + "from deal where outcome = 'OPEN' or (decided_at >= :from and decided_at < :to) order by id")
                .bind("from", decidedFrom.atOffset(java.time.ZoneOffset.UTC))
                .bind("to", decidedTo.atOffset(java.time.ZoneOffset.UTC))
                .map(row -> {
                    java.time.OffsetDateTime decided = row.get("decided_at", java.time.OffsetDateTime.class);
                    return new DealFacts(row.get("id", Long.class), row.get("owner_id", Long.class),
                            row.get("stage_facet", String.class), row.get("stage", String.class),
                            Outcome.valueOf(row.get("outcome", String.class)),
                            row.get("amount", java.math.BigDecimal.class), row.get("currency", String.class),
                            row.get("created_at", java.time.OffsetDateTime.class).toInstant(),
                            decided == null ? null : decided.toInstant());
                })
                .all();
    }

    /**
     * Every stage each of these deals has been in and when it entered it, oldest first, by deal id (one query); a
     * deal without history is absent. What a deal's stage was at a moment: the last entry at or before it.
     */
    public Mono<java.util.Map<Long, List<DealHistory.StageAt>>> stageHistories(java.util.Collection<Long> dealIds) {
        Long[] ids = dealIds.stream().filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
        if (ids.length == 0) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql("select deal_id, stage_facet, stage, changed_at from deal_stage_change "
                        + "where deal_id = any(:ids) order by deal_id, changed_at, id")
                .bind("ids", ids)
                .map(row -> java.util.Map.entry(row.get("deal_id", Long.class), new DealHistory.StageAt(
                        row.get("stage_facet", String.class), row.get("stage", String.class),
                        row.get("changed_at", java.time.OffsetDateTime.class).toInstant())))
                .all()
                .collect(java.util.LinkedHashMap::new, (map, e) -> map
                        .computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
    }

    private static DealRef ref(io.r2dbc.spi.Readable row) {
        String[] personas = row.get("personas", String[].class);
        return new DealRef(
                row.get("id", Long.class),
                row.get("crm", String.class),
                row.get("external_id", String.class),
                row.get("name", String.class),
                row.get("account_name", String.class),
                row.get("account_domain", String.class),
                row.get("owner_id", Long.class),
                row.get("stage_facet", String.class),
                row.get("stage", String.class),
                row.get("industry", String.class),
                personas == null ? List.of() : List.of(personas),
                Outcome.valueOf(row.get("outcome", String.class)));
    }
}
