package dev.baton.webapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.TestUsers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;

/**
 * Single sign-on through a real OpenID Connect provider: accounts made at the first sign-in, roles from the groups
 * claim through the admin's mapping, refusals that leave the person signed out with a message that says why, local
 * sign-in kept for break-glass admins, and sign-out that ends the provider's session too.
 */
class OidcSignInTest extends OidcTest {

    @Autowired
    Environment environment;

    @Autowired
    dev.baton.webapp.TestClock clock;

    @Test
    void thisBatonRunsOnItsOwnDataDirectoryWithSingleSignOnOn() {
        assertThat(environment.getProperty("baton.data-dir")).isEqualTo(oidcDataDir().toString());
        HttpResponse<String> login = new SsoSession(baseUrl()).page("/login");
        assertThat(login.body()).contains("Sign in with Acme ID").contains("/oauth2/authorization/oidc");
    }

    @Test
    void aMappedGroupSignsInWithItsRoleAndTheAccountIsMadeAtTheFirstSignIn() {
        map("baton-marketing", "MARKETER");
        SsoSession browser = new SsoSession(baseUrl());
        String callback = browser.signInAtProvider("sub-mara-1",
                "{\"preferred_username\":\"oidc-mara\",\"name\":\"Mara Marketer\",\"groups\":[\"staff\","
                        + "\"baton-marketing\"]}");

        assertThat(browser.returnToBaton(callback)).isEqualTo("/marketing");
        HttpResponse<String> home = browser.page("/marketing");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Mara Marketer");
        assertThat(users()).contains("\"username\":\"oidc-mara\"").contains("\"role\":\"MARKETER\"");

        // the provider is the source of truth: out of the group, the next sign-in has the default role (Rep)
        SsoSession later = new SsoSession(baseUrl());
        assertThat(later.returnToBaton(later.signInAtProvider("sub-mara-1",
                "{\"preferred_username\":\"oidc-mara\",\"name\":\"Mara Marketer\",\"groups\":[\"staff\"]}")))
                .isEqualTo("/search");
        assertThat(later.page("/marketing").statusCode()).isEqualTo(403);
    }

    @Test
    void aForgedStateLeavesThePersonSignedOutWithAMessage() {
        SsoSession browser = new SsoSession(baseUrl());
        String callback = browser.signInAtProvider("sub-forged", "{\"preferred_username\":\"oidc-forged\"}");
        String forged = callback.replaceAll("state=[^&]+", "state=forged-by-someone-else");

        assertThat(browser.returnToBaton(forged)).isEqualTo("/login?sso=state");
        assertThat(browser.page("/login?sso=state").body())
                .contains("does not belong to a sign-in started in this browser");
        assertSignedOut(browser);
        assertThat(users()).doesNotContain("oidc-forged");
    }

    @Test
    void aTokenIssuedForAnotherApplicationIsRefused() {
        SsoSession browser = new SsoSession(baseUrl());
        // the provider signs the token for another client (a misconfigured or a malicious one)
        String callback = browser.signInAtProvider("sub-aud",
                "{\"preferred_username\":\"oidc-aud\",\"aud\":[\"some-other-application\"]}");

        assertThat(browser.returnToBaton(callback)).isEqualTo("/login?sso=audience");
        assertThat(browser.page("/login?sso=audience").body())
                .contains("token was issued for another application");
        assertSignedOut(browser);
        assertThat(users()).doesNotContain("oidc-aud");
    }

    @Test
    void anExpiredTokenIsRefused() {
        SsoSession browser = new SsoSession(baseUrl());
        String callback = browser.signInAtProvider("sub-expired", "{\"preferred_username\":\"oidc-expired\"}");
        // the provider's ID token lives an hour: two hours later, by Baton's clock, it has expired
        clock.pin(java.time.Instant.now().plus(java.time.Duration.ofHours(2)));
        try {
            assertThat(browser.returnToBaton(callback)).isEqualTo("/login?sso=expired");
        } finally {
            clock.release();
        }
        assertThat(browser.page("/login?sso=expired").body()).contains("token has expired");
        assertSignedOut(browser);
        assertThat(users()).doesNotContain("oidc-expired");
    }

    @Test
    void withoutADefaultRoleAnUnmappedPersonMayNotSignIn() {
        settings("{\"defaultRole\":\"NONE\"}");
        try {
            SsoSession browser = new SsoSession(baseUrl());
            String callback = browser.signInAtProvider("sub-nobody",
                    "{\"preferred_username\":\"oidc-nobody\",\"groups\":[\"visitors\"]}");
            assertThat(browser.returnToBaton(callback)).isEqualTo("/login?sso=no_role");
            assertThat(browser.page("/login?sso=no_role").body()).contains("give you no role in Baton");
            assertSignedOut(browser);
        } finally {
            settings("{\"defaultRole\":\"REP\"}");
        }
    }

    @Test
    void signingOutEndsTheProvidersSessionToo() {
        SsoSession browser = new SsoSession(baseUrl());
        assertThat(browser.returnToBaton(browser.signInAtProvider("sub-leaver",
                "{\"preferred_username\":\"oidc-leaver\"}"))).isEqualTo("/search");

        HttpResponse<String> out = browser.postForm("/logout", "", "/search");
        String location = SsoSession.location(out);
        assertThat(location).startsWith(PROVIDER.endSessionEndpointUrl(ISSUER_ID).toString())
                .contains("id_token_hint=")
                .contains("post_logout_redirect_uri=" + baseUrl() + "/login?logout");
        assertSignedOut(browser);
    }

    @Test
    void localPasswordsCanBeLeftToAdminsAloneAsBreakGlass() {
        users.user("oidc-local-rep", "REP");
        settings("{\"localSignIn\":\"ADMINS\"}");
        try {
            assertThat(formSignIn("oidc-local-rep", TestUsers.PASSWORD)).isEqualTo("/login?error");
            http.get().uri("/api/v1/me").header("Authorization", basic("oidc-local-rep", TestUsers.PASSWORD))
                    .exchange().expectStatus().isUnauthorized();
            assertThat(formSignIn("admin", ADMIN_PASSWORD)).isEqualTo("/admin");
            assertThat(new SsoSession(baseUrl()).page("/login").body())
                    .contains("Password sign-in is for administrators");
        } finally {
            settings("{\"localSignIn\":\"ALL\"}");
        }
        assertThat(formSignIn("oidc-local-rep", TestUsers.PASSWORD)).isEqualTo("/search");
    }

    @Test
    void anAccountOfTheProviderCannotSignInWithAPassword() {
        SsoSession browser = new SsoSession(baseUrl());
        browser.returnToBaton(browser.signInAtProvider("sub-nopass", "{\"preferred_username\":\"oidc-nopass\"}"));

        assertThat(formSignIn("oidc-nopass", "{sso}")).isEqualTo("/login?error");
        assertThat(formSignIn("oidc-nopass", TestUsers.PASSWORD)).isEqualTo("/login?error");
    }

    @Test
    void theMappingIsAnAdminsToEditAndNamesTheFieldItRefuses() {
        http.put().uri("/api/v1/sso/mappings").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"claimValue\":\"baton-x\",\"role\":\"BOSS\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
        users.user("oidc-rep-api", "REP");
        http.get().uri("/api/v1/sso").header("Authorization", basic("oidc-rep-api", TestUsers.PASSWORD))
                .exchange().expectStatus().isForbidden();
        map("baton-trainers", "TRAINER");
        http.get().uri("/api/v1/sso").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.configured").isEqualTo(true)
                .jsonPath("$.mappings[?(@.claimValue == 'baton-trainers')].role").isEqualTo("TRAINER");
        http.delete().uri("/api/v1/sso/mappings?claimValue=baton-trainers")
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isNoContent();
        http.delete().uri("/api/v1/sso/mappings?claimValue=baton-trainers")
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void anAdminMapsAGroupOnTheSingleSignOnPage() {
        SsoSession admin = new SsoSession(baseUrl());
        assertThat(SsoSession.location(admin.postForm("/login", "username=admin&password="
                + SsoSession.encode(ADMIN_PASSWORD), "/login"))).isEqualTo("/admin");
        HttpResponse<String> saved = admin.postForm("/admin/sso/mappings", "claimValue=baton-legal&role=REVIEWER",
                "/admin/sso");
        assertThat(SsoSession.location(saved)).isEqualTo("/admin/sso");

        String page = admin.page("/admin/sso").body();
        assertThat(page).contains("Members of baton-legal sign in as Reviewer")
                .contains(PROVIDER.issuerUrl(ISSUER_ID).toString())
                .containsPattern("<td>baton-legal</td>\\s*<td>Reviewer</td>");

        SsoSession reviewer = new SsoSession(baseUrl());
        assertThat(reviewer.returnToBaton(reviewer.signInAtProvider("sub-legal",
                "{\"preferred_username\":\"oidc-lee\",\"groups\":[\"baton-legal\"]}"))).isEqualTo("/reviews");
    }

    private void assertSignedOut(SsoSession browser) {
        HttpResponse<String> home = browser.page("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(SsoSession.location(home)).endsWith("/login");
    }

    private String formSignIn(String username, String password) {
        SsoSession browser = new SsoSession(baseUrl());
        return SsoSession.location(browser.postForm("/login", "username=" + SsoSession.encode(username)
                + "&password=" + SsoSession.encode(password), "/login"));
    }

    private void map(String group, String role) {
        http.put().uri("/api/v1/sso/mappings").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"claimValue\":\"" + group + "\",\"role\":\"" + role + "\"}")
                .exchange().expectStatus().isOk();
    }

    private void settings(String json) {
        http.put().uri("/api/v1/sso/settings").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isOk();
    }

    private String users() {
        return new String(http.get().uri("/api/v1/users").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
