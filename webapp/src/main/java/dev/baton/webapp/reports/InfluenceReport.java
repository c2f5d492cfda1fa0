package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Team;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealDirectory.DealFacts;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.reports.InfluenceFigures.Figures;
import dev.baton.webapp.reports.InfluenceFigures.Side;
import dev.baton.webapp.sharing.DealShares;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.Taxonomy;
import dev.baton.webapp.taxonomy.TaxonomyService;
import dev.baton.webapp.usage.UsageService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Influence on deals (issue 14, point 3): per asset and per stage, the decided deals where it was shared or used
 * before the decision, won against lost, against the decided deals without it; the influenced pipeline and revenue;
 * the median days to close. An association, not a cause. Reads deals through {@link DealDirectory}, shares through
 * {@link DealShares} and uses through {@link UsageService}, never their tables.
 */
@Service
class InfluenceReport {

    static final int DEFAULT_DAYS = 365;

    /** The report's filters: the decision window, a team (deals its members own) or none, the stage facet. */
    record Query(ReportWindow window, Long teamId, String stageFacet) {}

    /**
     * One asset's or stage's line.
     *
     * @param key the asset's id or the stage's value key
     * @param link where it is in Baton (an asset's page; for a stage, the library filtered by it)
     */
    record Row(String key, String label, String link, Figures figures) {}

    /**
     * The report.
     *
     * @param all every decided deal in the window (the rate without any content's help is the "without" side)
     * @param openDeals the open deals of the team (or all)
     */
    record Result(LocalDate from, LocalDate to, Long teamId, String team, String stageFacet, String stageFacetLabel,
            int minSample, Side all, int openDeals, List<Row> assets, List<Row> stages) {

        public String note() {
            return "Association, not cause: deals where an asset was shared or used before the decision, against "
                    + "decided deals where it was not. No rate or median is shown for fewer than " + minSample
                    + " decided deals.";
        }
    }

    private final DealDirectory deals;
    private final DealShares shares;
    private final UsageService usage;
    private final AssetCatalog catalog;
    private final TaxonomyService taxonomy;
    private final AccountDirectory accounts;
    private final InfluenceProperties properties;
    private final Clock clock;

    InfluenceReport(DealDirectory deals, DealShares shares, UsageService usage, AssetCatalog catalog,
            TaxonomyService taxonomy, AccountDirectory accounts, InfluenceProperties properties, Clock clock) {
        this.deals = deals;
        this.shares = shares;
        this.usage = usage;
        this.catalog = catalog;
        this.taxonomy = taxonomy;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    Query query(String days, String from, String to, String team, String stageFacet) {
        ReportWindow window = ReportWindow.of(clock, days, from, to, DEFAULT_DAYS);
        Long teamId = null;
        if (team != null && !team.isBlank()) {
            try {
                teamId = Long.valueOf(team.strip());
            } catch (NumberFormatException e) {
                throw new BatonException.InvalidInput("team", "give a team's id");
            }
        }
        return new Query(window, teamId, stageFacet(stageFacet));
    }

    static String stageFacet(String value) {
        if (value == null || value.isBlank()) {
            return Facets.BUYER_STAGE;
        }
        String facet = value.strip();
        if (!facet.equals(Facets.BUYER_STAGE) && !facet.equals(Facets.FUNNEL_STAGE)) {
            throw new BatonException.InvalidInput("stageFacet", "use buyer_stage or funnel_stage");
        }
        return facet;
    }

    Mono<Result> run(Query query) {
        Mono<Team> team = query.teamId() == null ? Mono.empty() : accounts.team(query.teamId())
                .switchIfEmpty(Mono.error(() -> new BatonException.InvalidInput("team", "no team "
                        + query.teamId())));
        return team.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()).flatMap(t -> deals
                .forReports(query.window().start(), query.window().end())
                .filter(deal -> t.isEmpty() || deal.ownerId() != null && t.get().memberIds().contains(deal.ownerId()))
                .collectList()
                .flatMap(list -> compute(query, t.map(Team::name).orElse(null), list)));
    }

    private Mono<Result> compute(Query query, String teamName, List<DealFacts> list) {
        List<Long> ids = list.stream().map(DealFacts::id).toList();
        return Mono.zip(shares.forDeals(ids), usage.firstUsesForDeals(ids), taxonomy.taxonomy(true)).flatMap(t -> {
            Map<UUID, Map<Long, Instant>> touches = new HashMap<>();
            t.getT1().forEach(s -> touch(touches, s.assetId(), s.dealId(), s.sharedAt()));
            t.getT2().forEach(u -> touch(touches, u.assetId(), u.dealId(), u.at()));
            Taxonomy.Facet facet = t.getT3().facets().stream().filter(f -> f.key().equals(query.stageFacet()))
                    .findFirst().orElse(new Taxonomy.Facet(query.stageFacet(), query.stageFacet(), "", List.of()));
            return catalog.assets(touches.keySet()).collectList().map(assets -> {
                int min = properties.minSample();
                List<Row> assetRows = new ArrayList<>();
                Map<String, Map<Long, Instant>> byStage = new LinkedHashMap<>();
                for (IndexableAsset asset : assets) {
                    Map<Long, Instant> touched = touches.get(asset.id());
                    assetRows.add(new Row(asset.id().toString(), asset.title(), "/assets/" + asset.id(),
                            InfluenceFigures.of(list, touched, min)));
                    for (String stage : asset.facets().getOrDefault(query.stageFacet(), List.of())) {
                        Map<Long, Instant> stageTouches = byStage.computeIfAbsent(stage, k -> new HashMap<>());
                        touched.forEach((deal, at) -> stageTouches.merge(deal, at, (a, b) -> a.isBefore(b) ? a : b));
                    }
                }
                assetRows.sort(Comparator.comparingInt((Row r) -> -r.figures().with().decided())
                        .thenComparingInt(r -> -r.figures().openDeals())
                        .thenComparing(Row::label, String.CASE_INSENSITIVE_ORDER));
                List<Row> stageRows = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (Taxonomy.Value value : facet.values()) {
                    if (byStage.containsKey(value.key())) {
                        seen.add(value.key());
                        stageRows.add(stageRow(query, value.key(), value.label(), list, byStage, min));
                    }
                }
                byStage.keySet().stream().filter(k -> !seen.contains(k)).sorted()
                        .forEach(k -> stageRows.add(stageRow(query, k, k, list, byStage, min)));
                List<DealFacts> decided = list.stream().filter(d -> d.outcome() != Outcome.OPEN).toList();
                int open = (int) list.stream().filter(d -> d.outcome() == Outcome.OPEN).count();
                return new Result(query.window().from(), query.window().to(), query.teamId(), teamName,
                        facet.key(), facet.label(), min, InfluenceFigures.side(decided, min), open,
                        List.copyOf(assetRows), List.copyOf(stageRows));
            });
        });
    }

    private static Row stageRow(Query query, String key, String label, List<DealFacts> list,
            Map<String, Map<Long, Instant>> byStage, int min) {
        return new Row(key, label, "/search?" + query.stageFacet() + "=" + key,
                InfluenceFigures.of(list, byStage.get(key), min));
    }

    private static void touch(Map<UUID, Map<Long, Instant>> touches, UUID asset, long deal, Instant at) {
        touches.computeIfAbsent(asset, k -> new HashMap<>()).merge(deal, at, (a, b) -> a.isBefore(b) ? a : b);
    }
}
