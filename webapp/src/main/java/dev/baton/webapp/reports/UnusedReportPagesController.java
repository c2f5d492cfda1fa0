package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** The unused-content page: the headline, its trend, causes, groups, the unused assets and the bulk actions. */
@Controller
class UnusedReportPagesController {

    private final UnusedReports reports;
    private final TaxonomyService taxonomy;

    UnusedReportPagesController(UnusedReports reports, TaxonomyService taxonomy) {
        this.reports = reports;
        this.taxonomy = taxonomy;
    }

    @GetMapping("/reports/unused")
    Mono<String> unused(@RequestParam(required = false) Integer window, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String stage, @RequestParam(required = false) String type,
            @RequestParam(required = false) String product, @RequestParam(required = false) String industry,
            @RequestParam(required = false) String by, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String done, @AuthenticationPrincipal BatonUser user, Model model) {
        ReportAccess.requireMarketer(user);
        return Mono.fromSupplier(() -> reports.query(window, owner, stage, type, product, industry, by, limit))
                .flatMap(q -> Mono.zip(reports.report(q), taxonomy.taxonomy(false)).map(both -> {
                    UnusedReports.Report report = both.getT1();
                    model.addAttribute("facets", both.getT2().facets().stream()
                            .filter(f -> List.of("buyer_stage", "content_type", "product", "industry")
                                    .contains(f.key()))
                            .toList());
                    model.addAttribute("report", report);
                    model.addAttribute("q", q);
                    model.addAttribute("windows", UnusedReports.WINDOWS);
                    model.addAttribute("groupings", UnusedReports.GROUPS);
                    model.addAttribute("causes", UnusedReports.Cause.values());
                    model.addAttribute("done", doneMessage(done));
                    model.addAttribute("trendLabels", report.trend().stream()
                            .map(p -> p.from() + " – " + p.to()).toList());
                    model.addAttribute("trendValues", report.trend().stream()
                            .map(UnusedReports.TrendPoint::shareUsed).toList());
                    model.addAttribute("causeLabels", List.of(UnusedReports.Cause.values()).stream()
                            .map(UnusedReports.Cause::label).toList());
                    model.addAttribute("causeValues", List.of(UnusedReports.Cause.values()).stream()
                            .map(c -> report.causes().get(c.key())).toList());
                    model.addAttribute("query", query(q));
                    model.addAttribute("today", reports.today());
                    return "reports/unused";
                }));
    }

    @PostMapping("/reports/unused/actions")
    Mono<String> act(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        ReportAccess.requireMarketer(user);
        return exchange.getFormData().flatMap(form -> {
            List<String> given = form.getOrDefault("assetId", List.of());
            List<UUID> ids;
            LocalDate reviewBy = null;
            Integer window;
            try {
                ids = given.stream().map(UUID::fromString).toList();
                String review = form.getFirst("reviewBy");
                if (review != null && !review.isBlank()) {
                    reviewBy = LocalDate.parse(review.strip());
                }
                String w = form.getFirst("window");
                window = w == null || w.isBlank() ? 90 : Integer.parseInt(w.strip());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return Mono.error(new BatonException.InvalidInput("form", "choose assets and a date as YYYY-MM-DD"));
            }
            String remote = exchange.getRequest().getRemoteAddress() == null ? null
                    : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress();
            UnusedReports.Action action = new UnusedReports.Action(form.getFirst("action"), ids, reviewBy, window,
                    form.getFirst("message"));
            String back = form.getFirst("back");
            return reports.act(action, user, remote).map(outcome -> "redirect:" + UriComponentsBuilder
                    .fromPath("/reports/unused")
                    .query(back == null || back.startsWith("/") || back.contains("//") ? "" : back)
                    .replaceQueryParam("done", outcome.action() + ":" + outcome.done() + ":" + outcome.failed().size())
                    .build().toUriString());
        });
    }

    /** What a bulk action just did ({@code action:done:failed}, set by the redirect), or {@code null}. */
    static String doneMessage(String done) {
        if (done == null || !done.matches("(archive|review|notify):\\d{1,6}:\\d{1,6}")) {
            return null;
        }
        String[] parts = done.split(":");
        String message = switch (parts[0]) {
            case "notify" -> "Told " + parts[1] + " owner(s).";
            case "archive" -> "Archived " + parts[1] + " asset(s).";
            default -> "Set the review date of " + parts[1] + " asset(s).";
        };
        return parts[2].equals("0") ? message : message + " " + parts[2] + " could not be changed.";
    }

    private static String query(UnusedReports.Query q) {
        StringBuilder s = new StringBuilder("window=").append(q.window()).append("&by=").append(q.by());
        if (q.owner() != null) {
            s.append("&owner=").append(q.owner());
        }
        append(s, "stage", q.stage());
        append(s, "type", q.type());
        append(s, "product", q.product());
        append(s, "industry", q.industry());
        return s.toString();
    }

    private static void append(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
