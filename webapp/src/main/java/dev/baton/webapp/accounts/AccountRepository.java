package dev.baton.webapp.accounts;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for accounts and API tokens. */
@Repository
class AccountRepository {

    private static final String ACCOUNT_COLUMNS =
            "id, username, display_name, role, enabled, created_at, password_must_change";

    private final DatabaseClient db;

    AccountRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Long> count() {
        return db.sql("select count(*) from account").map(row -> row.get(0, Long.class)).one();
    }

    Flux<Account> findAll() {
        return db.sql("select " + ACCOUNT_COLUMNS + " from account order by username")
                .map(AccountRepository::account)
                .all();
    }

    Mono<Account> findById(long id) {
        return db.sql("select " + ACCOUNT_COLUMNS + " from account where id = :id")
                .bind("id", id)
                .map(AccountRepository::account)
                .one();
    }

    /** The people with these ids ({@link AccountDirectory}). */
    Flux<Person> people(Long[] ids) {
        return db.sql("select id, username, display_name from account where id = any(:ids)")
                .bind("ids", ids)
                .map(AccountRepository::person)
                .all();
    }

    Flux<Person> allPeople() {
        return db.sql("select id, username, display_name from account").map(AccountRepository::person).all();
    }

    Mono<Long> activeId(String username) {
        return db.sql("select id from account where username = :name and enabled")
                .bind("name", username)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** The ids of the enabled accounts with one of these roles ({@link AccountDirectory#activeIdsIncluding}). */
    Flux<Long> activeIdsWithRoles(String[] roles) {
        return db.sql("select id from account where enabled and role = any(:roles) order by id")
                .bind("roles", roles)
                .map(row -> row.get(0, Long.class))
                .all();
    }

    /** The role of every enabled account, by id ({@link AccountDirectory#activeRoles}). */
    Mono<java.util.Map<Long, Role>> activeRoles() {
        return db.sql("select id, role from account where enabled")
                .map(row -> java.util.Map.entry(row.get("id", Long.class), Role.valueOf(row.get("role", String.class))))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    private static Person person(Readable row) {
        return new Person(row.get("id", Long.class), row.get("username", String.class),
                row.get("display_name", String.class));
    }

    Mono<BatonUser> findUser(String username) {
        return db.sql("select id, username, display_name, role, enabled, password_hash, password_must_change "
                        + "from account where username = :username")
                .bind("username", username)
                .map(row -> new BatonUser(
                        row.get("id", Long.class),
                        row.get("username", String.class),
                        row.get("display_name", String.class),
                        Role.valueOf(row.get("role", String.class)),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                        row.get("password_hash", String.class),
                        Boolean.TRUE.equals(row.get("password_must_change", Boolean.class))))
                .one();
    }

    Mono<Account> insert(String username, String displayName, String passwordHash, Role role) {
        return db.sql("insert into account (username, display_name, password_hash, role) "
                        + "values (:username, :displayName, :hash, :role) returning " + ACCOUNT_COLUMNS)
                .bind("username", username)
                .bind("displayName", displayName)
                .bind("hash", passwordHash)
                .bind("role", role.name())
                .map(AccountRepository::account)
                .one();
    }

    Mono<Account> update(long id, String displayName, Role role, boolean enabled) {
        return db.sql("update account set display_name = :displayName, role = :role, enabled = :enabled, "
                        + "updated_at = now() where id = :id returning " + ACCOUNT_COLUMNS)
                .bind("id", id)
                .bind("displayName", displayName)
                .bind("role", role.name())
                .bind("enabled", enabled)
                .map(AccountRepository::account)
                .one();
    }

    Mono<Long> updatePassword(String username, String passwordHash) {
        return db.sql("update account set password_hash = :hash, updated_at = now() where username = :username")
                .bind("username", username)
                .bind("hash", passwordHash)
                .fetch()
                .rowsUpdated();
    }

    /** A new password hash, and whether it is a temporary one its user must replace at the next sign-in. */
    Mono<Long> updatePassword(String username, String passwordHash, boolean mustChange) {
        return db.sql("update account set password_hash = :hash, password_must_change = :mustChange, "
                        + "updated_at = now() where username = :username")
                .bind("username", username)
                .bind("hash", passwordHash)
                .bind("mustChange", mustChange)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> countEnabledAdmins() {
        return db.sql("select count(*) from account where role = 'ADMIN' and enabled")
                .map(row -> row.get(0, Long.class))
                .one();
    }

    // --- API tokens

    Mono<ApiToken> insertToken(long accountId, String name, byte[] hash, String prefix, String createdBy) {
        return db.sql("with t as (insert into api_token (account_id, name, token_hash, token_prefix, created_by) "
                        + "values (:account, :name, :hash, :prefix, :by) returning *) "
                        + "select t.*, a.username from t join account a on a.id = t.account_id")
                .bind("account", accountId)
                .bind("name", name)
                .bind("hash", hash)
                .bind("prefix", prefix)
                .bind("by", createdBy)
                .map(AccountRepository::token)
                .one();
    }

    Flux<ApiToken> findTokens() {
        return db.sql("select t.*, a.username from api_token t join account a on a.id = t.account_id "
                        + "order by t.revoked_at is not null, t.created_at desc")
                .map(AccountRepository::token)
                .all();
    }

    Mono<ApiToken> findToken(long id) {
        return db.sql("select t.*, a.username from api_token t join account a on a.id = t.account_id "
                        + "where t.id = :id")
                .bind("id", id)
                .map(AccountRepository::token)
                .one();
    }

    Mono<Long> revokeToken(long id) {
        return db.sql("update api_token set revoked_at = now() where id = :id and revoked_at is null")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    /**
     * The enabled account behind an unrevoked token, marking the token used. The mark is to the minute: a token used
     * again within a minute of its mark writes nothing, so a script's stream of requests costs no write (and no WAL
     * flush at commit) per request.
     */
    Mono<BatonUser> useToken(byte[] hash) {
        return db.sql("with t as (select t.id as token_id, a.id, a.username, a.display_name, a.role, a.enabled "
                        + "from api_token t join account a on a.id = t.account_id "
                        + "where t.token_hash = :hash and t.revoked_at is null), "
                        + "touched as (update api_token set last_used_at = now() "
                        + "where id in (select token_id from t) "
                        + "and (last_used_at is null or last_used_at < now() - interval '1 minute')) "
                        + "select id, username, display_name, role, enabled from t")
                .bind("hash", hash)
                .map(row -> new BatonUser(
                        row.get("id", Long.class),
                        row.get("username", String.class),
                        row.get("display_name", String.class),
                        Role.valueOf(row.get("role", String.class)),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                        null))
                .one();
    }

    private static Account account(Readable row) {
        return new Account(
                row.get("id", Long.class),
                row.get("username", String.class),
                row.get("display_name", String.class),
                Role.valueOf(row.get("role", String.class)),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                instant(row, "created_at"),
                Boolean.TRUE.equals(row.get("password_must_change", Boolean.class)));
    }

    private static ApiToken token(Readable row) {
        return new ApiToken(
                row.get("id", Long.class),
                row.get("name", String.class),
                row.get("username", String.class),
                row.get("token_prefix", String.class),
                instant(row, "created_at"),
                row.get("created_by", String.class),
                instant(row, "last_used_at"),
                instant(row, "revoked_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
