package dev.baton.webapp.search;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * "Ask marketing for this content": a rep whose search found nothing says what they looked for; marketers see the
 * open requests and mark them done. Later reports read them with the searches that found nothing.
 */
@Service
class ContentRequests {

    static final int MAX_NOTE = 2000;

    private final DatabaseClient db;
    private final AccountDirectory accounts;

    ContentRequests(DatabaseClient db, AccountDirectory accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    /** A request as marketers see it. */
    record ContentRequest(long id, Instant createdAt, String requestedBy, String query, String filters, String note,
            String status) {}

    /** What a rep sends: the search that found nothing and an optional note. */
    record NewRequest(String query, String filters, String note) {}

    Mono<ContentRequest> create(NewRequest request, BatonUser user) {
        String query = request == null || request.query() == null ? "" : request.query().strip();
        String filters = request == null || request.filters() == null ? "" : request.filters().strip();
        String note = request == null || request.note() == null ? "" : request.note().strip();
        if (query.isEmpty() && filters.isEmpty() && note.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("note", "say what content you need"));
        }
        if (query.length() > SearchCriteria.MAX_QUERY) {
            return Mono.error(new BatonException.InvalidInput("query", "use at most " + SearchCriteria.MAX_QUERY
                    + " characters"));
        }
        if (filters.length() > 4000) {
            return Mono.error(new BatonException.InvalidInput("filters", "use at most 4000 characters"));
        }
        if (note.length() > MAX_NOTE) {
            return Mono.error(new BatonException.InvalidInput("note", "use at most " + MAX_NOTE + " characters"));
        }
        return db.sql("insert into content_request (account_id, query, filters, note) "
                        + "values (:account, :query, :filters, :note) returning id, created_at")
                .bind("account", user.id())
                .bind("query", query)
                .bind("filters", filters)
                .bind("note", note)
                .map(row -> new ContentRequest(row.get("id", Long.class),
                        row.get("created_at", OffsetDateTime.class).toInstant(), user.getUsername(), query, filters,
                        note, "OPEN"))
                .one();
    }

    /** Requests, newest first; open ones only unless {@code all}. */
    Flux<ContentRequest> list(boolean all, int limit) {
        return db.sql("select r.id, r.created_at, r.account_id, r.query, r.filters, r.note, r.status "
                        + "from content_request r "
                        + (all ? "" : "where r.status = 'OPEN' ") + "order by r.created_at desc, r.id desc "
                        + "limit :limit")
                .bind("limit", limit)
                .map(row -> Map.entry(row.get("account_id", Long.class), new ContentRequest(row.get("id", Long.class),
                        row.get("created_at", OffsetDateTime.class).toInstant(), null,
                        row.get("query", String.class), row.get("filters", String.class),
                        row.get("note", String.class), row.get("status", String.class))))
                .all()
                .collectList()
                .flatMapMany(rows -> accounts.people(rows.stream().map(Map.Entry::getKey).toList())
                        .flatMapIterable(people -> rows.stream().map(row -> {
                            Person by = people.get(row.getKey());
                            ContentRequest r = row.getValue();
                            return new ContentRequest(r.id(), r.createdAt(), by == null ? null : by.displayName(),
                                    r.query(), r.filters(), r.note(), r.status());
                        }).toList()));
    }

    Mono<Void> markDone(long id, BatonUser user) {
        return db.sql("update content_request set status = 'DONE', resolved_by = :by, resolved_at = now() "
                        + "where id = :id")
                .bind("by", user.id())
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.error(new BatonException.NotFound("No content request " + id))
                        : Mono.empty());
    }
}
