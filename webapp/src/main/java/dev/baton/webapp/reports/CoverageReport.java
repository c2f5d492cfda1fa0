package dev.baton.webapp.reports;

import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.Taxonomy;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Coverage (issue 14, point 4): buyer stage by persona, with the published assets of each cell and their use in the
 * window (by anyone but their owner); empty cells and cells whose assets are all unused stand out. Filters: an
 * industry and a product (the assets carrying that value). Uses are read from the usage rollups, as the usage report
 * reads them ({@link UsageReports#usesByAsset}: the trailing windows, or months and edge days), never the events.
 */
@Service
class CoverageReport {

    static final int DEFAULT_DAYS = 90;
    /** The key of the row or column of assets without a value of that facet. */
    static final String NONE = "-";

    /** What a cell shows. */
    enum State {
        /** no published asset */
        EMPTY,
        /** published assets, none used in the window */
        UNUSED,
        USED
    }

    record Query(ReportWindow window, String stageFacet, String industry, String product) {}

    /** A row's or column's value. */
    record Axis(String key, String label) {}

    /**
     * One cell: stage by persona.
     *
     * @param assets published assets tagged with both
     * @param usedAssets those used in the window
     * @param uses their uses in the window
     */
    record Cell(String stage, String persona, int assets, int usedAssets, long uses, State state) {}

    /** One asset of a cell, with its uses in the window. */
    record AssetUse(UUID id, String title, String owner, long uses) {}

    record Result(LocalDate from, LocalDate to, String stageFacet, String stageFacetLabel, String industry,
            String product, int publishedAssets, List<Axis> stages, List<Axis> personas, List<List<Cell>> grid) {

        public int emptyCells() {
            return (int) cells().filter(c -> c.state() == State.EMPTY).count();
        }

        public int unusedCells() {
            return (int) cells().filter(c -> c.state() == State.UNUSED).count();
        }

        private java.util.stream.Stream<Cell> cells() {
            return grid.stream().flatMap(List::stream);
        }
    }

    private final AssetCatalog catalog;
    private final AssetVisibility visibility;
    private final UsageReports usage;
    private final TaxonomyService taxonomy;
    private final Clock clock;

    CoverageReport(AssetCatalog catalog, AssetVisibility visibility, UsageReports usage, TaxonomyService taxonomy,
            Clock clock) {
        this.catalog = catalog;
        this.visibility = visibility;
        this.usage = usage;
        this.taxonomy = taxonomy;
        this.clock = clock;
    }

    Query query(String days, String from, String to, String stageFacet, String industry, String product) {
        return new Query(ReportWindow.of(clock, days, from, to, DEFAULT_DAYS), InfluenceReport.stageFacet(stageFacet),
                blankToNull(industry), blankToNull(product));
    }

    Mono<Result> run(Query query) {
        return taxonomy.taxonomy(false).flatMap(tax -> {
            check(tax, Facets.INDUSTRY, query.industry());
            check(tax, Facets.PRODUCT, query.product());
            List<Axis> stages = axis(tax, query.stageFacet());
            List<Axis> personas = axis(tax, Facets.PERSONA);
            String facetLabel = tax.facets().stream().filter(f -> f.key().equals(query.stageFacet()))
                    .map(Taxonomy.Facet::label).findFirst().orElse(query.stageFacet());
            return usedAssets(query).map(used -> {
                Map<String, Map<String, List<Used>>> byCell = new HashMap<>();
                for (Used u : used) {
                    for (String stage : values(u.asset(), query.stageFacet())) {
                        for (String persona : values(u.asset(), Facets.PERSONA)) {
                            byCell.computeIfAbsent(stage, k -> new HashMap<>())
                                    .computeIfAbsent(persona, k -> new ArrayList<>()).add(u);
                        }
                    }
                }
                List<List<Cell>> grid = new ArrayList<>();
                for (Axis stage : stages) {
                    List<Cell> row = new ArrayList<>();
                    for (Axis persona : personas) {
                        List<Used> in = byCell.getOrDefault(stage.key(), Map.of())
                                .getOrDefault(persona.key(), List.of());
                        int usedCount = (int) in.stream().filter(u -> u.uses() > 0).count();
                        long uses = in.stream().mapToLong(Used::uses).sum();
                        State state = in.isEmpty() ? State.EMPTY : usedCount == 0 ? State.UNUSED : State.USED;
                        row.add(new Cell(stage.key(), persona.key(), in.size(), usedCount, uses, state));
                    }
                    grid.add(List.copyOf(row));
                }
                return new Result(query.window().from(), query.window().to(), query.stageFacet(), facetLabel,
                        query.industry(), query.product(), used.size(), stages, personas, List.copyOf(grid));
            });
        });
    }

    /** The assets of one cell, the least used first ({@link #NONE}: without a value of that facet). */
    Mono<List<AssetUse>> cell(Query query, String stage, String persona) {
        if (stage == null || stage.isBlank() || persona == null || persona.isBlank()) {
            return Mono.error(new BatonException.InvalidInput(stage == null || stage.isBlank() ? "stage" : "persona",
                    "name the cell's stage and persona (" + NONE + ": none)"));
        }
        return usedAssets(query).flatMap(used -> {
            List<Used> in = used.stream()
                    .filter(u -> values(u.asset(), query.stageFacet()).contains(stage.strip())
                            && values(u.asset(), Facets.PERSONA).contains(persona.strip()))
                    .sorted(Comparator.comparingLong(Used::uses).thenComparing(u -> u.asset().title(),
                            String.CASE_INSENSITIVE_ORDER))
                    .toList();
            return Mono.just(in.stream().map(u -> new AssetUse(u.asset().id(), u.asset().title(), u.asset().owner(),
                    u.uses())).toList());
        });
    }

    private record Used(IndexableAsset asset, long uses) {}

    /**
     * The published assets a rep may see that pass the filters, with their uses in the window by others than their
     * owners (the rollups leave an owner's own uses out).
     */
    private Mono<List<Used>> usedAssets(Query query) {
        LocalDate today = visibility.today();
        return allAssets()
                .filter(a -> AssetVisibility.visibleToRep(a.status(), a.expiresOn(), today))
                .filter(a -> query.industry() == null
                        || a.facets().getOrDefault(Facets.INDUSTRY, List.of()).contains(query.industry()))
                .filter(a -> query.product() == null
                        || a.facets().getOrDefault(Facets.PRODUCT, List.of()).contains(query.product()))
                .collectList()
                .zipWith(usage.usesByAsset(query.window().from(), query.window().to()))
                .map(t -> t.getT1().stream()
                        .map(a -> new Used(a, t.getT2().getOrDefault(a.id(), 0L)))
                        .toList());
    }

    private Flux<IndexableAsset> allAssets() {
        return catalog.page(null, 1000).collectList().expand(page -> page.size() < 1000
                        ? Mono.empty()
                        : catalog.page(page.getLast().id(), 1000).collectList())
                .flatMapIterable(page -> page);
    }

    private static List<String> values(IndexableAsset asset, String facet) {
        List<String> values = asset.facets().getOrDefault(facet, List.of());
        return values.isEmpty() ? List.of(NONE) : values;
    }

    private static List<Axis> axis(Taxonomy tax, String facet) {
        List<Axis> axis = new ArrayList<>();
        tax.facets().stream().filter(f -> f.key().equals(facet)).findFirst().ifPresent(f -> f.values().stream()
                .filter(Taxonomy.Value::active)
                .forEach(v -> axis.add(new Axis(v.key(), v.label()))));
        axis.add(new Axis(NONE, "Not tagged"));
        return List.copyOf(axis);
    }

    private static void check(Taxonomy tax, String facet, String value) {
        if (value == null) {
            return;
        }
        boolean known = tax.facets().stream().filter(f -> f.key().equals(facet))
                .flatMap(f -> f.values().stream()).anyMatch(v -> v.key().equals(value));
        if (!known) {
            throw new BatonException.InvalidInput(facet, "no " + facet + " " + value + " in the taxonomy");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
