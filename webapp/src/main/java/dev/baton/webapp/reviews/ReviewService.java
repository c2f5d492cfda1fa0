package dev.baton.webapp.reviews;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.content.ReviewGate;
import dev.baton.webapp.content.ReviewedContent;
import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Review before publish: a marketer submits a version of an asset with a note; the reviewers its rules name approve
 * it or ask for changes, each with a comment; the marketer is told. An approved draft can be published; an approved
 * version held beside a published one replaces it ({@link ReviewedContent#promote}); until then reps keep the live
 * version. An approval may carry the day it lapses; from then reps no longer see the asset. Every step is audited
 * and kept in {@code review} and {@code review_decision}, the asset's record.
 *
 * <p>It is the library's {@link ReviewGate}: content holds new versions of published assets that rules cover, and
 * refuses to publish a version without a valid approval.
 */
@Service
class ReviewService implements ReviewGate {

    /** How long before an approval lapses its asset's owner is told. */
    static final int NOTICE_DAYS = 30;

    private static final String REVIEW = "select id, asset_id, version, state, note, submitted_by, submitted_at, "
            + "decided_at, rules, expires_on from review ";

    /**
     * An approval that still stands: the latest decision on its version governs, so a later request for changes on
     * the same version cancels it.
     */
    private static final String STANDING_APPROVAL = "state = 'APPROVED' and not exists (select 1 from review c "
            + "where c.asset_id = review.asset_id and c.version = review.version and c.state = 'CHANGES_REQUESTED' "
            + "and c.decided_at > review.decided_at) ";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final ReviewRules rules;
    private final ReviewedContent library;
    private final ContentService content;
    private final AccountDirectory accounts;
    private final Notifications notifications;

    ReviewService(DatabaseClient db, TransactionalOperator tx, AuditLog audit, ReviewRules rules,
            ReviewedContent library, ContentService content, AccountDirectory accounts, Notifications notifications) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.rules = rules;
        this.library = library;
        this.content = content;
        this.accounts = accounts;
        this.notifications = notifications;
    }

    /** One reviewer's decision. */
    public record Decision(String reviewer, String reviewerName, String decision, String comment,
            LocalDate expiresOn, Instant decidedAt) {}

    /**
     * A submission for review and what became of it.
     *
     * @param state {@code OPEN}, {@code APPROVED}, {@code CHANGES_REQUESTED}, {@code WITHDRAWN} or {@code SUPERSEDED}
     * @param held whether the version is held beside the live one (a new version of a published asset)
     * @param rules the rules that applied when it was submitted
     * @param progress "1 of 2 approvals under every asset: ..." while open
     */
    public record Review(long id, UUID assetId, String assetTitle, int version, boolean held, String state,
            String note, String submittedBy, String submittedByName, Instant submittedAt, Instant decidedAt,
            LocalDate expiresOn, String rules, List<Decision> decisions, String progress) {}

    /**
     * The approval of an asset's live version.
     *
     * @param statement "Approved by Rita Reviewer on 2026-12-07, until 2027-12-07"
     */
    public record Approval(long reviewId, int version, List<String> approvedBy, Instant approvedAt,
            LocalDate expiresOn, boolean lapsed, String statement) {}

    /**
     * An asset's review record as a person sees it.
     *
     * @param reviewRequired whether rules cover it now
     * @param rules the rules covering it
     * @param approval the live version's approval, when it has one
     * @param heldVersions versions waiting beside the live one
     * @param history every submission, newest first (for those who read the whole library; empty for reps)
     * @param wentLive when each version that went live first did, by version (for those who read the whole library)
     */
    public record AssetRecord(UUID assetId, int liveVersion, boolean reviewRequired, List<String> rules,
            Approval approval, String statement, List<Integer> heldVersions, Review open, List<Review> history,
            boolean maySubmit, boolean mayDecide, Map<Integer, Instant> wentLive) {}

    /** A published asset without the approval its rules ask for. */
    public record Unreviewed(UUID assetId, String title, String owner, Instant publishedAt, int liveVersion,
            String reason, List<String> rules) {}

    // ---- the gate content asks

    @Override
    public Mono<Boolean> requiresReview(String contentType, List<String> tags) {
        return rules.covering(contentType, tags).map(covering -> !covering.isEmpty());
    }

    @Override
    public Mono<Void> mayPublish(UUID assetId, int version, String contentType, List<String> tags) {
        return rules.covering(contentType, tags).flatMap(covering -> {
            if (covering.isEmpty()) {
                return Mono.empty();
            }
            String ruleText = covering.stream().map(ReviewRules.Rule::describe).collect(Collectors.joining("; "));
            return validApprovals(assetId, version).collectList().flatMap(approved -> approved.isEmpty()
                    ? Mono.error(new BatonException.Conflict("Version " + version + " of this asset must be "
                            + "approved before it is published (" + ruleText + "); submit it for review"))
                    : meetsRulesNow(assetId, version, approved, covering).flatMap(meets -> meets ? Mono.<Void>empty()
                            : Mono.error(new BatonException.Conflict("The approval of version " + version
                                    + " does not meet the review rules in force now (" + ruleText
                                    + "); submit it for review again"))));
        });
    }

    /**
     * The approved reviews of this version whose approval stands (no later request for changes on the version) and
     * has not lapsed, newest first.
     */
    private Flux<Row> validApprovals(UUID assetId, int version) {
        return db.sql(REVIEW + "where asset_id = :asset and version = :version and " + STANDING_APPROVAL
                        + "and (expires_on is null or expires_on > :today) order by decided_at desc")
                .bind("asset", assetId).bind("version", version).bind("today", content.today())
                .map(ReviewService::rowOf)
                .all();
    }

    /**
     * Whether one of these approvals satisfies every rule covering the asset now: each rule its number of approvals
     * by people it lets approve today, none of them the submitter, the version's uploader or the asset's owner. An
     * approval given under a milder rule, or by people who may no longer approve, does not publish.
     */
    private Mono<Boolean> meetsRulesNow(UUID assetId, int version, List<Row> approved,
            List<ReviewRules.Rule> covering) {
        return Mono.zip(decisions(approved.stream().map(Row::id).toList()), rules.reviewerRoleIds(),
                library.subject(assetId), library.uploader(assetId, version).defaultIfEmpty(-1L)).flatMap(t -> {
                    List<DecisionRow> approvals = t.getT1().stream().filter(d -> d.decision().equals("APPROVED"))
                            .filter(d -> d.reviewerId() != t.getT3().ownerId() && d.reviewerId() != t.getT4())
                            .toList();
                    return accounts.people(approvals.stream().map(DecisionRow::reviewerId).toList())
                            .map(people -> approved.stream().anyMatch(review -> satisfied(covering,
                                    approvals.stream().filter(d -> d.reviewId() == review.id()
                                            && d.reviewerId() != review.submittedBy()).map(DecisionRow::reviewerId)
                                            .toList(), people, t.getT2())));
                });
    }

    /** Whether these approvers satisfy every rule: each its number of approvals by people it lets approve. */
    private static boolean satisfied(List<ReviewRules.Rule> covering, Collection<Long> approvers,
            Map<Long, Person> people, Set<Long> reviewerRole) {
        return covering.stream().allMatch(rule -> approvers.stream()
                .filter(id -> people.get(id) != null && rule.eligible(people.get(id).username(),
                        reviewerRole.contains(id)))
                .count() >= rule.approvalsRequired());
    }

    @Override
    public Mono<Void> coverageChanged(UUID assetId) {
        return library.subject(assetId).flatMap(subject -> rules.covering(subject.contentType(), subject.tags())
                .flatMap(covering -> covering.isEmpty() ? library.clearApprovalExpiry(assetId)
                        // covered (again): the live version's approval lapses when it says, if it has one
                        : db.sql("select expires_on from review where asset_id = :asset and version = :version "
                                        + "and " + STANDING_APPROVAL + "order by decided_at desc limit 1")
                                .bind("asset", assetId).bind("version", subject.liveVersion())
                                .map(row -> java.util.Optional.ofNullable(row.get(0, LocalDate.class)))
                                .one()
                                .flatMap(expires -> library.approvalExpires(assetId, expires.orElse(null)))));
    }

    @Override
    public Mono<String> approvalStatement(UUID assetId) {
        LocalDate today = content.today();
        return library.subject(assetId).flatMap(subject -> db.sql(REVIEW + "where asset_id = :asset "
                        + "and version = :version and " + STANDING_APPROVAL + "order by decided_at desc limit 1")
                .bind("asset", assetId).bind("version", subject.liveVersion())
                .map(ReviewService::rowOf)
                .one())
                .flatMap(row -> complete(List.of(row)))
                .map(reviews -> approval(reviews.getFirst(), today).statement());
    }

    /**
     * Adds a rule; the approvals of the assets it covers lapse again when they said (a rule deleted and added again
     * gives them their lapse day back).
     */
    Mono<ReviewRules.Rule> addRule(ReviewRules.NewRule rule, long actorId, String actor, String remoteAddr) {
        return rules.add(rule, actorId, actor, remoteAddr)
                .flatMap(saved -> db.sql("select distinct asset_id from review where state = 'APPROVED'")
                        .map(row -> row.get(0, UUID.class))
                        .all()
                        .concatMap(library::subject)
                        .filter(subject -> saved.covers(subject.contentType(), subject.tags()))
                        .concatMap(subject -> coverageChanged(subject.id()))
                        .then(Mono.just(saved)));
    }

    /** Removes a rule; assets it alone covered keep no lapse date for their approval. */
    Mono<Void> removeRule(long id, String actor, String remoteAddr) {
        return rules.remove(id, actor, remoteAddr)
                .thenMany(library.withApprovalExpiry())
                .concatMap(subject -> coverageChanged(subject.id()))
                .then();
    }

    // ---- the flow

    /** Submits a version of an asset for review ({@code null}: its newest), replacing an open submission. */
    Mono<Review> submit(UUID assetId, Integer version, String note, BatonUser user, String remoteAddr) {
        if (!user.canManageContent()) {
            return Mono.error(new BatonException.Forbidden("Only marketers submit assets for review"));
        }
        String text = clean(note, "note", 2000);
        return library.subject(assetId).flatMap(subject -> {
            int v = version == null ? subject.newestVersion() : version;
            if (v < subject.liveVersion()) {
                return Mono.error(new BatonException.Conflict("Version " + v + " is older than the live version "
                        + subject.liveVersion() + "; submit the live version or a newer one"));
            }
            if (v > subject.newestVersion()) {
                return Mono.error(new BatonException.NotFound("Asset " + assetId + " has no version " + v));
            }
            return rules.covering(subject.contentType(), subject.tags()).flatMap(covering -> {
                if (covering.isEmpty()) {
                    return Mono.error(new BatonException.Conflict("No review rule covers this asset, so nobody "
                            + "could review it; an admin sets the rules under Admin, Review rules"));
                }
                String ruleText = covering.stream().map(ReviewRules.Rule::describe).collect(Collectors.joining("; "));
                return db.sql("update review set state = 'SUPERSEDED', decided_at = now() "
                                + "where asset_id = :asset and state = 'OPEN'")
                        .bind("asset", assetId).then()
                        .then(db.sql("insert into review (asset_id, version, note, submitted_by, rules) "
                                        + "values (:asset, :version, :note, :by, :rules) returning id")
                                .bind("asset", assetId).bind("version", v).bind("note", text)
                                .bind("by", user.id()).bind("rules", ruleText)
                                .map(row -> row.get(0, Long.class))
                                .one())
                        .flatMap(id -> audit.record(user.getUsername(), "review.submitted", assetId.toString(),
                                "review " + id + ", version " + v + (text.isEmpty() ? "" : ": " + text), remoteAddr)
                                .thenReturn(id))
                        .as(tx::transactional)
                        // the one open submission per asset (a unique index): another arrived at the same moment
                        .onErrorMap(DataIntegrityViolationException.class,
                                e -> new BatonException.Conflict("Another submission of this asset arrived at the "
                                        + "same moment; look at its review record"))
                        .flatMap(id -> rules.reviewersOf(covering)
                                .flatMapMany(Flux::fromIterable)
                                .filter(reviewer -> reviewer != user.id())
                                .concatMap(reviewer -> notifications.notify(reviewer, NotificationKind.REVIEW_REQUESTED,
                                        "Review requested: " + subject.title() + ", version " + v,
                                        user.displayName() + " asks for your review."
                                                + (text.isEmpty() ? "" : " Note: " + text), "/reviews/" + id))
                                .then(review(id)));
            });
        });
    }

    /** Approves, or asks for changes, as one of the review's reviewers. */
    Mono<Review> decide(long reviewId, String decision, String comment, LocalDate expiresOn, BatonUser user,
            String remoteAddr) {
        String wanted = decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        String outcome = switch (wanted) {
            case "APPROVE", "APPROVED" -> "APPROVED";
            case "REQUEST_CHANGES", "CHANGES_REQUESTED" -> "CHANGES_REQUESTED";
            default -> null;
        };
        if (outcome == null) {
            return Mono.error(new BatonException.InvalidInput("decision", "use approve or request_changes"));
        }
        String text = clean(comment, "comment", 4000);
        if (outcome.equals("CHANGES_REQUESTED") && text.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("comment", "say what must change"));
        }
        LocalDate today = content.today();
        if (expiresOn != null && !expiresOn.isAfter(today)) {
            return Mono.error(new BatonException.InvalidInput("expiresOn", "give a day after today, or none"));
        }
        return row(reviewId).flatMap(review -> {
            if (!review.state().equals("OPEN")) {
                return Mono.error(new BatonException.Conflict("This review is closed ("
                        + review.state().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"));
            }
            if (review.submittedBy() == user.id()) {
                return Mono.error(new BatonException.Forbidden("You submitted this version: someone else must "
                        + "review it"));
            }
            return Mono.zip(library.subject(review.assetId()),
                    library.uploader(review.assetId(), review.version()).defaultIfEmpty(-1L)).flatMap(both -> {
                        // nobody approves their own work: not the uploader of the version, nor the asset's owner
                        if (both.getT2() == user.id()) {
                            return Mono.error(new BatonException.Forbidden("You uploaded version "
                                    + review.version() + ": someone else must review it"));
                        }
                        if (both.getT1().ownerId() == user.id()) {
                            return Mono.error(new BatonException.Forbidden("You own this asset: someone else must "
                                    + "review it"));
                        }
                        return Mono.just(both.getT1());
                    }).flatMap(subject -> rules.covering(subject.contentType(),
                    subject.tags()).flatMap(covering -> {
                        boolean reviewer = user.role() == Role.REVIEWER;
                        if (covering.stream().noneMatch(r -> r.eligible(user.getUsername(), reviewer))) {
                            return Mono.error(new BatonException.Forbidden("You are not a reviewer of this asset"));
                        }
                        // the review's row is locked first: decisions on one review are taken one after another,
                        // so two last approvals arriving together still close it
                        return db.sql("select state from review where id = :id for update")
                                .bind("id", reviewId)
                                .map(row -> row.get(0, String.class))
                                .one()
                                .filter("OPEN"::equals)
                                .switchIfEmpty(Mono.error(() -> new BatonException.Conflict("This review has just "
                                        + "been closed")))
                                .then(db.sql("insert into review_decision (review_id, reviewer_id, decision, comment, "
                                        + "expires_on) values (:review, :by, :decision, :comment, :expires) "
                                        + "on conflict (review_id, reviewer_id) do nothing")
                                .bind("review", reviewId).bind("by", user.id()).bind("decision", outcome)
                                .bind("comment", text)
                                .bind("expires", Parameter.fromOrEmpty(expiresOn, LocalDate.class))
                                .fetch().rowsUpdated())
                                .flatMap(n -> n == 0 ? Mono.error(new BatonException.Conflict(
                                        "You have already decided on this review")) : Mono.just(n))
                                .then(audit.record(user.getUsername(), outcome.equals("APPROVED") ? "review.approved"
                                        : "review.changes-requested", review.assetId().toString(),
                                        "review " + reviewId + ", version " + review.version()
                                                + (expiresOn == null ? "" : ", until " + expiresOn)
                                                + (text.isEmpty() ? "" : ": " + text), remoteAddr))
                                .then(outcome.equals("CHANGES_REQUESTED")
                                        ? close(reviewId, "CHANGES_REQUESTED", null)
                                                // no link serves the version from now on, even if it was live
                                                .then(library.decided(review.assetId(), review.version(), true))
                                                .thenReturn(true)
                                        : completeIfApproved(review, subject, covering, user, remoteAddr))
                                .as(tx::transactional)
                                .flatMap(closed -> closed ? tellSubmitter(review, subject, outcome, text, user)
                                        : Mono.empty())
                                .then(review(reviewId));
                    }));
        });
    }

    /** Withdraws an open submission (its submitter or another marketer). */
    Mono<Review> withdraw(long reviewId, BatonUser user, String remoteAddr) {
        if (!user.canManageContent()) {
            return Mono.error(new BatonException.Forbidden("Only marketers withdraw submissions"));
        }
        return row(reviewId).flatMap(review -> !review.state().equals("OPEN")
                ? Mono.error(new BatonException.Conflict("This review is closed"))
                : close(reviewId, "WITHDRAWN", null)
                        .then(audit.record(user.getUsername(), "review.withdrawn", review.assetId().toString(),
                                "review " + reviewId + ", version " + review.version(), remoteAddr))
                        .as(tx::transactional)
                        .then(review(reviewId)));
    }

    /**
     * Closes a review as approved once every rule covering the asset has its approvals, and makes the version live
     * (or, for a draft, records the approval's lapse day); {@code true} when it closed.
     */
    private Mono<Boolean> completeIfApproved(Row review, ReviewedContent.Subject subject,
            List<ReviewRules.Rule> covering, BatonUser user, String remoteAddr) {
        return Mono.zip(decisions(List.of(review.id())), rules.reviewerRoleIds()).flatMap(both -> {
            List<DecisionRow> approvals = both.getT1().stream().filter(d -> d.decision().equals("APPROVED")).toList();
            return accounts.people(approvals.stream().map(DecisionRow::reviewerId).toList()).flatMap(people -> {
                if (!satisfied(covering, approvals.stream().map(DecisionRow::reviewerId).toList(), people,
                        both.getT2())) {
                    return Mono.just(false);
                }
                LocalDate today = content.today();
                LocalDate expires = approvals.stream().map(DecisionRow::expiresOn).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null);
                Integer days = covering.stream().map(ReviewRules.Rule::validDays).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null);
                if (days != null && (expires == null || today.plusDays(days).isBefore(expires))) {
                    expires = today.plusDays(days);
                }
                LocalDate until = expires;
                return close(review.id(), "APPROVED", until)
                        .then(library.decided(review.assetId(), review.version(), false))
                        .then(review.version() >= subject.liveVersion()
                                ? library.promote(review.assetId(), review.version(), until, user.getUsername(),
                                        remoteAddr)
                                : Mono.empty())
                        .thenReturn(true);
            });
        });
    }

    private Mono<Void> close(long reviewId, String state, LocalDate expiresOn) {
        return db.sql("update review set state = :state, decided_at = now(), expires_on = :expires where id = :id")
                .bind("state", state).bind("id", reviewId)
                .bind("expires", Parameter.fromOrEmpty(expiresOn, LocalDate.class))
                .then();
    }

    private Mono<Void> tellSubmitter(Row review, ReviewedContent.Subject subject, String outcome, String comment,
            BatonUser reviewer) {
        boolean approved = outcome.equals("APPROVED");
        String title = (approved ? "Approved: " : "Changes requested: ") + subject.title() + ", version "
                + review.version();
        String body = approved
                ? (subject.published() ? "The approved version is now the one reps get."
                        : "You can publish it now.")
                : reviewer.displayName() + " asks for changes: " + comment;
        return notifications.notify(review.submittedBy(), NotificationKind.REVIEW_DECIDED, title, body,
                "/assets/" + review.assetId());
    }

    // ---- reading

    /** One review; 404 when there is none. */
    Mono<Review> review(long id) {
        return row(id).flatMap(row -> complete(List.of(row))).map(List::getFirst);
    }

    /** A review for a person: reviewers of its asset and those who read the whole library. */
    Mono<Review> review(long id, BatonUser user) {
        if (!user.canReadAllContent()) {
            return Mono.error(new BatonException.NotFound("No review " + id));
        }
        return review(id);
    }

    /** Whether this person may decide on this open review now. */
    Mono<Boolean> mayDecide(Review review, BatonUser user) {
        if (!review.state().equals("OPEN") || review.submittedBy().equals(user.getUsername())
                || review.decisions().stream().anyMatch(d -> d.reviewer().equals(user.getUsername()))) {
            return Mono.just(false);
        }
        return Mono.zip(library.subject(review.assetId()),
                        library.uploader(review.assetId(), review.version()).defaultIfEmpty(-1L))
                .flatMap(both -> both.getT1().ownerId() == user.id() || both.getT2() == user.id() ? Mono.just(false)
                        : rules.covering(both.getT1().contentType(), both.getT1().tags())
                                .map(covering -> covering.stream().anyMatch(r -> r.eligible(user.getUsername(),
                                        user.role() == Role.REVIEWER))));
    }

    /** The open reviews this person may decide on, oldest first. */
    Mono<List<Review>> queue(BatonUser user) {
        return db.sql(REVIEW + "where state = 'OPEN' and submitted_by <> :me order by submitted_at, id")
                .bind("me", user.id())
                .map(ReviewService::rowOf)
                .all()
                .collectList()
                .flatMap(this::complete)
                .flatMapMany(Flux::fromIterable)
                .filterWhen(review -> mayDecide(review, user))
                .collectList();
    }

    /** An asset's review record as this person may see it (404 when they may not see the asset). */
    Mono<AssetRecord> record(UUID assetId, BatonUser user) {
        LocalDate today = content.today();
        return content.get(assetId, user).then(library.subject(assetId)).flatMap(subject -> rules
                .covering(subject.contentType(), subject.tags())
                .flatMap(covering -> db.sql(REVIEW + "where asset_id = :asset order by id desc")
                        .bind("asset", assetId)
                        .map(ReviewService::rowOf)
                        .all()
                        .collectList()
                        .flatMap(this::complete)
                        .flatMap(history -> {
                            // the latest decision on the live version governs: a later request for changes
                            // cancels an earlier approval
                            Review latest = history.stream()
                                    .filter(r -> r.version() == subject.liveVersion() && (r.state().equals("APPROVED")
                                            || r.state().equals("CHANGES_REQUESTED")))
                                    .max(Comparator.comparing(Review::decidedAt)).orElse(null);
                            boolean sentBack = latest != null && latest.state().equals("CHANGES_REQUESTED");
                            Approval approval = latest == null || sentBack ? null : approval(latest, today);
                            Review open = history.stream().filter(r -> r.state().equals("OPEN")).findFirst()
                                    .orElse(null);
                            String statement = approval != null ? approval.statement()
                                    : sentBack ? "Version " + subject.liveVersion() + " was sent back for changes on "
                                            + LocalDate.ofInstant(latest.decidedAt(), ZoneOffset.UTC) + "."
                                    : covering.isEmpty() ? "No review rule covers this asset."
                                    : "Version " + subject.liveVersion() + " has not been approved.";
                            List<Integer> held = IntStream.rangeClosed(subject.liveVersion() + 1,
                                    subject.newestVersion()).boxed().toList();
                            Mono<Boolean> mayDecide = open == null ? Mono.just(false) : mayDecide(open, user);
                            boolean all = user.canReadAllContent();
                            return Mono.zip(mayDecide, all ? library.wentLive(assetId) : Mono.just(Map.<Integer, Instant>of()))
                                    .map(both -> new AssetRecord(assetId, subject.liveVersion(),
                                            !covering.isEmpty(),
                                            covering.stream().map(ReviewRules.Rule::describe).toList(), approval,
                                            statement, all ? held : List.of(), all ? open : null,
                                            all ? history : List.of(),
                                            user.canManageContent() && !covering.isEmpty(), both.getT1(),
                                            both.getT2()));
                        })));
    }

    private static Approval approval(Review review, LocalDate today) {
        List<String> by = review.decisions().stream().filter(d -> d.decision().equals("APPROVED"))
                .map(Decision::reviewerName).toList();
        boolean lapsed = review.expiresOn() != null && !review.expiresOn().isAfter(today);
        String statement = "Version " + review.version() + " approved by " + String.join(" and ", by) + " on "
                + LocalDate.ofInstant(review.decidedAt(), ZoneOffset.UTC)
                + (review.expiresOn() == null ? "" : lapsed ? "; the approval lapsed on " + review.expiresOn()
                        : ", until " + review.expiresOn());
        return new Approval(review.id(), review.version(), by, review.decidedAt(), review.expiresOn(), lapsed,
                statement);
    }

    /**
     * The published assets whose rules ask for a review their live version lacks: never approved (published before
     * the rule, or without review), or approved once and lapsed.
     */
    Mono<List<Unreviewed>> unreviewed() {
        LocalDate today = content.today();
        Mono<Map<String, Object[]>> approvals = db.sql("select asset_id, version, state, expires_on, decided_at "
                        + "from review where state in ('APPROVED', 'CHANGES_REQUESTED') order by decided_at")
                .map(row -> Map.entry(row.get("asset_id", UUID.class) + "/" + row.get("version", Integer.class),
                        new Object[] {row.get("expires_on", LocalDate.class), row.get("state", String.class),
                            row.get("decided_at", OffsetDateTime.class)}))
                .all()
                // the latest decision on each version wins: a later request for changes cancels an approval
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
        return Mono.zip(approvals, rules.all().collectList(), library.published().collectList()).flatMap(t -> {
            List<Object[]> found = new ArrayList<>();
            for (ReviewedContent.Subject subject : t.getT3()) {
                List<ReviewRules.Rule> covering = t.getT2().stream()
                        .filter(r -> r.covers(subject.contentType(), subject.tags())).toList();
                if (covering.isEmpty()) {
                    continue;
                }
                Object[] decided = t.getT1().get(subject.id() + "/" + subject.liveVersion());
                LocalDate lapses = decided == null ? null : (LocalDate) decided[0];
                String reason;
                if (decided == null) {
                    reason = "Version " + subject.liveVersion() + " was published without approval";
                } else if ("CHANGES_REQUESTED".equals(decided[1])) {
                    reason = "Version " + subject.liveVersion() + " was sent back for changes on "
                            + LocalDate.ofInstant(((OffsetDateTime) decided[2]).toInstant(), ZoneOffset.UTC);
                } else if (lapses != null && !lapses.isAfter(today)) {
                    reason = "The approval lapsed on " + lapses;
                } else {
                    continue;
                }
                found.add(new Object[] {subject, reason, covering});
            }
            return accounts.people(found.stream().map(f -> ((ReviewedContent.Subject) f[0]).ownerId()).toList())
                    .map(people -> found.stream().map(f -> {
                        ReviewedContent.Subject s = (ReviewedContent.Subject) f[0];
                        Person owner = people.get(s.ownerId());
                        @SuppressWarnings("unchecked")
                        List<ReviewRules.Rule> covering = (List<ReviewRules.Rule>) f[2];
                        return new Unreviewed(s.id(), s.title(), owner == null ? null : owner.username(),
                                s.publishedAt(), s.liveVersion(), (String) f[1],
                                covering.stream().map(ReviewRules.Rule::describe).toList());
                    }).toList());
        });
    }

    /**
     * Tells owners whose live approval lapses within {@link #NOTICE_DAYS} days (or has lapsed); each approval once,
     * claimed by the update that marks it, so one node tells it. Answers how many were told.
     */
    Mono<Integer> notifyExpiring() {
        LocalDate today = content.today();
        return db.sql(REVIEW + "where state = 'APPROVED' and expiry_notified_at is null and expires_on <= :until "
                        + "order by expires_on, id limit 500")
                .bind("until", today.plusDays(NOTICE_DAYS))
                .map(ReviewService::rowOf)
                .all()
                .concatMap(review -> db.sql("update review set expiry_notified_at = now() where id = :id "
                                + "and expiry_notified_at is null")
                        .bind("id", review.id())
                        .fetch().rowsUpdated()
                        .filter(n -> n > 0)
                        .flatMap(claimed -> library.subject(review.assetId()))
                        // only the live version's current approval: a superseded one lapses unseen
                        .filter(subject -> subject.liveVersion() == review.version()
                                && review.expiresOn().equals(subject.approvalExpiresOn()))
                        .flatMap(subject -> {
                            boolean lapsed = !review.expiresOn().isAfter(today);
                            return notifications.notify(subject.ownerId(), NotificationKind.REVIEW_EXPIRING,
                                    lapsed ? "The approval of " + subject.title() + " lapsed on " + review.expiresOn()
                                            : "The approval of " + subject.title() + " lapses on "
                                                    + review.expiresOn(),
                                    (lapsed ? "Reps no longer see it." : "From that day reps no longer see it.")
                                            + " Submit it for review again to keep it in use.",
                                    "/assets/" + subject.id())
                                    .then(audit.record("baton", "review.expiry-notified", subject.id().toString(),
                                            "review " + review.id() + ", approval until " + review.expiresOn(), null))
                                    .thenReturn(1);
                        }))
                .reduce(0, Integer::sum);
    }

    // ---- rows

    private record Row(long id, UUID assetId, int version, String state, String note, long submittedBy,
            Instant submittedAt, Instant decidedAt, String rules, LocalDate expiresOn) {}

    private record DecisionRow(long reviewId, long reviewerId, String decision, String comment, LocalDate expiresOn,
            Instant decidedAt) {}

    private Mono<Row> row(long id) {
        return db.sql(REVIEW + "where id = :id").bind("id", id).map(ReviewService::rowOf).one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No review " + id)));
    }

    private static Row rowOf(Readable row) {
        OffsetDateTime decided = row.get("decided_at", OffsetDateTime.class);
        return new Row(row.get("id", Long.class), row.get("asset_id", UUID.class), row.get("version", Integer.class),
                row.get("state", String.class), row.get("note", String.class), row.get("submitted_by", Long.class),
                row.get("submitted_at", OffsetDateTime.class).toInstant(),
                decided == null ? null : decided.toInstant(), row.get("rules", String.class),
                row.get("expires_on", LocalDate.class));
    }

    private Mono<List<DecisionRow>> decisions(Collection<Long> reviewIds) {
        if (reviewIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select review_id, reviewer_id, decision, comment, expires_on, decided_at "
                        + "from review_decision where review_id = any(:ids) order by decided_at, id")
                .bind("ids", reviewIds.toArray(Long[]::new))
                .map(row -> new DecisionRow(row.get("review_id", Long.class), row.get("reviewer_id", Long.class),
                        row.get("decision", String.class), row.get("comment", String.class),
                        row.get("expires_on", LocalDate.class),
                        row.get("decided_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList();
    }

    /** The rows with their decisions, people's names, assets' titles and progress. */
    private Mono<List<Review>> complete(List<Row> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        return decisions(rows.stream().map(Row::id).toList()).flatMap(decisions -> {
            Set<Long> people = new HashSet<>();
            rows.forEach(r -> people.add(r.submittedBy()));
            decisions.forEach(d -> people.add(d.reviewerId()));
            Set<UUID> assets = new LinkedHashSet<>();
            rows.forEach(r -> assets.add(r.assetId()));
            Mono<Map<UUID, ReviewedContent.Subject>> subjects = Flux.fromIterable(assets)
                    .concatMap(library::subject)
                    .collectMap(ReviewedContent.Subject::id);
            return Mono.zip(accounts.people(people), subjects, rules.all().collectList(), rules.reviewerRoleIds())
                    .map(t -> rows.stream().map(r -> {
                        Person by = t.getT1().get(r.submittedBy());
                        ReviewedContent.Subject subject = t.getT2().get(r.assetId());
                        List<Decision> mine = decisions.stream().filter(d -> d.reviewId() == r.id()).map(d -> {
                            Person who = t.getT1().get(d.reviewerId());
                            return new Decision(who == null ? null : who.username(),
                                    who == null ? null : who.displayName(), d.decision(), d.comment(), d.expiresOn(),
                                    d.decidedAt());
                        }).toList();
                        String progress = r.state().equals("OPEN") && subject != null
                                ? progress(t.getT3().stream().filter(rule -> rule.covers(subject.contentType(),
                                        subject.tags())).toList(), decisions.stream()
                                        .filter(d -> d.reviewId() == r.id() && d.decision().equals("APPROVED"))
                                        .toList(), t.getT1(), t.getT4())
                                : null;
                        return new Review(r.id(), r.assetId(), subject == null ? null : subject.title(), r.version(),
                                subject != null && subject.held(r.version()), r.state(), r.note(),
                                by == null ? null : by.username(), by == null ? null : by.displayName(),
                                r.submittedAt(), r.decidedAt(), r.expiresOn(), r.rules(), mine, progress);
                    }).toList());
        });
    }

    /** "1 of 2 approvals (every asset: ...)" for each rule. */
    private static String progress(List<ReviewRules.Rule> covering, List<DecisionRow> approvals,
            Map<Long, Person> people, Set<Long> reviewerRole) {
        return covering.stream().map(rule -> {
            long n = approvals.stream().filter(d -> people.get(d.reviewerId()) != null && rule.eligible(
                    people.get(d.reviewerId()).username(), reviewerRole.contains(d.reviewerId()))).count();
            return n + " of " + rule.approvalsRequired() + " approvals (" + rule.describe() + ")";
        }).collect(Collectors.joining("; "));
    }

    private static String clean(String value, String field, int max) {
        String text = value == null ? "" : value.strip();
        if (text.length() > max) {
            throw new BatonException.InvalidInput(field, "use at most " + max + " characters");
        }
        return text;
    }
}
