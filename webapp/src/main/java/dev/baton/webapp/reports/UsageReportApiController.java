package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The usage report: marketers and admins see everyone's uses; anyone else (a rep, a trainer) sees only their own.
 * JSON, or the same numbers as CSV ({@code ?format=csv} or {@code /export.csv}, with {@code table} choosing rows,
 * series, top or rising).
 */
@RestController
@RequestMapping("/api/v1/reports/usage")
class UsageReportApiController {

    private final UsageReports reports;

    UsageReportApiController(UsageReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "Uses (views, previews, downloads, shares, uses other tools report; never an owner's own) "
            + "in a window by asset, stage, funnel, type, product, industry, persona, owner or rep, with a series "
            + "by day, week or month and the top and rising assets; a rep sees only their own uses")
    @GetMapping
    Mono<ResponseEntity<?>> usage(@RequestParam(required = false) Integer window,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String grain, @RequestParam(required = false) String by,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String format,
            @RequestParam(required = false) String table, @AuthenticationPrincipal BatonUser user) {
        boolean csv = format != null && "csv".equalsIgnoreCase(format.strip());
        if (format != null && !csv && !"json".equalsIgnoreCase(format.strip())) {
            return Mono.error(new BatonException.InvalidInput("format", "use json or csv"));
        }
        return answer(window, from, to, grain, by, limit, csv, table, user);
    }

    @Operation(summary = "The usage report as CSV (UTF-8 with a byte-order mark)")
    @GetMapping("/export.csv")
    Mono<ResponseEntity<?>> export(@RequestParam(required = false) Integer window,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String grain, @RequestParam(required = false) String by,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String table,
            @AuthenticationPrincipal BatonUser user) {
        return answer(window, from, to, grain, by, limit, true, table, user);
    }

    private Mono<ResponseEntity<?>> answer(Integer window, String from, String to, String grain, String by,
            Integer limit, boolean csv, String table, BatonUser user) {
        return Mono.fromSupplier(() -> reports.query(window, from, to, grain, by, limit))
                .flatMap(q -> {
                    if (csv) {
                        csvTable(table); // a wrong table is refused before any work
                    }
                    return reports.report(q, ReportAccess.scope(user));
                })
                .map(report -> csv ? csv(report, csvTable(table)) : ResponseEntity.ok(report));
    }

    static String csvTable(String table) {
        String t = table == null || table.isBlank() ? "rows" : table.strip().toLowerCase(Locale.ROOT);
        if (!List.of("rows", "series", "top", "rising").contains(t)) {
            throw new BatonException.InvalidInput("table", "use rows, series, top or rising");
        }
        return t;
    }

    /** One table of the report as CSV: the same numbers as the JSON. */
    static ResponseEntity<byte[]> csv(UsageReports.Report report, String table) {
        String name = "usage-" + report.by() + "-" + report.from() + "-" + report.to() + "-" + table + ".csv";
        List<List<?>> rows = new ArrayList<>();
        switch (table) {
            case "series" -> {
                report.series().forEach(p -> rows.add(List.of(p.period().toString(), p.uses())));
                return ReportCsv.of(name, List.of(report.grain(), "uses"), rows);
            }
            case "top", "rising" -> {
                (table.equals("top") ? report.top() : report.rising()).forEach(a -> rows.add(List.of(
                        a.assetId().toString(), a.title(), a.uses(), a.previous())));
                return ReportCsv.of(name, List.of("asset_id", "title", "uses", "uses_previous_window"), rows);
            }
            default -> {
                report.rows().forEach(r -> rows.add(List.of(r.key(), r.label(), r.figures().uses(),
                        r.figures().views(), r.figures().previews(), r.figures().downloads(), r.figures().shares(),
                        r.figures().other(), r.assets())));
                UsageReports.Figures t = report.totals();
                rows.add(List.of("", "Total", t.uses(), t.views(), t.previews(), t.downloads(), t.shares(),
                        t.other(), ""));
                return ReportCsv.of(name, List.of(report.by(), "label", "uses", "views", "previews", "downloads",
                        "shares", "other", "assets"), rows);
            }
        }
    }
}
