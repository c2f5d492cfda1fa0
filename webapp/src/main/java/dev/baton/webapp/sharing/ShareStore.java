package dev.baton.webapp.sharing;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The share tables: links with their items, viewer openings, visits and their page times. Only SQL, no rules. */
@Component
class ShareStore {

    private static final String SELECT = "select id, token, owner_id, deal_id, title, note, expires_at, "
            + "passcode_hash is not null as has_passcode, gate_domains, allow_download, revoked_at, first_viewed_at, "
            + "created_at, locked_until from share ";

    private final DatabaseClient db;

    ShareStore(DatabaseClient db) {
        this.db = db;
    }

    /** A new link with its items; emits its id. */
    Mono<Long> insert(String token, long ownerId, Long dealId, String title, String note, Instant expiresAt,
            String passcodeHash, List<String> gateDomains, boolean allowDownload, List<ShareLink.Item> items,
            Instant now) {
        int n = items.size();
        Integer[] positions = new Integer[n];
        UUID[] assets = new UUID[n];
        Integer[] versions = new Integer[n];
        for (int i = 0; i < n; i++) {
            positions[i] = items.get(i).position();
            assets[i] = items.get(i).assetId();
            versions[i] = items.get(i).version();
        }
        return db.sql("with s as (insert into share (token_hash, token, owner_id, deal_id, title, note, expires_at, "
                        + "passcode_hash, gate_domains, allow_download, created_at, updated_at) values (:hash, :token, "
                        + ":owner, :deal, :title, :note, :expires, :passcode, :domains, :download, :now, :now) "
                        + "returning id), "
                        + "i as (insert into share_item (share_id, position, asset_id, version) "
                        + "select s.id, x.position, x.asset_id, x.version from s, "
                        + "unnest(:positions::int[], :assets::uuid[], :versions::int[]) as x(position, asset_id, version)) "
                        + "select id from s")
                .bind("hash", ShareTokens.hash(token))
                .bind("token", token)
                .bind("owner", ownerId)
                .bind("deal", Parameter.fromOrEmpty(dealId, Long.class))
                .bind("title", title)
                .bind("note", note)
                .bind("expires", at(expiresAt))
                .bind("passcode", Parameter.fromOrEmpty(passcodeHash, String.class))
                .bind("domains", Parameter.fromOrEmpty(gateDomains == null ? null : gateDomains.toArray(String[]::new),
                        String[].class))
                .bind("download", allowDownload)
                .bind("now", at(now))
                .bind("positions", positions)
                .bind("assets", assets)
                .bind("versions", versions)
                .map(row -> row.get("id", Long.class))
                .one();
    }

    Mono<ShareLink> byId(long id) {
        return complete(db.sql(SELECT + "where id = :id").bind("id", id)).next();
    }

    Mono<ShareLink> byToken(String token) {
        return complete(db.sql(SELECT + "where token_hash = :hash").bind("hash", ShareTokens.hash(token))).next();
    }

    /** Links of one owner ({@code null}: everyone's), newest first. */
    Flux<ShareLink> list(Long ownerId, int limit) {
        return ownerId == null
                ? complete(db.sql(SELECT + "order by created_at desc, id desc limit :limit").bind("limit", limit))
                : complete(db.sql(SELECT + "where owner_id = :owner order by created_at desc, id desc limit :limit")
                        .bind("owner", ownerId)
                        .bind("limit", limit));
    }

    Flux<ShareLink> forDeal(long dealId) {
        return complete(db.sql(SELECT + "where deal_id = :deal order by created_at desc, id desc").bind("deal", dealId));
    }

    /** An owner's live links (not revoked, not expired) holding any of these assets. */
    Flux<ShareLink> liveHolding(Collection<UUID> assets, long ownerId, Instant now) {
        return complete(db.sql(SELECT + "where revoked_at is null and expires_at > :now and owner_id = :owner "
                        + "and id in (select share_id from share_item where asset_id = any(:assets)) "
                        + "order by created_at desc, id desc")
                .bind("now", at(now))
                .bind("assets", assets.toArray(UUID[]::new))
                .bind("owner", ownerId));
    }

    /** Every asset some live link of this owner holds. */
    Flux<UUID> liveAssets(long ownerId, Instant now) {
        return db.sql("select distinct i.asset_id from share_item i join share s on s.id = i.share_id "
                        + "where s.owner_id = :owner and s.revoked_at is null and s.expires_at > :now")
                .bind("owner", ownerId)
                .bind("now", at(now))
                .map(row -> row.get("asset_id", UUID.class))
                .all();
    }

    Mono<Void> update(long id, Instant expiresAt, boolean changePasscode, String passcodeHash, boolean changeGate,
            List<String> gateDomains, Boolean allowDownload, Instant now) {
        return db.sql("update share set expires_at = coalesce(:expires, expires_at), "
                        + "passcode_hash = case when :changePasscode then :passcode else passcode_hash end, "
                        + "passcode_failures = case when :changePasscode then 0 else passcode_failures end, "
                        + "locked_until = case when :changePasscode then null else locked_until end, "
                        + "gate_domains = case when :changeGate then :domains else gate_domains end, "
                        + "allow_download = coalesce(:download, allow_download), updated_at = :now where id = :id")
                .bind("expires", Parameter.fromOrEmpty(expiresAt == null ? null : at(expiresAt), OffsetDateTime.class))
                .bind("changePasscode", changePasscode)
                .bind("passcode", Parameter.fromOrEmpty(passcodeHash, String.class))
                .bind("changeGate", changeGate)
                .bind("domains", Parameter.fromOrEmpty(gateDomains == null ? null : gateDomains.toArray(String[]::new),
                        String[].class))
                .bind("download", Parameter.fromOrEmpty(allowDownload, Boolean.class))
                .bind("now", at(now))
                .bind("id", id)
                .then();
    }

    Mono<Void> revoke(long id, Instant now) {
        return db.sql("update share set revoked_at = coalesce(revoked_at, :now), updated_at = :now where id = :id")
                .bind("now", at(now))
                .bind("id", id)
                .then();
    }

    /** Pins an item to another version. */
    Mono<Long> repin(long shareId, int position, int version, Instant now) {
        return db.sql("with u as (update share_item set version = :version where share_id = :id "
                        + "and position = :position and version is not null and version < :version returning 1) "
                        + "update share set updated_at = :now where id = :id and exists (select 1 from u)")
                .bind("version", version)
                .bind("id", shareId)
                .bind("position", position)
                .bind("now", at(now))
                .fetch()
                .rowsUpdated();
    }

    // --- passcodes ---

    /**
     * Counts a passcode attempt before it is checked, so a burst of parallel guesses gets no further than the limit:
     * emits {@code true} when the attempt may go on, {@code false} when the link is locked. The attempt that reaches
     * {@code max} locks the link until {@code lockUntil}; a right passcode then unlocks it ({@link #passcodeRight}).
     */
    Mono<Boolean> passcodeAttempt(long id, int max, Instant now, Instant lockUntil) {
        return db.sql("update share set passcode_failures = 0, locked_until = null where id = :id "
                        + "and locked_until is not null and locked_until <= :now")
                .bind("id", id)
                .bind("now", at(now))
                .then()
                .then(db.sql("update share set passcode_failures = passcode_failures + 1, "
                                + "locked_until = case when passcode_failures + 1 >= :max then :until end "
                                + "where id = :id and locked_until is null returning passcode_failures")
                        .bind("max", max)
                        .bind("until", at(lockUntil))
                        .bind("id", id)
                        .map(row -> true)
                        .one()
                        .defaultIfEmpty(false));
    }

    Mono<Void> passcodeRight(long id) {
        return db.sql("update share set passcode_failures = 0, locked_until = null where id = :id")
                .bind("id", id)
                .then();
    }

    Mono<String> passcodeHash(long id) {
        return db.sql("select passcode_hash from share where id = :id").bind("id", id)
                .map(row -> row.get(0, String.class))
                .one();
    }

    Mono<Instant> lockedUntil(long id) {
        return db.sql("select locked_until from share where id = :id").bind("id", id)
                .map(row -> instant(row.get(0, OffsetDateTime.class)))
                .one();
    }

    // --- openings, beacons and visits ---

    Mono<Long> insertAccess(long shareId, String key, String email, String userAgent, String botReason,
            Instant now, Instant expiresAt) {
        return db.sql("insert into share_access (share_id, key_hash, email, user_agent, bot_reason, created_at, "
                        + "expires_at) values (:share, :hash, :email, :ua, :bot, :now, :expires) returning id")
                .bind("share", shareId)
                .bind("hash", ShareTokens.hash(key))
                .bind("email", Parameter.fromOrEmpty(email, String.class))
                .bind("ua", Parameter.fromOrEmpty(userAgent, String.class))
                .bind("bot", Parameter.fromOrEmpty(botReason, String.class))
                .bind("now", at(now))
                .bind("expires", at(expiresAt))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /** An opening of a link that is still good. */
    record Access(long id, long shareId, String email, String botReason, Long visitId) {}

    Mono<Access> access(long shareId, String key, Instant now) {
        return db.sql("select id, share_id, email, bot_reason, visit_id from share_access where key_hash = :hash "
                        + "and share_id = :share and expires_at > :now")
                .bind("hash", ShareTokens.hash(key))
                .bind("share", shareId)
                .bind("now", at(now))
                .map(ShareStore::access)
                .one();
    }

    Mono<Access> lockAccess(long accessId) {
        return db.sql("select id, share_id, email, bot_reason, visit_id from share_access where id = :id for update")
                .bind("id", accessId)
                .map(ShareStore::access)
                .one();
    }

    private static Access access(Readable row) {
        return new Access(row.get("id", Long.class), row.get("share_id", Long.class), row.get("email", String.class),
                row.get("bot_reason", String.class), row.get("visit_id", Long.class));
    }

    /** The visitor's visit still going on (its last sign of life after {@code since}), if any. */
    Mono<Long> recentVisit(long shareId, String visitor, Instant since) {
        return db.sql("select id from share_visit where share_id = :share and visitor = :visitor "
                        + "and last_seen_at > :since order by last_seen_at desc limit 1")
                .bind("share", shareId)
                .bind("visitor", visitor)
                .bind("since", at(since))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    Mono<Long> insertVisit(long shareId, String visitor, String email, Instant now) {
        return db.sql("insert into share_visit (share_id, visitor, email, started_at, last_seen_at) "
                        + "values (:share, :visitor, :email, :now, :now) returning id")
                .bind("share", shareId)
                .bind("visitor", visitor)
                .bind("email", Parameter.fromOrEmpty(email, String.class))
                .bind("now", at(now))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    Mono<Void> attach(long accessId, long visitId) {
        return db.sql("update share_access set visit_id = :visit where id = :id")
                .bind("visit", visitId)
                .bind("id", accessId)
                .then();
    }

    /** What a beacon did: whether it was new (a repeated one counts once) and whether its visit is verified now. */
    record BeaconWrite(boolean isNew, boolean verified) {}

    /**
     * Records a beacon in one statement: its number for this opening (a repeated one changes nothing), and, when new,
     * its pages' times on the visit, the visit's total and last sign of life, its email when it had none, and the
     * reason it is not a person when one is known. A visit with page time and no such reason is verified (once).
     */
    Mono<BeaconWrite> recordBeacon(long accessId, int seq, long visitId, String email, String botReason,
            Map<PageKey, Long> pages, Instant now) {
        int n = pages.size();
        Integer[] positions = new Integer[n];
        Integer[] numbers = new Integer[n];
        Long[] millis = new Long[n];
        int i = 0;
        long total = 0;
        for (Map.Entry<PageKey, Long> e : pages.entrySet()) {
            positions[i] = e.getKey().position();
            numbers[i] = e.getKey().page();
            millis[i] = e.getValue();
            total += e.getValue();
            i++;
        }
        return db.sql("with b as (insert into share_beacon (access_id, seq) values (:access, :seq) "
                        + "on conflict do nothing returning 1), "
                        + "p as (insert into share_visit_page (visit_id, position, page, millis) "
                        + "select :visit, x.position, x.page, x.millis from "
                        + "unnest(:positions::int[], :pages::int[], :millis::bigint[]) as x(position, page, millis) "
                        + "where exists (select 1 from b) "
                        + "on conflict (visit_id, position, page) do update "
                        + "set millis = share_visit_page.millis + excluded.millis), "
                        + "v as (update share_visit set millis = millis + :total, "
                        + "last_seen_at = greatest(last_seen_at, :now), email = coalesce(email, :email), "
                        + "bot_reason = coalesce(bot_reason, :bot), "
                        + "verified_at = case when verified_at is null and coalesce(bot_reason, :bot) is null "
                        + "and millis + :total > 0 then :now else verified_at end "
                        + "where id = :visit and exists (select 1 from b) "
                        + "returning verified_at is not null as verified) "
                        + "select exists (select 1 from b) as new, coalesce((select verified from v), false) as verified")
                .bind("access", accessId)
                .bind("seq", seq)
                .bind("visit", visitId)
                .bind("positions", positions)
                .bind("pages", numbers)
                .bind("millis", millis)
                .bind("total", total)
                .bind("now", at(now))
                .bind("email", Parameter.fromOrEmpty(email, String.class))
                .bind("bot", Parameter.fromOrEmpty(botReason, String.class))
                .map(row -> new BeaconWrite(Boolean.TRUE.equals(row.get("new", Boolean.class)),
                        Boolean.TRUE.equals(row.get("verified", Boolean.class))))
                .one();
    }

    // --- the guardian's notices ---

    /** An item of a live link, with the link's owner and title. */
    record LiveItem(long shareId, long ownerId, String shareTitle, int position, UUID assetId, Integer version) {}

    /** Every item of every live link (not revoked, not expired). */
    Flux<LiveItem> liveItems(Instant now) {
        return db.sql("select s.id, s.owner_id, s.title, i.position, i.asset_id, i.version from share s "
                        + "join share_item i on i.share_id = s.id where s.revoked_at is null and s.expires_at > :now "
                        + "order by s.id, i.position")
                .bind("now", at(now))
                .map(row -> new LiveItem(row.get("id", Long.class), row.get("owner_id", Long.class),
                        row.get("title", String.class), row.get("position", Integer.class),
                        row.get("asset_id", UUID.class), row.get("version", Integer.class)))
                .all();
    }

    /** Records that these items were told of ({@code kind}, {@code version}); emits those not told before. */
    Mono<List<LiveItem>> recordNotices(List<LiveItem> items, String kind, int version, Instant now) {
        if (items.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("insert into share_notice (share_id, position, kind, version, notified_at) "
                        + "select x.share_id, x.position, :kind, :version, :now "
                        + "from unnest(:shares::bigint[], :positions::int[]) as x(share_id, position) "
                        + "on conflict do nothing returning share_id, position")
                .bind("kind", kind)
                .bind("version", version)
                .bind("now", at(now))
                .bind("shares", items.stream().map(LiveItem::shareId).toArray(Long[]::new))
                .bind("positions", items.stream().map(LiveItem::position).toArray(Integer[]::new))
                .map(row -> row.get("position", Integer.class) + ":" + row.get("share_id", Long.class))
                .all()
                .collect(java.util.stream.Collectors.toSet())
                .map(fresh -> items.stream().filter(i -> fresh.contains(i.position() + ":" + i.shareId()))
                        .toList());
    }

    /** Forgets the withdrawals told of these items (their asset may be shared again), so a new one is told. */
    Mono<Void> clearWithdrawn(List<LiveItem> items) {
        if (items.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("delete from share_notice n using unnest(:shares::bigint[], :positions::int[]) "
                        + "as x(share_id, position) where n.kind = 'WITHDRAWN' and n.share_id = x.share_id "
                        + "and n.position = x.position")
                .bind("shares", items.stream().map(LiveItem::shareId).toArray(Long[]::new))
                .bind("positions", items.stream().map(LiveItem::position).toArray(Integer[]::new))
                .then();
    }

    /** A page of an item, as a beacon names it. */
    record PageKey(int position, int page) {}

    /** Marks the link's first verified visit; emits {@code true} only for the one call that marked it. */
    Mono<Boolean> markFirstView(long shareId, Instant now) {
        return db.sql("update share set first_viewed_at = :now where id = :id and first_viewed_at is null")
                .bind("now", at(now))
                .bind("id", shareId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    Mono<Void> countDownload(long accessId) {
        return db.sql("update share_visit set downloads = downloads + 1 "
                        + "where id = (select visit_id from share_access where id = :id)")
                .bind("id", accessId)
                .then();
    }

    // --- what the rep sees ---

    /** One visit of a link with its page times. */
    record Visit(long id, long shareId, String visitor, String email, Instant startedAt, Instant lastSeenAt,
            long millis, int downloads, String botReason, Instant verifiedAt, List<PageTime> pages) {

        public boolean verified() {
            return verifiedAt != null;
        }
    }

    /** Time on one page of one item. */
    record PageTime(int position, int page, long millis) {}

    Flux<Visit> visits(Collection<Long> shareIds) {
        if (shareIds.isEmpty()) {
            return Flux.empty();
        }
        Long[] ids = shareIds.toArray(Long[]::new);
        Mono<Map<Long, List<PageTime>>> pages = db.sql("select p.visit_id, p.position, p.page, p.millis "
                        + "from share_visit_page p join share_visit v on v.id = p.visit_id "
                        + "where v.share_id = any(:ids) order by p.visit_id, p.position, p.page")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("visit_id", Long.class), new PageTime(row.get("position", Integer.class),
                        row.get("page", Integer.class), row.get("millis", Long.class))))
                .all()
                .collect(LinkedHashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return pages.flatMapMany(byVisit -> db.sql("select id, share_id, visitor, email, started_at, last_seen_at, "
                        + "millis, downloads, bot_reason, verified_at from share_visit where share_id = any(:ids) "
                        + "order by last_seen_at desc")
                .bind("ids", ids)
                .map(row -> new Visit(row.get("id", Long.class), row.get("share_id", Long.class),
                        row.get("visitor", String.class), row.get("email", String.class),
                        instant(row.get("started_at", OffsetDateTime.class)),
                        instant(row.get("last_seen_at", OffsetDateTime.class)), row.get("millis", Long.class),
                        row.get("downloads", Integer.class), row.get("bot_reason", String.class),
                        instant(row.get("verified_at", OffsetDateTime.class)),
                        byVisit.getOrDefault(row.get("id", Long.class), List.of())))
                .all());
    }

    /** Openings that never became a visit (no beacon: no script ran), and those a scanner's user agent made. */
    record Unverified(long shareId, long openings, long scanners) {}

    Flux<Unverified> unverified(Collection<Long> shareIds) {
        if (shareIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select share_id, count(*) filter (where visit_id is null) as openings, "
                        + "count(*) filter (where visit_id is null and bot_reason is not null) as scanners "
                        + "from share_access where share_id = any(:ids) group by share_id")
                .bind("ids", shareIds.toArray(Long[]::new))
                .map(row -> new Unverified(row.get("share_id", Long.class), row.get("openings", Long.class),
                        row.get("scanners", Long.class)))
                .all();
    }

    // --- rows ---

    private Flux<ShareLink> complete(DatabaseClient.GenericExecuteSpec spec) {
        return spec.map(ShareStore::row).all().collectList().flatMapMany(rows -> {
            if (rows.isEmpty()) {
                return Flux.empty();
            }
            Long[] ids = rows.stream().map(ShareLink::id).toArray(Long[]::new);
            return db.sql("select share_id, position, asset_id, version from share_item where share_id = any(:ids) "
                            + "order by share_id, position")
                    .bind("ids", ids)
                    .map(row -> Map.entry(row.get("share_id", Long.class), new ShareLink.Item(
                            row.get("position", Integer.class), row.get("asset_id", UUID.class),
                            row.get("version", Integer.class))))
                    .all()
                    .collect(LinkedHashMap<Long, List<ShareLink.Item>>::new,
                            (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()))
                    .flatMapIterable(items -> rows.stream()
                            .map(s -> new ShareLink(s.id(), s.token(), s.ownerId(), s.dealId(), s.title(), s.note(),
                                    s.expiresAt(), s.passcode(), s.gateDomains(), s.allowDownload(), s.revokedAt(),
                                    s.firstViewedAt(), s.createdAt(), s.lockedUntil(),
                                    List.copyOf(items.getOrDefault(s.id(), List.of()))))
                            .toList());
        });
    }

    private static ShareLink row(Readable row) {
        String[] domains = row.get("gate_domains", String[].class);
        return new ShareLink(
                row.get("id", Long.class),
                row.get("token", String.class),
                row.get("owner_id", Long.class),
                row.get("deal_id", Long.class),
                row.get("title", String.class),
                row.get("note", String.class),
                instant(row.get("expires_at", OffsetDateTime.class)),
                Boolean.TRUE.equals(row.get("has_passcode", Boolean.class)),
                domains == null ? null : Arrays.asList(domains),
                Boolean.TRUE.equals(row.get("allow_download", Boolean.class)),
                instant(row.get("revoked_at", OffsetDateTime.class)),
                instant(row.get("first_viewed_at", OffsetDateTime.class)),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("locked_until", OffsetDateTime.class)),
                List.of());
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
