package dev.baton.webapp.accounts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for teams and their members. */
@Repository
class TeamRepository {

    private final DatabaseClient db;

    TeamRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Every team with its members (none: an empty list), by name. */
    Flux<Team> all() {
        return teams(db.sql("select t.id, t.name, a.id as account_id, a.username, a.display_name from team t "
                + "left join team_member m on m.team_id = t.id left join account a on a.id = m.account_id "
                + "order by lower(t.name), t.id"));
    }

    Mono<Team> find(long id) {
        return teams(db.sql("select t.id, t.name, a.id as account_id, a.username, a.display_name from team t "
                        + "left join team_member m on m.team_id = t.id left join account a on a.id = m.account_id "
                        + "where t.id = :id")
                .bind("id", id)).next();
    }

    /** The teams each of these accounts is in, by account id; an account in no team is absent. */
    Mono<Map<Long, List<Team.Ref>>> teamsOf(Long[] accountIds) {
        return db.sql("select m.account_id, t.id, t.name from team_member m join team t on t.id = m.team_id "
                        + "where m.account_id = any(:ids) order by lower(t.name), t.id")
                .bind("ids", accountIds)
                .map(row -> Map.entry(row.get("account_id", Long.class),
                        new Team.Ref(row.get("id", Long.class), row.get("name", String.class))))
                .all()
                .collect(LinkedHashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
    }

    Mono<Long> insert(String name) {
        return db.sql("insert into team (name) values (:name) returning id")
                .bind("name", name)
                .map(row -> row.get("id", Long.class))
                .one();
    }

    Mono<Long> rename(long id, String name) {
        return db.sql("update team set name = :name where id = :id").bind("id", id).bind("name", name)
                .fetch().rowsUpdated();
    }

    Mono<Long> delete(long id) {
        return db.sql("delete from team where id = :id").bind("id", id).fetch().rowsUpdated();
    }

    /** Makes these accounts the team's members, no more and no fewer. */
    Mono<Void> setMembers(long id, Long[] accountIds) {
        return db.sql("delete from team_member where team_id = :id and account_id <> all(:ids)")
                .bind("id", id)
                .bind("ids", accountIds)
                .then()
                .then(db.sql("insert into team_member (team_id, account_id) select :id, unnest(:ids::bigint[]) "
                                + "on conflict do nothing")
                        .bind("id", id)
                        .bind("ids", accountIds)
                        .then());
    }

    /** How many of these ids are accounts. */
    Mono<Long> countAccounts(Long[] ids) {
        return db.sql("select count(*) from account where id = any(:ids)")
                .bind("ids", ids)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    private static Flux<Team> teams(DatabaseClient.GenericExecuteSpec spec) {
        return spec.map(row -> new Object[] {row.get("id", Long.class), row.get("name", String.class),
                    row.get("account_id", Long.class), row.get("username", String.class),
                    row.get("display_name", String.class)})
                .all()
                .collectList()
                .flatMapIterable(rows -> {
                    Map<Long, String> names = new LinkedHashMap<>();
                    Map<Long, List<Person>> members = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        long id = (Long) r[0];
                        names.put(id, (String) r[1]);
                        List<Person> list = members.computeIfAbsent(id, k -> new ArrayList<>());
                        if (r[2] != null) {
                            list.add(new Person((Long) r[2], (String) r[3], (String) r[4]));
                        }
                    }
                    List<Team> teams = new ArrayList<>();
                    names.forEach((id, name) -> teams.add(new Team(id, name, members.get(id).stream()
                            .sorted(Comparator.comparing(Person::displayName, String.CASE_INSENSITIVE_ORDER)
                                    .thenComparing(Person::id))
                            .toList())));
                    return teams;
                });
    }
}
