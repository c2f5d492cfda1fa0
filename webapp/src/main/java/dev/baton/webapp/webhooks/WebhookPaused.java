package dev.baton.webapp.webhooks;

import java.util.UUID;

/**
 * A Spring application event: a subscription was paused because its deliveries all failed for
 * {@code baton.webhooks.pause-after}. Published after the pause committed (the notice on the webhooks page is already
 * there), so another package (in-app notifications for admins) can listen with {@code @EventListener} without this
 * package knowing it.
 *
 * @param subscriptionId the paused subscription
 * @param url where it sent to
 * @param reason the notice's text, for people
 */
public record WebhookPaused(UUID subscriptionId, String url, String reason) {}
