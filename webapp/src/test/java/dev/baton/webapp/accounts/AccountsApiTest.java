package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Users, API tokens, problem responses and the audit trail, as an API client sees them. */
class AccountsApiTest extends BatonTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    PasswordEncoder passwords;

    private String admin() {
        return basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void anAdminCreatesAUserWhoCanThenSignIn() {
        http.post().uri("/api/v1/users").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "Dana.Rep", "displayName", "Dana", "password", "dana-password-1",
                        "role", "rep"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.username").isEqualTo("dana.rep")
                .jsonPath("$.role").isEqualTo("REP")
                .jsonPath("$.enabled").isEqualTo(true)
                .jsonPath("$.passwordHash").doesNotExist();

        http.get().uri("/api/v1/me").header("Authorization", basic("dana.rep", "dana-password-1"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.role").isEqualTo("REP")
                .jsonPath("$.displayName").isEqualTo("Dana");

        String hash = db.sql("select password_hash from account where username = 'dana.rep'")
                .map(row -> row.get(0, String.class)).one().block();
        assertThat(hash).startsWith("{argon2}").doesNotContain("dana-password-1");
    }

    @Test
    void aTakenUserNameIsAConflictWithAClearMessage() {
        users.user("taken-name", "REP");
        http.post().uri("/api/v1/users").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "taken-name", "password", "another-password", "role", "REP"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.detail").isEqualTo("The user name taken-name is taken");
    }

    @Test
    void validationErrorsNameTheFieldAndTheReason() {
        http.post().uri("/api/v1/users").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "short-pass", "password", "abc", "role", "REP"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("password")
                .jsonPath("$.errors[0].reason").isEqualTo("use at least 10 characters");
        // missing fields and a body that is not JSON: AccountApiControllerTest (a slice, the service mocked)
    }

    @Test
    void errorsAreProblemDocumentsWithoutInternals() {
        // a malformed id and an unsupported method: AccountApiControllerTest (a slice, the service mocked)
        http.get().uri("/api/v1/nothing-here").header("Authorization", admin())
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Nothing is at /api/v1/nothing-here");

        http.get().uri("/api/v1/users/424242").header("Authorization", admin())
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No user 424242");

        http.get().uri("/api/v1/users")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches("WWW-Authenticate", "Basic realm=\"Baton\"");
    }

    @Test
    void unknownPagesShowAFriendlyPage() {
        PageSession session = PageSession.signIn(baseUrl(), "admin", ADMIN_PASSWORD);
        var page = session.get("/definitely/not/here");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found").doesNotContain("Exception", "Whitelabel");
    }

    private String token(String username) {
        Map<?, ?> issued = http.post().uri("/api/v1/tokens").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "script", "username", username))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return "Bearer " + issued.get("secret");
    }

    private int status(String authorization) {
        return http.get().uri("/api/v1/me").header("Authorization", authorization).exchange()
                .returnResult(String.class).getStatus().value();
    }

    /**
     * A node trusts a token it verified (for an hour in these tests, see BatonTest) but hears every change to tokens
     * and accounts, also those made on another node or by hand in SQL, which is what these updates stand for: they go
     * around the service that would tell this node itself.
     */
    @Test
    void aTokenRevokedOrItsUserChangedElsewhereIsNoLongerTrusted() {
        users.user("elsewhere-revoked", "MARKETER");
        users.user("elsewhere-disabled", "MARKETER");
        users.user("elsewhere-demoted", "MARKETER");
        String revoked = token("elsewhere-revoked");
        String disabled = token("elsewhere-disabled");
        String demoted = token("elsewhere-demoted");
        for (String token : List.of(revoked, disabled, demoted)) {
            assertThat(status(token)).isEqualTo(200);
            assertThat(status(token)).isEqualTo(200);
        }
        http.get().uri("/api/v1/content-requests").header("Authorization", demoted).exchange().expectStatus().isOk();

        db.sql("update api_token set revoked_at = now() where account_id = "
                + "(select id from account where username = 'elsewhere-revoked')").then().block();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status(revoked) == 401);

        db.sql("update account set enabled = false where username = 'elsewhere-disabled'").then().block();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status(disabled) == 401);

        db.sql("update account set role = 'REP' where username = 'elsewhere-demoted'").then().block();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "REP".equals(http.get().uri("/api/v1/me")
                .header("Authorization", demoted).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("role")));
        http.get().uri("/api/v1/content-requests").header("Authorization", demoted).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aTokenWhoseUserIsDisabledOrReRoledHereIsRefusedOnTheNextRequest() {
        users.user("here-disabled", "MARKETER");
        String token = token("here-disabled");
        assertThat(status(token)).isEqualTo(200);
        http.get().uri("/api/v1/content-requests").header("Authorization", token).exchange().expectStatus().isOk();
        Long id = db.sql("select id from account where username = 'here-disabled'")
                .map(row -> row.get(0, Long.class)).one().block();
        http.patch().uri("/api/v1/users/" + id).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "REP"))
                .exchange()
                .expectStatus().isOk();
        http.get().uri("/api/v1/content-requests").header("Authorization", token).exchange().expectStatus().isForbidden();
        http.patch().uri("/api/v1/users/" + id).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", false))
                .exchange()
                .expectStatus().isOk();
        assertThat(status(token)).isEqualTo(401);
    }

    @Test
    void anApiTokenWorksUntilRevokedAndIsStoredOnlyAsAHash() {
        users.user("token-owner", "MARKETER");
        Map<?, ?> issued = http.post().uri("/api/v1/tokens").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "CRM sync", "username", "token-owner"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String secret = (String) issued.get("secret");
        Number id = (Number) ((Map<?, ?>) issued.get("token")).get("id");
        assertThat(secret).startsWith("baton_").hasSizeGreaterThanOrEqualTo(6 + 43);

        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + secret)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo("token-owner");

        http.get().uri("/api/v1/tokens").header("Authorization", admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.id == " + id + ")].lastUsedAt").isNotEmpty()
                .jsonPath("$[?(@.id == " + id + ")].prefix").isEqualTo(List.of(secret.substring(0, 12)));

        // the database holds the token's SHA-256 and its first characters, never the token
        Long stored = db.sql("select count(*) from api_token where id = :id "
                        + "and token_hash = sha256(convert_to(:secret, 'UTF8')) and token_prefix = :prefix")
                .bind("id", id.longValue()).bind("secret", secret).bind("prefix", secret.substring(0, 12))
                .map(row -> row.get(0, Long.class)).one().block();
        assertThat(stored).isEqualTo(1L);
        Long plain = db.sql("select count(*) from api_token t where position(convert_to(:secret, 'UTF8') in "
                        + "convert_to(t::text, 'UTF8')) > 0")
                .bind("secret", secret.substring(12))
                .map(row -> row.get(0, Long.class)).one().block();
        assertThat(plain).isZero();

        http.delete().uri("/api/v1/tokens/" + id).header("Authorization", admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.revokedAt").isNotEmpty();

        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + secret)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("The API token is unknown or revoked");

        http.delete().uri("/api/v1/tokens/" + id).header("Authorization", admin())
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").isEqualTo("The API token " + id + " is already revoked");

        // the log grows with every test of the suite: ask it for the entries this test needs, as an admin would
        http.get().uri("/api/v1/audit?actor=admin&action=token.issued&limit=1000").header("Authorization", admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.target == 'token-owner')].actor").isEqualTo(List.of("admin"));
        http.get().uri("/api/v1/audit?actor=admin&action=token.revoked&limit=1000").header("Authorization", admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.target == 'token-owner')].actor").isEqualTo(List.of("admin"));
        http.get().uri("/api/v1/audit?action=token.rejected&limit=10").header("Authorization", admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$").isNotEmpty();
    }

    @Test
    void aDisabledUserCannotSignIn() {
        long id = users.user("to-disable", "TRAINER").id();
        http.patch().uri("/api/v1/users/" + id).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", false))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.enabled").isEqualTo(false);
        http.get().uri("/api/v1/me").header("Authorization", basic("to-disable", TestUsers.PASSWORD))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aNewPasswordEndsBasicSignInsWithTheOldOneAtOnceHereAndSoonWhenChangedElsewhere() {
        long id = users.user("basic-script", "MARKETER").id();
        String old = basic("basic-script", TestUsers.PASSWORD);
        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/v1/me").header("Authorization", old).exchange().expectStatus().isOk();
        }
        http.put().uri("/api/v1/users/" + id + "/password").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "a-new-password-2"))
                .exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/v1/me").header("Authorization", old).exchange().expectStatus().isUnauthorized();
        String renewed = basic("basic-script", "a-new-password-2");
        http.get().uri("/api/v1/me").header("Authorization", renewed).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/me").header("Authorization", renewed).exchange().expectStatus().isOk();

        // as another node, or an admin in SQL, would change it: this node hears of it from the database
        db.sql("update account set password_hash = :hash where id = :id")
                .bind("hash", passwords.encode("a-third-password-3")).bind("id", id).then().block();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> http.get().uri("/api/v1/me")
                .header("Authorization", renewed).exchange().returnResult(String.class).getStatus().value() == 401);
        http.get().uri("/api/v1/me").header("Authorization", basic("basic-script", "a-third-password-3")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void repeatedFailedSignInsAreThrottledWithRetryAfterAndRecordedInTheAuditLog() {
        users.user("guessed", "REP");
        for (int i = 0; i < 5; i++) {
            http.get().uri("/api/v1/me").header("Authorization", basic("guessed", "wrong-password-" + i))
                    .exchange()
                    .expectStatus().isUnauthorized();
        }
        // now even the right password has to wait
        http.get().uri("/api/v1/me").header("Authorization", basic("guessed", TestUsers.PASSWORD))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueMatches("Retry-After", "[1-9][0-9]*")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("Too many failed sign-in attempts; try again in"));

        Long failures = db.sql("select count(*) from audit_event where action = 'login.failure' and actor = 'guessed'")
                .map(row -> row.get(0, Long.class)).one().block();
        assertThat(failures).isEqualTo(5L);
        Long throttled = db.sql("select count(*) from audit_event where action = 'login.throttled' "
                        + "and actor = 'guessed'")
                .map(row -> row.get(0, Long.class)).one().block();
        assertThat(throttled).isEqualTo(1L);
    }

    @Test
    void aRoleThatMayNotIsDeniedAndTheDenialAudited() {
        users.user("nosy-rep", "REP");
        http.get().uri("/api/v1/users").header("Authorization", basic("nosy-rep", TestUsers.PASSWORD))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("Your role may not do this");
        http.get().uri("/api/v1/audit?actor=nosy-rep&action=access.denied").header("Authorization", admin())
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.action == 'access.denied' && @.actor == 'nosy-rep')].target")
                .isEqualTo(List.of("GET /api/v1/users"));
    }

    @Test
    void securityRelevantActionsAreAudited() {
        http.post().uri("/api/v1/users").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "audited-user", "password", "audited-password", "role", "MARKETER"))
                .exchange()
                .expectStatus().isCreated();
        long id = users.user("audited-user", "MARKETER").id();
        http.patch().uri("/api/v1/users/" + id).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "TRAINER"))
                .exchange()
                .expectStatus().isOk();
        http.put().uri("/api/v1/users/" + id + "/password").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "a-new-password-1"))
                .exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/v1/audit?action=account.created&limit=1000").header("Authorization", admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.target == 'audited-user')].actor").isEqualTo(List.of("admin"));
        http.get().uri("/api/v1/audit?action=account.updated&limit=1000").header("Authorization", admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.target == 'audited-user')].detail").isEqualTo(List.of("role MARKETER->TRAINER"));
        http.get().uri("/api/v1/audit?action=account.password-set&limit=1000").header("Authorization", admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.target == 'audited-user')].actor").isEqualTo(List.of("admin"));
        http.get().uri("/api/v1/me").header("Authorization", basic("audited-user", "a-new-password-1"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("TRAINER");
        assertThatThrownBy(() -> db.sql("delete from audit_event").fetch().rowsUpdated().block())
                .hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> db.sql("update audit_event set actor = 'someone-else'").fetch().rowsUpdated().block())
                .hasMessageContaining("audit_event is append-only");
    }
}
