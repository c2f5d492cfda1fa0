package dev.baton.webapp.content;

import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * What the library asks of review before publish, implemented by the reviews package (content does not depend on
 * it). Without an implementation nothing needs review.
 *
 * <p>Content asks it twice: when a new version of a published asset arrives ({@link #requiresReview}: if so, the
 * version is held, stored beside the live one, which reps keep until the held one is approved and
 * {@link ReviewedContent#promote promoted}), and before a draft or an archived asset is published ({@link #mayPublish}:
 * publishing in the same request as a change of content type or tags asks it for the old metadata and the new).
 */
public interface ReviewGate {

    /** Whether an asset of this content type with these tags must be approved before reps see a version of it. */
    Mono<Boolean> requiresReview(String contentType, List<String> tags);

    /**
     * Completes empty when this version of the asset may be published now; otherwise with an error saying why
     * (a {@link dev.baton.webapp.system.BatonException}: it needs an approval it does not have).
     */
    Mono<Void> mayPublish(UUID assetId, int version, String contentType, List<String> tags);

    /**
     * Called, in the changing transaction, after an asset's content type or tags changed: review keeps the day the
     * live version's approval lapses only while rules still cover the asset.
     */
    default Mono<Void> coverageChanged(UUID assetId) {
        return Mono.empty();
    }

    /** "Version 2 approved by Rita Reviewer on 2026-12-07" for the asset's live version; empty without one. */
    default Mono<String> approvalStatement(UUID assetId) {
        return Mono.empty();
    }
}
