package dev.baton.webapp.webhooks;

import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DatabaseNotifications;
import dev.baton.webapp.system.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The asset events ({@code asset.published}, {@code asset.updated}, {@code asset.expired}), made without content
 * knowing about webhooks: this worker follows {@code system}'s {@link Outbox} (every asset change writes a row there
 * in its transaction) as one reader for the whole installation, reads the changed assets through content's
 * {@link AssetCatalog}, compares each with what it last saw of it ({@code webhook_asset}) and publishes what changed:
 * an asset that became published is {@code asset.published}; a published one whose version or metadata changed (also
 * when it was archived or returned to draft) is {@code asset.updated}. {@code asset.expired} is sent once per asset
 * and expiry date when a published asset's expiry date has come (judged on Baton's clock in UTC, as
 * {@link AssetVisibility} does): checked every {@code baton.webhooks.expiry-check} and after every change.
 *
 * <p>Exactly once across nodes: a round locks the feed's row ({@code webhook_feed}, {@code skip locked}: one node
 * advances it at a time), and writes the events, what it saw and its new position in one transaction. Outbox
 * positions become visible at commit, so a round remembers the positions it stepped over (gaps) and looks them up
 * again until they show up or can no longer commit (every transaction running when the gap was seen has ended, and a
 * few seconds have passed), as search's feed does. The lowest position still needed is reported to the outbox
 * ({@link Outbox#readerAt}) so rows are not pruned before they are read; if they were anyway (the feed was stopped
 * for longer than the outbox retention) every asset is compared once. On its first run it takes the library as it is
 * (no events for what was already there).
 */
@Component
class AssetEvents extends BackgroundWorker {

    static final String READER = "webhooks";
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofMinutes(10);
    private static final int BATCH = 500;
    private static final int PAGE = 200;
    private static final int MAX_GAPS = 10_000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final AssetCatalog catalog;
    private final Webhooks webhooks;
    private final Clock clock;
    private final BatonProperties.Webhooks settings;
    private volatile Instant lastExpiryCheck;
    private volatile long lastReport;

    /** Where this node last saw the feed stand (-1: not yet), and whether it had gaps: what the quick look needs. */
    private volatile long known = -1;
    private volatile boolean knownGaps = true;

    AssetEvents(DatabaseClient db, TransactionalOperator tx, Outbox outbox, AssetCatalog catalog, Webhooks webhooks,
            Clock clock, BatonProperties properties, DatabaseNotifications notifications) {
        super("baton-webhook-assets", properties.webhooks().poll());
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.catalog = catalog;
        this.webhooks = webhooks;
        this.clock = clock;
        this.settings = properties.webhooks();
        notifications.on(DatabaseNotifications.OUTBOX, this::wake);
    }

    @Override
    protected void releaseOwnClaims() {
        // no claims: the feed's row lock ends with the transaction that holds it
    }

    @Override
    protected String problem() {
        return "Following asset changes for webhooks hit a problem; trying again shortly";
    }

    @Override
    protected boolean workOnce() {
        // most looks find nothing new: one read, no transaction (a round takes a row lock, which costs an xid)
        if (known >= 0 && !knownGaps && !expiryDue(clock.instant()) && !reportDue()) {
            Long last = outbox.lastPosition().block(QUERY_TIMEOUT);
            if (last != null && last <= known) {
                return false;
            }
        }
        Boolean moved = round().as(tx::transactional).defaultIfEmpty(false).block(QUERY_TIMEOUT);
        return Boolean.TRUE.equals(moved);
    }

    private void knowing(State state) {
        known = state.position();
        knownGaps = !state.gaps().isEmpty();
    }

    /** The feed's state: the highest position read and the gaps (position to when it was first seen). */
    private record State(long position, TreeMap<Long, Seen> gaps) {

        long watermark() {
            return gaps.isEmpty() ? position : gaps.firstKey() - 1;
        }
    }

    /** When a gap was first seen: the snapshot's xmax then and the database's time in milliseconds. */
    private record Seen(long xmax, long millis) {}

    /** The database's transactions now: every id below {@code xmin} has ended; and its time. */
    private record Moment(long xmin, long xmax, long millis) {}

    /** One round in one transaction; emits whether it did anything (so the worker looks again at once). */
    private Mono<Boolean> round() {
        return db.sql("insert into webhook_feed (position) values (-1) on conflict do nothing").then()
                .then(db.sql("select position, gaps, gap_xmax, gap_seen_ms from webhook_feed for update skip locked")
                        .map(row -> {
                            Long[] gaps = row.get("gaps", Long[].class);
                            Long[] xmax = row.get("gap_xmax", Long[].class);
                            Long[] seen = row.get("gap_seen_ms", Long[].class);
                            TreeMap<Long, Seen> open = new TreeMap<>();
                            for (int i = 0; gaps != null && i < gaps.length; i++) {
                                open.put(gaps[i], new Seen(xmax[i], seen[i]));
                            }
                            return new State(row.get("position", Long.class), open);
                        })
                        .one())
                .flatMap(state -> state.position() < 0 ? firstRun() : follow(state));
    }

    /** The first run: take the library as it is, and follow the outbox from here. */
    private Mono<Boolean> firstRun() {
        return outbox.lastPosition()
                .flatMap(position -> remember(null, today(), false).then(save(new State(position, new TreeMap<>()))))
                .thenReturn(true);
    }

    private Mono<Boolean> follow(State state) {
        return outbox.prunedThrough().flatMap(pruned -> {
            if (state.watermark() < pruned) {
                // rows this feed had not read are gone: compare every asset once, then go on from the newest row
                // (the pruned mark only when the outbox is empty: a mark above the newest row is not to be trusted,
                // the feed would wait there for rows that never come)
                return outbox.lastPosition()
                        .flatMap(position -> remember(null, today(), true)
                                .then(save(new State(position > 0 ? position : pruned, new TreeMap<>()))))
                        .thenReturn(false);
            }
            return outbox.after(state.position(), BATCH).flatMap(batch -> {
                if (batch.isEmpty() && state.gaps().isEmpty()) {
                    knowing(state);
                    return expiryCheck(false).then(report(state, false)).thenReturn(false);
                }
                return moment().flatMap(now -> outbox.at(state.gaps().keySet()).flatMap(found -> {
                    Set<UUID> changed = new LinkedHashSet<>();
                    for (Outbox.Row row : batch) {
                        if (row.change() instanceof Outbox.AssetChanged asset) {
                            changed.add(asset.assetId());
                        }
                    }
                    for (Outbox.Row row : found) {
                        if (row.change() instanceof Outbox.AssetChanged asset) {
                            changed.add(asset.assetId());
                        }
                    }
                    State next = advance(state, batch, found, now);
                    knowing(next);
                    return remember(changed, today(), true)
                            .then(save(next))
                            .then(report(next, next.watermark() != state.watermark()))
                            .then(changed.isEmpty() ? Mono.empty() : expiryCheck(true))
                            .thenReturn(!batch.isEmpty());
                }));
            });
        });
    }

    /** The state after a round: stepped-over positions become gaps, found and settled gaps close. */
    private static State advance(State state, List<Outbox.Row> batch, List<Outbox.Row> found, Moment now) {
        TreeMap<Long, Seen> gaps = new TreeMap<>(state.gaps());
        long expected = state.position() + 1;
        for (Outbox.Row row : batch) {
            for (long p = expected; p < row.position(); p++) {
                gaps.put(p, new Seen(now.xmax(), now.millis()));
            }
            expected = row.position() + 1;
        }
        found.forEach(row -> gaps.remove(row.position()));
        gaps.entrySet().removeIf(gap -> state.gaps().containsKey(gap.getKey())
                && now.xmin() >= gap.getValue().xmax() && now.millis() - gap.getValue().millis() >= SETTLE.toMillis());
        while (gaps.size() > MAX_GAPS) {
            gaps.pollFirstEntry();
        }
        long position = batch.isEmpty() ? state.position() : batch.getLast().position();
        return new State(position, gaps);
    }

    private Mono<Moment> moment() {
        return db.sql("select pg_snapshot_xmin(s)::text as xmin, pg_snapshot_xmax(s)::text as xmax, "
                        + "(extract(epoch from clock_timestamp()) * 1000)::bigint as millis from pg_current_snapshot() as s")
                .map(row -> new Moment(Long.parseLong(row.get("xmin", String.class)),
                        Long.parseLong(row.get("xmax", String.class)), row.get("millis", Long.class)))
                .one();
    }

    private Mono<Void> save(State state) {
        Long[] gaps = state.gaps().keySet().toArray(Long[]::new);
        Long[] xmax = state.gaps().values().stream().map(Seen::xmax).toArray(Long[]::new);
        Long[] seen = state.gaps().values().stream().map(Seen::millis).toArray(Long[]::new);
        return db.sql("update webhook_feed set position = :position, gaps = :gaps, gap_xmax = :xmax, "
                        + "gap_seen_ms = :seen")
                .bind("position", state.position())
                .bind("gaps", gaps)
                .bind("xmax", xmax)
                .bind("seen", seen)
                .then();
    }

    /** Tells the outbox which rows this reader still needs: when it moved, and now and then so it is not forgotten. */
    private Mono<Void> report(State state, boolean moved) {
        if (!moved && !reportDue()) {
            return Mono.empty();
        }
        lastReport = System.nanoTime();
        return outbox.readerAt(READER, state.watermark());
    }

    private boolean reportDue() {
        return lastReport == 0 || System.nanoTime() - lastReport >= REPORT_EVERY.toNanos();
    }

    // ---- comparing assets with what was seen of them ----

    /** What the feed last saw of an asset. */
    private record Known(String status, int version, Instant updatedAt, LocalDate expiresOn) {}

    /**
     * Compares these assets ({@code null}: every asset) with what was seen of them, publishes what changed (when
     * {@code emit}) and remembers them as they are now. Without {@code emit}, an asset already expired counts as
     * announced.
     */
    private Mono<Void> remember(Set<UUID> ids, LocalDate today, boolean emit) {
        if (ids != null) {
            return ids.isEmpty() ? Mono.empty() : compare(new ArrayList<>(ids), catalog.assets(ids), today, emit);
        }
        return catalog.page(null, PAGE).collectList()
                .expand(page -> page.size() < PAGE ? Mono.empty()
                        : catalog.page(page.getLast().id(), PAGE).collectList())
                .concatMap(page -> compare(page.stream().map(IndexableAsset::id).toList(), Flux.fromIterable(page),
                        today, emit))
                .then();
    }

    private Mono<Void> compare(List<UUID> ids, Flux<IndexableAsset> current, LocalDate today, boolean emit) {
        Mono<Map<UUID, Known>> seen = db.sql("select asset_id, status, version, updated_at, expires_on "
                        + "from webhook_asset where asset_id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("asset_id", UUID.class), new Known(row.get("status", String.class),
                        row.get("version", Integer.class), Subscriptions.instant(row, "updated_at"),
                        row.get("expires_on", LocalDate.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(seen, current.collectMap(IndexableAsset::id)).flatMap(both -> {
            Map<UUID, Known> before = both.getT1();
            Map<UUID, IndexableAsset> now = both.getT2();
            List<Mono<Void>> work = new ArrayList<>();
            for (UUID id : ids) {
                IndexableAsset asset = now.get(id);
                Known was = before.get(id);
                if (asset == null) {
                    work.add(db.sql("delete from webhook_asset where asset_id = :id").bind("id", id).then());
                    continue;
                }
                boolean published = "PUBLISHED".equals(asset.status());
                if (emit) {
                    if (published && (was == null || !"PUBLISHED".equals(was.status()))) {
                        work.add(webhooks.publish(Webhooks.ASSET_PUBLISHED, data(asset)));
                    } else if (was != null && "PUBLISHED".equals(was.status())
                            && (was.version() != asset.version() || !was.updatedAt().equals(asset.updatedAt()))) {
                        work.add(webhooks.publish(Webhooks.ASSET_UPDATED, data(asset)));
                    }
                }
                boolean announced = !emit && published && AssetVisibility.expired(asset.expiresOn(), today);
                work.add(db.sql("insert into webhook_asset (asset_id, status, version, updated_at, expires_on, "
                                + "expired_sent_on) values (:id, :status, :version, :updated, :expires, :sent) "
                                + "on conflict (asset_id) do update set status = excluded.status, "
                                + "version = excluded.version, updated_at = excluded.updated_at, "
                                + "expires_on = excluded.expires_on, "
                                + "expired_sent_on = coalesce(excluded.expired_sent_on, webhook_asset.expired_sent_on)")
                        .bind("id", id)
                        .bind("status", asset.status())
                        .bind("version", asset.version())
                        .bind("updated", asset.updatedAt().atOffset(ZoneOffset.UTC))
                        .bind("expires", Parameter.fromOrEmpty(asset.expiresOn(), LocalDate.class))
                        .bind("sent", Parameter.fromOrEmpty(announced ? asset.expiresOn() : null, LocalDate.class))
                        .then());
            }
            return Flux.concat(work).then();
        });
    }

    /**
     * Publishes {@code asset.expired} for each published asset whose expiry date has come and was not announced yet;
     * runs when due (or when {@code now}), in the round's transaction.
     */
    private Mono<Void> expiryCheck(boolean now) {
        Instant at = clock.instant();
        if (!now && !expiryDue(at)) {
            return Mono.empty();
        }
        lastExpiryCheck = at;
        LocalDate today = today();
        return db.sql("select asset_id from webhook_asset where status = 'PUBLISHED' and expires_on <= :today "
                        + "and expired_sent_on is distinct from expires_on order by asset_id limit 1000")
                .bind("today", today)
                .map(row -> row.get("asset_id", UUID.class))
                .all()
                .collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.empty() : catalog.assets(ids)
                        .filter(asset -> "PUBLISHED".equals(asset.status())
                                && AssetVisibility.expired(asset.expiresOn(), today))
                        .concatMap(asset -> webhooks.publish(Webhooks.ASSET_EXPIRED, data(asset))
                                .then(db.sql("update webhook_asset set expired_sent_on = :expires where asset_id = :id")
                                        .bind("expires", asset.expiresOn())
                                        .bind("id", asset.id())
                                        .then()))
                        .then());
    }

    /** Due after the interval; also when the clock went back (a test's pinned clock released). */
    private boolean expiryDue(Instant at) {
        Instant last = lastExpiryCheck;
        return last == null || !at.isBefore(last.plus(settings.expiryCheck())) || at.isBefore(last);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The {@code data} of an asset event: what a subscriber needs to find and show the asset. */
    static Map<String, Object> data(IndexableAsset asset) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", asset.id().toString());
        data.put("title", asset.title());
        data.put("status", asset.status());
        data.put("version", asset.version());
        data.put("contentType", asset.contentType());
        data.put("fileName", asset.fileName());
        data.put("mediaType", asset.mediaType());
        data.put("internalOnly", asset.internalOnly());
        data.put("owner", asset.owner());
        data.put("expiresOn", asset.expiresOn() == null ? null : asset.expiresOn().toString());
        data.put("publishedAt", asset.publishedAt() == null ? null : asset.publishedAt().toString());
        data.put("updatedAt", asset.updatedAt().toString());
        data.put("facets", new HashMap<>(asset.facets()));
        data.put("path", "/assets/" + asset.id());
        return data;
    }
}
