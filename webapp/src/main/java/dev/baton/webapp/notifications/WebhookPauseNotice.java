package dev.baton.webapp.notifications;

import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.webhooks.WebhookPaused;
import java.time.Duration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells every admin, in Baton and by email as each chose, that a webhook subscription was paused. */
@Component
class WebhookPauseNotice {

    private final Notifications notifications;

    WebhookPauseNotice(Notifications notifications) {
        this.notifications = notifications;
    }

    /** Runs on the webhook worker's thread after the pause committed; never on an event loop. */
    @EventListener
    void paused(WebhookPaused paused) {
        notifications.notifyAll(Role.ADMIN, NotificationKind.WEBHOOK_PAUSED.key(), "A webhook was paused",
                        paused.reason() + " (" + paused.url() + ")", "/admin/webhooks/" + paused.subscriptionId())
                .block(Duration.ofSeconds(30));
    }
}
