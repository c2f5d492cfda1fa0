package dev.baton.webapp.accounts;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Teams as admins keep them: create, rename, delete, set the members. Every change is audited. Others read teams
 * through {@link AccountDirectory}.
 */
@Service
class TeamService {

    static final int MAX_NAME = 100;

    private final TeamRepository teams;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    TeamService(TeamRepository teams, AuditLog audit, TransactionalOperator tx) {
        this.teams = teams;
        this.audit = audit;
        this.tx = tx;
    }

    Flux<Team> list() {
        return teams.all();
    }

    Mono<Team> get(long id) {
        return teams.find(id).switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No team " + id + ".")));
    }

    /** A new team, with these members ({@code null}: none). */
    Mono<Team> create(String name, Collection<Long> memberIds, String actor, String remoteAddr) {
        String checked = name(name);
        Long[] members = members(memberIds);
        return checkAccounts(members)
                .then(Mono.defer(() -> teams.insert(checked)))
                .onErrorMap(DataIntegrityViolationException.class, e -> taken(checked))
                .flatMap(id -> teams.setMembers(id, members)
                        .then(audit.record(actor, "team.created", checked, "team=" + id + " members="
                                + describe(members), remoteAddr))
                        .then(teams.find(id)))
                .as(tx::transactional);
    }

    /** Renames a team. */
    Mono<Team> rename(long id, String name, String actor, String remoteAddr) {
        String checked = name(name);
        return get(id).flatMap(team -> team.name().equals(checked)
                        ? Mono.just(team)
                        : teams.rename(id, checked)
                                .onErrorMap(DataIntegrityViolationException.class, e -> taken(checked))
                                .then(audit.record(actor, "team.renamed", checked, "team=" + id + " was="
                                        + team.name(), remoteAddr))
                                .then(teams.find(id)))
                .as(tx::transactional);
    }

    /** Makes these accounts the team's members (an empty list: nobody). */
    Mono<Team> setMembers(long id, Collection<Long> memberIds, String actor, String remoteAddr) {
        Long[] members = members(memberIds);
        return get(id).flatMap(team -> checkAccounts(members)
                        .then(Mono.defer(() -> teams.setMembers(id, members)))
                        .then(audit.record(actor, "team.members-set", team.name(), "team=" + id + " members="
                                + describe(members), remoteAddr))
                        .then(teams.find(id)))
                .as(tx::transactional);
    }

    /** Deletes a team (its members stay users, in no team of this name). */
    Mono<Team> delete(long id, String actor, String remoteAddr) {
        return get(id).flatMap(team -> teams.delete(id)
                        .then(audit.record(actor, "team.deleted", team.name(), "team=" + id, remoteAddr))
                        .thenReturn(team))
                .as(tx::transactional);
    }

    static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new BatonException.InvalidInput("name", "give the team a name of 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    private static Long[] members(Collection<Long> ids) {
        if (ids == null) {
            return new Long[0];
        }
        if (ids.stream().anyMatch(Objects::isNull)) {
            throw new BatonException.InvalidInput("memberIds", "give account ids, without nulls");
        }
        return ids.stream().distinct().sorted().toArray(Long[]::new);
    }

    private Mono<Void> checkAccounts(Long[] ids) {
        if (ids.length == 0) {
            return Mono.empty();
        }
        return teams.countAccounts(ids).flatMap(found -> found == ids.length
                ? Mono.<Void>empty()
                : Mono.error(new BatonException.InvalidInput("memberIds", "no user has some of these ids: "
                        + describe(ids))));
    }

    private static String describe(Long[] ids) {
        return List.of(ids).stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    private static BatonException taken(String name) {
        return new BatonException.Conflict("A team named " + name + " exists already");
    }
}
