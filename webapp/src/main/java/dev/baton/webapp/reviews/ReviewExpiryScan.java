package dev.baton.webapp.reviews;

import dev.baton.webapp.system.BackgroundWorker;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Tells owners whose approval lapses within 30 days ({@link ReviewService#notifyExpiring}): at start and then every
 * hour on every node; each approval is told once, whichever node finds it first. Lapsing itself needs no job: reps'
 * views judge the approval's date against today ({@code AssetVisibility}).
 */
@Component
class ReviewExpiryScan extends BackgroundWorker {

    private final ReviewService reviews;

    ReviewExpiryScan(ReviewService reviews) {
        super("baton-review-expiry", Duration.ofHours(1));
        this.reviews = reviews;
    }

    @Override
    protected void releaseOwnClaims() {
        // claims nothing: each notice is recorded by the update that tells it
    }

    @Override
    protected boolean workOnce() {
        reviews.notifyExpiring().block();
        return false;
    }

    @Override
    protected String problem() {
        return "Could not look for approvals that lapse soon; trying again later";
    }
}
