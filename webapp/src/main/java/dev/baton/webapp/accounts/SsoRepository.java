package dev.baton.webapp.accounts;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for single sign-on: the role mapping, its settings, and accounts linked to the identity provider. */
@Repository
class SsoRepository {

    /** The password hash of an account that signs in only through the identity provider: no encoder accepts it. */
    static final String NO_PASSWORD = "{sso}";

    private final DatabaseClient db;

    SsoRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<SsoService.RoleMapping> mappings() {
        return db.sql("select claim_value, role from sso_role_mapping order by claim_value")
                .map(row -> new SsoService.RoleMapping(row.get("claim_value", String.class),
                        Role.valueOf(row.get("role", String.class))))
                .all();
    }

    Mono<Void> putMapping(String claimValue, Role role) {
        return db.sql("insert into sso_role_mapping (claim_value, role) values (:value, :role) "
                        + "on conflict (claim_value) do update set role = excluded.role")
                .bind("value", claimValue)
                .bind("role", role.name())
                .then();
    }

    Mono<Long> deleteMapping(String claimValue) {
        return db.sql("delete from sso_role_mapping where claim_value = :value")
                .bind("value", claimValue)
                .fetch()
                .rowsUpdated();
    }

    Mono<SsoService.Settings> settings() {
        return db.sql("select local_sign_in, default_role from sso_settings")
                .map(row -> {
                    String role = row.get("default_role", String.class);
                    return new SsoService.Settings("ADMINS".equals(row.get("local_sign_in", String.class)),
                            role == null ? null : Role.valueOf(role));
                })
                .one()
                .defaultIfEmpty(new SsoService.Settings(false, Role.REP));
    }

    Mono<Void> saveSettings(SsoService.Settings settings) {
        DatabaseClient.GenericExecuteSpec update = db.sql("update sso_settings set local_sign_in = :local, "
                        + "default_role = :role, updated_at = now()")
                .bind("local", settings.localAdminsOnly() ? "ADMINS" : "ALL");
        update = settings.defaultRole() == null
                ? update.bindNull("role", String.class)
                : update.bind("role", settings.defaultRole().name());
        return update.then();
    }

    /** The account linked to this subject at this issuer. */
    Mono<Long> linkedAccount(String issuer, String subject) {
        return db.sql("select id from account where oidc_issuer = :issuer and oidc_subject = :subject")
                .bind("issuer", issuer)
                .bind("subject", subject)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    Mono<Boolean> usernameTaken(String username) {
        return db.sql("select count(*) from account where username = :username")
                .bind("username", username)
                .map(row -> row.get(0, Long.class) > 0)
                .one();
    }

    Mono<Long> insertLinked(String username, String displayName, Role role, String issuer, String subject) {
        return db.sql("insert into account (username, display_name, password_hash, role, oidc_issuer, oidc_subject) "
                        + "values (:username, :displayName, :hash, :role, :issuer, :subject) returning id")
                .bind("username", username)
                .bind("displayName", displayName)
                .bind("hash", NO_PASSWORD)
                .bind("role", role.name())
                .bind("issuer", issuer)
                .bind("subject", subject)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** The provider's current name and role for a linked account; writes nothing when neither changed. */
    Mono<Void> refreshLinked(long id, String displayName, Role role) {
        return db.sql("update account set display_name = :displayName, role = :role, updated_at = now() "
                        + "where id = :id and (display_name <> :displayName or role <> :role)")
                .bind("id", id)
                .bind("displayName", displayName)
                .bind("role", role.name())
                .then();
    }
}
