package dev.baton.webapp.feedback;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.search.SearchGaps;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Content requests both ways: reps ask for what they could not find (from a search, or on their own), marketers turn
 * search gaps into requests; each request is open, in progress, fulfilled with an asset or declined with a reason,
 * has an assignee and a due date from the service level admins set (in working days). A request for the same
 * normalised words as an open one is merged into it (its requester added), never stored twice. Every change is told
 * to the requesters; a fulfilled request is told to the people who searched for it in vain too.
 */
@Service
class ContentRequests {

    static final int MAX_NOTE = 2000;
    static final int MAX_QUERY = 500;
    static final int MAX_FILTERS = 4000;
    /** Searchers told of a fulfilled request: those who searched for its words in vain this long before it was made. */
    static final Duration SEARCHERS_BEFORE = Duration.ofDays(90);

    /** The states of a request; open and in progress are "open" (counted against the service level). */
    enum Status {
        OPEN("Open"),
        IN_PROGRESS("In progress"),
        FULFILLED("Fulfilled"),
        DECLINED("Declined");

        final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        boolean open() {
            return this == OPEN || this == IN_PROGRESS;
        }

        static Status parse(String value) {
            try {
                return valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_')
                        .replace(' ', '_'));
            } catch (IllegalArgumentException e) {
                throw new BatonException.InvalidInput("status", "use OPEN, IN_PROGRESS, FULFILLED or DECLINED");
            }
        }
    }

    /** Someone who asked for a request's content. */
    record Requester(String username, String name, Instant addedAt, String filters, String note) {}

    /** A published asset proposed as fulfilling a request: {@code PROPOSED}, {@code CONFIRMED} or {@code REJECTED}. */
    record Match(UUID assetId, String assetTitle, Instant proposedAt, String state) {}

    /**
     * A request as people see it.
     *
     * @param requestedBy the first requester's display name
     * @param overdue open or in progress after its due date: a breach of the service level
     * @param merged in an answer to asking: whether the ask was merged into this existing request
     */
    record ContentRequest(long id, Instant createdAt, String requestedBy, String query, String filters, String note,
            String status, String statusLabel, String assignee, String assigneeName, LocalDate dueOn,
            boolean overdue, UUID assetId, String assetTitle, String reason, String source, Instant updatedAt,
            List<Requester> requesters, List<Match> matches, boolean merged) {

        public boolean open() {
            return Status.valueOf(status).open();
        }
    }

    /** What someone asks for: words (often a search that found nothing), filters and a note. */
    record NewRequest(String query, String filters, String note) {}

    /** A marketer's change; {@code null} members stay as they are (an empty assignee unassigns). */
    record Change(String status, String assignee, UUID assetId, String reason) {}

    /** The service level: how many working days a request may stay open. */
    record ServiceLevel(int workingDays, String updatedBy, Instant updatedAt) {}

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AccountDirectory accounts;
    private final Notifications notifications;
    private final ContentService content;
    private final AssetCatalog catalog;
    private final SearchGaps gaps;
    private final Clock clock;

    ContentRequests(DatabaseClient db, TransactionalOperator tx, AccountDirectory accounts,
            Notifications notifications, ContentService content, AssetCatalog catalog, SearchGaps gaps, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.accounts = accounts;
        this.notifications = notifications;
        this.content = content;
        this.catalog = catalog;
        this.gaps = gaps;
        this.clock = clock;
    }

    // ---- asking ----

    /**
     * Asks for content, or joins the open request for the same normalised words: then the person is added as a
     * requester (once; asking again adds nothing) and the answer says {@code merged}. An ask without words, filters
     * or note is refused.
     */
    Mono<ContentRequest> ask(NewRequest request, BatonUser user, String source) {
        String query = request == null || request.query() == null ? "" : request.query().strip();
        String filters = request == null || request.filters() == null ? "" : request.filters().strip();
        String note = request == null || request.note() == null ? "" : request.note().strip();
        if (query.isEmpty() && filters.isEmpty() && note.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("note", "say what content you need"));
        }
        if (query.length() > MAX_QUERY) {
            return Mono.error(new BatonException.InvalidInput("query", "use at most " + MAX_QUERY + " characters"));
        }
        if (filters.length() > MAX_FILTERS) {
            return Mono.error(new BatonException.InvalidInput("filters", "use at most " + MAX_FILTERS
                    + " characters"));
        }
        if (note.length() > MAX_NOTE) {
            return Mono.error(new BatonException.InvalidInput("note", "use at most " + MAX_NOTE + " characters"));
        }
        String normalised = SearchGaps.normalise(query);
        OffsetDateTime now = now();
        Mono<long[]> stored = serviceLevel().flatMap(level -> {
            LocalDate due = WorkingDays.after(today(), level.workingDays());
            Mono<Long> existing = normalised.isEmpty() ? Mono.empty()
                    : db.sql("select pg_advisory_xact_lock(hashtext('content_request:' || :q))")
                            .bind("q", normalised).then()
                            .then(db.sql("select id from content_request where normalised_query = :q "
                                            + "and status in ('OPEN', 'IN_PROGRESS') order by created_at, id limit 1 "
                                            + "for update")
                                    .bind("q", normalised)
                                    .map(row -> row.get("id", Long.class))
                                    .one());
            return existing
                    .flatMap(id -> db.sql("insert into content_request_requester (request_id, account_id, added_at, "
                                    + "filters, note) values (:id, :me, :at, :filters, :note) "
                                    + "on conflict (request_id, account_id) do nothing")
                            .bind("id", id).bind("me", user.id()).bind("at", now).bind("filters", filters)
                            .bind("note", note)
                            .fetch().rowsUpdated()
                            .map(added -> new long[] {id, 1, added}))
                    .switchIfEmpty(Mono.defer(() -> db.sql("insert into content_request (account_id, created_at, "
                                    + "query, normalised_query, filters, note, due_on, source, updated_at) values "
                                    + "(:me, :at, :query, :q, :filters, :note, :due, :source, :at) returning id")
                            .bind("me", user.id()).bind("at", now).bind("query", query).bind("q", normalised)
                            .bind("filters", filters).bind("note", note).bind("due", due).bind("source", source)
                            .map(row -> row.get("id", Long.class))
                            .one()
                            .flatMap(id -> db.sql("insert into content_request_requester (request_id, account_id, "
                                            + "added_at, filters, note) values (:id, :me, :at, :filters, :note)")
                                    .bind("id", id).bind("me", user.id()).bind("at", now).bind("filters", filters)
                                    .bind("note", note)
                                    .then()
                                    .thenReturn(new long[] {id, 0, 1}))));
        });
        return Detached.uncancellable(tx.transactional(stored))
                .flatMap(r -> get(r[0]).map(found -> withMerged(found, r[1] == 1)));
    }

    // ---- reading ----

    /**
     * Requests for marketers: {@code status} {@code open} (open and in progress, the default), {@code all}, or one
     * status; only those assigned to {@code assignee} when given. Breaches of the service level first, then by due
     * date.
     */
    Mono<List<ContentRequest>> list(String status, String assignee, int limit) {
        String filter = status == null || status.isBlank() || status.equalsIgnoreCase("open")
                ? "r.status in ('OPEN', 'IN_PROGRESS')"
                : status.equalsIgnoreCase("all") ? "true" : "r.status = '" + Status.parse(status).name() + "'";
        Mono<Long> who = assignee == null || assignee.isBlank() ? Mono.just(0L)
                : accounts.activeId(assignee).switchIfEmpty(Mono.just(-1L));
        return who.flatMap(id -> read(filter + (id == 0 ? "" : " and r.assignee_id = " + id),
                "order by (r.status in ('OPEN', 'IN_PROGRESS') and r.due_on < :today) desc, "
                        + "(r.status in ('OPEN', 'IN_PROGRESS')) desc, r.due_on, r.created_at desc, r.id desc",
                Map.of(), limit));
    }

    /** The requests this person asked for (also those merged), newest first. */
    Mono<List<ContentRequest>> mine(BatonUser user) {
        return read("r.id in (select q.request_id from content_request_requester q where q.account_id = :me)",
                "order by r.created_at desc, r.id desc", Map.of("me", user.id()), 500);
    }

    /** One request: its requesters and marketers may read it. */
    Mono<ContentRequest> get(long id, BatonUser user) {
        return get(id).filter(r -> user.canManageContent()
                        || r.requesters().stream().anyMatch(q -> q.username().equals(user.getUsername())))
                .switchIfEmpty(Mono.error(new BatonException.NotFound("No content request " + id)));
    }

    private Mono<ContentRequest> get(long id) {
        return read("r.id = :id", "", Map.of("id", id), 1).flatMap(list -> list.isEmpty()
                ? Mono.error(new BatonException.NotFound("No content request " + id))
                : Mono.just(list.getFirst()));
    }

    // ---- marketing's changes ----

    /**
     * Changes status, assignee or both. Fulfilled needs the asset that fulfils it (one the marketer can see);
     * declined needs a reason. The requesters are told of every change, the new assignee that it is theirs, and on
     * fulfilment the people who searched for these words in vain too.
     */
    Mono<ContentRequest> change(long id, Change change, BatonUser user) {
        if (change == null || change.status() == null && change.assignee() == null) {
            return Mono.error(new BatonException.InvalidInput("status", "change the status or the assignee"));
        }
        Status status;
        try {
            status = change.status() == null ? null : Status.parse(change.status());
        } catch (BatonException e) {
            return Mono.error(e);
        }
        String reason = change.reason() == null ? "" : change.reason().strip();
        if (status == Status.FULFILLED && change.assetId() == null) {
            return Mono.error(new BatonException.InvalidInput("assetId", "name the asset that fulfils the request"));
        }
        if (status == Status.DECLINED && reason.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("reason", "say why the request is declined"));
        }
        if (reason.length() > MAX_NOTE) {
            return Mono.error(new BatonException.InvalidInput("reason", "use at most " + MAX_NOTE + " characters"));
        }
        Mono<String> assetTitle = status == Status.FULFILLED
                ? content.get(change.assetId(), user).map(a -> a.title())
                        .onErrorMap(BatonException.NotFound.class,
                                e -> new BatonException.InvalidInput("assetId", "no asset " + change.assetId()))
                : Mono.just("");
        Mono<Long> assignee = change.assignee() == null ? Mono.just(0L)
                : change.assignee().isBlank() ? Mono.just(-1L)
                : accounts.activeId(change.assignee()).switchIfEmpty(Mono.error(new BatonException.InvalidInput(
                        "assignee", "no active user " + change.assignee().strip())));
        return get(id).flatMap(before -> Mono.zip(assetTitle, assignee).flatMap(t -> {
            long assign = t.getT2();
            DatabaseClient.GenericExecuteSpec update = db.sql("update content_request set "
                            + "status = coalesce(:status, status), "
                            + "asset_id = case when :status = 'FULFILLED' then :asset "
                            + "when :status is null then asset_id else null end, "
                            + "reason = case when :status is null then reason else :reason end, "
                            + "assignee_id = case when :assign = 0 then assignee_id when :assign < 0 then null "
                            + "else :assign end, "
                            + "resolved_by = case when :status in ('FULFILLED', 'DECLINED') then :me "
                            + "when :status is null then resolved_by else null end, "
                            + "resolved_at = case when :status in ('FULFILLED', 'DECLINED') then :at "
                            + "when :status is null then resolved_at else null end, "
                            + "updated_at = :at where id = :id")
                    .bind("status", Parameter.fromOrEmpty(status == null ? null : status.name(), String.class))
                    .bind("asset", Parameter.fromOrEmpty(status == Status.FULFILLED ? change.assetId() : null,
                            UUID.class))
                    .bind("reason", reason)
                    .bind("assign", assign)
                    .bind("me", user.id())
                    .bind("at", now())
                    .bind("id", id);
            return Detached.uncancellable(update.then()
                    .then(status == Status.FULFILLED
                            ? db.sql("update content_request_match set state = case when asset_id = :asset "
                                            + "then 'CONFIRMED' else state end, decided_by = :me, decided_at = :at "
                                            + "where request_id = :id and state = 'PROPOSED' and asset_id = :asset")
                                    .bind("asset", change.assetId()).bind("me", user.id()).bind("at", now())
                                    .bind("id", id).then()
                            : Mono.empty())
                    .then(get(id))
                    .flatMap(after -> tell(before, after, user).thenReturn(after)));
        }));
    }

    /** Confirms that a proposed asset fulfils the request: the request is fulfilled with it, and people are told. */
    Mono<ContentRequest> confirm(long id, UUID assetId, BatonUser user) {
        return proposed(id, assetId).then(change(id, new Change("FULFILLED", null, assetId, ""), user));
    }

    /** Says a proposed asset does not fulfil the request; it is not proposed again. */
    Mono<ContentRequest> reject(long id, UUID assetId, BatonUser user) {
        return proposed(id, assetId)
                .then(Detached.uncancellable(db.sql("update content_request_match set state = 'REJECTED', "
                                + "decided_by = :me, decided_at = :at where request_id = :id and asset_id = :asset")
                        .bind("me", user.id()).bind("at", now()).bind("id", id).bind("asset", assetId).then()))
                .then(get(id));
    }

    private Mono<Void> proposed(long id, UUID assetId) {
        return db.sql("select state from content_request_match where request_id = :id and asset_id = :asset")
                .bind("id", id).bind("asset", assetId)
                .map(row -> row.get("state", String.class))
                .one()
                .switchIfEmpty(Mono.error(new BatonException.NotFound("Asset " + assetId
                        + " is not proposed for content request " + id)))
                .flatMap(state -> state.equals("PROPOSED") ? Mono.<Void>empty()
                        : Mono.error(new BatonException.Conflict("This proposal was " + state.toLowerCase(Locale.ROOT)
                                + " already")));
    }

    /**
     * Records that a published asset may fulfil an open request; {@code true} when it is new (not proposed, confirmed
     * or rejected before), so the caller asks a marketer once.
     */
    Mono<Boolean> propose(long id, UUID assetId) {
        return db.sql("insert into content_request_match (request_id, asset_id, proposed_at) values (:id, :asset, :at) "
                        + "on conflict (request_id, asset_id) do nothing")
                .bind("id", id).bind("asset", assetId).bind("at", now())
                .fetch().rowsUpdated()
                .map(n -> n > 0);
    }

    /** Open requests with words to search for, the oldest first: what the matcher looks for. */
    Mono<List<ContentRequest>> openWithWords(int limit) {
        return read("r.status in ('OPEN', 'IN_PROGRESS') and r.normalised_query <> ''",
                "order by r.created_at, r.id", Map.of(), limit);
    }

    // ---- the service level ----

    Mono<ServiceLevel> serviceLevel() {
        return db.sql("select service_level_days, updated_by, updated_at from feedback_setting where id = 1")
                .map(row -> new ServiceLevel(row.get("service_level_days", Integer.class),
                        row.get("updated_by", String.class), row.get("updated_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    /** Sets the service level for requests asked from now on (due dates already given stay). */
    Mono<ServiceLevel> setServiceLevel(Integer workingDays, BatonUser user) {
        if (workingDays == null || workingDays < 1 || workingDays > 250) {
            return Mono.error(new BatonException.InvalidInput("workingDays", "use a whole number from 1 to 250"));
        }
        return Detached.uncancellable(db.sql("update feedback_setting set service_level_days = :days, "
                                + "updated_by = :by, updated_at = :at where id = 1")
                        .bind("days", workingDays).bind("by", user.getUsername()).bind("at", now()).then())
                .then(serviceLevel());
    }

    // ---- telling people ----

    private Mono<Void> tell(ContentRequest before, ContentRequest after, BatonUser user) {
        String what = after.query().isEmpty() ? "your content request #" + after.id()
                : "your request for “" + after.query() + "”";
        List<Mono<Void>> told = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        if (!before.status().equals(after.status())) {
            changes.add(switch (Status.valueOf(after.status())) {
                case OPEN -> "reopened";
                case IN_PROGRESS -> "in progress";
                case FULFILLED -> "fulfilled with “" + after.assetTitle() + "”";
                case DECLINED -> "declined: " + after.reason();
            });
        }
        if (!java.util.Objects.equals(before.assignee(), after.assignee())) {
            changes.add(after.assignee() == null ? "unassigned" : "assigned to " + after.assigneeName());
            if (after.assignee() != null && !after.assignee().equals(user.getUsername())) {
                told.add(accounts.activeId(after.assignee()).flatMap(id -> notifications.notify(id,
                        NotificationKind.REQUEST_ASSIGNED, user.displayName() + " assigned you the content request "
                                + (after.query().isEmpty() ? "#" + after.id() : "“" + after.query() + "”"),
                        "Due on " + after.dueOn() + ".", "/requests#request-" + after.id())));
            }
        }
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        String title = capitalise(what) + ": " + String.join("; ", changes);
        String link = after.status().equals("FULFILLED") && after.assetId() != null
                ? "/assets/" + after.assetId() : "/requests/mine#request-" + after.id();
        Set<String> requesters = new HashSet<>();
        for (Requester r : after.requesters()) {
            requesters.add(r.username());
            if (!r.username().equals(user.getUsername())) {
                told.add(accounts.activeId(r.username()).flatMap(id -> notifications.notify(id,
                        NotificationKind.REQUEST_CHANGED, title, "Changed by " + user.displayName() + ".", link)));
            }
        }
        if (after.status().equals("FULFILLED") && !before.status().equals("FULFILLED") && !after.query().isEmpty()) {
            told.add(gaps.unhappySearchers(after.query(), after.createdAt().minus(SEARCHERS_BEFORE))
                    .flatMap(ids -> accounts.people(ids).flatMapMany(people -> Flux.fromIterable(people.values()))
                            .filter(p -> !requesters.contains(p.username()) && !p.username().equals(user.getUsername()))
                            .concatMap(p -> notifications.notify(p.id(), NotificationKind.SEARCH_CONTENT_PUBLISHED,
                                    "Published: “" + after.assetTitle() + "”, for your search “" + after.query() + "”",
                                    "You searched for this and found nothing to use; marketing has published it.",
                                    link))
                            .then()));
        }
        return Flux.concat(told).then();
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // ---- rows ----

    private record Row(long id, Instant createdAt, long accountId, String query, String filters, String note,
            String status, Long assigneeId, LocalDate dueOn, UUID assetId, String reason, String source,
            Instant updatedAt) {}

    private Mono<List<ContentRequest>> read(String where, String order, Map<String, Object> binds, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("select r.id, r.created_at, r.account_id, r.query, r.filters, "
                + "r.note, r.status, r.assignee_id, r.due_on, r.asset_id, r.reason, r.source, r.updated_at "
                + "from content_request r where " + where + " " + order + " limit " + limit);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        if (order.contains(":today")) {
            spec = spec.bind("today", today());
        }
        LocalDate today = today();
        return spec.map(row -> new Row(row.get("id", Long.class),
                        row.get("created_at", OffsetDateTime.class).toInstant(), row.get("account_id", Long.class),
                        row.get("query", String.class), row.get("filters", String.class),
                        row.get("note", String.class), row.get("status", String.class),
                        row.get("assignee_id", Long.class), row.get("due_on", LocalDate.class),
                        row.get("asset_id", UUID.class), row.get("reason", String.class),
                        row.get("source", String.class), row.get("updated_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Mono.just(List.<ContentRequest>of());
                    }
                    Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
                    Mono<List<Object[]>> requesters = db.sql("select request_id, account_id, added_at, filters, note "
                                    + "from content_request_requester where request_id = any(:ids) "
                                    + "order by added_at, account_id")
                            .bind("ids", ids)
                            .map(row -> new Object[] {row.get("request_id", Long.class),
                                    row.get("account_id", Long.class),
                                    row.get("added_at", OffsetDateTime.class).toInstant(),
                                    row.get("filters", String.class), row.get("note", String.class)})
                            .all().collectList();
                    Mono<List<Object[]>> matches = db.sql("select request_id, asset_id, proposed_at, state "
                                    + "from content_request_match where request_id = any(:ids) "
                                    + "order by proposed_at, asset_id")
                            .bind("ids", ids)
                            .map(row -> new Object[] {row.get("request_id", Long.class),
                                    row.get("asset_id", UUID.class),
                                    row.get("proposed_at", OffsetDateTime.class).toInstant(),
                                    row.get("state", String.class)})
                            .all().collectList();
                    return Mono.zip(requesters, matches).flatMap(t -> {
                        Set<Long> people = new LinkedHashSet<>();
                        Set<UUID> assets = new HashSet<>();
                        rows.forEach(r -> {
                            people.add(r.accountId());
                            if (r.assigneeId() != null) {
                                people.add(r.assigneeId());
                            }
                            if (r.assetId() != null) {
                                assets.add(r.assetId());
                            }
                        });
                        t.getT1().forEach(q -> people.add((Long) q[1]));
                        t.getT2().forEach(m -> assets.add((UUID) m[1]));
                        Mono<Map<UUID, IndexableAsset>> titles = assets.isEmpty() ? Mono.just(Map.of())
                                : catalog.assets(assets).collectMap(IndexableAsset::id, a -> a);
                        return Mono.zip(accounts.people(people), titles).map(named -> rows.stream()
                                .map(r -> request(r, today, named.getT1(), named.getT2(), t.getT1(), t.getT2()))
                                .toList());
                    });
                });
    }

    private static ContentRequest request(Row r, LocalDate today, Map<Long, Person> people,
            Map<UUID, IndexableAsset> assets, List<Object[]> requesterRows, List<Object[]> matchRows) {
        Person first = people.get(r.accountId());
        Person assignee = r.assigneeId() == null ? null : people.get(r.assigneeId());
        IndexableAsset asset = r.assetId() == null ? null : assets.get(r.assetId());
        List<Requester> requesters = requesterRows.stream().filter(q -> q[0].equals(r.id())).map(q -> {
            Person p = people.get((Long) q[1]);
            return new Requester(p == null ? null : p.username(), p == null ? null : p.displayName(), (Instant) q[2],
                    (String) q[3], (String) q[4]);
        }).toList();
        List<Match> matches = matchRows.stream().filter(m -> m[0].equals(r.id())).map(m -> {
            IndexableAsset a = assets.get((UUID) m[1]);
            return new Match((UUID) m[1], a == null ? null : a.title(), (Instant) m[2], (String) m[3]);
        }).toList();
        Status status = Status.valueOf(r.status());
        return new ContentRequest(r.id(), r.createdAt(), first == null ? null : first.displayName(), r.query(),
                r.filters(), r.note(), status.name(), status.label, assignee == null ? null : assignee.username(),
                assignee == null ? null : assignee.displayName(), r.dueOn(), status.open() && r.dueOn().isBefore(today),
                r.assetId(), asset == null ? null : asset.title(), r.reason(), r.source(), r.updatedAt(), requesters,
                matches, false);
    }

    private static ContentRequest withMerged(ContentRequest r, boolean merged) {
        return new ContentRequest(r.id(), r.createdAt(), r.requestedBy(), r.query(), r.filters(), r.note(),
                r.status(), r.statusLabel(), r.assignee(), r.assigneeName(), r.dueOn(), r.overdue(), r.assetId(),
                r.assetTitle(), r.reason(), r.source(), r.updatedAt(), r.requesters(), r.matches(), merged);
    }

    /** The marketers to ask about a match: the assignee, else the asset's owner, else every marketer. */
    Mono<Void> askToConfirm(ContentRequest request, IndexableAsset asset) {
        String title = "Does “" + asset.title() + "” fulfil the request "
                + (request.query().isEmpty() ? "#" + request.id() : "for “" + request.query() + "”") + "?";
        String body = "It was published after the request was made and matches its words. Confirm or reject it on "
                + "the requests page; the requesters and searchers are told once you confirm.";
        String link = "/requests#request-" + request.id();
        Mono<Long> who = request.assignee() != null ? accounts.activeId(request.assignee())
                : asset.owner() != null ? accounts.activeId(asset.owner()) : Mono.empty();
        return who.flatMap(id -> notifications.notify(id, NotificationKind.REQUEST_MATCH, title, body, link)
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> notifications.notifyAll(Role.MARKETER,
                        NotificationKind.REQUEST_MATCH.key(), title, body, link).thenReturn(true)))
                .then();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
