package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the roles claim's values become a role: the shapes providers send, and the strongest mapped role winning. */
class SsoRolesTest {

    private static final List<SsoService.RoleMapping> MAPPINGS = List.of(
            new SsoService.RoleMapping("baton-marketing", Role.MARKETER),
            new SsoService.RoleMapping("baton-admins", Role.ADMIN),
            new SsoService.RoleMapping("/baton/reviewers", Role.REVIEWER));

    @Test
    void aListClaimAStringClaimAndANestedClaimAllGiveTheirValues() {
        assertThat(SsoService.claimValues(Map.of("groups", List.of("a", "b")), "groups")).containsExactly("a", "b");
        assertThat(SsoService.claimValues(Map.of("roles", "a b,c"), "roles")).containsExactly("a", "b", "c");
        assertThat(SsoService.claimValues(Map.of("realm_access", Map.of("roles", List.of("x"))),
                "realm_access.roles")).containsExactly("x");
        assertThat(SsoService.claimValues(Map.of("other", "x"), "groups")).isEmpty();
    }

    @Test
    void theStrongestMappedRoleWinsAndTheUnmappedGetTheDefault() {
        assertThat(SsoService.role(Set.of("baton-marketing", "baton-admins"), MAPPINGS, Role.REP)).isEqualTo(Role.ADMIN);
        assertThat(SsoService.role(Set.of("/baton/reviewers"), MAPPINGS, Role.REP)).isEqualTo(Role.REVIEWER);
        assertThat(SsoService.role(Set.of("staff"), MAPPINGS, Role.REP)).isEqualTo(Role.REP);
        assertThat(SsoService.role(Set.of("staff"), MAPPINGS, null)).isNull();
        // a value must match a mapping exactly: no prefix or case folding that a provider's group names could abuse
        assertThat(SsoService.role(Set.of("Baton-Admins", "baton-admins-old"), MAPPINGS, Role.REP)).isEqualTo(Role.REP);
    }

    @Test
    void aRefusalNamesItsReasonForTheSignInPage() {
        var state = new org.springframework.security.oauth2.core.OAuth2AuthenticationException(
                new org.springframework.security.oauth2.core.OAuth2Error("authorization_request_not_found"));
        var audience = new org.springframework.security.oauth2.core.OAuth2AuthenticationException(
                new org.springframework.security.oauth2.core.OAuth2Error("invalid_id_token",
                        "The ID Token contains invalid claims: {aud=[x]}", null));
        var unknown = new org.springframework.security.authentication.BadCredentialsException("?");
        assertThat(OidcSignIn.reason(state)).isEqualTo("state");
        assertThat(OidcSignIn.reason(audience)).isEqualTo("audience");
        assertThat(OidcSignIn.reason(unknown)).isEqualTo("provider");
    }
}
