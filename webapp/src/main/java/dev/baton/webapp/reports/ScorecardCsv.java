package dev.baton.webapp.reports;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;

/**
 * The scorecard as CSV (UTF-8 with a byte-order mark, {@link ReportCsv}): one row per figure and period, oldest
 * first, with the same numbers as the JSON; the current period's row carries the change against the previous one.
 */
final class ScorecardCsv {

    static final List<String> HEADER = List.of("figure", "label", "unit", "from", "to", "value", "count", "sample",
            "enough_data", "shown", "change", "definition");

    private ScorecardCsv() {}

    static ResponseEntity<byte[]> of(ScorecardReport.Scorecard scorecard) {
        List<List<?>> rows = new ArrayList<>();
        for (ScorecardReport.Figure f : scorecard.figures()) {
            for (ScorecardReport.Point p : f.trend()) {
                boolean current = p == f.current();
                rows.add(List.of(f.key(), f.label(), f.unit(), p.from().toString(), p.to().toString(),
                        p.value() == null ? "" : p.value().toPlainString(), p.count(), p.sample(), p.enoughData(),
                        p.text(), current && f.change() != null ? f.change().toPlainString() : "",
                        current ? f.definition() : ""));
            }
        }
        return ReportCsv.of(fileName(scorecard, "csv"), HEADER, rows);
    }

    static String fileName(ScorecardReport.Scorecard scorecard, String extension) {
        return "scorecard-" + scorecard.from() + "-" + scorecard.to() + "." + extension;
    }
}
