package dev.baton.webapp.accounts;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Names of people for other packages: what content, search and the imports show for an owner, an uploader or a
 * requester. The {@code account} table is this package's; others ask here instead of joining it. Lookups by id are
 * batched: one query for a whole page of assets.
 */
@Component
public class AccountDirectory {

    private final AccountRepository accounts;
    private final TeamRepository teams;

    AccountDirectory(AccountRepository accounts, TeamRepository teams) {
        this.accounts = accounts;
        this.teams = teams;
    }

    /** Every team with its members, by name (reports show figures by team; packs name teams as their audience). */
    public reactor.core.publisher.Flux<Team> teams() {
        return teams.all();
    }

    /** The team with this id and its members; empty when there is none. */
    public Mono<Team> team(long id) {
        return teams.find(id);
    }

    /** The teams each of these accounts is in, by account id (one query); an account in no team is absent. */
    public Mono<Map<Long, java.util.List<Team.Ref>>> teamsOf(Collection<Long> accountIds) {
        Long[] distinct = accountIds.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
        return distinct.length == 0 ? Mono.just(Map.of()) : teams.teamsOf(distinct);
    }

    /** The account ids of these user names (as stored, lower case), by user name; an unknown name is absent. */
    public Mono<Map<String, Long>> idsByUsername() {
        return accounts.allPeople().collect(Collectors.toMap(Person::username, Person::id));
    }

    /** The people with these account ids, by id; an id no account has is absent. */
    public Mono<Map<Long, Person>> people(Collection<Long> ids) {
        Long[] distinct = ids.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
        if (distinct.length == 0) {
            return Mono.just(Map.of());
        }
        return accounts.people(distinct).collectMap(Person::id, Function.identity());
    }

    /** The person with this account id, if there is one. */
    public Mono<Person> person(long id) {
        return accounts.people(new Long[] {id}).next();
    }

    /** Every user name with its display name (disabled accounts too: they still own assets). */
    public Mono<Map<String, String>> displayNames() {
        return accounts.allPeople().collect(Collectors.toMap(Person::username, Person::displayName));
    }

    /** The ids of the enabled accounts whose role includes {@code role} (for {@code ADMIN}: the admins). */
    public reactor.core.publisher.Flux<Long> activeIdsIncluding(Role role) {
        String[] roles = java.util.Arrays.stream(Role.values())
                .filter(r -> r.includes().contains(role))
                .map(Role::name)
                .toArray(String[]::new);
        return accounts.activeIdsWithRoles(roles);
    }

    /** The role of every enabled account, by account id (who a pack's audience may name, with what they do). */
    public Mono<Map<Long, Role>> activeRoles() {
        return accounts.activeRoles();
    }

    /** The id of the enabled account with this user name (as given, without surrounding spaces), if there is one. */
    public Mono<Long> activeId(String username) {
        return accounts.activeId(username.strip());
    }
}
