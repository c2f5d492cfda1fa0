package dev.baton.webapp.sharing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which assets were shared for which deals, and when: what reports read of share links (influence on deals,
 * stage-fit drift) without reading this package's tables. Withdrawn (revoked) links count: the asset was shared.
 */
@Component
public class DealShares {

    /** One asset of one link made for a deal, with the link's owner and when it was made. */
    public record DealShare(long shareId, long dealId, UUID assetId, long ownerId, Instant sharedAt) {}

    private static final String SELECT = "select s.id, s.deal_id, i.asset_id, s.owner_id, s.created_at from share s "
            + "join share_item i on i.share_id = s.id ";

    private final DatabaseClient db;

    DealShares(DatabaseClient db) {
        this.db = db;
    }

    /** The assets shared for these deals, oldest first (one query). */
    public Mono<List<DealShare>> forDeals(Collection<Long> dealIds) {
        if (dealIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql(SELECT + "where s.deal_id = any(:deals) order by s.created_at, s.id, i.position")
                .bind("deals", dealIds.stream().distinct().toArray(Long[]::new))
                .map(DealShares::row)
                .all()
                .collectList();
    }

    /** Every asset shared for any deal since {@code since}, oldest first. */
    public Mono<List<DealShare>> since(Instant since) {
        return db.sql(SELECT + "where s.deal_id is not null and s.created_at >= :since "
                        + "order by s.created_at, s.id, i.position")
                .bind("since", since.atOffset(java.time.ZoneOffset.UTC))
                .map(DealShares::row)
                .all()
                .collectList();
    }

    private static DealShare row(io.r2dbc.spi.Readable row) {
        return new DealShare(row.get("id", Long.class), row.get("deal_id", Long.class),
                row.get("asset_id", UUID.class), row.get("owner_id", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
