package dev.baton.webapp.content;

import java.util.List;

/**
 * What a marketer is told about their own assets that expire soon or have expired: "3 of your assets expire in the
 * next 30 days, 1 has expired". Reps no longer see an expired asset, so its owner should act before the date.
 */
public record ExpiryNotice(long soon, long expired, String message) {

    /** The window the notice looks ahead, in days. */
    public static final int DAYS = 30;

    /** The notice for a marketer's expiring assets ({@link ContentService#expiring}), or {@code null} for none. */
    public static ExpiryNotice of(List<AssetSummary> expiring) {
        long expired = expiring.stream().filter(AssetSummary::expired).count();
        long soon = expiring.size() - expired;
        if (soon == 0 && expired == 0) {
            return null;
        }
        String message;
        if (soon > 0) {
            message = soon + " of your assets " + (soon == 1 ? "expires" : "expire") + " in the next " + DAYS + " days";
            if (expired > 0) {
                message += ", " + expired + (expired == 1 ? " has" : " have") + " expired";
            }
        } else {
            message = expired + " of your assets " + (expired == 1 ? "has" : "have") + " expired";
        }
        return new ExpiryNotice(soon, expired, message);
    }
}
