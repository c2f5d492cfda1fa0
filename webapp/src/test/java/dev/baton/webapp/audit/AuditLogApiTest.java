package dev.baton.webapp.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** The audit log through the API: filters by who, what and when, pages, names instead of ids, readable addresses. */
class AuditLogApiTest extends BatonTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS =
            new ParameterizedTypeReference<>() {};

    @Autowired
    DatabaseClient db;

    private List<Map<String, Object>> audit(String query) {
        return http.get().uri("/api/v1/audit" + query).header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(ROWS).returnResult().getResponseBody();
    }

    private void createUser(String admin, String username, String displayName) {
        http.post().uri("/api/v1/users").header("Authorization", basic(admin, TestUsers.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "displayName", displayName, "password", "password-of-1234",
                        "role", "REP"))
                .exchange()
                .expectStatus().isCreated();
    }

    @Test
    void theLogIsFilteredByActorActionAndTimeAndPagedWithNamesForPeople() {
        users.user("audit-filter-admin", "ADMIN");
        createUser("audit-filter-admin", "audit-filter-1", "Ada First");
        createUser("audit-filter-admin", "audit-filter-2", "Ben Second");
        createUser("audit-filter-admin", "audit-filter-3", "Cy Third");
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        List<Map<String, Object>> newest = audit("?actor=AUDIT-filter-admin&action=account.created&from=" + today
                + "&to=" + today + "&limit=2");
        assertThat(newest).extracting(row -> row.get("target")).containsExactly("audit-filter-3", "audit-filter-2");
        assertThat(newest).extracting(row -> row.get("targetName")).containsExactly("Cy Third", "Ben Second");
        assertThat(newest).extracting(row -> row.get("targetKind")).containsOnly("user");
        assertThat(newest).extracting(row -> row.get("actorName")).containsOnly("audit-filter-admin Example");
        assertThat(newest).extracting(row -> row.get("remoteAddr")).containsOnly("127.0.0.1");

        Object last = newest.getLast().get("id");
        List<Map<String, Object>> older = audit("?actor=audit-filter-admin&action=account.created&limit=2&before="
                + last);
        assertThat(older).extracting(row -> row.get("targetName")).containsExactly("Ada First");

        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(audit("?actor=audit-filter-admin&from=" + tomorrow)).isEmpty();
        assertThat(audit("?actor=audit-filter-admin&action=token.issued")).isEmpty();
    }

    @Test
    void aDateThatCannotBeReadIsExplained() {
        http.get().uri("/api/v1/audit?from=yesterday&to=2026-13-01").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .contains("from: give a day (2026-12-07) or a time in UTC (2026-12-07T10:15:00Z), not 'yesterday'")
                        .contains("'2026-13-01'"));
    }

    @Test
    void anAssetIsNamedByItsTitle() {
        users.user("audit-asset-marketer", "MARKETER");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Audit named battlecard");
        String id = (String) new AssetClient(http, basic("audit-asset-marketer", TestUsers.PASSWORD))
                .created(TestFiles.pdf("Audit named battlecard", "Audit Test", List.of("audit " + UUID.randomUUID())),
                        UUID.randomUUID() + ".pdf", metadata)
                .get("id");

        List<Map<String, Object>> uploaded = audit("?actor=audit-asset-marketer&action=asset.uploaded");
        assertThat(uploaded).singleElement().satisfies(row -> {
            assertThat(row.get("target")).isEqualTo(id);
            assertThat(row.get("targetName")).isEqualTo("Audit named battlecard");
            assertThat(row.get("targetLink")).isEqualTo("/assets/" + id);
            assertThat(row.get("actorName")).isEqualTo("audit-asset-marketer Example");
        });
    }

    @Test
    void anAddressAClientClaimsIsNotBelievedWhenNoProxyIsTrusted() {
        users.user("audit-forged-admin", "ADMIN");
        http.post().uri("/api/v1/users").header("Authorization", basic("audit-forged-admin", TestUsers.PASSWORD))
                .header("X-Forwarded-For", "203.0.113.9")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "audit-forged-1", "password", "password-of-1234", "role", "REP"))
                .exchange()
                .expectStatus().isCreated();

        assertThat(audit("?actor=audit-forged-admin&action=account.created"))
                .extracting(row -> row.get("remoteAddr")).containsExactly("127.0.0.1");
    }

    @Test
    void ipv6AddressesRecordedInTheLongFormAreShownInTheShortForm() {
        String actor = "audit-ipv6-" + UUID.randomUUID();
        // an entry written before addresses were shortened
        db.sql("insert into audit_event (actor, action, remote_addr) values (:actor, 'login.failure', "
                        + "'0:0:0:0:0:0:0:1')")
                .bind("actor", actor).then().block();
        assertThat(audit("?actor=" + actor)).extracting(row -> row.get("remoteAddr")).containsExactly("::1");
        assertThat(audit("?actor=" + actor).getFirst().get("actorName")).isNull();
    }
}
