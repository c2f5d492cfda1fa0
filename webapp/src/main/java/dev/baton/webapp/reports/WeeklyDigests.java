package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.feedback.DigestFeedback;
import dev.baton.webapp.notifications.Notifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The weekly digest: builds each marketer's (and each admin's who owns assets) digest from the reports, the
 * feedback and the content requests, and emails it once per week. A person gets one when they own at least one
 * published asset, have not turned it off ({@link DigestSubscriptions}), and there is something to tell. Each
 * person's week is claimed by inserting its {@code digest_delivery} row first, so among several nodes, restarts and
 * repeated runs one sends it. See docs/reports.md.
 */
@Service
class WeeklyDigests {

    private static final Logger log = LoggerFactory.getLogger(WeeklyDigests.class);

    /** The unused report's window the digest names unused assets from. */
    static final int UNUSED_WINDOW = 90;
    /** The days the top and rising assets and the new feedback are counted over. */
    static final int WEEK_DAYS = 7;

    /**
     * What a run did: the week; how many people got an email, had nothing to tell, had this week's digest already,
     * turned it off, have no email address, could not be sent to (tried again at the next look); and, for a run
     * for one person, whether they get digests at all (a marketer or admin who owns a published asset).
     */
    record RunOutcome(LocalDate week, boolean emailOn, int sent, int empty, int already, int optedOut, int noAddress,
            int failed, int notEligible) {}

    /** Everything the digests of one run read, once for all people. */
    record Snapshot(LibraryDimensions.Library library, UnusedReports.Report unused, Map<UUID, Long> usesNow,
            Map<UUID, Long> usesBefore, List<DigestFeedback.Note> notes, List<DigestFeedback.OpenRequest> requests,
            Map<Long, Person> recipients) {}

    private final DatabaseClient db;
    private final LibraryDimensions library;
    private final UnusedReports unusedReports;
    private final UsageReports usageReports;
    private final DigestFeedback feedback;
    private final AccountDirectory accounts;
    private final DigestSubscriptions subscriptions;
    private final DigestEmail email;
    private final Notifications notifications;
    private final DigestProperties properties;
    private final Clock clock;

    WeeklyDigests(DatabaseClient db, LibraryDimensions library, UnusedReports unusedReports,
            UsageReports usageReports, DigestFeedback feedback, AccountDirectory accounts,
            DigestSubscriptions subscriptions, DigestEmail email, Notifications notifications,
            DigestProperties properties, Clock clock) {
        this.db = db;
        this.library = library;
        this.unusedReports = unusedReports;
        this.usageReports = usageReports;
        this.feedback = feedback;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.email = email;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
    }

    /** The week the clock is in (the local date of its send time). */
    LocalDate currentWeek() {
        return properties.weekStart(clock.instant()).toLocalDate();
    }

    boolean emailOn() {
        return notifications.emailOn();
    }

    /**
     * Sends this week's digest to everyone who should have it and has not ({@code only} null), or to that one
     * person. Does nothing when email is off.
     */
    Mono<RunOutcome> run(Long only) {
        LocalDate week = currentWeek();
        if (!notifications.emailOn()) {
            return Mono.just(new RunOutcome(week, false, 0, 0, 0, 0, 0, 0, 0));
        }
        return snapshot().flatMap(s -> {
            List<Long> people = s.recipients().keySet().stream()
                    .filter(id -> only == null || id.equals(only))
                    .sorted()
                    .toList();
            int notEligible = only != null && people.isEmpty() ? 1 : 0;
            return Flux.fromIterable(people)
                    .concatMap(id -> sendOne(s, week, s.recipients().get(id)))
                    .collectList()
                    .map(outcomes -> new RunOutcome(week, true, count(outcomes, "SENT"), count(outcomes, "EMPTY"),
                            count(outcomes, "ALREADY"), count(outcomes, "OPTED_OUT"), count(outcomes, "NO_ADDRESS"),
                            count(outcomes, "FAILED"), notEligible));
        });
    }

    private static int count(List<String> outcomes, String outcome) {
        return (int) outcomes.stream().filter(outcome::equals).count();
    }

    /** Whether this person would get digests: a marketer or admin who owns a published asset. */
    Mono<Boolean> eligible(long accountId) {
        LocalDate today = unusedReports.today();
        return Mono.zip(library.current(), accounts.activeIdsIncluding(Role.MARKETER).any(id -> id == accountId))
                .map(t -> t.getT2() && t.getT1().assets().values().stream()
                        .anyMatch(a -> a.ownerId() == accountId && UnusedReports.publishedOn(a, today)));
    }

    private Mono<String> sendOne(Snapshot s, LocalDate week, Person person) {
        long id = person.id();
        return subscriptions.subscribed(id).flatMap(on -> {
            if (!on) {
                return Mono.just("OPTED_OUT");
            }
            return claim(id, week).flatMap(claimed -> {
                if (!claimed) {
                    return Mono.just("ALREADY");
                }
                WeeklyDigest digest = digest(s, week, person);
                if (digest.empty()) {
                    return record(id, week, "EMPTY").thenReturn("EMPTY");
                }
                return email.compose(digest)
                        .flatMap(message -> notifications.email(id, message))
                        .flatMap(sent -> record(id, week, sent ? "SENT" : "NO_ADDRESS")
                                .thenReturn(sent ? "SENT" : "NO_ADDRESS"))
                        .onErrorResume(e -> {
                            log.warn("The weekly digest to account {} could not be sent; it is tried again at the "
                                    + "next look", id, e);
                            return release(id, week).thenReturn("FAILED");
                        });
            });
        });
    }

    /** Claims this person's week: {@code true} for the one insert that wins. */
    private Mono<Boolean> claim(long accountId, LocalDate week) {
        return db.sql("insert into digest_delivery (account_id, week, outcome, claimed_at) "
                        + "values (:account, :week, 'SENDING', :now) on conflict (account_id, week) do nothing")
                .bind("account", accountId)
                .bind("week", week)
                .bind("now", now())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    private Mono<Void> record(long accountId, LocalDate week, String outcome) {
        return db.sql("update digest_delivery set outcome = :outcome, sent_at = case when :outcome = 'SENT' "
                        + "then :now end where account_id = :account and week = :week")
                .bind("outcome", outcome)
                .bind("now", now())
                .bind("account", accountId)
                .bind("week", week)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private Mono<Void> release(long accountId, LocalDate week) {
        return db.sql("delete from digest_delivery where account_id = :account and week = :week "
                        + "and outcome = 'SENDING'")
                .bind("account", accountId)
                .bind("week", week)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------ what goes in

    /** Reads what every digest of a run needs, once. */
    Mono<Snapshot> snapshot() {
        LocalDate today = unusedReports.today();
        Instant weekAgo = clock.instant().minus(Duration.ofDays(WEEK_DAYS));
        UnusedReports.Query unusedQuery = unusedReports.query(UNUSED_WINDOW, null, null, null, null, null, "cause",
                100_000);
        UsageReports.Query now = usageReports.query(WEEK_DAYS, null, today.toString(), "week", "asset", 100_000);
        UsageReports.Query before = usageReports.query(WEEK_DAYS, null, today.minusDays(WEEK_DAYS).toString(), "week",
                "asset", 100_000);
        Mono<Set<Long>> marketers = accounts.activeIdsIncluding(Role.MARKETER).collect(Collectors.toSet());
        return Mono.zip(library.current(), unusedReports.report(unusedQuery), usageReports.report(now, null),
                        usageReports.report(before, null), feedback.notes(weekAgo), feedback.openRequests(),
                        marketers)
                .flatMap(t -> {
                    LibraryDimensions.Library lib = t.getT1();
                    Set<Long> owners = lib.assets().values().stream()
                            .filter(a -> UnusedReports.publishedOn(a, today))
                            .map(AssetCatalog.Dimensions::ownerId)
                            .filter(t.getT7()::contains)
                            .collect(Collectors.toSet());
                    return accounts.people(owners).map(people -> new Snapshot(lib, t.getT2(), uses(t.getT3()),
                            uses(t.getT4()), t.getT5(), t.getT6(), people));
                });
    }

    private static Map<UUID, Long> uses(UsageReports.Report report) {
        Map<UUID, Long> uses = new HashMap<>();
        for (UsageReports.Row row : report.rows()) {
            uses.put(UUID.fromString(row.key()), row.figures().uses());
        }
        return uses;
    }

    /** One person's digest from a snapshot. */
    WeeklyDigest digest(Snapshot s, LocalDate week, Person person) {
        long id = person.id();
        int n = properties.items();
        Map<UUID, AssetCatalog.Dimensions> assets = s.library().assets();

        List<UnusedReports.UnusedAsset> unused = s.unused().assets().stream()
                .filter(a -> a.ownerId() == id)
                .toList();

        List<DigestFeedback.Note> notes = s.notes().stream()
                .filter(note -> assets.containsKey(note.assetId()) && assets.get(note.assetId()).ownerId() == id)
                .sorted(Comparator.comparingInt((DigestFeedback.Note note) -> order(note.kind()))
                        .thenComparing(DigestFeedback.Note::at, Comparator.reverseOrder()))
                .toList();

        List<WeeklyDigest.AssetUses> mine = s.usesNow().entrySet().stream()
                .filter(e -> assets.containsKey(e.getKey()) && assets.get(e.getKey()).ownerId() == id)
                .filter(e -> e.getValue() > 0)
                .map(e -> new WeeklyDigest.AssetUses(e.getKey(), assets.get(e.getKey()).title(), e.getValue(),
                        s.usesBefore().getOrDefault(e.getKey(), 0L)))
                .toList();
        List<WeeklyDigest.AssetUses> top = mine.stream()
                .sorted(Comparator.comparingLong((WeeklyDigest.AssetUses a) -> -a.uses())
                        .thenComparing(WeeklyDigest.AssetUses::title))
                .limit(n)
                .toList();
        List<WeeklyDigest.AssetUses> rising = mine.stream()
                .filter(a -> a.uses() > a.previous())
                .sorted(Comparator.comparingLong((WeeklyDigest.AssetUses a) -> -(a.uses() - a.previous()))
                        .thenComparing(WeeklyDigest.AssetUses::title))
                .limit(n)
                .toList();

        List<DigestFeedback.OpenRequest> assigned = s.requests().stream()
                .filter(r -> r.assigneeId() != null && r.assigneeId() == id)
                .toList();
        List<DigestFeedback.OpenRequest> unassigned = s.requests().stream()
                .filter(r -> r.assigneeId() == null)
                .toList();

        return new WeeklyDigest(id, person.displayName(), week, UNUSED_WINDOW, unused.size(),
                unused.stream().limit(n)
                        .map(a -> new WeeklyDigest.UnusedItem(a.id(), a.title(), a.causeLabel()))
                        .toList(),
                notes.stream().filter(x -> x.kind().equals("FLAG")).count(),
                notes.stream().filter(x -> x.kind().equals("COMMENT")).count(),
                notes.stream().filter(x -> x.kind().equals("RATING")).count(),
                notes.stream().limit(n).map(x -> feedbackItem(x, assets.get(x.assetId()).title())).toList(),
                top, rising,
                assigned.size(), assigned.stream().limit(n).map(WeeklyDigests::requestItem).toList(),
                unassigned.size(), unassigned.stream().limit(n).map(WeeklyDigests::requestItem).toList(),
                s.requests().size(), s.requests().stream().filter(DigestFeedback.OpenRequest::breached).count());
    }

    private static int order(String kind) {
        return switch (kind) {
            case "FLAG" -> 0;
            case "COMMENT" -> 1;
            default -> 2;
        };
    }

    private static WeeklyDigest.FeedbackItem feedbackItem(DigestFeedback.Note note, String title) {
        String what = switch (note.kind()) {
            case "FLAG" -> "Flagged: " + note.label() + (note.text().isBlank() ? "" : " (" + cut(note.text()) + ")");
            case "COMMENT" -> "Comment: " + cut(note.text());
            default -> "Rated " + note.stars() + " of 5";
        };
        return new WeeklyDigest.FeedbackItem(note.assetId(), title, note.kind(), what);
    }

    private static WeeklyDigest.RequestItem requestItem(DigestFeedback.OpenRequest r) {
        String what = Stream.of(r.query(), r.note()).filter(x -> x != null && !x.isBlank()).findFirst()
                .map(WeeklyDigests::cut).orElse("Request " + r.id());
        return new WeeklyDigest.RequestItem(r.id(), what, r.statusLabel(), r.dueOn(), r.breached(), r.requesters());
    }

    private static String cut(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 199) + "…";
    }
}
