package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.system.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** Admins keep teams through the API; reports and packs read them through the directory; every change is audited. */
class TeamsApiTest extends BatonTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    AccountDirectory directory;

    @Autowired
    AuditLog audit;

    private String admin() {
        return basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void anAdminCreatesRenamesFillsAndDeletesATeamAndEachChangeIsAudited() {
        long ann = users.user("team-ann", "REP").id();
        long bob = users.user("team-bob", "REP").id();
        long cai = users.user("team-cai", "MARKETER").id();
        String name = "East " + UUID.randomUUID().toString().substring(0, 6);

        Map<String, Object> created = http.post().uri("/api/v1/teams").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "  " + name + " ", "memberIds", List.of(ann, bob)))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        long id = ((Number) created.get("id")).longValue();
        assertThat(created.get("name")).isEqualTo(name);
        assertThat(memberNames(created)).containsExactly("team-ann", "team-bob");

        // a second team with the same name in other letters is refused
        http.post().uri("/api/v1/teams").header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name.toUpperCase())).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("exists already"));

        http.patch().uri("/api/v1/teams/{id}", id).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name + " Renamed")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo(name + " Renamed");

        Map<String, Object> members = http.put().uri("/api/v1/teams/{id}/members", id)
                .header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("memberIds", List.of(bob, cai))).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(memberNames(members)).containsExactly("team-bob", "team-cai");

        // what reports and packs read: a user in several teams or none
        long second = ((Number) http.post().uri("/api/v1/teams").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name + " Second", "memberIds", List.of(bob)))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody()
                .get("id")).longValue();
        Map<Long, List<Team.Ref>> teamsOf = directory.teamsOf(List.of(ann, bob, cai)).block();
        assertThat(teamsOf).doesNotContainKey(ann);
        assertThat(teamsOf.get(bob)).extracting(Team.Ref::name).containsExactly(name + " Renamed", name + " Second");
        assertThat(teamsOf.get(cai)).extracting(Team.Ref::id).containsExactly(id);

        http.delete().uri("/api/v1/teams/{id}", second).header("Authorization", admin()).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/v1/teams/{id}", second).header("Authorization", admin()).exchange()
                .expectStatus().isNotFound();
        assertThat(directory.teamsOf(List.of(bob)).block().get(bob)).extracting(Team.Ref::id).containsExactly(id);

        List<AuditLog.Entry> entries = audit.latest(50).collectList().block();
        assertThat(entries).extracting(AuditLog.Entry::action)
                .contains("team.created", "team.renamed", "team.members-set", "team.deleted");
        assertThat(entries).filteredOn(e -> e.action().equals("team.renamed"))
                .anySatisfy(e -> assertThat(e.detail()).contains("was=" + name));
    }

    @Test
    void anUnknownMemberOrAnEmptyNameIsABadRequestThatSaysWhy() {
        http.post().uri("/api/v1/teams").header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", " ")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("name"));
        http.post().uri("/api/v1/teams").header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ghosts " + UUID.randomUUID(), "memberIds", List.of(987654321L)))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("987654321"));
    }

    @Test
    void aRepMayNotReadOrChangeTeams() {
        users.user("team-rep", "REP");
        http.get().uri("/api/v1/teams").header("Authorization", basic("team-rep", TestUsers.PASSWORD)).exchange()
                .expectStatus().isForbidden();
    }

    @SuppressWarnings("unchecked")
    private static List<String> memberNames(Map<String, Object> team) {
        return ((List<Map<String, Object>>) team.get("members")).stream()
                .map(m -> (String) m.get("username")).toList();
    }
}
