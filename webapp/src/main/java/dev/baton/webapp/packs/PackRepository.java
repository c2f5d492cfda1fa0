package dev.baton.webapp.packs;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for packs, their published versions, readers, progress and quiz attempts. JSON goes in and out as text. */
@Repository
class PackRepository {

    private final DatabaseClient db;

    PackRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A pack's row: its draft (JSON, or null) and which version is current (null: never published). */
    record PackRow(long id, String title, String status, String draft, Integer currentVersion, long createdBy,
            Instant createdAt, Instant updatedAt, Instant retiredAt) {}

    /** A published version: its content (JSON) and who published it when. */
    record VersionRow(long packId, int version, String content, long publishedBy, Instant publishedAt) {}

    /** Which versions of a pack a person opened: the latest and the one before. */
    record ReaderRow(long packId, long accountId, int seenVersion, Integer previousVersion, Instant lastOpenedAt) {}

    /** What a person did with one item: the version they opened it in and acknowledged it in. */
    record ProgressRow(long packId, long accountId, String itemKey, int openedVersion, Instant openedAt,
            Integer acknowledgedVersion, Instant acknowledgedAt) {}

    /** One quiz attempt; {@code answers} is JSON. */
    record AttemptRow(long id, long packId, long accountId, int version, int correct, int total, int score,
            boolean passed, String answers, Instant submittedAt) {}

    private static final String PACK = "select id, title, status, draft::text as draft, current_version, created_by, "
            + "created_at, updated_at, retired_at from pack ";

    Mono<Long> insert(String title, String draft, long createdBy, Instant now) {
        return db.sql("insert into pack (title, draft, created_by, created_at, updated_at) "
                        + "values (:title, :draft::jsonb, :by, :now, :now) returning id")
                .bind("title", title)
                .bind("draft", draft)
                .bind("by", createdBy)
                .bind("now", at(now))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    Mono<PackRow> find(long id) {
        return db.sql(PACK + "where id = :id").bind("id", id).map(PackRepository::pack).one();
    }

    /** The pack's row, locked until the transaction ends (publishing, saving a draft). */
    Mono<PackRow> lock(long id) {
        return db.sql(PACK + "where id = :id for update").bind("id", id).map(PackRepository::pack).one();
    }

    Flux<PackRow> all() {
        return db.sql(PACK + "order by updated_at desc, id desc").map(PackRepository::pack).all();
    }

    Mono<Void> saveDraft(long id, String title, String draft, Instant now) {
        return db.sql("update pack set title = :title, draft = :draft::jsonb, updated_at = :now where id = :id")
                .bind("id", id)
                .bind("title", title)
                .bind("draft", draft)
                .bind("now", at(now))
                .then();
    }

    Mono<Void> discardDraft(long id, Instant now) {
        return db.sql("update pack set draft = null, updated_at = :now where id = :id")
                .bind("id", id).bind("now", at(now)).then();
    }

    Mono<Void> publish(long id, int version, String title, String content, long by, Instant now) {
        return db.sql("insert into pack_version (pack_id, version, content, published_by, published_at) "
                        + "values (:id, :version, :content::jsonb, :by, :now)")
                .bind("id", id)
                .bind("version", version)
                .bind("content", content)
                .bind("by", by)
                .bind("now", at(now))
                .then()
                .then(db.sql("update pack set title = :title, status = 'PUBLISHED', current_version = :version, "
                                + "draft = null, updated_at = :now where id = :id")
                        .bind("id", id)
                        .bind("title", title)
                        .bind("version", version)
                        .bind("now", at(now))
                        .then());
    }

    Mono<Void> retire(long id, Instant now) {
        return db.sql("update pack set status = 'RETIRED', draft = null, retired_at = :now, updated_at = :now "
                        + "where id = :id")
                .bind("id", id).bind("now", at(now)).then();
    }

    Mono<VersionRow> version(long id, int version) {
        return db.sql("select pack_id, version, content::text as content, published_by, published_at "
                        + "from pack_version where pack_id = :id and version = :version")
                .bind("id", id)
                .bind("version", version)
                .map(PackRepository::version)
                .one();
    }

    /** Every version of a pack, the newest first, without content. */
    Flux<VersionRow> versions(long id) {
        return db.sql("select pack_id, version, null as content, published_by, published_at from pack_version "
                        + "where pack_id = :id order by version desc")
                .bind("id", id)
                .map(PackRepository::version)
                .all();
    }

    /** The current version of every published pack (not retired ones, not drafts). */
    Flux<VersionRow> currentVersions() {
        return db.sql("select v.pack_id, v.version, v.content::text as content, v.published_by, v.published_at "
                        + "from pack p join pack_version v on v.pack_id = p.id and v.version = p.current_version "
                        + "where p.status = 'PUBLISHED' order by v.published_at desc, v.pack_id desc")
                .map(PackRepository::version)
                .all();
    }

    /**
     * Records that a person opened this version of a pack: the version they had seen before becomes the previous one
     * when this one is newer, so "what changed" stays until the next version.
     */
    Mono<ReaderRow> read(long packId, long accountId, int version, Instant now) {
        return db.sql("insert into pack_reader (pack_id, account_id, seen_version, previous_version, "
                        + "first_opened_at, last_opened_at) values (:pack, :account, :version, null, :now, :now) "
                        + "on conflict (pack_id, account_id) do update set "
                        + "previous_version = case when pack_reader.seen_version < excluded.seen_version "
                        + "then pack_reader.seen_version else pack_reader.previous_version end, "
                        + "seen_version = greatest(pack_reader.seen_version, excluded.seen_version), "
                        + "last_opened_at = excluded.last_opened_at "
                        + "returning pack_id, account_id, seen_version, previous_version, last_opened_at")
                .bind("pack", packId)
                .bind("account", accountId)
                .bind("version", version)
                .bind("now", at(now))
                .map(PackRepository::reader)
                .one();
    }

    Flux<ReaderRow> readers(long packId) {
        return db.sql("select pack_id, account_id, seen_version, previous_version, last_opened_at from pack_reader "
                        + "where pack_id = :pack")
                .bind("pack", packId)
                .map(PackRepository::reader)
                .all();
    }

    Flux<ReaderRow> readersOf(long accountId) {
        return db.sql("select pack_id, account_id, seen_version, previous_version, last_opened_at from pack_reader "
                        + "where account_id = :account")
                .bind("account", accountId)
                .map(PackRepository::reader)
                .all();
    }

    /** When each person first opened a pack, by account id (the packs funnel dates a completion without steps). */
    Mono<java.util.Map<Long, Instant>> firstOpened(long packId) {
        return db.sql("select account_id, first_opened_at from pack_reader where pack_id = :pack")
                .bind("pack", packId)
                .map(row -> java.util.Map.entry(row.get("account_id", Long.class), instant(row, "first_opened_at")))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    /** Records an opening of an item in this version (the newest version opened is kept). */
    Mono<Void> open(long packId, long accountId, String key, int version, Instant now) {
        return db.sql("insert into pack_item_progress (pack_id, account_id, item_key, opened_version, opened_at) "
                        + "values (:pack, :account, :key, :version, :now) on conflict (pack_id, account_id, item_key) "
                        + "do update set opened_version = greatest(pack_item_progress.opened_version, "
                        + "excluded.opened_version), opened_at = excluded.opened_at")
                .bind("pack", packId)
                .bind("account", accountId)
                .bind("key", key)
                .bind("version", version)
                .bind("now", at(now))
                .then();
    }

    /** Records an acknowledgement of an item opened before; emits how many rows it changed (0: never opened). */
    Mono<Long> acknowledge(long packId, long accountId, String key, int version, Instant now) {
        return db.sql("update pack_item_progress set acknowledged_version = :version, acknowledged_at = :now "
                        + "where pack_id = :pack and account_id = :account and item_key = :key")
                .bind("pack", packId)
                .bind("account", accountId)
                .bind("key", key)
                .bind("version", version)
                .bind("now", at(now))
                .fetch()
                .rowsUpdated();
    }

    Flux<ProgressRow> progress(long packId) {
        return db.sql("select * from pack_item_progress where pack_id = :pack")
                .bind("pack", packId)
                .map(PackRepository::progressRow)
                .all();
    }

    Flux<ProgressRow> progressOf(long accountId) {
        return db.sql("select * from pack_item_progress where account_id = :account")
                .bind("account", accountId)
                .map(PackRepository::progressRow)
                .all();
    }

    Mono<Long> insertAttempt(long packId, long accountId, int version, int correct, int total, int score,
            boolean passed, String answers, Instant now) {
        return db.sql("insert into pack_quiz_attempt (pack_id, account_id, version, correct, total, score, passed, "
                        + "answers, submitted_at) values (:pack, :account, :version, :correct, :total, :score, "
                        + ":passed, :answers::jsonb, :now) returning id")
                .bind("pack", packId)
                .bind("account", accountId)
                .bind("version", version)
                .bind("correct", correct)
                .bind("total", total)
                .bind("score", score)
                .bind("passed", passed)
                .bind("answers", answers)
                .bind("now", at(now))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /** A pack's attempts, oldest first. */
    Flux<AttemptRow> attempts(long packId) {
        return db.sql("select id, pack_id, account_id, version, correct, total, score, passed, answers::text "
                        + "as answers, submitted_at from pack_quiz_attempt where pack_id = :pack order by id")
                .bind("pack", packId)
                .map(PackRepository::attempt)
                .all();
    }

    /** One person's attempts at these packs, oldest first. */
    Flux<AttemptRow> attemptsOf(long accountId, Collection<Long> packIds) {
        return db.sql("select id, pack_id, account_id, version, correct, total, score, passed, answers::text "
                        + "as answers, submitted_at from pack_quiz_attempt where account_id = :account "
                        + "and pack_id = any(:packs) order by id")
                .bind("account", accountId)
                .bind("packs", packIds.toArray(Long[]::new))
                .map(PackRepository::attempt)
                .all();
    }

    private static PackRow pack(Readable row) {
        return new PackRow(row.get("id", Long.class), row.get("title", String.class), row.get("status", String.class),
                row.get("draft", String.class), row.get("current_version", Integer.class),
                row.get("created_by", Long.class), instant(row, "created_at"), instant(row, "updated_at"),
                instant(row, "retired_at"));
    }

    private static VersionRow version(Readable row) {
        return new VersionRow(row.get("pack_id", Long.class), row.get("version", Integer.class),
                row.get("content", String.class), row.get("published_by", Long.class),
                instant(row, "published_at"));
    }

    private static ReaderRow reader(Readable row) {
        return new ReaderRow(row.get("pack_id", Long.class), row.get("account_id", Long.class),
                row.get("seen_version", Integer.class), row.get("previous_version", Integer.class),
                instant(row, "last_opened_at"));
    }

    private static ProgressRow progressRow(Readable row) {
        return new ProgressRow(row.get("pack_id", Long.class), row.get("account_id", Long.class),
                row.get("item_key", String.class), row.get("opened_version", Integer.class),
                instant(row, "opened_at"), row.get("acknowledged_version", Integer.class),
                instant(row, "acknowledged_at"));
    }

    private static AttemptRow attempt(Readable row) {
        return new AttemptRow(row.get("id", Long.class), row.get("pack_id", Long.class),
                row.get("account_id", Long.class), row.get("version", Integer.class),
                row.get("correct", Integer.class), row.get("total", Integer.class), row.get("score", Integer.class),
                row.get("passed", Boolean.class), row.get("answers", String.class), instant(row, "submitted_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
