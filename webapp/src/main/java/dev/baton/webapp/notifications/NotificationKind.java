package dev.baton.webapp.notifications;

/**
 * Every kind of notification Baton sends, in one place: its key (what other packages pass to
 * {@link Notifications#notify}), what people see on their preferences page, and how it is emailed when the person
 * has not chosen. A new kind is a new constant here.
 */
public enum NotificationKind {
    SHARE_FIRST_VISIT("share.first_visit", "A buyer opened a link you shared (first verified visit)",
            Notifications.Delivery.NOW),
    SHARE_SUPERSEDED("share.superseded", "An asset you shared has a newer version than your link shows",
            Notifications.Delivery.NOW),
    SHARE_WITHDRAWN("share.withdrawn", "Content you shared was archived or expired, so its links show it withdrawn",
            Notifications.Delivery.NOW),
    WEBHOOK_PAUSED("webhook.paused", "A webhook subscription kept failing and was paused (admins)",
            Notifications.Delivery.NOW),
    REPORT_STAGE_DRIFT("report.stage_drift",
            "A retagging suggestion: an asset you own is mostly shared in deals at stages it is not tagged with",
            Notifications.Delivery.DAILY),
    FEEDBACK_RECEIVED("feedback.received", "A rep commented on or flagged an asset you own (marketers)",
            Notifications.Delivery.DAILY),
    FEEDBACK_REPLY("feedback.reply", "Marketing replied to your comment, flag or answer on an asset",
            Notifications.Delivery.NOW),
    REQUEST_CHANGED("request.changed", "A content request of yours changed: status, assignee or a merge",
            Notifications.Delivery.NOW),
    REQUEST_ASSIGNED("request.assigned", "A content request was assigned to you (marketers)",
            Notifications.Delivery.NOW),
    REQUEST_MATCH("request.match", "Newly published content may fulfil an open content request (marketers)",
            Notifications.Delivery.NOW),
    SEARCH_CONTENT_PUBLISHED("search.content_published",
            "Content you searched for and did not find has been published", Notifications.Delivery.NOW),
    REPORT_UNUSED("report.unused", "A marketer asks you to look at assets of yours that nobody used",
            Notifications.Delivery.NOW),
    REVIEW_REQUESTED("review.requested", "An asset was submitted for a review you take part in (reviewers)",
            Notifications.Delivery.NOW),
    REVIEW_DECIDED("review.decided", "An asset you submitted for review was approved, or changes were asked for",
            Notifications.Delivery.NOW),
    REVIEW_EXPIRING("review.expiring", "The approval of an asset you own lapses within 30 days, or has lapsed",
            Notifications.Delivery.NOW),
    PACK_PUBLISHED("pack.published", "An enablement pack for you was published or changed",
            Notifications.Delivery.DAILY),
    PACK_REMINDER("pack.reminder", "An enablement pack of yours is due soon or overdue, or a trainer nudged you "
            + "(at most one email a day, all your packs in it)", Notifications.Delivery.NOW);

    private final String key;
    private final String description;
    private final Notifications.Delivery byDefault;

    NotificationKind(String key, String description, Notifications.Delivery byDefault) {
        this.key = key;
        this.description = description;
        this.byDefault = byDefault;
    }

    /** The key other packages and the API name it by, such as {@code share.first_visit}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** How it is emailed to someone who has not chosen. */
    public Notifications.Delivery byDefault() {
        return byDefault;
    }

    /** The kind with this key; {@code null} when there is none. */
    public static NotificationKind of(String key) {
        for (NotificationKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        return null;
    }
}
