package dev.baton.webapp.reports;

import dev.baton.webapp.system.AuditLog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The reports' settings admins change, kept in {@code report_setting}. Today one: whether reports hide rep names
 * (figures by team only, as works councils require); off by default.
 */
@Component
public class ReportSettings {

    static final String HIDE_REP_NAMES = "hide_rep_names";

    private final DatabaseClient db;
    private final AuditLog audit;

    ReportSettings(DatabaseClient db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Whether reports hide rep names. */
    public Mono<Boolean> hideRepNames() {
        return db.sql("select value from report_setting where key = :key")
                .bind("key", HIDE_REP_NAMES)
                .map(row -> "true".equals(row.get("value", String.class)))
                .one()
                .defaultIfEmpty(false);
    }

    /** Sets whether reports hide rep names, with an audit record. */
    Mono<Boolean> setHideRepNames(boolean hide, String actor, String remoteAddr) {
        return db.sql("insert into report_setting (key, value, updated_by) values (:key, :value, :actor) "
                        + "on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, "
                        + "updated_at = now()")
                .bind("key", HIDE_REP_NAMES)
                .bind("value", Boolean.toString(hide))
                .bind("actor", actor)
                .then()
                .then(audit.record(actor, "reports.settings", HIDE_REP_NAMES, Boolean.toString(hide), remoteAddr))
                .thenReturn(hide);
    }
}
