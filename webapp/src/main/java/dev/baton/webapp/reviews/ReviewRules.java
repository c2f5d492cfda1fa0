package dev.baton.webapp.reviews;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which assets need review and who reviews them, as admins say: a rule covers every asset, a content type or a tag;
 * its reviewers are everyone with the Reviewer role and/or people it names; it asks for one or more approvals, and
 * may make approvals lapse after a number of days. An asset covered by several rules needs every one of them
 * satisfied (legal and brand both sign off). Every change is audited.
 */
@Service
class ReviewRules {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final AccountDirectory accounts;
    private final TaxonomyService taxonomy;

    ReviewRules(DatabaseClient db, TransactionalOperator tx, AuditLog audit, AccountDirectory accounts,
            TaxonomyService taxonomy) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.accounts = accounts;
        this.taxonomy = taxonomy;
    }

    /**
     * A rule.
     *
     * @param scope {@code ALL}, {@code CONTENT_TYPE} or {@code TAG}
     * @param value the content type's key or the tag; empty for {@code ALL}
     * @param reviewerRole whether everyone with the Reviewer role reviews under it
     * @param reviewers the people it names (user names)
     * @param validDays after how many days an approval under it lapses; {@code null}: never
     */
    public record Rule(long id, String scope, String value, boolean reviewerRole, List<String> reviewers,
            int approvalsRequired, Integer validDays, Instant createdAt) {

        /** Whether it covers an asset of this content type with these tags. */
        public boolean covers(String contentType, Collection<String> tags) {
            return switch (scope) {
                case "ALL" -> true;
                case "CONTENT_TYPE" -> value.equals(contentType);
                case "TAG" -> tags != null && tags.stream().anyMatch(t -> t.equalsIgnoreCase(value));
                default -> false;
            };
        }

        /** "Every asset", "Content type pricing_sheet", "Tag claims". */
        public String describe() {
            String what = switch (scope) {
                case "ALL" -> "every asset";
                case "CONTENT_TYPE" -> "content type " + value;
                default -> "tag " + value;
            };
            List<String> who = new ArrayList<>();
            if (reviewerRole) {
                who.add("the Reviewer role");
            }
            who.addAll(reviewers);
            return what + ": " + approvalsRequired + (approvalsRequired == 1 ? " approval" : " approvals") + " by "
                    + String.join(", ", who) + (validDays == null ? "" : ", valid " + validDays + " days");
        }

        /** Whether this person may approve under it. */
        boolean eligible(String username, boolean hasReviewerRole) {
            return reviewerRole && hasReviewerRole || reviewers.contains(username);
        }
    }

    /** A new rule as an admin gives it. */
    public record NewRule(String scope, String value, Boolean reviewerRole, List<String> reviewers,
            Integer approvalsRequired, Integer validDays) {}

    /** Every rule, oldest first. */
    Flux<Rule> all() {
        return db.sql("select r.id, r.scope, r.value, r.reviewer_role, r.approvals_required, r.valid_days, "
                        + "r.created_at, array(select x.account_id from review_rule_reviewer x "
                        + "where x.rule_id = r.id order by x.account_id) as reviewers from review_rule r order by r.id")
                .map(row -> new Object[] {row.get("id", Long.class), row.get("scope", String.class),
                    row.get("value", String.class), row.get("reviewer_role", Boolean.class),
                    row.get("approvals_required", Integer.class), row.get("valid_days", Integer.class),
                    row.get("created_at", OffsetDateTime.class), row.get("reviewers", Long[].class)})
                .all()
                .collectList()
                .flatMapMany(rows -> {
                    Set<Long> ids = new LinkedHashSet<>();
                    rows.forEach(r -> ids.addAll(List.of((Long[]) r[7])));
                    return accounts.people(ids).flatMapIterable(people -> rows.stream().map(r -> new Rule(
                            (Long) r[0], (String) r[1], (String) r[2], Boolean.TRUE.equals(r[3]), List.of((Long[]) r[7])
                                    .stream().map(people::get).filter(p -> p != null).map(Person::username).toList(),
                            (Integer) r[4], (Integer) r[5], ((OffsetDateTime) r[6]).toInstant())).toList());
                });
    }

    /** The rules covering an asset of this content type with these tags. */
    Mono<List<Rule>> covering(String contentType, Collection<String> tags) {
        return all().filter(rule -> rule.covers(contentType, tags)).collectList();
    }

    /** The ids of the active accounts with the Reviewer role. */
    Mono<Set<Long>> reviewerRoleIds() {
        return accounts.activeIdsIncluding(Role.REVIEWER).collect(java.util.stream.Collectors.toSet());
    }

    /** Adds a rule; bad input is refused with what was wrong. */
    Mono<Rule> add(NewRule rule, long actorId, String actor, String remoteAddr) {
        if (rule == null) {
            return Mono.error(new BatonException.InvalidInput("scope", "say which assets: all, content_type or tag"));
        }
        String scope = rule.scope() == null ? "" : rule.scope().strip().toUpperCase(Locale.ROOT);
        if (!List.of("ALL", "CONTENT_TYPE", "TAG").contains(scope)) {
            return Mono.error(new BatonException.InvalidInput("scope", "use all, content_type or tag"));
        }
        String value = scope.equals("ALL") ? "" : rule.value() == null ? "" : rule.value().strip();
        if (!scope.equals("ALL") && (value.isEmpty() || value.length() > 100)) {
            return Mono.error(new BatonException.InvalidInput("value",
                    scope.equals("TAG") ? "name the tag (at most 100 characters)" : "name the content type's key"));
        }
        int approvals = rule.approvalsRequired() == null ? 1 : rule.approvalsRequired();
        if (approvals < 1 || approvals > 10) {
            return Mono.error(new BatonException.InvalidInput("approvalsRequired", "use 1 to 10"));
        }
        if (rule.validDays() != null && (rule.validDays() < 1 || rule.validDays() > 3650)) {
            return Mono.error(new BatonException.InvalidInput("validDays", "use 1 to 3650 days, or none"));
        }
        boolean role = rule.reviewerRole() == null || rule.reviewerRole();
        List<String> names = rule.reviewers() == null ? List.of()
                : rule.reviewers().stream().filter(n -> n != null && !n.isBlank()).map(String::strip).distinct()
                        .toList();
        if (!role && names.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("reviewers",
                    "name the reviewers, or let the Reviewer role review"));
        }
        Mono<String> key = !scope.equals("CONTENT_TYPE") ? Mono.just(value)
                : taxonomy.taxonomy(false).flatMap(t -> {
                    String known = t.keyOf(Facets.CONTENT_TYPE, value);
                    return known == null ? Mono.error(new BatonException.InvalidInput("value",
                            t.ambiguity(Facets.CONTENT_TYPE, value).orElse("no content type " + value
                                    + "; use one of " + String.join(", ", t.labels(Facets.CONTENT_TYPE)))))
                            : Mono.just(known);
                });
        return key.flatMap(typeOrTag -> Flux.fromIterable(names)
                        .concatMap(name -> accounts.activeId(name).switchIfEmpty(Mono.error(
                                () -> new BatonException.InvalidInput("reviewers", "no active user " + name))))
                        .collectList()
                .flatMap(ids -> mayReview(ids, names).thenReturn(ids))
                .flatMap(ids -> db.sql("insert into review_rule (scope, value, reviewer_role, approvals_required, "
                                + "valid_days, created_by) values (:scope, :value, :role, :approvals, :days, :by) "
                                + "returning id")
                        .bind("scope", scope).bind("value", typeOrTag).bind("by", actorId).bind("role", role).bind("approvals", approvals)
                        .bind("days", Parameter.fromOrEmpty(rule.validDays(), Integer.class))
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .flatMap(id -> Flux.fromIterable(ids)
                                .concatMap(account -> db.sql("insert into review_rule_reviewer (rule_id, account_id) "
                                                + "values (:rule, :account)")
                                        .bind("rule", id).bind("account", account).then())
                                .then(Mono.just(id)))))
                .flatMap(id -> all().filter(r -> r.id() == id).next()
                        .flatMap(saved -> audit.record(actor, "review.rule-added", "rule " + id, saved.describe(),
                                remoteAddr).thenReturn(saved)))
                .as(tx::transactional);
    }

    /** Refuses named people who could not reach the queue: only marketers, admins and reviewers review. */
    private Mono<Void> mayReview(List<Long> ids, List<String> names) {
        return Mono.zip(accounts.activeIdsIncluding(Role.MARKETER).collectList(), reviewerRoleIds()).flatMap(t -> {
            for (int i = 0; i < ids.size(); i++) {
                if (!t.getT1().contains(ids.get(i)) && !t.getT2().contains(ids.get(i))) {
                    return Mono.error(new BatonException.InvalidInput("reviewers", names.get(i)
                            + " is neither a reviewer nor a marketer, and could not open the review queue"));
                }
            }
            return Mono.empty();
        });
    }

    /** Removes a rule; reviews already decided keep their record. */
    Mono<Void> remove(long id, String actor, String remoteAddr) {
        return all().filter(r -> r.id() == id).next()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No review rule " + id)))
                .flatMap(rule -> db.sql("delete from review_rule where id = :id").bind("id", id).then()
                        .then(audit.record(actor, "review.rule-removed", "rule " + id, rule.describe(), remoteAddr)))
                .as(tx::transactional);
    }

    /** Which reviewers a set of rules allows, for telling them: the Reviewer role's and the named. */
    Mono<Set<Long>> reviewersOf(List<Rule> rules) {
        boolean role = rules.stream().anyMatch(Rule::reviewerRole);
        Set<String> named = new LinkedHashSet<>();
        rules.forEach(r -> named.addAll(r.reviewers()));
        Mono<Set<Long>> byRole = role ? reviewerRoleIds() : Mono.just(Set.of());
        return Mono.zip(byRole, accounts.idsByUsername()).map(both -> {
            Set<Long> ids = new LinkedHashSet<>(both.getT1());
            Map<String, Long> byName = new HashMap<>(both.getT2());
            named.forEach(n -> {
                if (byName.containsKey(n)) {
                    ids.add(byName.get(n));
                }
            });
            return ids;
        });
    }
}
