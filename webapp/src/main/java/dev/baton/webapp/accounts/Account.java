package dev.baton.webapp.accounts;

import java.time.Instant;

/**
 * A person who signs in to Baton.
 *
 * @param mustChangePassword whether the password is a temporary one an admin set, to be replaced at the next sign-in
 */
public record Account(long id, String username, String displayName, Role role, boolean enabled, Instant createdAt,
        boolean mustChangePassword) {

    public Account(long id, String username, String displayName, Role role, boolean enabled, Instant createdAt) {
        this(id, username, displayName, role, enabled, createdAt, false);
    }
}
