package dev.baton.webapp.accounts;

import java.time.Instant;

/** An API token as listed: never the token itself, only its first characters. */
public record ApiToken(
        long id,
        String name,
        String username,
        String prefix,
        Instant createdAt,
        String createdBy,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
