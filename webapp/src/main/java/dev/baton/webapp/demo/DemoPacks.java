package dev.baton.webapp.demo;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.packs.PackHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Two published enablement packs (installation step {@value #STEP}, after the library): a product launch and a
 * competitive pack, built from demo assets, for every rep, by the demo trainer, with the demo reps' progress (one
 * finished the launch pack and passed its quiz, one is part way; the competitive pack is overdue for one of them).
 * Written through the packs package's history import ({@link PackHistory#importPast}): no notifications.
 */
@Component
class DemoPacks {

    static final String STEP = "demo-packs";

    private static final Logger log = LoggerFactory.getLogger(DemoPacks.class);

    private final DemoSteps steps;
    private final Clock clock;
    private final AccountDirectory accounts;
    private final PackHistory packs;

    DemoPacks(DemoSteps steps, Clock clock, AccountDirectory accounts, PackHistory packs) {
        this.steps = steps;
        this.clock = clock;
        this.accounts = accounts;
        this.packs = packs;
    }

    /** Loads the packs once the demo library is in; runs once. */
    void load() {
        int loaded = steps.once(STEP, this::loadPacks);
        if (loaded >= 0) {
            log.info("Loaded {} demo packs", loaded);
        }
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
                "Know the three headline capabilities before your next discovery call.")));
        launchItems.add(new PackHistory.PastItem(null, "Talk track", """
                **Open with their month-end pain**: how many days does their close take?

                - Lead with time saved, not features.
                - Offer the Harbor case study when finance joins the call.
                """, null, false, null));
        packs.importPast(new PackHistory.PastPack("Analytics Studio launch", "Pitch Analytics Studio to finance "
                        + "and operations buyers from day one of the launch.", "Discovery", "Analytics Studio",
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
                "Use the landmine questions early.")));
        rivalItems.add(new PackHistory.PastItem(null, "Analyst comparison", null,
                "https://example.com/analyst-comparison", false, "For context; not buyer-facing."));
        packs.importPast(new PackHistory.PastPack("Competitive: winning against the incumbents", "Know where we win "
                        + "and the traps to avoid in competitive deals.", "Evaluation", null, null,
                        today.minusDays(3), List.of("REP"), rivalItems, 50,
                        List.of(new PackHistory.PastQuestion("When should you raise the landmine questions?",
                                List.of("Early, in discovery", "After the proposal"), 0))),
                trainer, now.minus(Duration.ofDays(30)), List.of(
                        new PackHistory.PastProgress(rita, rivalItems.size(), List.of(0),
                                now.minus(Duration.ofDays(20))),
                        new PackHistory.PastProgress(ravi, 1, null, now.minus(Duration.ofDays(25)))))
                .block(DemoSteps.WAIT);
        return 2;
    }
}
