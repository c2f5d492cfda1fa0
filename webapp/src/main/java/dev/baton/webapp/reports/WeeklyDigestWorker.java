package dev.baton.webapp.reports;

import dev.baton.webapp.system.BackgroundWorker;
import java.time.Duration;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the weekly digest by itself: every {@code baton.reports.digest.poll} each node looks whether the week's send
 * time ({@code baton.reports.digest.day} and {@code .time} in {@code .zone}) has passed and, once per week on this
 * node, runs {@link WeeklyDigests#run}; a node that was down at the send time catches up when it starts, later in
 * the week. The per-person claims decide who sends, so several nodes (and restarts) send each person one email.
 * Off with {@code baton.reports.digest.enabled=false} or without email.
 */
@Component
class WeeklyDigestWorker extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(WeeklyDigestWorker.class);

    private final WeeklyDigests digests;
    private final DigestProperties properties;
    private volatile LocalDate done;

    WeeklyDigestWorker(WeeklyDigests digests, DigestProperties properties) {
        super("baton-weekly-digest", properties.poll());
        this.digests = digests;
        this.properties = properties;
    }

    @Override
    protected void releaseOwnClaims() {
        // a claim is the person's digest_delivery row: a crash between claim and send loses that one email
    }

    @Override
    protected boolean workOnce() {
        if (!properties.enabled() || !digests.emailOn()) {
            return false;
        }
        LocalDate week = digests.currentWeek();
        if (week.equals(done)) {
            return false;
        }
        WeeklyDigests.RunOutcome outcome = digests.run(null).block(Duration.ofMinutes(30));
        if (outcome != null) {
            log.info("Weekly digest of {}: {} sent, {} with nothing to tell, {} sent before, {} turned off, "
                            + "{} without an address, {} failed", outcome.week(), outcome.sent(), outcome.empty(),
                    outcome.already(), outcome.optedOut(), outcome.noAddress(), outcome.failed());
            if (outcome.failed() == 0) {
                done = outcome.week();
            }
        }
        return false;
    }

    @Override
    protected String problem() {
        return "Could not send the weekly digest; trying again shortly";
    }
}
