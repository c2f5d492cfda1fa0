package dev.baton.webapp.sharing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which assets buyers have read through share links: a page of the asset's item read in a verified (human) visit.
 * The unused-content report reads it ("shared but never read by a buyer"); scanners and automated browsers do not
 * count. The joint scorecard reads how many links were made and how many of them buyers opened ({@link #linksMade}).
 */
@Component
public class BuyerReads {

    private final DatabaseClient db;

    BuyerReads(DatabaseClient db) {
        this.db = db;
    }

    /** Every asset a buyer has read a page of in a verified visit, ever. */
    public Mono<Set<UUID>> assetsRead() {
        return db.sql("select distinct i.asset_id from share_visit v "
                        + "join share_visit_page p on p.visit_id = v.id "
                        + "join share_item i on i.share_id = v.share_id and i.position = p.position "
                        + "where v.verified_at is not null and v.bot_reason is null")
                .map(row -> row.get("asset_id", UUID.class))
                .all()
                .collect(Collectors.toSet());
    }

    /**
     * A link a rep made and when a buyer first opened it in a verified (human) visit ({@code null}: never; visits by
     * link scanners, crawlers and automated browsers do not count).
     */
    public record LinkVisited(long shareId, long ownerId, Long dealId, Instant createdAt, Instant firstVerifiedAt) {}

    /**
     * The links these people made from {@code since} holding any of these assets, oldest first, each with its deal
     * and its first verified visit (one query; revoked and expired links count: they were made). The packs funnel
     * reads it.
     */
    public Mono<List<LinkVisited>> linksHolding(Collection<Long> ownerIds, Collection<UUID> assetIds, Instant since) {
        if (ownerIds.isEmpty() || assetIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select s.id, s.owner_id, s.deal_id, s.created_at, (select min(v.verified_at) "
                        + "from share_visit v where v.share_id = s.id and v.verified_at is not null "
                        + "and v.bot_reason is null) as verified_at from share s "
                        + "where s.owner_id = any(:owners) and s.created_at >= :since and exists (select 1 "
                        + "from share_item i where i.share_id = s.id and i.asset_id = any(:assets)) "
                        + "order by s.created_at, s.id")
                .bind("owners", ownerIds.stream().distinct().toArray(Long[]::new))
                .bind("assets", assetIds.stream().distinct().toArray(UUID[]::new))
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map(row -> {
                    OffsetDateTime verified = row.get("verified_at", OffsetDateTime.class);
                    return new LinkVisited(row.get("id", Long.class), row.get("owner_id", Long.class),
                            row.get("deal_id", Long.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                            verified == null ? null : verified.toInstant());
                })
                .all()
                .collectList();
    }

    /**
     * Links made by one person in one period, and how many of them a buyer has opened in a verified (human) visit
     * since (withdrawn links count: they were made).
     *
     * @param period the period the link was made in: 1 for {@code bounds[0]} up to {@code bounds[1]}, and so on
     */
    public record LinksMade(int period, long ownerId, long links, long visited) {}

    /**
     * The links made from {@code bounds[0]} up to (not including) the last bound, by period and owner (one query);
     * a period or owner without links is absent.
     */
    public Mono<List<LinksMade>> linksMade(List<Instant> bounds) {
        if (bounds.size() < 2) {
            return Mono.just(List.of());
        }
        return db.sql("select width_bucket(created_at, :bounds::timestamptz[]) as period, owner_id, "
                        + "count(*) as links, count(first_viewed_at) as visited from share "
                        + "where created_at >= :from and created_at < :to group by 1, 2")
                .bind("bounds", bounds.stream().map(Instant::toString).toArray(String[]::new))
                .bind("from", bounds.getFirst().atOffset(ZoneOffset.UTC))
                .bind("to", bounds.getLast().atOffset(ZoneOffset.UTC))
                .map(row -> new LinksMade(row.get("period", Integer.class), row.get("owner_id", Long.class),
                        row.get("links", Long.class), row.get("visited", Long.class)))
                .all()
                .collectList();
    }
}
