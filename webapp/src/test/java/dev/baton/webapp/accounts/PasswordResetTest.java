package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * An admin resets a user's password: to a temporary one Baton makes (shown once) or one they type; the user must
 * replace a temporary one before anything else; the old password and the user's sessions stop working at once.
 */
class PasswordResetTest extends BatonTest {

    private static final Pattern TEMPORARY = Pattern.compile("id=\"temporary-password\">([^<]+)<");

    private PageSession admin() {
        return PageSession.signIn(baseUrl(), "admin", ADMIN_PASSWORD);
    }

    private int basicStatus(String username, String password) {
        return http.get().uri("/api/v1/me").header("Authorization", basic(username, password)).exchange()
                .returnResult(Void.class).getStatus().value();
    }

    private List<Map<String, Object>> audit(String query) {
        return http.get().uri("/api/v1/audit" + query).header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult()
                .getResponseBody();
    }

    @Test
    void anAdminResetsAPasswordOnTheUsersPageAndTheUserMustChooseANewOne() {
        long id = users.user("pw-reset-page", "REP").id();
        PageSession before = PageSession.signIn(baseUrl(), "pw-reset-page", TestUsers.PASSWORD);
        assertThat(before.get("/library").statusCode()).isEqualTo(200);
        // a script's HTTP Basic sign-in, trusted for a while once verified
        assertThat(basicStatus("pw-reset-page", TestUsers.PASSWORD)).isEqualTo(200);

        PageSession admin = admin();
        HttpResponse<String> reset = admin.postForm("/admin/users/" + id + "/password", "password=&mustChange=true");
        assertThat(reset.statusCode()).isEqualTo(303);
        String page = admin.get("/admin/users").body();
        assertThat(page).contains("Reset the password of pw-reset-page. Give them the temporary password below; it is "
                + "not shown again. They must choose a new one when they next sign in.");
        Matcher shown = TEMPORARY.matcher(page);
        assertThat(shown.find()).isTrue();
        String temporary = shown.group(1);
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(10);
        assertThat(admin.get("/admin/users").body()).doesNotContain(temporary).contains("Must change password");

        // the old password, its cached Basic sign-in and the user's session end at once
        assertThat(basicStatus("pw-reset-page", TestUsers.PASSWORD)).isEqualTo(401);
        assertThat(before.get("/library").statusCode()).isEqualTo(302);
        assertThatThrownBy(() -> PageSession.signIn(baseUrl(), "pw-reset-page", TestUsers.PASSWORD))
                .hasMessageContaining("failed");

        // a temporary password opens the page that replaces it, and nothing else
        PageSession user = PageSession.signIn(baseUrl(), "pw-reset-page", temporary);
        HttpResponse<String> library = user.get("/library");
        assertThat(library.statusCode()).isEqualTo(303);
        assertThat(library.headers().firstValue("Location")).hasValue("/account/password");
        assertThat(user.get("/account/password").body()).contains("An admin set a temporary password");
        http.get().uri("/api/v1/me").header("Authorization", basic("pw-reset-page", temporary)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail")
                .isEqualTo("This password is temporary: sign in to Baton in a browser and choose a new one");

        HttpResponse<String> wrong = user.postForm("/account/password", "current=not-it&password="
                + "my-own-password-1&repeat=my-own-password-1");
        assertThat(wrong.body()).contains("role=\"alert\">current: is not your current password</p>");
        HttpResponse<String> differ = user.postForm("/account/password", "current=" + PageSession.encode(temporary)
                + "&password=my-own-password-1&repeat=my-own-password-2");
        assertThat(differ.body()).contains("repeat: the two new passwords differ");
        HttpResponse<String> same = user.postForm("/account/password", "current=" + PageSession.encode(temporary)
                + "&password=" + PageSession.encode(temporary) + "&repeat=" + PageSession.encode(temporary));
        assertThat(same.body()).contains("password: choose a new password, not the one you have now");

        HttpResponse<String> changed = user.postForm("/account/password", "current="
                + PageSession.encode(temporary) + "&password=my-own-password-1&repeat=my-own-password-1");
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(user.get("/account/password").body()).contains("Your password was changed.")
                .doesNotContain("An admin set a temporary password");
        assertThat(user.get("/library").statusCode()).isEqualTo(200);
        assertThat(basicStatus("pw-reset-page", "my-own-password-1")).isEqualTo(200);
        assertThat(basicStatus("pw-reset-page", temporary)).isEqualTo(401);

        assertThat(audit("?action=account.password-reset&actor=admin"))
                .filteredOn(row -> "pw-reset-page".equals(row.get("target")))
                .extracting(row -> row.get("detail"))
                .containsExactly("generated, must change at next sign-in");
        assertThat(audit("?action=account.password-changed&actor=pw-reset-page")).hasSize(1);
    }

    @Test
    void anAdminTypesAPasswordTheUserKeeps() {
        long id = users.user("pw-reset-typed", "MARKETER").id();
        PageSession admin = admin();
        admin.postForm("/admin/users/" + id + "/password", "password=typed-by-admin-1");
        String page = admin.get("/admin/users").body();
        assertThat(page).contains("Reset the password of pw-reset-typed.").doesNotContain("temporary-password");
        PageSession user = PageSession.signIn(baseUrl(), "pw-reset-typed", "typed-by-admin-1");
        assertThat(user.get("/library").statusCode()).isEqualTo(200);

        admin.postForm("/admin/users/" + id + "/password", "password=short");
        assertThat(admin.get("/admin/users").body()).contains("password: use at least 10 characters");
        assertThat(basicStatus("pw-reset-typed", "typed-by-admin-1")).isEqualTo(200);
    }

    @Test
    void theApiResetsToATemporaryPasswordShownOnce() {
        long id = users.user("pw-reset-api", "TRAINER").id();
        Map<String, Object> answer = http.post().uri("/api/v1/users/" + id + "/password-reset")
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {}).returnResult()
                .getResponseBody();
        assertThat(answer).containsEntry("username", "pw-reset-api").containsEntry("mustChange", true);
        String temporary = (String) answer.get("temporaryPassword");
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(10);
        http.get().uri("/api/v1/users/" + id).header("Authorization", basic("admin", ADMIN_PASSWORD)).exchange()
                .expectBody().jsonPath("$.mustChangePassword").isEqualTo(true);
        assertThat(basicStatus("pw-reset-api", TestUsers.PASSWORD)).isEqualTo(401);
        assertThat(basicStatus("pw-reset-api", temporary)).isEqualTo(401);

        // a password the admin gives, which the user must still replace
        http.put().uri("/api/v1/users/" + id + "/password").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "given-by-api-1", "mustChange", true))
                .exchange().expectStatus().isNoContent();
        PageSession user = PageSession.signIn(baseUrl(), "pw-reset-api", "given-by-api-1");
        assertThat(user.get("/training").statusCode()).isEqualTo(303);

        // without mustChange, as before: the user keeps it
        http.put().uri("/api/v1/users/" + id + "/password").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "given-by-api-2"))
                .exchange().expectStatus().isNoContent();
        assertThat(basicStatus("pw-reset-api", "given-by-api-2")).isEqualTo(200);

        http.post().uri("/api/v1/users/999999999/password-reset")
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isNotFound();
    }
}
