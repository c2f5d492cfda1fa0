package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Signed-in page sessions follow the account: disabling or re-roling a user takes effect at once. */
class PageSessionsTest extends BatonTest {

    private String admin() {
        return basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void aDisabledUsersOpenSessionEndsAtTheirNextClick() {
        long id = users.user("session-disabled", "MARKETER").id();
        PageSession session = PageSession.signIn(baseUrl(), "session-disabled", TestUsers.PASSWORD);
        assertThat(session.get("/marketing").statusCode()).isEqualTo(200);

        http.patch().uri("/api/v1/users/" + id).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("enabled", false))
                .exchange().expectStatus().isOk();

        HttpResponse<String> next = session.get("/marketing");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aDemotedUserLosesTheOldRolesPagesAtOnce() {
        long id = users.user("session-demoted", "MARKETER").id();
        PageSession session = PageSession.signIn(baseUrl(), "session-demoted", TestUsers.PASSWORD);
        assertThat(session.get("/marketing").statusCode()).isEqualTo(200);

        http.patch().uri("/api/v1/users/" + id).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "REP"))
                .exchange().expectStatus().isOk();

        assertThat(session.get("/marketing").statusCode()).isEqualTo(403);
        assertThat(session.get("/search").statusCode()).isEqualTo(200);
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
        PageSession session = PageSession.signIn(baseUrl(), "admin", ADMIN_PASSWORD);
        assertThat(session.postForm("/admin/tokens", "name=sneaky&username=admin").statusCode()).isEqualTo(303);

        // the same session cookie, no token: what a cross-site form would send
        HttpResponse<String> forged = session.postWithoutToken("/admin/tokens", "name=forged&username=admin");
        assertThat(forged.statusCode()).isEqualTo(403);
        http.get().uri("/api/v1/tokens").header("Authorization", admin())
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.name == 'forged')]").doesNotExist()
                .jsonPath("$[?(@.name == 'sneaky')]").exists();

        // and a sign-in form without a token is refused too
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(baseUrl() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + ADMIN_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(403);
    }
}
