package dev.baton.webapp.demo;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.packs.PackHistory;
import dev.baton.webapp.sharing.ShareHistory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Two published enablement packs (installation step {@value #STEP}, after the library): a product launch and a
 * competitive pack, built from demo assets, for every rep, by the demo trainer, with the demo reps' progress (one
 * finished the launch pack and passed its quiz, one is part way; the competitive pack is overdue for one of them).
 * Written through the packs package's history import ({@link PackHistory#importPast}): no notifications. The packs'
 * shareable assets are buyer-facing, and the reps' links of them since (with buyer visits, one only a link scanner's)
 * and the deals they were for (whose stages moved on, one before its link) come through the deals' and sharing's
 * history imports, so the trainer's funnel from learning to use shows something on a first start.
 */
@Component
class DemoPacks {

    static final String STEP = "demo-packs";

    private static final Logger log = LoggerFactory.getLogger(DemoPacks.class);

    private final DemoSteps steps;
    private final Clock clock;
    private final AccountDirectory accounts;
    private final PackHistory packs;
    private final DealHistory deals;
    private final ShareHistory shares;

    DemoPacks(DemoSteps steps, Clock clock, AccountDirectory accounts, PackHistory packs, DealHistory deals,
            ShareHistory shares) {
        this.steps = steps;
        this.clock = clock;
        this.accounts = accounts;
        this.packs = packs;
        this.deals = deals;
        this.shares = shares;
    }

    /** Loads the packs once the demo library is in; runs once. */
    void load() {
        int loaded = steps.once(STEP, this::loadPacks);
        if (loaded >= 0) {
            log.info("Loaded {} demo packs", loaded);
        }
    }

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static final String SCANNER = "Mozilla/5.0 (compatible; Proofpoint URL Defense scanner)";

    private static DealHistory.StageAt stage(String stage, Instant at) {
        return new DealHistory.StageAt("funnel_stage", stage, at);
    }

    /**
     * An open demo deal with this stage history, an industry (a taxonomy value), an amount and a close date as the
     * other demo deals have; its id (the one there already when imported before).
     */
    private long deal(String externalId, String name, String account, String domain, String owner, String industry,
            long amount, String currency, LocalDate closeDate, List<DealHistory.StageAt> stages) {
        return deals.importPast(new DealHistory.PastDeal(DemoDeals.CRM, "pack-" + externalId, name, account, domain,
                owner, industry, List.of("economic-buyer"), BigDecimal.valueOf(amount), currency, closeDate, stages,
                DealDirectory.Outcome.OPEN, null))
                .block(DemoSteps.WAIT).id();
    }

    /** A link of one asset made at {@code at}, opened a day later by a buyer who read it, or by a link scanner. */
    private void share(long owner, Long deal, IndexableAsset asset, Instant at, String email, boolean person) {
        List<ShareHistory.PageRead> pages = person
                ? List.of(new ShareHistory.PageRead(1, 1, 45_000), new ShareHistory.PageRead(1, 2, 30_000))
                : List.of(new ShareHistory.PageRead(1, 1, 0));
        ShareHistory.PastVisit visit = new ShareHistory.PastVisit("demo-pack-" + Long.toHexString(at.toEpochMilli()),
                email, person ? BROWSER : SCANNER, null, at.plus(Duration.ofDays(1)), pages);
        shares.importPast(new ShareHistory.PastShare(owner, deal, asset.title(), "As promised on our call.",
                List.of(asset.id()), Map.of(asset.id(), asset.version()), at, at.plus(Duration.ofDays(30)), null,
                false, List.of(visit))).block(DemoSteps.WAIT);
    }

    int loadPacks() {
        Long trainer = accounts.activeId("tom.trainer").blockOptional(DemoSteps.WAIT).orElse(null);
        Long rita = accounts.activeId("rita.rep").blockOptional(DemoSteps.WAIT).orElse(null);
        Long ravi = accounts.activeId("ravi.rep").blockOptional(DemoSteps.WAIT).orElse(null);
        Set<String> titles = DemoDocuments.generate().stream().map(DemoAsset::title).collect(Collectors.toSet());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<IndexableAsset> assets = steps.assets(a -> titles.contains(a.title())
                && AssetVisibility.visibleToRep(a.status(), a.expiresOn(), today));
        List<IndexableAsset> launch = assets.stream().filter(a -> a.title().contains("Analytics Studio"))
                .limit(2).toList();
        List<IndexableAsset> rivals = assets.stream().filter(a -> "battlecard".equals(a.contentType())).limit(2)
                .toList();
        if (trainer == null || rita == null || ravi == null || launch.isEmpty() || rivals.isEmpty()) {
            log.info("No demo trainer, reps or launch and battlecard assets: no demo packs");
            return 0;
        }
        Instant now = clock.instant();
        List<PackHistory.PastItem> launchItems = new ArrayList<>();
        launch.forEach(a -> launchItems.add(new PackHistory.PastItem(a.id(), a.title(), null, null, true,
                "Know the three headline capabilities before your next discovery call.", !a.internalOnly())));
        launchItems.add(new PackHistory.PastItem(null, "Talk track", """
                **Open with their month-end pain**: how many days does their close take?

                - Lead with time saved, not features.
                - Offer the Harbor case study when finance joins the call.
                """, null, false, null));
        long launchPack = packs.importPast(new PackHistory.PastPack("Analytics Studio launch", "Pitch Analytics Studio to finance "
                        + "and operations buyers from day one of the launch.", "awareness", "analytics",
                        "Analytics Studio 2027", today.plusDays(10), List.of("REP"), launchItems, 100,
                        List.of(new PackHistory.PastQuestion("Who usually signs for Analytics Studio?",
                                        List.of("The CFO or head of finance", "The IT help desk"), 0),
                                new PackHistory.PastQuestion("What do we lead with?",
                                        List.of("Price", "Time saved at month-end", "The roadmap"), 1))),
                trainer, now.minus(Duration.ofDays(12)), List.of(
                        new PackHistory.PastProgress(rita, launchItems.size(), List.of(0, 1),
                                now.minus(Duration.ofDays(9))),
                        new PackHistory.PastProgress(ravi, 1, List.of(1, 1), now.minus(Duration.ofDays(5)))))
                .block(DemoSteps.WAIT);
        List<PackHistory.PastItem> rivalItems = new ArrayList<>();
        rivals.forEach(a -> rivalItems.add(new PackHistory.PastItem(a.id(), a.title(), null, null, true,
                "Use the landmine questions early.", false)));
        // what a rep may send the buyer in a competitive deal (the battlecards are internal-only)
        IndexableAsset proof = assets.stream().filter(a -> !a.internalOnly() && "case-study".equals(a.contentType()))
                .findFirst().orElse(null);
        if (proof != null) {
            rivalItems.add(new PackHistory.PastItem(proof.id(), proof.title(), null, null, false,
                    "Send it after the evaluation call, with a note on what they asked.", true));
        }
        rivalItems.add(new PackHistory.PastItem(null, "Analyst comparison", null,
                "https://example.com/analyst-comparison", false, "For context; not buyer-facing."));
        long rivalPack = packs.importPast(new PackHistory.PastPack("Competitive: winning against the incumbents", "Know where we win "
                        + "and the traps to avoid in competitive deals.", "consideration", "platform", null,
                        today.minusDays(3), List.of("REP"), rivalItems, 50,
                        List.of(new PackHistory.PastQuestion("When should you raise the landmine questions?",
                                List.of("Early, in discovery", "After the proposal"), 0))),
                trainer, now.minus(Duration.ofDays(30)), List.of(
                        new PackHistory.PastProgress(rita, rivalItems.size(), List.of(0),
                                now.minus(Duration.ofDays(20))),
                        new PackHistory.PastProgress(ravi, 1, null, now.minus(Duration.ofDays(25)))))
                .block(DemoSteps.WAIT);
        // the funnel from learning to use: what the reps shared of the packs' assets since, and what came of it
        launch.stream().filter(a -> !a.internalOnly()).findFirst().ifPresent(a -> {
            // Rita finished 9 days ago: shared it 6 days ago for a deal a buyer read it in; the deal moved on since
            long deal = deal("launch-rita", "Analytics Studio for Harbor Finance", "Harbor Finance", "harbor.example",
                    "rita.rep", "financial-services", 48_000, "USD", today.plusDays(30),
                    List.of(stage("sal", now.minus(Duration.ofDays(25))), stage("sql", now.minus(Duration.ofDays(2)))));
            share(rita, deal, a, now.minus(Duration.ofDays(6)), "jo.finance@harbor.example", true);
            // Ravi has not finished it: shared it 8 days ago; only a link scanner opened it
            share(ravi, null, a, now.minus(Duration.ofDays(8)), null, false);
        });
        if (proof != null) {
            // Rita finished 20 days ago: shared the case study 15 days ago, read by the buyer; the deal moved on after
            long deal = deal("rivals-rita", "Platform renewal for Kestrel Retail", "Kestrel Retail",
                    "kestrel.example", "rita.rep", "retail", 96_000, "EUR", today.plusDays(21),
                    List.of(stage("sql", now.minus(Duration.ofDays(40))), stage("opportunity", now.minus(Duration.ofDays(10)))));
            share(rita, deal, proof, now.minus(Duration.ofDays(15)), "sam@kestrel.example", true);
            // Ravi has not finished it: shared it 25 days ago, read by the buyer; the deal moved on before the share
            long other = deal("rivals-ravi", "Platform for Osprey Logistics", "Osprey Logistics", "osprey.example",
                    "ravi.rep", "manufacturing", 135_000, "GBP", today.plusDays(45),
                    List.of(stage("sal", now.minus(Duration.ofDays(45))), stage("sql", now.minus(Duration.ofDays(28)))));
            share(ravi, other, proof, now.minus(Duration.ofDays(25)), "lee@osprey.example", true);
        }
        log.debug("Demo packs {} and {} with their funnel", launchPack, rivalPack);
        return 2;
    }
}
