package dev.baton.webapp.notifications;

import dev.baton.webapp.accounts.Role;
import reactor.core.publisher.Mono;

/**
 * A periodic digest email another package sends (the weekly digest of package reports), which people turn on or off
 * on their email settings page ({@code /notifications/preferences}) beside their notification choices. The package
 * that sends the digest implements it as a bean; this package only shows and saves the choice.
 */
public interface DigestSubscription {

    /** The form field's key, such as {@code weekly}. */
    String key();

    /** What people see beside the checkbox. */
    String label();

    /** Whether people of this role can get the digest at all (others are not offered it). */
    boolean offeredTo(Role role);

    /** Whether this person gets the digest. */
    Mono<Boolean> subscribed(long accountId);

    /** Turns the digest on or off for this person. */
    Mono<Void> subscribe(long accountId, boolean on);
}
