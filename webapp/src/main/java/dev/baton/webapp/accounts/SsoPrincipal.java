package dev.baton.webapp.accounts;

import java.util.List;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * What a page session keeps of a sign-in through the identity provider: the provider's view of the person (with the
 * ID token, which sign-out hands back to the provider) and the Baton account it resolved to. Every request turns it
 * into the account's current {@link BatonUser} ({@link RevalidatingSecurityContextRepository}).
 */
final class SsoPrincipal extends DefaultOidcUser {

    private final long accountId;
    private final String username;

    SsoPrincipal(OidcUser provider, BatonUser user) {
        super(List.copyOf(user.getAuthorities()), provider.getIdToken(), provider.getUserInfo(), "sub");
        this.accountId = user.id();
        this.username = user.getUsername();
    }

    long accountId() {
        return accountId;
    }

    String username() {
        return username;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SsoPrincipal principal && principal.accountId == accountId && super.equals(other);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId);
    }
}
