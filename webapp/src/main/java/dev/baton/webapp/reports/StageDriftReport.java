package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealHistory.StageAt;
import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.sharing.DealShares;
import dev.baton.webapp.taxonomy.Taxonomy;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stage-fit drift (issue 14, point 9): per asset, the stages it is tagged with against the stages of the deals it
 * was shared in (each deal's stage when the link was made, from its stage history). Where at least
 * {@code driftMinShares} such shares were made and more than {@code driftOtherShare} of them at stages the asset is
 * not tagged with, a retagging is suggested, and told once to the asset's owner ({@code stage_drift_notice}
 * remembers what was told, so the same suggestion is not sent twice).
 */
@Service
class StageDriftReport {

    static final int DEFAULT_DAYS = 365;

    /** A stage with how many shares were made in deals at it. */
    record StageCount(String key, String label, int shares) {}

    /**
     * One asset's fit in one stage facet.
     *
     * @param shares shares of it in deals whose stage at the time is known
     * @param matching those at a stage it is tagged with
     * @param otherShare (shares - matching) / shares, 4 places
     * @param seen the stages of those shares, most first
     * @param suggested the stages to consider tagging it with: the most frequent stage(s) it is not tagged with;
     *     empty when it fits
     * @param drifting whether a retagging is suggested
     */
    record Fit(UUID assetId, String title, String owner, String stageFacet, List<Axis> tagged, int shares,
            int matching, BigDecimal otherShare, List<StageCount> seen, List<Axis> suggested, boolean drifting) {

        public String taggedLabels() {
            return tagged.isEmpty() ? "no stage" : tagged.stream().map(Axis::label).collect(Collectors.joining(", "));
        }

        public String seenLabels() {
            return seen.stream().map(s -> s.label() + " (" + s.shares() + ")").collect(Collectors.joining(", "));
        }

        public String suggestedLabels() {
            return suggested.stream().map(Axis::label).collect(Collectors.joining(", "));
        }
    }

    record Axis(String key, String label) {}

    record Result(LocalDate from, LocalDate to, int minShares, BigDecimal otherShareAbove, List<Fit> fits) {

        public List<Fit> drifting() {
            return fits.stream().filter(Fit::drifting).toList();
        }
    }

    private final DealShares shares;
    private final DealDirectory deals;
    private final AssetCatalog catalog;
    private final TaxonomyService taxonomy;
    private final AccountDirectory accounts;
    private final Notifications notifications;
    private final InfluenceProperties properties;
    private final DatabaseClient db;
    private final Clock clock;

    StageDriftReport(DealShares shares, DealDirectory deals, AssetCatalog catalog, TaxonomyService taxonomy,
            AccountDirectory accounts, Notifications notifications, InfluenceProperties properties,
            DatabaseClient db, Clock clock) {
        this.shares = shares;
        this.deals = deals;
        this.catalog = catalog;
        this.taxonomy = taxonomy;
        this.accounts = accounts;
        this.notifications = notifications;
        this.properties = properties;
        this.db = db;
        this.clock = clock;
    }

    ReportWindow window(String days, String from, String to) {
        return ReportWindow.of(clock, days, from, to, DEFAULT_DAYS);
    }

    /** Every asset shared in deals with a known stage in the window, the drifting first. */
    Mono<Result> run(ReportWindow window) {
        return shares.since(window.start()).map(list -> list.stream()
                        .filter(s -> s.sharedAt().isBefore(window.end())).toList())
                .flatMap(list -> Mono.zip(deals.stageHistories(list.stream()
                                        .map(DealShares.DealShare::dealId).toList()),
                                catalog.assets(list.stream().map(DealShares.DealShare::assetId)
                                        .collect(Collectors.toSet())).collectList(),
                                taxonomy.taxonomy(true))
                        .map(t -> fits(window, list, t.getT1(), t.getT2(), t.getT3())));
    }

    private Result fits(ReportWindow window, List<DealShares.DealShare> list, Map<Long, List<StageAt>> histories,
            List<IndexableAsset> assets, Taxonomy tax) {
        Map<String, String> labels = new HashMap<>();
        Map<String, Integer> order = new HashMap<>();
        for (Taxonomy.Facet facet : tax.facets()) {
            for (Taxonomy.Value value : facet.values()) {
                labels.put(facet.key() + "/" + value.key(), value.label());
                order.put(facet.key() + "/" + value.key(), order.size());
            }
        }
        // asset -> facet -> stage -> shares
        Map<UUID, Map<String, Map<String, Integer>>> counts = new LinkedHashMap<>();
        for (DealShares.DealShare share : list) {
            StageAt stage = stageAt(histories.get(share.dealId()), share.sharedAt());
            if (stage != null && stage.stage() != null) {
                counts.computeIfAbsent(share.assetId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(stage.stageFacet(), k -> new HashMap<>())
                        .merge(stage.stage(), 1, Integer::sum);
            }
        }
        List<Fit> fits = new ArrayList<>();
        for (IndexableAsset asset : assets) {
            counts.getOrDefault(asset.id(), Map.of()).forEach((facet, byStage) -> {
                List<String> tagged = asset.facets().getOrDefault(facet, List.of());
                int total = byStage.values().stream().mapToInt(Integer::intValue).sum();
                int matching = byStage.entrySet().stream().filter(e -> tagged.contains(e.getKey()))
                        .mapToInt(Map.Entry::getValue).sum();
                BigDecimal other = BigDecimal.valueOf(total - matching)
                        .divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
                boolean drifting = total >= properties.driftMinShares()
                        && (total - matching) > properties.driftOtherShare() * total;
                List<StageCount> seen = byStage.entrySet().stream()
                        .map(e -> new StageCount(e.getKey(), label(labels, facet, e.getKey()), e.getValue()))
                        .sorted(Comparator.comparingInt((StageCount s) -> -s.shares())
                                .thenComparingInt(s -> order.getOrDefault(facet + "/" + s.key(), Integer.MAX_VALUE)))
                        .toList();
                int most = seen.stream().filter(s -> !tagged.contains(s.key())).mapToInt(StageCount::shares).max()
                        .orElse(0);
                List<Axis> suggested = drifting
                        ? seen.stream().filter(s -> !tagged.contains(s.key()) && s.shares() == most)
                                .map(s -> new Axis(s.key(), s.label())).toList()
                        : List.of();
                fits.add(new Fit(asset.id(), asset.title(), asset.owner(), facet,
                        tagged.stream().map(k -> new Axis(k, label(labels, facet, k))).toList(), total, matching,
                        other, seen, suggested, drifting));
            });
        }
        fits.sort(Comparator.comparing((Fit f) -> !f.drifting()).thenComparing(f -> f.otherShare().negate())
                .thenComparing(Fit::title, String.CASE_INSENSITIVE_ORDER));
        return new Result(window.from(), window.to(), properties.driftMinShares(),
                BigDecimal.valueOf(properties.driftOtherShare()), List.copyOf(fits));
    }

    /** The stage a deal was in at a moment: the last it entered at or before it (before its first: the first). */
    static StageAt stageAt(List<StageAt> history, java.time.Instant at) {
        if (history == null || history.isEmpty()) {
            return null;
        }
        StageAt current = history.getFirst();
        for (StageAt change : history) {
            if (!change.at().isAfter(at)) {
                current = change;
            }
        }
        return current;
    }

    /**
     * Tells each drifting asset's owner its suggestion, once per asset, facet and suggestion (a later, different
     * suggestion is told again); emits how many were told now. Several nodes may run it: the first to record a
     * suggestion tells it.
     */
    Mono<Integer> notifyOwners() {
        return run(window(null, null, null)).flatMap(result -> accounts.idsByUsername().flatMap(ids -> Flux
                .fromIterable(result.drifting())
                .filter(fit -> fit.owner() != null && ids.containsKey(fit.owner()))
                .concatMap(fit -> record(fit, ids.get(fit.owner()))
                        .filter(Boolean::booleanValue)
                        .flatMap(told -> notifications.notify(ids.get(fit.owner()), NotificationKind.REPORT_STAGE_DRIFT,
                                        "Retag “" + fit.title() + "”? It is mostly shared at " + fit.suggestedLabels(),
                                        body(fit), "/assets/" + fit.assetId())
                                .thenReturn(1)))
                .count()
                .map(Long::intValue)));
    }

    private Mono<Boolean> record(Fit fit, long ownerId) {
        String signature = fit.tagged().stream().map(Axis::key).sorted().collect(Collectors.joining(","))
                + "->" + fit.suggested().stream().map(Axis::key).sorted().collect(Collectors.joining(","));
        return db.sql("insert into stage_drift_notice (asset_id, stage_facet, signature, owner_id) "
                        + "values (:asset, :facet, :signature, :owner) on conflict do nothing")
                .bind("asset", fit.assetId())
                .bind("facet", fit.stageFacet())
                .bind("signature", signature)
                .bind("owner", ownerId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private static String body(Fit fit) {
        return "It is tagged " + fit.taggedLabels() + ", but of its " + fit.shares()
                + " shares in deals with a known stage, " + (fit.shares() - fit.matching())
                + " were made at other stages: " + fit.seenLabels() + ". Consider tagging it "
                + fit.suggestedLabels() + " (or check whether reps use it where it does not fit).";
    }

    private static String label(Map<String, String> labels, String facet, String key) {
        return labels.getOrDefault(facet + "/" + key, key);
    }
}
