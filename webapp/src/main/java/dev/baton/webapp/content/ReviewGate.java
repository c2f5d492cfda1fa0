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
 * {@link ReviewedContent#promote promoted}), and before a draft is published ({@link #mayPublish}).
 */
public interface ReviewGate {

    /** Whether an asset of this content type with these tags must be approved before reps see a version of it. */
    Mono<Boolean> requiresReview(String contentType, List<String> tags);

    /**
     * Completes empty when this version of the asset may be published now; otherwise with an error saying why
     * (a {@link dev.baton.webapp.system.BatonException}: it needs an approval it does not have).
     */
    Mono<Void> mayPublish(UUID assetId, int version, String contentType, List<String> tags);
}
