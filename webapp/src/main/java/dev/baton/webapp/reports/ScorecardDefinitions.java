package dev.baton.webapp.reports;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The written definition of each figure of the joint scorecard ({@code scorecard_definition}, seeded by V25): both
 * teams read them beside the figures; admins edit them as they edit the taxonomy's definitions, each change audited.
 */
@Component
class ScorecardDefinitions {

    static final int MAX_LENGTH = 2000;

    /** A figure's definition, who changed it last and when ({@code baton}: the default). */
    record Definition(String key, String text, String updatedBy, Instant updatedAt) {}

    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    ScorecardDefinitions(DatabaseClient db, AuditLog audit, TransactionalOperator tx) {
        this.db = db;
        this.audit = audit;
        this.tx = tx;
    }

    /** Every definition by figure key, in the scorecard's order. */
    Mono<Map<String, Definition>> all() {
        return db.sql("select key, definition, updated_by, updated_at from scorecard_definition order by position")
                .map(row -> new Definition(row.get("key", String.class), row.get("definition", String.class),
                        row.get("updated_by", String.class), row.get("updated_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectMap(Definition::key, d -> d, LinkedHashMap::new);
    }

    /**
     * Replaces a figure's definition, with an audit record in the same transaction. An unknown figure is a 404; a
     * blank or too long definition a 400 that says so.
     */
    Mono<Definition> change(String key, String text, String actor, String remoteAddr) {
        if (!ScorecardReport.FIGURES.containsKey(key)) {
            return Mono.error(new BatonException.NotFound("No scorecard figure " + key));
        }
        String definition = text == null ? "" : text.strip();
        if (definition.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("definition", "must not be blank"));
        }
        if (definition.length() > MAX_LENGTH) {
            return Mono.error(new BatonException.InvalidInput("definition", "use at most " + MAX_LENGTH
                    + " characters"));
        }
        return db.sql("update scorecard_definition set definition = :definition, updated_by = :actor, "
                        + "updated_at = now() where key = :key returning key, definition, updated_by, updated_at")
                .bind("definition", definition)
                .bind("actor", actor)
                .bind("key", key)
                .map(row -> new Definition(row.get("key", String.class), row.get("definition", String.class),
                        row.get("updated_by", String.class), row.get("updated_at", OffsetDateTime.class).toInstant()))
                .one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No scorecard figure " + key)))
                .flatMap(d -> audit.record(actor, "reports.scorecard-definition", key, definition, remoteAddr)
                        .thenReturn(d))
                .as(tx::transactional);
    }
}
