package dev.baton.webapp.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The joint scorecard (prefix {@code baton.reports.scorecard}); listed in docs/configuration.md.
 *
 * @param minSample the fewest cases a rate, average or median is shown for (searches, links, requests due,
 *     ratings, requests fulfilled, published assets); fewer: "not enough data" with the number. The influenced win
 *     rate keeps the influence report's own minimum ({@code baton.reports.influence.min-sample}).
 */
@ConfigurationProperties("baton.reports.scorecard")
record ScorecardProperties(@DefaultValue("5") int minSample) {

    ScorecardProperties {
        if (minSample < 1) {
            throw new IllegalArgumentException("baton.reports.scorecard.min-sample must be at least 1");
        }
    }
}
