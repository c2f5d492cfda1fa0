package dev.baton.webapp.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The influence, coverage and stage-drift reports (prefix {@code baton.reports.influence}); listed in
 * docs/configuration.md.
 *
 * @param minSample the fewest decided deals a win rate or median is shown for (fewer: the counts only)
 * @param driftMinShares the fewest shares in deals with a known stage before an asset's stage fit is judged
 * @param driftOtherShare the share of those (0 to 1) at stages the asset is not tagged with above which a
 *     retagging is suggested
 * @param driftScanEvery how often each node looks for new retagging suggestions to send
 */
@ConfigurationProperties("baton.reports.influence")
record InfluenceProperties(
        @DefaultValue("5") int minSample,
        @DefaultValue("5") int driftMinShares,
        @DefaultValue("0.5") double driftOtherShare,
        @DefaultValue("24h") java.time.Duration driftScanEvery) {

    InfluenceProperties {
        if (minSample < 1) {
            throw new IllegalArgumentException("baton.reports.influence.min-sample must be at least 1");
        }
        if (driftMinShares < 1 || driftOtherShare < 0 || driftOtherShare >= 1) {
            throw new IllegalArgumentException("baton.reports.influence.drift-min-shares must be at least 1 and "
                    + "drift-other-share from 0 to below 1");
        }
    }
}
