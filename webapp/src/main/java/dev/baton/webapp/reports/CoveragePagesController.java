package dev.baton.webapp.reports;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/**
 * The coverage heatmap's page (and printable view), a cell's assets, and the CSV and JSON downloads. Marketers and
 * admins only; the API is {@link CoverageApiController}.
 */
@Controller
class CoveragePagesController {

    private final CoverageReport report;
    private final dev.baton.webapp.taxonomy.TaxonomyService taxonomy;

    CoveragePagesController(CoverageReport report, dev.baton.webapp.taxonomy.TaxonomyService taxonomy) {
        this.report = report;
        this.taxonomy = taxonomy;
    }

    @GetMapping("/reports/coverage")
    Mono<String> page(@RequestParam(required = false) String days, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String stageFacet,
            @RequestParam(required = false) String industry, @RequestParam(required = false) String product,
            @RequestParam(defaultValue = "false") boolean print, Model model) {
        CoverageReport.Query query = report.query(days, from, to, stageFacet, industry, product);
        return report.run(query).zipWith(taxonomy.taxonomy(false)).map(t -> {
            model.addAttribute("report", t.getT1());
            model.addAttribute("industries", values(t.getT2(), dev.baton.webapp.taxonomy.Facets.INDUSTRY));
            model.addAttribute("products", values(t.getT2(), dev.baton.webapp.taxonomy.Facets.PRODUCT));
            model.addAttribute("print", print);
            model.addAttribute("query", links(days, from, to, stageFacet, industry, product));
            model.addAttribute("days", query.window().days());
            return "reports/coverage";
        });
    }

    @GetMapping("/reports/coverage/cell")
    Mono<String> cell(@RequestParam(required = false) String days, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String stageFacet,
            @RequestParam(required = false) String industry, @RequestParam(required = false) String product,
            @RequestParam(required = false) String stage, @RequestParam(required = false) String persona,
            Model model) {
        CoverageReport.Query query = report.query(days, from, to, stageFacet, industry, product);
        return report.cell(query, stage, persona).zipWith(report.run(query)).map(t -> {
            model.addAttribute("assets", t.getT1());
            model.addAttribute("report", t.getT2());
            model.addAttribute("stageLabel", label(t.getT2().stages(), stage));
            model.addAttribute("personaLabel", label(t.getT2().personas(), persona));
            model.addAttribute("stage", stage.strip());
            model.addAttribute("persona", persona.strip());
            model.addAttribute("libraryLink", libraryLink(t.getT2(), stage.strip(), persona.strip()));
            model.addAttribute("query", links(days, from, to, stageFacet, industry, product));
            return "reports/coverage-cell";
        });
    }

    @GetMapping("/reports/coverage.csv")
    Mono<ResponseEntity<String>> csv(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String stageFacet, @RequestParam(required = false) String industry,
            @RequestParam(required = false) String product) {
        return report.run(report.query(days, from, to, stageFacet, industry, product))
                .map(r -> InfluenceCsv.response(InfluenceCsv.coverage(r), CoverageApiController.fileName(r)));
    }

    @GetMapping(value = "/reports/coverage.json", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CoverageReport.Result>> json(@RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String stageFacet, @RequestParam(required = false) String industry,
            @RequestParam(required = false) String product) {
        return report.run(report.query(days, from, to, stageFacet, industry, product))
                .map(r -> InfluenceCsv.json(r, "coverage-" + r.from() + "-" + r.to() + ".json"));
    }

    private static ReportLinks links(String days, String from, String to, String stageFacet, String industry,
            String product) {
        return ReportLinks.of("days", days, "from", from, "to", to, "stageFacet", stageFacet, "industry", industry,
                "product", product);
    }

    /** The library search for a cell's stage and persona, with the report's industry and product; null for "-". */
    private static String libraryLink(CoverageReport.Result report, String stage, String persona) {
        if (stage.equals(CoverageReport.NONE) || persona.equals(CoverageReport.NONE)) {
            return null;
        }
        org.springframework.web.util.UriComponentsBuilder link = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/search").queryParam(report.stageFacet(), stage).queryParam("persona", persona);
        if (report.industry() != null) {
            link.queryParam("industry", report.industry());
        }
        if (report.product() != null) {
            link.queryParam("product", report.product());
        }
        return link.encode().build().toUriString();
    }

    private static String label(List<CoverageReport.Axis> axis, String key) {
        String k = key == null ? "" : key.strip();
        return axis.stream().filter(a -> a.key().equals(k)).map(CoverageReport.Axis::label).findFirst().orElse(k);
    }

    private static List<dev.baton.webapp.taxonomy.Taxonomy.Value> values(
            dev.baton.webapp.taxonomy.Taxonomy taxonomy, String facet) {
        return taxonomy.facets().stream().filter(f -> f.key().equals(facet)).findFirst()
                .map(dev.baton.webapp.taxonomy.Taxonomy.Facet::values).orElse(List.of());
    }
}
