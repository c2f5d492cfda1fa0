package dev.baton.webapp.feedback;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetSummary;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import dev.baton.webapp.usage.UsageService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What reps say about assets and what marketing answers: ratings (1 to 5, one per person and asset), comments, flags
 * with an optional note, and answers to "why not shared?"; the owner's inbox and the replies reps see. Every action
 * first checks the asset is one the person may see ({@link ContentService#get}).
 */
@Service
class FeedbackService {

    static final int MAX_TEXT = 2000;
    /** An opening counts as an earlier visit (worth asking about) when it is at least this old. */
    static final Duration EARLIER_VISIT = Duration.ofMinutes(30);
    private static final int INBOX_LIMIT = 2000;

    private final DatabaseClient db;
    private final ContentService content;
    private final AssetCatalog catalog;
    private final UsageService usage;
    private final AccountDirectory accounts;
    private final Notifications notifications;
    private final Clock clock;

    FeedbackService(DatabaseClient db, ContentService content, AssetCatalog catalog, UsageService usage,
            AccountDirectory accounts, Notifications notifications, Clock clock) {
        this.db = db;
        this.content = content;
        this.catalog = catalog;
        this.usage = usage;
        this.accounts = accounts;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * One comment, flag or "why not shared?" answer as people see it.
     *
     * @param kind {@code COMMENT}, {@code FLAG} or {@code NOT_SHARED}
     * @param reason the flag's or answer's key ({@code OUTDATED}, ...); empty for comments
     * @param reply marketing's answer, {@code null} until there is one
     */
    record Item(long id, UUID assetId, String assetTitle, String kind, String reason, String reasonLabel, String body,
            Instant createdAt, String by, String reply, String repliedBy, Instant repliedAt) {

        public boolean answered() {
            return reply != null;
        }
    }

    /**
     * An asset's feedback as one person sees it: the average rating, their own rating, the items they may read (their
     * own; every item for marketers and admins), and whether to ask them "why not shared?" now.
     */
    record AssetFeedback(UUID assetId, Double averageRating, long ratings, Integer myRating, List<Item> items,
            boolean askWhyNotShared, List<Reasons.Reason> flagReasons, List<Reasons.Reason> notSharedReasons) {}

    /** How often reps gave each "why not shared?" answer for one asset. */
    record NotSharedCount(UUID assetId, String assetTitle, String reason, String reasonLabel, long count) {}

    /** The inbox: unanswered (or all) comments and flags on the person's assets, and the "why not shared?" tally. */
    record Inbox(List<Item> items, List<NotSharedCount> notShared) {}

    // ---- a rep's actions ----

    Mono<AssetFeedback> rate(UUID assetId, Integer stars, BatonUser user) {
        if (stars == null || stars < 1 || stars > 5) {
            return Mono.error(new BatonException.InvalidInput("stars", "rate from 1 to 5 stars"));
        }
        return content.get(assetId, user)
                .flatMap(asset -> Detached.uncancellable(db.sql("insert into asset_rating (asset_id, account_id, "
                                + "stars, rated_at) values (:asset, :account, :stars, :at) "
                                + "on conflict (asset_id, account_id) do update set stars = excluded.stars, "
                                + "rated_at = excluded.rated_at")
                        .bind("asset", assetId)
                        .bind("account", user.id())
                        .bind("stars", stars)
                        .bind("at", now())
                        .then()))
                .then(forAsset(assetId, user, false));
    }

    Mono<Item> comment(UUID assetId, String body, BatonUser user) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("body", "write a comment"));
        }
        return add(assetId, "COMMENT", "", text, user);
    }

    Mono<Item> flag(UUID assetId, String reason, String note, BatonUser user) {
        Reasons.Flag flag;
        try {
            flag = Reasons.flag(reason);
        } catch (BatonException e) {
            return Mono.error(e);
        }
        return add(assetId, "FLAG", flag.name(), note == null ? "" : note.strip(), user);
    }

    /** A rep's answer to "why not shared?" for an asset. */
    Mono<Item> notShared(UUID assetId, String reason, String note, BatonUser user) {
        Reasons.NotShared why;
        try {
            why = Reasons.notShared(reason);
        } catch (BatonException e) {
            return Mono.error(e);
        }
        return add(assetId, "NOT_SHARED", why.name(), note == null ? "" : note.strip(), user);
    }

    private Mono<Item> add(UUID assetId, String kind, String reason, String body, BatonUser user) {
        if (body.length() > MAX_TEXT) {
            return Mono.error(new BatonException.InvalidInput(kind.equals("COMMENT") ? "body" : "note",
                    "use at most " + MAX_TEXT + " characters"));
        }
        return content.get(assetId, user).flatMap(asset -> Detached.uncancellable(db.sql(
                                "insert into asset_feedback (asset_id, account_id, kind, reason, body, created_at) "
                                        + "values (:asset, :account, :kind, :reason, :body, :at) returning id")
                        .bind("asset", assetId)
                        .bind("account", user.id())
                        .bind("kind", kind)
                        .bind("reason", reason)
                        .bind("body", body)
                        .bind("at", now())
                        .map(row -> row.get("id", Long.class))
                        .one()
                        .flatMap(id -> tellOwner(asset, kind, reason, body, user).thenReturn(id)))
                .map(id -> new Item(id, assetId, asset.title(), kind, reason, Reasons.label(kind, reason), body,
                        clock.instant(), user.displayName(), null, null, null)));
    }

    /** The owner hears of comments and flags (not of "why not shared?" answers, which the inbox tallies). */
    private Mono<Void> tellOwner(AssetSummary asset, String kind, String reason, String body, BatonUser user) {
        if (kind.equals("NOT_SHARED") || asset.owner() == null || asset.owner().equals(user.getUsername())) {
            return Mono.empty();
        }
        String title = kind.equals("FLAG")
                ? user.displayName() + " flagged “" + asset.title() + "”: " + Reasons.label(kind, reason)
                : user.displayName() + " commented on “" + asset.title() + "”";
        return accounts.activeId(asset.owner())
                .flatMap(owner -> notifications.notify(owner, NotificationKind.FEEDBACK_RECEIVED, title, body,
                        "/inbox"));
    }

    // ---- what a person sees on the asset page ----

    /**
     * The asset's feedback for this person. With {@code pageLoad}, this is the asset page being shown: if the person
     * should be asked "why not shared?" and has not been asked anything today, they are asked now (and that is
     * remembered, so they are asked at most once a day).
     */
    Mono<AssetFeedback> forAsset(UUID assetId, BatonUser user, boolean pageLoad) {
        return content.get(assetId, user).flatMap(asset -> {
            boolean manager = user.canManageContent();
            Mono<Boolean> ask = pageLoad ? askWhyNotShared(asset, user) : askedToday(assetId, user);
            Mono<double[]> rating = db.sql("select avg(stars)::float8 as average, count(*) as n, "
                            + "max(stars) filter (where account_id = :me) as mine from asset_rating "
                            + "where asset_id = :asset")
                    .bind("asset", assetId)
                    .bind("me", user.id())
                    .map(row -> new double[] {
                        row.get("average", Double.class) == null ? -1 : row.get("average", Double.class),
                        row.get("n", Long.class),
                        row.get("mine", Integer.class) == null ? 0 : row.get("mine", Integer.class)})
                    .one();
            Mono<List<Item>> items = items("f.asset_id = :asset" + (manager ? "" : " and f.account_id = :me"),
                    Map.of("asset", assetId, "me", user.id()), 200);
            return Mono.zip(rating, items, ask).map(t -> {
                double[] r = t.getT1();
                return new AssetFeedback(assetId, r[0] < 0 ? null : Math.round(r[0] * 10) / 10.0, (long) r[1],
                        r[2] == 0 ? null : (int) r[2], t.getT2(), t.getT3(), Reasons.FLAGS, Reasons.NOT_SHARED);
            });
        });
    }

    /**
     * Whether to ask now. Asked when: the person does not manage content (reps and trainers), the asset can be
     * shared with buyers, they opened it on an earlier visit (at least {@link #EARLIER_VISIT} ago) and have not
     * shared it since, they have not answered for it since then, and today's one question is not taken yet (or is
     * this very asset, still unanswered: a reload asks the same question again).
     */
    private Mono<Boolean> askWhyNotShared(AssetSummary asset, BatonUser user) {
        if (user.canManageContent() || !asset.published() || asset.internalOnly() || asset.expired()) {
            return Mono.just(false);
        }
        Instant now = clock.instant();
        return usage.personalUse(user.id(), asset.id(), now.minus(EARLIER_VISIT)).flatMap(use -> {
            if (use.lastOpenedBefore() == null
                    || use.lastShared() != null && use.lastShared().isAfter(use.lastOpenedBefore())) {
                return Mono.just(false);
            }
            return db.sql("select count(*) as n from asset_feedback where asset_id = :asset and account_id = :me "
                            + "and kind = 'NOT_SHARED' and created_at >= :since")
                    .bind("asset", asset.id())
                    .bind("me", user.id())
                    .bind("since", use.lastOpenedBefore().atOffset(ZoneOffset.UTC))
                    .map(row -> row.get("n", Long.class))
                    .one()
                    .flatMap(answered -> answered > 0 ? Mono.just(false)
                            : Detached.uncancellable(db.sql("insert into not_shared_prompt (account_id, day, "
                                            + "asset_id, asked_at) values (:me, :day, :asset, :at) "
                                            + "on conflict (account_id, day) do nothing")
                                    .bind("me", user.id())
                                    .bind("day", today())
                                    .bind("asset", asset.id())
                                    .bind("at", now())
                                    .then())
                            .then(askedToday(asset.id(), user)));
        });
    }

    /** Whether today's question is about this asset and still unanswered today. */
    private Mono<Boolean> askedToday(UUID assetId, BatonUser user) {
        return db.sql("select exists (select 1 from not_shared_prompt p where p.account_id = :me and p.day = :day "
                        + "and p.asset_id = :asset and not exists (select 1 from asset_feedback f "
                        + "where f.account_id = :me and f.asset_id = :asset and f.kind = 'NOT_SHARED' "
                        + "and f.created_at >= p.asked_at)) as ask")
                .bind("me", user.id())
                .bind("day", today())
                .bind("asset", assetId)
                .map(row -> row.get("ask", Boolean.class))
                .one();
    }

    // ---- marketing's side ----

    /**
     * Unanswered comments and flags (all of them with {@code answered}) on the assets this person owns, or on every
     * asset with {@code everyone}, newest first; and the "why not shared?" answers of the last 90 days on them.
     */
    Mono<Inbox> inbox(BatonUser user, boolean everyone, boolean answered) {
        Instant since = clock.instant().minus(Duration.ofDays(90));
        Mono<List<Item>> items = items("f.kind <> 'NOT_SHARED'" + (answered ? "" : " and f.reply is null"),
                Map.of(), INBOX_LIMIT);
        Mono<List<NotSharedCount>> tally = db.sql("select asset_id, reason, count(*) as n from asset_feedback "
                        + "where kind = 'NOT_SHARED' and created_at >= :since group by asset_id, reason "
                        + "order by n desc, asset_id, reason limit 1000")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map(row -> new NotSharedCount(row.get("asset_id", UUID.class), null, row.get("reason", String.class),
                        Reasons.label("NOT_SHARED", row.get("reason", String.class)), row.get("n", Long.class)))
                .all()
                .collectList();
        return Mono.zip(items, tally).flatMap(t -> {
            Set<UUID> ids = new HashSet<>();
            t.getT1().forEach(i -> ids.add(i.assetId()));
            t.getT2().forEach(c -> ids.add(c.assetId()));
            return assets(ids).map(assets -> {
                List<Item> mine = t.getT1().stream()
                        .filter(i -> everyone || owns(assets.get(i.assetId()), user))
                        .toList();
                List<NotSharedCount> counts = t.getT2().stream()
                        .filter(c -> assets.containsKey(c.assetId()))
                        .filter(c -> everyone || owns(assets.get(c.assetId()), user))
                        .map(c -> new NotSharedCount(c.assetId(), assets.get(c.assetId()).title(), c.reason(),
                                c.reasonLabel(), c.count()))
                        .toList();
                return new Inbox(mine, counts);
            });
        });
    }

    /** Marketing's reply to a comment, flag or answer; the rep is told and sees it on the asset page. */
    Mono<Item> reply(long id, String text, BatonUser user) {
        String reply = text == null ? "" : text.strip();
        if (reply.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("reply", "write a reply"));
        }
        if (reply.length() > MAX_TEXT) {
            return Mono.error(new BatonException.InvalidInput("reply", "use at most " + MAX_TEXT + " characters"));
        }
        return Detached.uncancellable(db.sql("update asset_feedback set reply = :reply, replied_by = :by, "
                                + "replied_at = :at where id = :id returning account_id, asset_id, kind, reason")
                        .bind("reply", reply)
                        .bind("by", user.id())
                        .bind("at", now())
                        .bind("id", id)
                        .map(row -> List.<Object>of(row.get("account_id", Long.class), row.get("asset_id", UUID.class),
                                row.get("kind", String.class), row.get("reason", String.class)))
                        .one()
                        .switchIfEmpty(Mono.error(new BatonException.NotFound("No feedback " + id)))
                        .flatMap(r -> assets(Set.of((UUID) r.get(1))).flatMap(assets -> {
                            IndexableAsset asset = assets.get((UUID) r.get(1));
                            String title = asset == null ? "an asset" : "“" + asset.title() + "”";
                            String what = switch ((String) r.get(2)) {
                                case "FLAG" -> "your flag (" + Reasons.label("FLAG", (String) r.get(3)) + ") on ";
                                case "NOT_SHARED" -> "why you did not share ";
                                default -> "your comment on ";
                            };
                            long rep = (Long) r.get(0);
                            Mono<Void> tell = rep == user.id() ? Mono.empty()
                                    : notifications.notify(rep, NotificationKind.FEEDBACK_REPLY,
                                            user.displayName() + " replied to " + what + title, reply,
                                            "/assets/" + r.get(1) + "#feedback");
                            return tell.then(items("f.id = :id", Map.of("id", id), 1));
                        })))
                .map(List::getFirst);
    }

    // ---- reading ----

    private Mono<List<Item>> items(String where, Map<String, Object> binds, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("select f.id, f.asset_id, f.account_id, f.kind, f.reason, "
                + "f.body, f.created_at, f.reply, f.replied_by, f.replied_at from asset_feedback f where " + where
                + " order by f.created_at desc, f.id desc limit " + limit);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            if (where.contains(":" + bind.getKey())) {
                spec = spec.bind(bind.getKey(), bind.getValue());
            }
        }
        return spec.map(row -> new Object[] {
                    row.get("id", Long.class), row.get("asset_id", UUID.class), row.get("account_id", Long.class),
                    row.get("kind", String.class), row.get("reason", String.class), row.get("body", String.class),
                    row.get("created_at", OffsetDateTime.class).toInstant(), row.get("reply", String.class),
                    row.get("replied_by", Long.class),
                    row.get("replied_at", OffsetDateTime.class) == null ? null
                            : row.get("replied_at", OffsetDateTime.class).toInstant()})
                .all()
                .collectList()
                .flatMap(rows -> {
                    List<Long> people = new ArrayList<>();
                    Set<UUID> ids = new HashSet<>();
                    for (Object[] r : rows) {
                        people.add((Long) r[2]);
                        if (r[8] != null) {
                            people.add((Long) r[8]);
                        }
                        ids.add((UUID) r[1]);
                    }
                    return Mono.zip(accounts.people(people), assets(ids)).map(t -> rows.stream().map(r -> {
                        Person by = t.getT1().get((Long) r[2]);
                        Person replier = r[8] == null ? null : t.getT1().get((Long) r[8]);
                        IndexableAsset asset = t.getT2().get((UUID) r[1]);
                        return new Item((Long) r[0], (UUID) r[1], asset == null ? null : asset.title(), (String) r[3],
                                (String) r[4], Reasons.label((String) r[3], (String) r[4]), (String) r[5],
                                (Instant) r[6], by == null ? null : by.displayName(), (String) r[7],
                                replier == null ? null : replier.displayName(), (Instant) r[9]);
                    }).toList());
                });
    }

    private Mono<Map<UUID, IndexableAsset>> assets(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return catalog.assets(ids).collectMap(IndexableAsset::id, a -> a, LinkedHashMap::new);
    }

    private static boolean owns(IndexableAsset asset, BatonUser user) {
        return asset != null && user.getUsername().equals(asset.owner());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static Parameter text(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }
}
