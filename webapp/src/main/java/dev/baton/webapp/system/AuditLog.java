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
                .bind("remote", Parameter.fromOrEmpty(remoteAddr, String.class))
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
        return db.sql("select occurred_at, actor, action, target, detail, remote_addr from audit_event "
                        + "order by id desc limit :limit")
                .bind("limit", limit)
                .map((row, meta) -> new Entry(
                        row.get("occurred_at", OffsetDateTime.class).toInstant(),
                        row.get("actor", String.class),
                        row.get("action", String.class),
                        row.get("target", String.class),
                        row.get("detail", String.class),
                        row.get("remote_addr", String.class)))
                .all();
    }

    /** One audit record as read back. */
    public record Entry(
            Instant occurredAt, String actor, String action, String target, String detail, String remoteAddr) {}
}
