package dev.baton.webapp.sharing;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which assets buyers have read through share links: a page of the asset's item read in a verified (human) visit.
 * The unused-content report reads it ("shared but never read by a buyer"); scanners and automated browsers do not
 * count.
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
}
