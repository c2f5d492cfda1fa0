package dev.baton.webapp.deals;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.TaxonomyService;
import dev.baton.webapp.webhooks.Webhooks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Every deal comes in through here, whoever brings it (the deal pages, the API's upsert, a CSV import, a CRM's
 * webhook): its values are checked ({@link DealRules}), the owner is looked up by user name, and the deal is inserted
 * or updated by its CRM identity in one transaction with its stage history, its decision time and an audit record.
 * The same values sent again change nothing (no history row, no audit record). A rep works on their own deals only;
 * marketers and admins on any.
 */
@Service
class DealService {

    /** The CRM name of deals made by hand in Baton. */
    static final String BATON_CRM = "baton";
    static final int MAX_PAGE_SIZE = 100;
    private static final Duration RULES_TTL = Duration.ofSeconds(10);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AccountDirectory accounts;
    private final AuditLog audit;
    private final Webhooks webhooks;
    private final Clock clock;
    private final TaxonomyService taxonomy;
    private final AtomicReference<Cached> cached = new AtomicReference<>();

    DealService(DatabaseClient db, TransactionalOperator tx, TaxonomyService taxonomy, AccountDirectory accounts,
            AuditLog audit, Webhooks webhooks, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.accounts = accounts;
        this.audit = audit;
        this.webhooks = webhooks;
        this.clock = clock;
        this.taxonomy = taxonomy;
    }

    /** What an upsert did: created the deal, changed it, or found it as it was. */
    record Upserted(Deal deal, boolean created, boolean changed) {}

    /** Who brings a deal: a signed-in user, or a CRM integration (no user; an owner nobody here is stays empty). */
    record Actor(BatonUser user, String name, String remoteAddr) {

        static Actor of(BatonUser user, String remoteAddr) {
            return new Actor(user, user.getUsername(), remoteAddr);
        }

        static Actor crm(String crm, String remoteAddr) {
            return new Actor(null, "crm:" + crm, remoteAddr);
        }

        boolean rep() {
            return user != null && !user.canManageContent();
        }
    }

    /** The rules of the taxonomy as read at most {@link #RULES_TTL} ago. */
    Mono<DealRules> rules() {
        Cached known = cached.get();
        return known != null && known.age().compareTo(RULES_TTL) < 0 ? Mono.just(known.rules()) : freshRules();
    }

    private Mono<DealRules> freshRules() {
        return taxonomy.taxonomy(true).map(DealRules::new)
                .doOnNext(read -> cached.set(new Cached(read, System.nanoTime())));
    }

    private record Cached(DealRules rules, long readAt) {

        Duration age() {
            return Duration.ofNanos(System.nanoTime() - readAt);
        }
    }

    /**
     * Checks a deal's values without storing anything: the checked values, with the owner's account id resolved, or
     * an {@link BatonException.InvalidInput} naming every wrong field (or a {@link BatonException.Forbidden} when a
     * rep names another owner).
     */
    Mono<Ready> check(DealInput input, Actor actor) {
        return check(input, actor, Map.of());
    }

    /** As {@link #check(DealInput, Actor)}, reporting {@code earlier} problems (of reading the input) too. */
    Mono<Ready> check(DealInput input, Actor actor, Map<String, String> earlier) {
        Cached known = cached.get();
        boolean stale = known == null || known.age().compareTo(Duration.ofSeconds(1)) > 0;
        // a taxonomy value an admin added a moment ago is not refused: the values are read again before refusing one
        return rules().flatMap(r -> check(r, input, actor, earlier))
                .onErrorResume(BatonException.InvalidInput.class, e -> stale && namesTaxonomyValue(e)
                        ? freshRules().flatMap(r -> check(r, input, actor, earlier))
                        : Mono.error(e));
    }

    private static boolean namesTaxonomyValue(BatonException.InvalidInput e) {
        String detail = String.valueOf(e.getMessage());
        return detail.contains("stage:") || detail.contains("industry:") || detail.contains("personas:");
    }

    private Mono<Ready> check(DealRules rules, DealInput input, Actor actor, Map<String, String> earlier) {
        return Mono.just(rules).flatMap(r -> {
            Map<String, String> errors = new LinkedHashMap<>(earlier);
            DealInput in = input;
            if (actor.rep()) {
                if (DealRules.blankToNull(in.owner()) == null) {
                    in = in.withOwner(actor.user().getUsername());
                } else if (!in.owner().strip().equalsIgnoreCase(actor.user().getUsername())) {
                    return Mono.error(new BatonException.Forbidden("A rep works on their own deals only: leave the "
                            + "owner out or give your own user name"));
                }
            }
            DealRules.Checked checked = r.check(in, errors);
            Mono<Long> owner = checked.owner() == null ? Mono.empty() : ownerId(checked.owner(), actor.user() == null);
            return owner.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
                Long ownerId = found.orElse(null);
                if (checked.owner() != null && ownerId == null && actor.user() != null) {
                    errors.put("owner", "no active user '" + DealRules.printable(checked.owner()) + "'");
                }
                if (!errors.isEmpty()) {
                    return Mono.error(new BatonException.InvalidInput(errors));
                }
                return Mono.just(new Ready(checked, ownerId));
            });
        });
    }

    /**
     * The account of an owner by user name; for a CRM, whose owner is an email address, also the address's local
     * part ({@code jane@example.com}: user {@code jane@example.com}, else {@code jane}).
     */
    private Mono<Long> ownerId(String owner, boolean email) {
        String name = owner.strip().toLowerCase(Locale.ROOT);
        Mono<Long> byName = accounts.activeId(name);
        int at = name.indexOf('@');
        return email && at > 0 ? byName.switchIfEmpty(Mono.defer(() -> accounts.activeId(name.substring(0, at))))
                : byName;
    }

    /** Checked values with the owner's account id ({@code null}: nobody, or nobody Baton knows). */
    record Ready(DealRules.Checked values, Long ownerId) {}

    /** Inserts or updates the deal with this CRM identity. */
    Mono<Upserted> upsert(DealInput input, Actor actor) {
        return upsert(input, actor, Map.of());
    }

    /** As {@link #upsert(DealInput, Actor)}, refusing the input with {@code earlier} problems among the rest. */
    Mono<Upserted> upsert(DealInput input, Actor actor, Map<String, String> earlier) {
        return check(input, actor, earlier).flatMap(ready -> store(ready, actor));
    }

    /** Stores checked values in one transaction (joining one that is under way, as a webhook's delivery record). */
    Mono<Upserted> store(Ready ready, Actor actor) {
        DealRules.Checked in = ready.values();
        return lock(in.crm(), in.externalId())
                .flatMap(existing -> updateExisting(existing, ready, actor))
                .switchIfEmpty(Mono.defer(() -> insert(in, ready.ownerId())
                        .flatMap(created -> stageChange(created).then(changed(null, created, actor))
                                .thenReturn(new Upserted(created, true, true)))
                        // another request inserted it first: update that one
                        .switchIfEmpty(Mono.defer(() -> lock(in.crm(), in.externalId())
                                .flatMap(existing -> updateExisting(existing, ready, actor))))))
                .as(tx::transactional);
    }

    private Mono<Upserted> updateExisting(Deal existing, Ready ready, Actor actor) {
        DealRules.Checked in = ready.values();
        if (actor.rep() && (existing.ownerId() == null || existing.ownerId() != actor.user().id())) {
            return Mono.error(new BatonException.Forbidden("This deal is another rep's: a rep works on their own "
                    + "deals only"));
        }
        if (!existing.differsFrom(in, ready.ownerId())) {
            return Mono.just(new Upserted(existing, false, false));
        }
        return update(existing, in, ready.ownerId())
                .flatMap(updated -> (existing.stageDiffersFrom(in) ? stageChange(updated) : Mono.<Void>empty())
                        .then(changed(existing, updated, actor))
                        .thenReturn(new Upserted(updated, false, true)));
    }

    private Mono<Deal> lock(String crm, String externalId) {
        return db.sql("select " + Deal.COLUMNS + " from deal where crm = :crm and external_id = :ext for update")
                .bind("crm", crm).bind("ext", externalId)
                .map(Deal::of).one();
    }

    private Mono<Deal> insert(DealRules.Checked in, Long ownerId) {
        OffsetDateTime now = now();
        return bindValues(db.sql("insert into deal (crm, external_id, name, account_name, account_domain, "
                        + "stage_facet, stage, amount, currency, owner_id, close_date, outcome, decided_at, industry, "
                        + "personas, created_at, updated_at) values (:crm, :ext, :name, :account, :domain, :facet, "
                        + ":stage, :amount, :currency, :owner, :close, :outcome, :decided, :industry, :personas, :now, "
                        + ":now) on conflict (crm, external_id) do nothing returning " + Deal.COLUMNS), in, ownerId)
                .bind("crm", in.crm()).bind("ext", in.externalId())
                .bind("decided", Parameter.fromOrEmpty(in.outcome() == Outcome.OPEN ? null : now, OffsetDateTime.class))
                .bind("now", now)
                .map(Deal::of).one();
    }

    private Mono<Deal> update(Deal existing, DealRules.Checked in, Long ownerId) {
        OffsetDateTime now = now();
        // decided when the outcome becomes won or lost; no longer decided when it is reopened
        OffsetDateTime decided = in.outcome() == Outcome.OPEN ? null
                : in.outcome() == existing.outcome() && existing.decidedAt() != null
                        ? existing.decidedAt().atOffset(ZoneOffset.UTC) : now;
        return bindValues(db.sql("update deal set name = :name, account_name = :account, account_domain = :domain, "
                        + "stage_facet = :facet, stage = :stage, amount = :amount, currency = :currency, "
                        + "owner_id = :owner, close_date = :close, outcome = :outcome, decided_at = :decided, "
                        + "industry = :industry, personas = :personas, updated_at = :now where id = :id returning "
                        + Deal.COLUMNS), in, ownerId)
                .bind("id", existing.id())
                .bind("decided", Parameter.fromOrEmpty(decided, OffsetDateTime.class))
                .bind("now", now)
                .map(Deal::of).one();
    }

    private static DatabaseClient.GenericExecuteSpec bindValues(DatabaseClient.GenericExecuteSpec spec,
            DealRules.Checked in, Long ownerId) {
        return spec.bind("name", in.name())
                .bind("account", in.accountName())
                .bind("domain", Parameter.fromOrEmpty(in.accountDomain(), String.class))
                .bind("facet", in.stageFacet())
                .bind("stage", Parameter.fromOrEmpty(in.stage(), String.class))
                .bind("amount", Parameter.fromOrEmpty(in.amount(), BigDecimal.class))
                .bind("currency", Parameter.fromOrEmpty(in.currency(), String.class))
                .bind("owner", Parameter.fromOrEmpty(ownerId, Long.class))
                .bind("close", Parameter.fromOrEmpty(in.closeDate(), LocalDate.class))
                .bind("outcome", in.outcome().name())
                .bind("industry", Parameter.fromOrEmpty(in.industry(), String.class))
                .bind("personas", in.personas().toArray(String[]::new));
    }

    private Mono<Void> stageChange(Deal deal) {
        return db.sql("insert into deal_stage_change (deal_id, stage_facet, stage, changed_at) "
                        + "values (:deal, :facet, :stage, :at)")
                .bind("deal", deal.id())
                .bind("facet", deal.stageFacet())
                .bind("stage", Parameter.fromOrEmpty(deal.stage(), String.class))
                .bind("at", deal.updatedAt().atOffset(ZoneOffset.UTC))
                .then();
    }

    /**
     * The one place a deal was created ({@code before} null) or changed, inside the change's transaction: the audit
     * record, and the {@code deal.updated} event for outbound webhooks ({@link #dealUpdatedPayload}).
     */
    private Mono<Void> changed(Deal before, Deal after, String actor, String remoteAddr) {
        String detail = after.crm() + "/" + after.externalId() + ": " + describe(before, after);
        return audit.record(actor, before == null ? "deal.created" : "deal.updated", "deal/" + after.id(), detail,
                        remoteAddr)
                .then(webhooks.publish(Webhooks.DEAL_UPDATED, dealUpdatedPayload(after, before == null)));
    }

    private Mono<Void> changed(Deal before, Deal after, Actor actor) {
        return changed(before, after, actor.name(), actor.remoteAddr());
    }

    /** What changed, in a few words for the audit log. */
    private static String describe(Deal before, Deal after) {
        if (before == null) {
            return "created in stage " + (after.stage() == null ? "(none)" : after.stage()) + ", "
                    + after.outcome().name().toLowerCase(Locale.ROOT);
        }
        List<String> parts = new ArrayList<>();
        if (!java.util.Objects.equals(before.stage(), after.stage())) {
            parts.add("stage " + before.stage() + " -> " + after.stage());
        }
        if (before.outcome() != after.outcome()) {
            parts.add("outcome " + before.outcome() + " -> " + after.outcome());
        }
        if (!java.util.Objects.equals(before.ownerId(), after.ownerId())) {
            parts.add("owner changed");
        }
        return parts.isEmpty() ? "details changed" : String.join(", ", parts);
    }

    /**
     * The payload of the {@code deal.updated} webhook event: the deal as the API shows it, by ids and keys (no
     * display names), and whether it was just created.
     */
    static Map<String, Object> dealUpdatedPayload(Deal deal, boolean created) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", deal.id());
        payload.put("crm", deal.crm());
        payload.put("externalId", deal.externalId());
        payload.put("name", deal.name());
        payload.put("accountName", deal.accountName());
        payload.put("accountDomain", deal.accountDomain());
        payload.put("stageFacet", deal.stageFacet());
        payload.put("stage", deal.stage());
        payload.put("amount", deal.amount());
        payload.put("currency", deal.currency());
        payload.put("ownerId", deal.ownerId());
        payload.put("closeDate", deal.closeDate() == null ? null : deal.closeDate().toString());
        payload.put("outcome", deal.outcome().name());
        payload.put("decidedAt", deal.decidedAt() == null ? null : deal.decidedAt().toString());
        payload.put("industry", deal.industry());
        payload.put("personas", deal.personas());
        payload.put("updatedAt", deal.updatedAt().toString());
        payload.put("created", created);
        return payload;
    }

    private OffsetDateTime now() {
        // to the microsecond, as PostgreSQL keeps it, so what is returned equals what is read back later
        Instant now = clock.instant();
        return now.minusNanos(now.getNano() % 1000).atOffset(ZoneOffset.UTC);
    }

    /** A new external id for a deal made by hand in Baton (crm {@value #BATON_CRM}). */
    static String newExternalId() {
        return "d-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** The deal with this id if this user may read it; a not-found error otherwise (a rep: their own only). */
    Mono<Deal> get(long id, BatonUser user) {
        return db.sql("select " + Deal.COLUMNS + " from deal where id = :id").bind("id", id)
                .map(Deal::of).one()
                .filter(deal -> user.canManageContent() || deal.ownerId() != null && deal.ownerId() == user.id())
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No deal " + id + ".")));
    }

    /** One page of deals this user may read, newest change first. */
    Mono<DealPage> list(BatonUser user, DealQuery query) {
        int size = query.size();
        int page = query.page();
        Map<String, String> errors = new LinkedHashMap<>();
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.put("size", "use a whole number from 1 to " + MAX_PAGE_SIZE);
        }
        if (page < 0 || page > 100_000) {
            errors.put("page", "use a whole number from 0");
        }
        String outcome = DealRules.blankToNull(query.outcome());
        if (outcome != null) {
            outcome = outcome.toUpperCase(Locale.ROOT);
            if (!List.of("OPEN", "WON", "LOST").contains(outcome)) {
                errors.put("outcome", "use open, won or lost");
            }
        }
        String q = DealRules.blankToNull(query.q());
        if (q != null && q.length() > 200) {
            errors.put("q", "use at most 200 characters");
        }
        if (!errors.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput(errors));
        }
        String ownerName = user.canManageContent() ? DealRules.blankToNull(query.owner()) : null;
        Mono<Long> ownerFilter = !user.canManageContent() ? Mono.just(user.id())
                : ownerName == null ? Mono.just(-1L)
                : accounts.activeId(ownerName.toLowerCase(Locale.ROOT)).defaultIfEmpty(0L);
        String wantedOutcome = outcome;
        return Mono.zip(ownerFilter, rules()).flatMap(t -> {
            long owner = t.getT1();
            String stageValue = DealRules.blankToNull(query.stage());
            String[] stage = stageValue == null ? null : t.getT2().resolveStage(null, stageValue);
            if (stageValue != null && stage == null) {
                return Mono.error(new BatonException.InvalidInput("stage", "'" + DealRules.printable(stageValue)
                        + "' is not a stage"));
            }
            StringBuilder where = new StringBuilder(" where true");
            if (owner != -1L) {
                where.append(" and owner_id = :owner");
            }
            if (wantedOutcome != null) {
                where.append(" and outcome = :outcome");
            }
            if (stage != null) {
                where.append(" and stage_facet = :facet and stage = :stage");
            }
            if (q != null) {
                where.append(" and (name ilike :q or account_name ilike :q or account_domain ilike :q)");
            }
            String pattern = q == null ? null : "%" + q.replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            DatabaseClient.GenericExecuteSpec count = bindFilters(db.sql("select count(*) as n from deal" + where),
                    owner, wantedOutcome, stage, pattern);
            DatabaseClient.GenericExecuteSpec rows = bindFilters(db.sql("select " + Deal.COLUMNS + " from deal"
                            + where + " order by updated_at desc, id desc limit :limit offset :offset"),
                    owner, wantedOutcome, stage, pattern)
                    .bind("limit", size).bind("offset", (long) page * size);
            return Mono.zip(count.map(row -> row.get("n", Long.class)).one(), rows.map(Deal::of).all().collectList())
                    .flatMap(both -> views(both.getT2()).map(views -> new DealPage(views, both.getT1(), page, size)));
        });
    }

    private static DatabaseClient.GenericExecuteSpec bindFilters(DatabaseClient.GenericExecuteSpec spec, long owner,
            String outcome, String[] stage, String pattern) {
        if (owner != -1L) {
            spec = spec.bind("owner", owner);
        }
        if (outcome != null) {
            spec = spec.bind("outcome", outcome);
        }
        if (stage != null) {
            spec = spec.bind("facet", stage[0]).bind("stage", stage[1]);
        }
        if (pattern != null) {
            spec = spec.bind("q", pattern);
        }
        return spec;
    }

    /** Filters of a list of deals; {@code owner} (a user name) only for marketers and admins. */
    record DealQuery(String owner, String outcome, String stage, String q, int page, int size) {}

    /** One page of deals. */
    record DealPage(List<DealView> items, long total, int page, int size) {}

    /** The deals as the API and the pages show them, with their owners' names. */
    Mono<List<DealView>> views(List<Deal> deals) {
        return accounts.people(deals.stream().map(Deal::ownerId).filter(java.util.Objects::nonNull).toList())
                .map(people -> deals.stream()
                        .map(deal -> DealView.of(deal, deal.ownerId() == null ? null : people.get(deal.ownerId())))
                        .toList());
    }

    Mono<DealView> view(Deal deal) {
        return views(List.of(deal)).map(list -> list.get(0));
    }

    /** A deal as the API shows it. */
    record DealView(
            long id,
            String crm,
            String externalId,
            String name,
            String accountName,
            String accountDomain,
            String stageFacet,
            String stage,
            BigDecimal amount,
            String currency,
            String owner,
            String ownerName,
            LocalDate closeDate,
            String outcome,
            Instant decidedAt,
            String industry,
            List<String> personas,
            Instant createdAt,
            Instant updatedAt) {

        static DealView of(Deal deal, Person owner) {
            return new DealView(deal.id(), deal.crm(), deal.externalId(), deal.name(), deal.accountName(),
                    deal.accountDomain(), deal.stageFacet(), deal.stage(), deal.amount(), deal.currency(),
                    owner == null ? null : owner.username(), owner == null ? null : owner.displayName(),
                    deal.closeDate(), deal.outcome().name(), deal.decidedAt(), deal.industry(), deal.personas(),
                    deal.createdAt(), deal.updatedAt());
        }
    }

    /** One stage a deal entered, and when. */
    record StageChange(String stageFacet, String stage, Instant changedAt) {}

    /** Every stage the deal has been in, oldest first. */
    Mono<List<StageChange>> history(long dealId) {
        return db.sql("select stage_facet, stage, changed_at from deal_stage_change where deal_id = :deal "
                        + "order by changed_at, id")
                .bind("deal", dealId)
                .map(row -> new StageChange(row.get("stage_facet", String.class), row.get("stage", String.class),
                        row.get("changed_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList();
    }

    /** The ids of won deals like this one: the same industry or the same stage (at most 500, the latest first). */
    Mono<List<Long>> wonDealsLike(Deal deal) {
        if (deal.industry() == null && deal.stage() == null) {
            return Mono.just(List.of());
        }
        return db.sql("select id from deal where outcome = 'WON' and id <> :id and (industry = :industry "
                        + "or (stage_facet = :facet and stage = :stage)) order by decided_at desc limit 500")
                .bind("id", deal.id())
                .bind("industry", Parameter.fromOrEmpty(deal.industry(), String.class))
                .bind("facet", deal.stageFacet())
                .bind("stage", Parameter.fromOrEmpty(deal.stage(), String.class))
                .map(row -> row.get("id", Long.class))
                .all()
                .collectList();
    }
}
