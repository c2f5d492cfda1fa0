package dev.baton.webapp.accounts;

import java.time.Instant;

/** A person who signs in to Baton. */
public record Account(
        long id, String username, String displayName, Role role, boolean enabled, Instant createdAt) {}
