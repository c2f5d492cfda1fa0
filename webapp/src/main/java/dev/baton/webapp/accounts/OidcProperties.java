package dev.baton.webapp.accounts;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Single sign-on with an OpenID Connect provider (prefix {@code baton.oidc}, docs/configuration.md). Off while
 * {@code issuerUri} is blank: no sign-in button, no {@code /oauth2/**} or {@code /login/oauth2/**} endpoints.
 *
 * @param issuerUri the provider's issuer ({@code https://keycloak.example.com/realms/acme}); its
 *     {@code /.well-known/openid-configuration} is read at the first sign-in, not at start
 * @param clientId Baton's client id at the provider
 * @param clientSecret Baton's client secret at the provider
 * @param scopes the scopes asked for; {@code openid} is always among them
 * @param rolesClaim the ID token or user-info claim whose values the admin's mapping turns into a Baton role
 *     ({@code groups}, {@code roles}); a dotted path reaches into an object ({@code realm_access.roles})
 * @param usernameClaim the claim a new account's user name is taken from ({@code email} and the subject follow)
 * @param buttonLabel the sign-in button's words
 * @param redirectUri where the provider sends the browser back; blank: Baton's address as the request saw it
 *     followed by {@code /login/oauth2/code/oidc}
 */
@ConfigurationProperties("baton.oidc")
record OidcProperties(
        String issuerUri,
        String clientId,
        String clientSecret,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
        @DefaultValue("groups") String rolesClaim,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue("Sign in with single sign-on") String buttonLabel,
        String redirectUri) {

    /** The one client registration's id: part of the callback address. */
    static final String REGISTRATION = "oidc";

    boolean enabled() {
        return StringUtils.hasText(issuerUri);
    }
}
