package dev.baton.webapp.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Appends security-relevant actions to the {@code audit_event} table (which refuses updates and deletes). */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final DatabaseClient db;

    AuditLog(DatabaseClient db) {
        this.db = db;
    }

    /** One audit record; {@code actor}, {@code target}, {@code detail} and {@code remoteAddr} may be null. */
    public Mono<Void> record(String actor, String action, String target, String detail, String remoteAddr) {
        log.info("audit: actor={} action={} target={} detail={}", oneLine(actor), action, oneLine(target),
                oneLine(detail));
        return db.sql("insert into audit_event (actor, action, target, detail, remote_addr) "
                        + "values (:actor, :action, :target, :detail, :remote)")
                .bind("action", action)
                .bind("actor", Parameter.fromOrEmpty(actor, String.class))
                .bind("target", Parameter.fromOrEmpty(target, String.class))
                .bind("detail", Parameter.fromOrEmpty(detail, String.class))
                .bind("remote", Parameter.fromOrEmpty(AuditAddresses.readable(remoteAddr), String.class))
                .then();
    }

    /** Log lines must not be forgeable: user-supplied text loses its line breaks and control characters. */
    private static String oneLine(String value) {
        return value == null ? null : value.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * Like {@link #record}, but runs to its end even if the request goes away; for records made outside a
     * transaction (sign-ins, denials), which must not be lost to a closed browser tab.
     */
    public Mono<Void> recordNow(String actor, String action, String target, String detail, String remoteAddr) {
        return Detached.uncancellable(record(actor, action, target, detail, remoteAddr));
    }

    /** The latest entries, newest first. */
    public Flux<Entry> latest(int limit) {
        return find(new Query(null, null, null, null, null, limit));
    }

    /**
     * The entries that match every filter of the query, newest first: by actor (the user name, in any case), action,
     * time (from inclusive, to exclusive), and only those older than the entry {@code before} (the next page).
     */
    public Flux<Entry> find(Query query) {
        StringBuilder where = new StringBuilder("where true");
        if (query.actor() != null) {
            where.append(" and lower(actor) = lower(:actor)");
        }
        if (query.action() != null) {
            where.append(" and action = :action");
        }
        if (query.from() != null) {
            where.append(" and occurred_at >= :from");
        }
        if (query.to() != null) {
            where.append(" and occurred_at < :to");
        }
        if (query.before() != null) {
            where.append(" and id < :before");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("select id, occurred_at, actor, action, target, detail, "
                        + "remote_addr from audit_event " + where + " order by id desc limit :limit")
                .bind("limit", query.limit());
        if (query.actor() != null) {
            spec = spec.bind("actor", query.actor());
        }
        if (query.action() != null) {
            spec = spec.bind("action", query.action());
        }
        if (query.from() != null) {
            spec = spec.bind("from", query.from().atOffset(java.time.ZoneOffset.UTC));
        }
        if (query.to() != null) {
            spec = spec.bind("to", query.to().atOffset(java.time.ZoneOffset.UTC));
        }
        if (query.before() != null) {
            spec = spec.bind("before", query.before());
        }
        return spec.map((row, meta) -> new Entry(
                        row.get("id", Long.class),
                        row.get("occurred_at", OffsetDateTime.class).toInstant(),
                        row.get("actor", String.class),
                        row.get("action", String.class),
                        row.get("target", String.class),
                        row.get("detail", String.class),
                        AuditAddresses.readable(row.get("remote_addr", String.class))))
                .all();
    }

    /** Every action the log holds, in alphabetical order (for a filter's choices). */
    public Flux<String> actions() {
        return db.sql("select distinct action from audit_event order by action")
                .map(row -> row.get("action", String.class))
                .all();
    }

    /**
     * What to find; a null filter matches everything.
     *
     * @param before only entries with a smaller id (older), for the next page
     * @param limit at most this many
     */
    public record Query(String actor, String action, Instant from, Instant to, Long before, int limit) {

        public Query {
            actor = actor == null || actor.isBlank() ? null : actor.strip();
            action = action == null || action.isBlank() ? null : action.strip();
            if (from != null && to != null && !from.isBefore(to)) {
                throw new BatonException.InvalidInput("to", "must be after from");
            }
        }
    }

    /** One audit record as read back. */
    public record Entry(
            long id, Instant occurredAt, String actor, String action, String target, String detail, String remoteAddr) {}
}
