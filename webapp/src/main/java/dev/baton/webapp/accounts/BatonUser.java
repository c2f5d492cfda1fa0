package dev.baton.webapp.accounts;

import java.util.Collection;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in principal. */
public final class BatonUser implements UserDetails, CredentialsContainer {

    private final long id;
    private final String username;
    private final String displayName;
    private final Role role;
    private final boolean enabled;
    private final boolean mustChangePassword;
    /** A digest of the password hash at sign-in: a session whose password has changed since is signed out. */
    private final String passwordStamp;
    private String passwordHash;

    BatonUser(long id, String username, String displayName, Role role, boolean enabled, String passwordHash) {
        this(id, username, displayName, role, enabled, passwordHash, false);
    }

    BatonUser(long id, String username, String displayName, Role role, boolean enabled, String passwordHash,
            boolean mustChangePassword) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.enabled = enabled;
        this.passwordHash = passwordHash;
        this.mustChangePassword = mustChangePassword;
        this.passwordStamp = passwordHash == null ? null
                : java.util.HexFormat.of().formatHex(AccountService.sha256(passwordHash), 0, 16);
    }

    /** The same user with a new password hash (a hash upgraded at sign-in). */
    BatonUser withPasswordHash(String newHash) {
        return new BatonUser(id, username, displayName, role, enabled, newHash, mustChangePassword);
    }

    /** Whether the password is a temporary one an admin set: pages ask for a new one before anything else. */
    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** Whether this signed-in user still has the password they signed in with (null: not known, as for tokens). */
    boolean samePasswordAs(BatonUser current) {
        return passwordStamp == null || passwordStamp.equals(current.passwordStamp);
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    /** Whether this user manages the library (a marketer or an admin): {@link Role#managesContent()}. */
    public boolean canManageContent() {
        return role.managesContent();
    }

    /** Whether this user reads drafts, held versions and old versions: {@link Role#readsAllContent()}. */
    public boolean canReadAllContent() {
        return role.readsAllContent();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return role.authorities();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatonUser user && user.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "BatonUser[" + username + ", " + role + "]";
    }
}
