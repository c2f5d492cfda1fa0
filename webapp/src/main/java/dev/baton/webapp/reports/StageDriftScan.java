package dev.baton.webapp.reports;

import dev.baton.webapp.system.BackgroundWorker;
import org.springframework.stereotype.Component;

/**
 * Looks for new retagging suggestions and tells their owners ({@link StageDriftReport#notifyOwners}): at start and
 * then every {@code baton.reports.influence.drift-scan-every} on every node; a suggestion is told once whichever node
 * finds it first.
 */
@Component
class StageDriftScan extends BackgroundWorker {

    private final StageDriftReport report;

    StageDriftScan(StageDriftReport report, InfluenceProperties properties) {
        super("baton-stage-drift", properties.driftScanEvery());
        this.report = report;
    }

    @Override
    protected void releaseOwnClaims() {
        // claims nothing: each suggestion is recorded by the insert that tells it
    }

    @Override
    protected boolean workOnce() {
        report.notifyOwners().block();
        return false;
    }

    @Override
    protected String problem() {
        return "Could not look for stage-fit drift; trying again later";
    }
}
