package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The unused-content report and its bulk actions: marketers and admins only. */
@RestController
@RequestMapping("/api/v1/reports/unused")
class UnusedReportApiController {

    private final UnusedReports reports;

    UnusedReportApiController(UnusedReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "Published assets nobody but their owner viewed, previewed, downloaded or shared in the "
            + "window (30, 90, 180 or 365 days), each with why; the share of the library used and its trend; grouped "
            + "by cause, owner, stage, type, product or industry, filtered by owner, stage, type, product, industry")
    @GetMapping
    Mono<ResponseEntity<?>> unused(@RequestParam(required = false) Integer window,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String type, @RequestParam(required = false) String product,
            @RequestParam(required = false) String industry, @RequestParam(required = false) String by,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String format,
            @RequestParam(required = false) String table, @AuthenticationPrincipal BatonUser user) {
        boolean csv = format != null && "csv".equalsIgnoreCase(format.strip());
        if (format != null && !csv && !"json".equalsIgnoreCase(format.strip())) {
            return Mono.error(new BatonException.InvalidInput("format", "use json or csv"));
        }
        return answer(window, owner, stage, type, product, industry, by, limit, csv, table, user);
    }

    @Operation(summary = "The unused-content report as CSV (UTF-8 with a byte-order mark)")
    @GetMapping("/export.csv")
    Mono<ResponseEntity<?>> export(@RequestParam(required = false) Integer window,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String type, @RequestParam(required = false) String product,
            @RequestParam(required = false) String industry, @RequestParam(required = false) String by,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String table,
            @AuthenticationPrincipal BatonUser user) {
        return answer(window, owner, stage, type, product, industry, by, limit, true, table, user);
    }

    @Operation(summary = "A bulk action on unused assets: archive them, set their review date (reviewBy), or notify "
            + "their owners (in Baton and by email, one notification per owner)")
    @PostMapping("/actions")
    Mono<UnusedReports.Outcome> act(@RequestBody(required = false) UnusedReports.Action action,
            @AuthenticationPrincipal BatonUser user, ServerHttpRequest request) {
        ReportAccess.requireMarketer(user);
        String remote = request.getRemoteAddress() == null ? null
                : request.getRemoteAddress().getAddress().getHostAddress();
        return reports.act(action, user, remote);
    }

    private Mono<ResponseEntity<?>> answer(Integer window, String owner, String stage, String type, String product,
            String industry, String by, Integer limit, boolean csv, String table, BatonUser user) {
        ReportAccess.requireMarketer(user);
        return Mono.fromSupplier(() -> {
                    if (csv) {
                        csvTable(table);
                    }
                    return reports.query(window, owner, stage, type, product, industry, by, limit);
                })
                .flatMap(reports::report)
                .map(report -> csv ? csv(report, csvTable(table)) : ResponseEntity.ok(report));
    }

    static String csvTable(String table) {
        String t = table == null || table.isBlank() ? "assets" : table.strip().toLowerCase(Locale.ROOT);
        if (!List.of("assets", "groups", "trend").contains(t)) {
            throw new BatonException.InvalidInput("table", "use assets, groups or trend");
        }
        return t;
    }

    /** One table of the report as CSV: the same numbers as the JSON. */
    static ResponseEntity<byte[]> csv(UnusedReports.Report report, String table) {
        String name = "unused-" + report.window() + "-days-" + report.to() + "-" + table + ".csv";
        List<List<?>> rows = new ArrayList<>();
        switch (table) {
            case "groups" -> {
                report.groups().forEach(g -> rows.add(List.of(g.key(), g.label(), g.published(), g.used(),
                        g.unused(), g.shareUsed())));
                return ReportCsv.of(name, List.of(report.by(), "label", "published", "used", "unused",
                        "share_used_percent"), rows);
            }
            case "trend" -> {
                report.trend().forEach(p -> rows.add(List.of(p.from().toString(), p.to().toString(), p.published(),
                        p.used(), p.shareUsed())));
                return ReportCsv.of(name, List.of("from", "to", "published", "used", "share_used_percent"), rows);
            }
            default -> {
                report.assets().forEach(a -> rows.add(List.of(a.id().toString(), a.title(), a.owner(),
                        a.type() == null ? "" : a.type(), String.join("; ", a.stages()),
                        String.join("; ", a.products()), String.join("; ", a.industries()),
                        a.publishedOn() == null ? "" : a.publishedOn().toString(),
                        a.reviewBy() == null ? "" : a.reviewBy().toString(), a.cause())));
                return ReportCsv.of(name, List.of("asset_id", "title", "owner", "type", "stages", "products",
                        "industries", "published_on", "review_by", "cause"), rows);
            }
        }
    }
}
