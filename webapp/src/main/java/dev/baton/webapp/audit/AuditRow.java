package dev.baton.webapp.audit;

import java.time.Instant;

/**
 * One audit entry as the page and the API show it: as recorded, with the names of its actor and target where Baton
 * knows them.
 *
 * @param actor the user name recorded (or typed at a failed sign-in); null for Baton's own actions
 * @param actorName the actor's display name, when the actor is a user
 * @param targetKind {@code user}, {@code asset} or {@code team} when the target is one of those, else null
 * @param targetName the target's name: a user's display name, an asset's title, a team's name
 * @param targetLink where the target's page is (an asset's), else null
 * @param remoteAddr the client's address, IPv6 in its short form
 */
record AuditRow(long id, Instant occurredAt, String actor, String actorName, String action, String target,
        String targetKind, String targetName, String targetLink, String detail, String remoteAddr) {}
