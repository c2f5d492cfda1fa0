package dev.baton.webapp.accounts;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockAuthentication;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * For WebFlux slice tests: requests signed in as a Baton user of a role, with the principal the real filter chains
 * leave ({@link BatonUser}, which controllers take with {@code @AuthenticationPrincipal}). A slice runs Spring Boot's
 * default security, not {@link SecurityConfiguration}: it has CSRF on, so the client sends a token too. Who may do what
 * is {@code EndpointAuthorizationTest}'s to prove, against the whole application.
 */
public final class SignedIn {

    private SignedIn() {}

    /** A user with this name and role (id 7, enabled). */
    public static BatonUser user(String username, Role role) {
        return new BatonUser(7, username, username + " Example", role, true, null);
    }

    /** {@code client}, signed in as {@code user}. */
    public static WebTestClient as(WebTestClient client, BatonUser user) {
        return client.mutateWith(mockAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities())))
                .mutateWith(csrf());
    }
}
