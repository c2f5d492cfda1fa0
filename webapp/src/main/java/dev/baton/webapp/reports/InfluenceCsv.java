package dev.baton.webapp.reports;

import dev.baton.webapp.reports.InfluenceFigures.Money;
import dev.baton.webapp.reports.InfluenceFigures.Side;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The influence, coverage and stage-drift reports as CSV: UTF-8 with a byte-order mark (so Excel reads it as UTF-8),
 * RFC 4180 quoting, CRLF line ends, the same numbers as the JSON (a rate as a fraction with 4 places, blank where the
 * JSON has {@code null}). Text that a spreadsheet would take for a formula gets a leading apostrophe.
 */
final class InfluenceCsv {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final String BOM = "\uFEFF";

    private InfluenceCsv() {}

    static String influence(InfluenceReport.Result result) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("scope", "id", "name", "decided_with", "won_with", "lost_with", "win_rate_with",
                "median_days_to_close_with", "decided_without", "won_without", "lost_without", "win_rate_without",
                "median_days_to_close_without", "open_deals_with", "influenced_pipeline", "influenced_revenue"));
        for (InfluenceReport.Row row : result.assets()) {
            rows.add(influenceRow("asset", row));
        }
        for (InfluenceReport.Row row : result.stages()) {
            rows.add(influenceRow(result.stageFacet(), row));
        }
        return write(rows);
    }

    private static List<Object> influenceRow(String scope, InfluenceReport.Row row) {
        Side with = row.figures().with();
        Side without = row.figures().without();
        List<Object> cells = new ArrayList<>(List.of(scope, row.key(), text(row.label())));
        cells.addAll(side(with));
        cells.addAll(side(without));
        cells.add(row.figures().openDeals());
        cells.add(money(row.figures().pipeline()));
        cells.add(money(row.figures().revenue()));
        return cells;
    }

    private static List<Object> side(Side side) {
        List<Object> cells = new ArrayList<>();
        cells.add(side.decided());
        cells.add(side.won());
        cells.add(side.lost());
        cells.add(number(side.winRate()));
        cells.add(number(side.medianDaysToClose()));
        return cells;
    }

    static String coverage(CoverageReport.Result result) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("stage", "stage_label", "persona", "persona_label", "published_assets", "used_assets", "uses",
                "state"));
        for (int i = 0; i < result.stages().size(); i++) {
            CoverageReport.Axis stage = result.stages().get(i);
            for (int j = 0; j < result.personas().size(); j++) {
                CoverageReport.Axis persona = result.personas().get(j);
                CoverageReport.Cell cell = result.grid().get(i).get(j);
                rows.add(List.of(stage.key(), text(stage.label()), persona.key(), text(persona.label()),
                        cell.assets(), cell.usedAssets(), cell.uses(), cell.state().name()));
            }
        }
        return write(rows);
    }

    static String stageDrift(StageDriftReport.Result result) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("asset_id", "title", "owner", "stage_facet", "tagged", "shares", "matching", "other_share",
                "seen", "suggested", "drifting"));
        for (StageDriftReport.Fit fit : result.fits()) {
            rows.add(List.of(fit.assetId().toString(), text(fit.title()), text(fit.owner() == null ? "" : fit.owner()),
                    fit.stageFacet(), fit.tagged().stream().map(StageDriftReport.Axis::key)
                            .collect(Collectors.joining(";")),
                    fit.shares(), fit.matching(), fit.otherShare().toPlainString(),
                    fit.seen().stream().map(s -> s.key() + ":" + s.shares()).collect(Collectors.joining(";")),
                    fit.suggested().stream().map(StageDriftReport.Axis::key).collect(Collectors.joining(";")),
                    fit.drifting()));
        }
        return write(rows);
    }

    static ResponseEntity<String> response(String csv, String fileName) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(csv);
    }

    /** A report's JSON as a download: the same record the API answers, with a file name. */
    static <T> ResponseEntity<T> json(T body, String fileName) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String money(List<Money> amounts) {
        return amounts.stream().map(Money::toString).collect(Collectors.joining("; "));
    }

    /** A person's text: a leading =, +, -, @, tab or CR would make a spreadsheet run it as a formula. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }

    private static String write(List<List<Object>> rows) {
        StringBuilder out = new StringBuilder(BOM);
        for (List<Object> row : rows) {
            out.append(row.stream().map(InfluenceCsv::quote).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private static String quote(Object cell) {
        String value = String.valueOf(cell);
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
