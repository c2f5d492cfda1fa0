package dev.baton.webapp.search;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which assets searches showed people: on the first page of a search's results or among a suggestion list's titles
 * ({@code search_surfaced}, a row per asset and day written with the search log). The unused-content report reads it
 * ("never surfaced").
 */
@Component
public class SurfacedAssets {

    private final DatabaseClient db;

    SurfacedAssets(DatabaseClient db) {
        this.db = db;
    }

    /** The assets shown from {@code from} to {@code to} (UTC days, both included). */
    public Mono<Set<UUID>> between(LocalDate from, LocalDate to) {
        return db.sql("select distinct asset_id from search_surfaced where day between :from and :to")
                .bind("from", from)
                .bind("to", to)
                .map(row -> row.get("asset_id", UUID.class))
                .all()
                .collect(Collectors.toSet());
    }
}
