package dev.baton.webapp.usage;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Records every view, preview and download of an asset by a signed-in user in an append-only table, and counts them.
 * A client-supplied idempotency key makes a retried event count once: the same user sending the same key again
 * records nothing new and is told the event was already recorded.
 */
@Service
public class UsageService {

    private final DatabaseClient db;

    UsageService(DatabaseClient db) {
        this.db = db;
    }

    /**
     * What someone did with an asset. A signed-in user views, previews and downloads it in Baton; a rep shares it
     * (a tracked link); other tools report it used in an email or presented in a meeting; a buyer reads a page of a
     * shared link ({@code PAGE_VIEW}, from the viewer's beacons).
     */
    public enum Action {
        VIEW,
        PREVIEW,
        DOWNLOAD,
        SHARE,
        EMAIL,
        MEETING,
        PAGE_VIEW;

        /** A use a signed-in user reports for an asset in Baton: view, preview or download. */
        public static Action parse(String value) {
            Action action = of(value);
            if (action == null || action.ordinal() > DOWNLOAD.ordinal()) {
                throw new BatonException.InvalidInput("action", "use view, preview or download");
            }
            return action;
        }

        /** The action with this name in any case, or {@code null} when there is none. */
        public static Action of(String value) {
            try {
                return valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * One event to append. Who: a signed-in account, or a share's visitor (a buyer has no account). An idempotency
     * key is unique per account, or per share for events without an account; an event whose key was seen before is
     * not recorded again. {@code occurredAt} {@code null} means now.
     */
    public record UsageEvent(
            Long accountId,
            UUID assetId,
            Integer version,
            Action action,
            Instant occurredAt,
            Long dealId,
            Long shareId,
            String visitor,
            Integer page,
            Integer millis,
            String source,
            String note,
            String idempotencyKey,
            Long packId) {

        /** An event that belongs to no enablement pack. */
        public UsageEvent(Long accountId, UUID assetId, Integer version, Action action, Instant occurredAt,
                Long dealId, Long shareId, String visitor, Integer page, Integer millis, String source, String note,
                String idempotencyKey) {
            this(accountId, assetId, version, action, occurredAt, dealId, shareId, visitor, page, millis, source,
                    note, idempotencyKey, null);
        }

        public UsageEvent {
            if (assetId == null || action == null) {
                throw new IllegalArgumentException("an event needs an asset and an action");
            }
            if (accountId == null && shareId == null) {
                throw new IllegalArgumentException("an event needs an account or a share");
            }
        }

        /** The scope its idempotency key is unique in. */
        String keyOwner() {
            return accountId != null ? "a:" + accountId : "s:" + shareId;
        }
    }

    /**
     * Records one event; runs to its end even if the client goes away, since the client may have been told it was
     * recorded. Emits {@code true} when recorded, {@code false} when the idempotency key was seen before.
     */
    public Mono<Boolean> record(long accountId, UUID assetId, int version, Action action, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > 200) {
            return Mono.error(new BatonException.InvalidInput("idempotencyKey", "use at most 200 characters"));
        }
        UsageEvent event =
                new UsageEvent(accountId, assetId, version, action, null, null, null, null, null, null, null, null, key);
        return append(List.of(event)).map(List::getFirst);
    }

    /**
     * Records a signed-in user's view of an asset opened from an enablement pack: the event carries the pack, as
     * others carry a deal or a share. Runs to its end even if the client goes away.
     */
    public Mono<Boolean> recordInPack(long accountId, UUID assetId, int version, long packId) {
        UsageEvent event = new UsageEvent(accountId, assetId, version, Action.VIEW, null, null, null, null, null, null,
                null, null, null, packId);
        return append(List.of(event)).map(List::getFirst);
    }

    /** How many views carrying this pack each asset has had, by asset; an asset never opened from it is absent. */
    public Mono<Map<UUID, Long>> viewsInPack(long packId) {
        return db.sql("select asset_id, count(*) as n from usage_event where pack_id = :pack group by asset_id")
                .bind("pack", packId)
                .map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Appends these events in one statement and emits, for each in order, whether it was recorded ({@code false}
     * when its idempotency key was seen before, or given twice in the batch). Durable when it emits; runs to its end
     * even if the caller goes away, since the caller may have been told the events were recorded.
     */
    public Mono<List<Boolean>> append(List<UsageEvent> events) {
        return events.isEmpty() ? Mono.just(List.of()) : Detached.uncancellable(statement(events));
    }

    /**
     * As {@link #append}, but inside the caller's transaction, on its connection: the events are written with the
     * rest of the transaction or not at all, and a caller that holds a connection does not wait for a second one
     * (the viewer's beacons, whose visits and page views go together; importing history such as the demo deals,
     * with the times the events happened in {@code occurredAt}). The caller makes its whole unit of work
     * uncancellable ({@link Detached}) where a client may go away. Idempotency keys work as in {@link #append}.
     */
    public Mono<List<Boolean>> appendInTransaction(List<UsageEvent> events) {
        return events.isEmpty() ? Mono.just(List.of()) : statement(events);
    }

    private Mono<List<Boolean>> statement(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return Mono.just(List.of());
        }
        int n = events.size();
        Long[] accounts = new Long[n];
        UUID[] assets = new UUID[n];
        Integer[] versions = new Integer[n];
        String[] actions = new String[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        Long[] deals = new Long[n];
        Long[] shares = new Long[n];
        String[] visitors = new String[n];
        Integer[] pages = new Integer[n];
        Integer[] millis = new Integer[n];
        String[] sources = new String[n];
        String[] notes = new String[n];
        String[] owners = new String[n];
        String[] keys = new String[n];
        Long[] packs = new Long[n];
        for (int i = 0; i < n; i++) {
            UsageEvent e = events.get(i);
            accounts[i] = e.accountId();
            assets[i] = e.assetId();
            versions[i] = e.version();
            actions[i] = e.action().name();
            occurred[i] = e.occurredAt() == null ? null : e.occurredAt().atOffset(ZoneOffset.UTC);
            deals[i] = e.dealId();
            shares[i] = e.shareId();
            visitors[i] = e.visitor();
            pages[i] = e.page();
            millis[i] = e.millis();
            sources[i] = e.source();
            notes[i] = e.note();
            owners[i] = e.keyOwner();
            keys[i] = e.idempotencyKey();
            packs[i] = e.packId();
        }
        return db.sql(APPEND)
                .bind("account", accounts)
                .bind("asset", assets)
                .bind("version", versions)
                .bind("action", actions)
                .bind("occurred", occurred)
                .bind("deal", deals)
                .bind("share", shares)
                .bind("visitor", visitors)
                .bind("page", pages)
                .bind("millis", millis)
                .bind("source", sources)
                .bind("note", notes)
                .bind("owner", owners)
                .bind("key", keys)
                .bind("pack", packs)
                .map(row -> row.get("ord", Long.class))
                .all()
                .collect(Collectors.toSet())
                .map(recorded -> {
                    List<Boolean> result = new ArrayList<>(n);
                    for (long i = 1; i <= n; i++) {
                        result.add(recorded.contains(i));
                    }
                    return result;
                });
    }

    /**
     * The batch as rows numbered in order; the first row of each idempotency key claims it in usage_event_key; the
     * rows without a key and those whose claim succeeded are inserted, and their numbers returned.
     */
    private static final String APPEND = """
            with input as (
                select * from unnest(:account::bigint[], :asset::uuid[], :version::int[], :action::text[],
                        :occurred::timestamptz[], :deal::bigint[], :share::bigint[], :visitor::text[], :page::int[],
                        :millis::int[], :source::text[], :note::text[], :owner::text[], :key::text[],
                        :pack::bigint[])
                    with ordinality as t(account_id, asset_id, version, action, occurred_at, deal_id, share_id,
                        visitor, page, millis, source, note, owner, key, pack_id, ord)
            ), first_of_key as (
                select distinct on (owner, key) owner, key, ord from input where key is not null order by owner, key, ord
            ), claimed as (
                insert into usage_event_key (owner, key) select owner, key from first_of_key
                on conflict do nothing returning owner, key
            ), chosen as (
                select i.* from input i
                where i.key is null
                   or exists (select 1 from claimed c join first_of_key f on f.owner = c.owner and f.key = c.key
                              where f.ord = i.ord)
            ), inserted as (
                insert into usage_event (occurred_at, account_id, asset_id, version, action, deal_id, share_id,
                        visitor, page, millis, source, note, idempotency_key, pack_id)
                select coalesce(occurred_at, now()), account_id, asset_id, version, action, deal_id, share_id,
                        visitor, page, millis, source, note, key, pack_id
                from chosen order by ord
                returning 1
            )
            select ord from chosen
            """;

    /**
     * How often an asset was viewed, previewed and downloaded, and by how many people, leaving out its owner's own
     * uses ({@code ownerId}, the asset's owner's account; {@code null}: none): an owner's own views never count as use.
     */
    public Mono<Counts> counts(UUID assetId, Long ownerId) {
        return db.sql("select count(*) filter (where action = 'VIEW') as views, "
                        + "count(*) filter (where action = 'PREVIEW') as previews, "
                        + "count(*) filter (where action = 'DOWNLOAD') as downloads, "
                        + "count(distinct account_id) as people, max(occurred_at) as last_used "
                        + "from usage_event where asset_id = :asset and action in ('VIEW', 'PREVIEW', 'DOWNLOAD') "
                        + "and account_id is distinct from :owner")
                .bind("asset", assetId)
                .bind("owner", ownerId == null ? -1L : ownerId)
                .map(row -> new Counts(row.get("views", Long.class), row.get("previews", Long.class),
                        row.get("downloads", Long.class), row.get("people", Long.class),
                        row.get("last_used", OffsetDateTime.class) == null ? null
                                : row.get("last_used", OffsetDateTime.class).toInstant()))
                .one();
    }

    /** Usage of one asset. */
    public record Counts(long views, long previews, long downloads, long people, java.time.Instant lastUsed) {}

    // ---- for readers that follow the events (the search index's usage counts) ----

    /**
     * One recorded use as a reader following the events sees it: its id (handed out when the event is inserted, so
     * an event that commits late has an id below ones already seen) and its asset.
     */
    public record Use(long id, UUID assetId) {}

    /** Up to {@code limit} uses with an id above {@code id}, in id order (what has committed so far). */
    public Mono<List<Use>> usesAfter(long id, int limit) {
        return db.sql("select id, asset_id from usage_event where id > :id order by id limit :limit")
                .bind("id", id)
                .bind("limit", limit)
                .map(row -> new Use(row.get("id", Long.class), row.get("asset_id", UUID.class)))
                .all()
                .collectList();
    }

    /** The uses with these ids that have committed by now, in id order. */
    public Mono<List<Use>> usesWithIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select id, asset_id from usage_event where id = any(:ids) order by id")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> new Use(row.get("id", Long.class), row.get("asset_id", UUID.class)))
                .all()
                .collectList();
    }

    /** The highest use id committed so far; 0 when there is none. */
    public Mono<Long> lastUseId() {
        return db.sql("select coalesce(max(id), 0) as id from usage_event")
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /**
     * How many uses each of these assets has had (views, previews, downloads, shares and uses reported by other
     * tools together; a buyer's page reads are not uses); an asset never used is
     * absent. All assets ever used when {@code assetIds} is {@code null}.
     */
    public Mono<Map<UUID, Long>> useCounts(Collection<UUID> assetIds) {
        if (assetIds != null && assetIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        DatabaseClient.GenericExecuteSpec spec = assetIds == null
                ? db.sql("select asset_id, count(*) as n from usage_event where action <> 'PAGE_VIEW' "
                        + "group by asset_id")
                : db.sql("select asset_id, count(*) as n from usage_event where asset_id = any(:ids) "
                                + "and action <> 'PAGE_VIEW' "
                                + "group by asset_id")
                        .bind("ids", assetIds.toArray(UUID[]::new));
        return spec.map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    // ---- for the "why not shared?" question (feedback) ----

    /**
     * What one person did with one asset: when they last opened it (a view, preview or download) before
     * {@code before}, and when they last shared it; {@code null} for what they never did.
     */
    public record PersonalUse(Instant lastOpenedBefore, Instant lastShared) {}

    /** One person's openings of an asset before {@code before}, and their last share of it. */
    public Mono<PersonalUse> personalUse(long accountId, UUID assetId, Instant before) {
        return db.sql("select max(occurred_at) filter (where action in ('VIEW', 'PREVIEW', 'DOWNLOAD') "
                        + "and occurred_at < :before) as opened, "
                        + "max(occurred_at) filter (where action = 'SHARE') as shared "
                        + "from usage_event where account_id = :account and asset_id = :asset")
                .bind("account", accountId)
                .bind("asset", assetId)
                .bind("before", before.atOffset(ZoneOffset.UTC))
                .map(row -> new PersonalUse(
                        row.get("opened", OffsetDateTime.class) == null ? null
                                : row.get("opened", OffsetDateTime.class).toInstant(),
                        row.get("shared", OffsetDateTime.class) == null ? null
                                : row.get("shared", OffsetDateTime.class).toInstant()))
                .one();
    }

    /**
     * As {@link #useCounts}, but an owner's own uses do not count: {@code owners} maps each asset to its owner's
     * account id, and an asset's uses by that account are left out. An asset never used by anyone else is absent.
     */
    public Mono<Map<UUID, Long>> useCountsBesideOwners(Map<UUID, Long> owners) {
        if (owners.isEmpty()) {
            return Mono.just(Map.of());
        }
        UUID[] ids = new UUID[owners.size()];
        Long[] accounts = new Long[owners.size()];
        int i = 0;
        for (Map.Entry<UUID, Long> entry : owners.entrySet()) {
            ids[i] = entry.getKey();
            accounts[i++] = entry.getValue();
        }
        return db.sql("select e.asset_id, count(*) as n from usage_event e "
                        + "join unnest(:ids::uuid[], :owners::bigint[]) as o(asset_id, owner_id) "
                        + "on o.asset_id = e.asset_id "
                        + "where e.action <> 'PAGE_VIEW' and e.account_id is distinct from o.owner_id "
                        + "group by e.asset_id")
                .bind("ids", ids)
                .bind("owners", accounts)
                .map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    // ---- for the reports' rollups ----

    /**
     * One recorded event as the reports' rollups fold it: id, when it happened, asset, who (no account: a buyer's
     * page read) and the action's name.
     */
    public record Event(long id, Instant occurredAt, UUID assetId, Long accountId, String action) {}

    /** Up to {@code limit} events with an id above {@code id}, in id order (what has committed so far). */
    public Mono<List<Event>> eventsAfter(long id, int limit) {
        return db.sql("select id, occurred_at, asset_id, account_id, action from usage_event where id > :id "
                        + "order by id limit :limit")
                .bind("id", id)
                .bind("limit", limit)
                .map(row -> new Event(row.get("id", Long.class), row.get("occurred_at", OffsetDateTime.class).toInstant(),
                        row.get("asset_id", UUID.class), row.get("account_id", Long.class),
                        row.get("action", String.class)))
                .all()
                .collectList();
    }

    /** The events with these ids that have committed by now, in id order. */
    public Mono<List<Event>> eventsWithIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select id, occurred_at, asset_id, account_id, action from usage_event where id = any(:ids) "
                        + "order by id")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> new Event(row.get("id", Long.class), row.get("occurred_at", OffsetDateTime.class).toInstant(),
                        row.get("asset_id", UUID.class), row.get("account_id", Long.class),
                        row.get("action", String.class)))
                .all()
                .collectList();
    }

    // ---- for the deal page ----

    /**
     * How an asset was used for a deal: one action (a view, a download, a share, a use another tool reported), how
     * often and when last. A buyer's page reads ({@code PAGE_VIEW}) are not uses of the rep's.
     */
    public record DealUse(UUID assetId, Action action, long count, Instant lastAt) {}

    /** The uses recorded for this deal, per asset and action, the most recent first. */
    public Mono<List<DealUse>> usesForDeal(long dealId) {
        return db.sql("select asset_id, action, count(*) as n, max(occurred_at) as last_at from usage_event "
                        + "where deal_id = :deal and action <> 'PAGE_VIEW' group by asset_id, action "
                        + "order by last_at desc, asset_id, action")
                .bind("deal", dealId)
                .map(row -> new DealUse(row.get("asset_id", UUID.class), Action.of(row.get("action", String.class)),
                        row.get("n", Long.class), row.get("last_at", OffsetDateTime.class).toInstant()))
                .all()
                .filter(use -> use.action() != null)
                .collectList();
    }

    /**
     * How many events of this action each asset has for these deals together (e.g. shares in a set of won deals),
     * by asset; an asset without any is absent.
     */
    public Mono<Map<UUID, Long>> countsForDeals(Collection<Long> dealIds, Action action) {
        if (dealIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select asset_id, count(*) as n from usage_event where deal_id = any(:deals) "
                        + "and action = :action group by asset_id")
                .bind("deals", dealIds.toArray(Long[]::new))
                .bind("action", action.name())
                .map(row -> Map.entry(row.get("asset_id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    // ---- for reports ----

    /**
     * When an asset was first used for a deal: the earliest event with the deal's id of a signed-in user or another
     * tool (views, previews, downloads, shares, emails, meetings; a buyer's page reads are not a rep's use).
     */
    public record FirstDealUse(UUID assetId, long dealId, Instant at) {}

    /** For each asset and each of these deals, the first use recorded with the deal (one query). */
    public Mono<List<FirstDealUse>> firstUsesForDeals(Collection<Long> dealIds) {
        if (dealIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select asset_id, deal_id, min(occurred_at) as first_at from usage_event "
                        + "where deal_id = any(:deals) and action <> 'PAGE_VIEW' group by asset_id, deal_id")
                .bind("deals", dealIds.stream().distinct().toArray(Long[]::new))
                .map(row -> new FirstDealUse(row.get("asset_id", UUID.class), row.get("deal_id", Long.class),
                        row.get("first_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList();
    }
}
