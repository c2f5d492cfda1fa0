package dev.baton.webapp.sharing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Where the first verified visit of a link goes. {@link #firstVerifiedVisit} runs exactly once per link, after the
 * link's {@code first_viewed_at} was set by the one call that found it empty. It publishes {@link ShareViewed} as an
 * application event: the rep's notification and the {@code share.viewed} webhook listen for that event (an
 * {@code @EventListener} in their own packages, so sharing depends on neither).
 */
@Component
class ShareViewedHook {

    private static final Logger log = LoggerFactory.getLogger(ShareViewedHook.class);

    private final ApplicationEventPublisher events;

    ShareViewedHook(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** The integration point: a link was opened by a person for the first time. */
    void firstVerifiedVisit(ShareViewed viewed) {
        log.info("Share link {} was opened for the first time (visit {})", viewed.shareId(), viewed.visitId());
        try {
            events.publishEvent(viewed);
        } catch (RuntimeException e) {
            // a listener's failure must not fail the buyer's beacon
            log.warn("A listener of the first visit of share link {} failed", viewed.shareId(), e);
        }
    }
}
