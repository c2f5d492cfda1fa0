package dev.baton.webapp.sharing;

import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.system.BatonException;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;

/**
 * What may go to a buyer: a published asset that is not internal-only and has not expired (nor its approval lapsed).
 * The same rule refuses a new link and withdraws a live one whose asset was archived, expired or made internal since.
 * A link pinned to a version serves it only while it is the live version or was live once
 * ({@link dev.baton.webapp.content.ContentService#sharedFile}): never a version held for review.
 */
final class Shareable {

    private Shareable() {}

    /** Why this asset cannot be shared on {@code today}, or {@code null} when it can. */
    static String reason(String status, boolean internalOnly, LocalDate expiresOn, LocalDate today) {
        return reason(status, internalOnly, expiresOn, false, today);
    }

    /**
     * Why this asset cannot be shared on {@code today}, or {@code null} when it can; {@code approvalLapsed}: the
     * approval its review rules ask for has lapsed (review before publish), which counts as an expiry.
     */
    static String reason(String status, boolean internalOnly, LocalDate expiresOn, boolean approvalLapsed,
            LocalDate today) {
        if (internalOnly) {
            return "it is internal-only";
        }
        if ("DRAFT".equals(status)) {
            return "it is a draft";
        }
        if ("ARCHIVED".equals(status)) {
            return "it is archived";
        }
        if (AssetVisibility.expired(expiresOn, today)) {
            return "it has expired";
        }
        if (approvalLapsed) {
            return "its approval has lapsed";
        }
        if (!"PUBLISHED".equals(status)) {
            return "it is not published";
        }
        return null;
    }

    static String reason(IndexableAsset asset, LocalDate today) {
        return reason(asset.status(), asset.internalOnly(), asset.expiresOn(), today);
    }

    /** An asset that cannot be shared (422), with the reason. */
    static final class NotShareable extends BatonException {
        NotShareable(String title, String reason) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot be shared", "\"" + title + "\" cannot be shared: " + reason);
        }
    }
}
