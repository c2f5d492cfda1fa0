package dev.baton.webapp.demo;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The demo library's deals (installation step {@value #STEP}, after the library): open, won and lost deals of the
 * demo reps over the last {@value #DAYS} days (by the clock), with stage histories, amounts, accounts and their
 * domains, industries and personas; links of demo assets shared for them (single assets and rooms), buyers' visits
 * with their page reads (and a few link scanners kept apart), and the reps' own uses of assets for the deals. Written
 * through the owners' history imports ({@link DealHistory}, {@link ShareHistory}, {@link UsageService#appendInTransaction}), one
 * transaction per deal: a restart in the middle goes on with the deals not yet in.
 */
@Component
class DemoDeals {

    private static final Logger log = LoggerFactory.getLogger(DemoDeals.class);
    static final String STEP = "demo-deals";
    static final String CRM = "demo";
    static final int DAYS = 120;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String SCANNER = "Mozilla/5.0 (compatible; Proofpoint URL Defense scanner)";

    /** A demo buyer account: its name, web domain, industry and the people a rep deals with there. */
    private record Account(String name, String domain, String industry, List<String> contacts) {}

    private static final List<Account> ACCOUNTS = List.of(
            new Account("Northwind Bank", "northwind-bank.example", "financial-services", List.of("cfo", "it.lead")),
            new Account("Harbor Mutual Insurance", "harbor-mutual.example", "financial-services",
                    List.of("vp.ops", "architect")),
            new Account("St. Aldric Health", "st-aldric-health.example", "healthcare", List.of("cio", "nurse.lead")),
            new Account("Meridian Clinics", "meridian-clinics.example", "healthcare", List.of("coo")),
            new Account("Kessler Fabrication", "kessler-fab.example", "manufacturing", List.of("plant.manager",
                    "procurement")),
            new Account("Ironvale Components", "ironvale.example", "manufacturing", List.of("cto")),
            new Account("Brightcart Stores", "brightcart.example", "retail", List.of("head.ecommerce", "cfo")),
            new Account("Tidewater Outfitters", "tidewater-outfitters.example", "retail", List.of("marketing.director")),
            new Account("Quanta Cloudworks", "quanta-cloud.example", "technology", List.of("vp.engineering",
                    "security")),
            new Account("Lumen Analytics", "lumen-analytics.example", "technology", List.of("founder")),
            new Account("City of Riverton", "riverton-city.example", "public-sector", List.of("it.director")),
            new Account("Westbrook University", "westbrook-uni.example", "public-sector", List.of("provost",
                    "it.services")));

    private static final List<String> PERSONAS = List.of("economic-buyer", "technical-evaluator", "champion",
            "end-user", "executive-sponsor");
    private static final List<String> REPS = List.of("rita.rep", "ravi.rep");
    private static final List<String> CURRENCIES = List.of("USD", "USD", "EUR", "GBP");

    private final DemoSteps steps;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final AccountDirectory accounts;
    private final DealHistory deals;
    private final ShareHistory shares;
    private final UsageService usage;

    DemoDeals(DemoSteps steps, TransactionalOperator tx, Clock clock, AccountDirectory accounts,
            DealHistory deals, ShareHistory shares, UsageService usage) {
        this.steps = steps;
        this.tx = tx;
        this.clock = clock;
        this.accounts = accounts;
        this.deals = deals;
        this.shares = shares;
        this.usage = usage;
    }

    /**
     * Loads the demo deals once the demo library is in ({@code demo-library} done, not skipped); runs once, and a
     * run cut short goes on from the deals not yet in.
     */
    void load() {
        int loaded = steps.once(STEP, this::loadDeals);
        if (loaded < 0) {
            return;
        }
        log.info("Loaded the demo deals: {} deals with their links and visits", loaded);
    }

    /** Writes the demo deals not yet in; returns how many it wrote now. */
    int loadDeals() {
        Map<String, Long> reps = new LinkedHashMap<>();
        for (String rep : REPS) {
            accounts.activeId(rep).blockOptional(WAIT).ifPresent(id -> reps.put(rep, id));
        }
        List<IndexableAsset> shareable = shareable();
        if (reps.isEmpty() || shareable.isEmpty()) {
            log.info("No demo reps or no shareable demo assets: no demo deals");
            return 0;
        }
        int loaded = 0;
        for (DemoDeal deal : plan(clock.instant(), List.copyOf(reps.keySet()), shareable)) {
            long ownerId = reps.get(deal.deal().owner());
            Boolean created = deals.importPast(deal.deal())
                    .flatMap(imported -> !imported.created() ? Mono.just(false)
                            : Flux.fromIterable(deal.shares())
                                    .concatMap(share -> shares.importPast(share.forDeal(ownerId, imported.id())))
                                    .then(usage.appendInTransaction(deal.uses(ownerId, imported.id())))
                                    .thenReturn(true))
                    .as(tx::transactional)
                    .block(WAIT);
            if (Boolean.TRUE.equals(created)) {
                loaded++;
            }
        }
        return loaded;
    }

    /** Published assets that may go to a buyer (not internal-only, not expired), in a stable order. */
    private List<IndexableAsset> shareable() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return steps.assets(asset -> "PUBLISHED".equalsIgnoreCase(asset.status()) && !asset.internalOnly()
                && (asset.expiresOn() == null || asset.expiresOn().isAfter(today)));
    }

    /** A demo deal with its links (not yet tied to a deal id) and the rep's own uses of assets for it. */
    record DemoDeal(DealHistory.PastDeal deal, List<DemoShare> shares, List<DemoUse> ownUses) {

        List<UsageService.UsageEvent> uses(long ownerId, long dealId) {
            List<UsageService.UsageEvent> events = new ArrayList<>();
            for (int i = 0; i < ownUses.size(); i++) {
                DemoUse use = ownUses.get(i);
                events.add(new UsageService.UsageEvent(ownerId, use.asset(), use.version(), use.action(), use.at(),
                        dealId, null, null, null, null, use.source(), null,
                        "demo:" + deal.externalId() + ":use:" + i));
            }
            return events;
        }
    }

    /** A link of a demo deal before the deal has its id. */
    record DemoShare(String title, String note, List<UUID> assets, Map<UUID, Integer> versions, Instant createdAt,
            Instant expiresAt, List<String> gateDomains, List<ShareHistory.PastVisit> visits) {

        ShareHistory.PastShare forDeal(long ownerId, long dealId) {
            return new ShareHistory.PastShare(ownerId, dealId, title, note, assets, versions, createdAt, expiresAt,
                    gateDomains, false, visits);
        }
    }

    /** A rep's own use of an asset for a deal (a download, a view, an email, a meeting). */
    record DemoUse(UUID asset, int version, UsageService.Action action, Instant at, String source) {}

    /**
     * The demo deals as of {@code now}: the same every time for the same clock and assets (a fixed seed), every
     * date within the last {@value #DAYS} days. Plain Java.
     */
    static List<DemoDeal> plan(Instant now, List<String> reps, List<IndexableAsset> shareable) {
        Random random = new Random(13);
        List<DemoDeal> planned = new ArrayList<>();
        Outcome[] outcomes = {Outcome.WON, Outcome.OPEN, Outcome.LOST, Outcome.OPEN, Outcome.WON, Outcome.OPEN,
            Outcome.LOST, Outcome.WON, Outcome.OPEN, Outcome.OPEN, Outcome.WON, Outcome.LOST, Outcome.OPEN,
            Outcome.WON, Outcome.OPEN, Outcome.OPEN};
        String[] what = {"Platform rollout", "Expansion", "Pilot", "Renewal and upsell", "Enterprise licence",
            "Team plan"};
        for (int n = 0; n < outcomes.length; n++) {
            Outcome outcome = outcomes[n];
            Account account = ACCOUNTS.get(n % ACCOUNTS.size());
            String rep = reps.get(n % reps.size());
            // created 40 to 115 days ago; stages a week or two apart; decided 2 to 20 days ago at the latest
            Instant created = now.minus(Duration.ofDays(40 + random.nextInt(76))).minus(Duration.ofHours(random.nextInt(9)));
            List<String> path = switch (outcome) {
                case WON -> List.of("sal", "sql", "opportunity", "customer");
                case LOST -> List.of("sal", "sql", "opportunity");
                case OPEN -> List.of("sal", "sql", "opportunity").subList(0, 1 + random.nextInt(3));
            };
            Instant decidedBy = now.minus(Duration.ofDays(2 + random.nextInt(18)));
            long span = Duration.between(created, outcome == Outcome.OPEN ? now.minus(Duration.ofDays(1)) : decidedBy)
                    .toMinutes();
            List<DealHistory.StageAt> stages = new ArrayList<>();
            for (int s = 0; s < path.size(); s++) {
                Instant at = s == 0 ? created : created.plus(Duration.ofMinutes(span * s / path.size()));
                if (outcome == Outcome.WON && s == path.size() - 1) {
                    at = decidedBy;
                }
                stages.add(new DealHistory.StageAt("funnel_stage", path.get(s), at));
            }
            Instant decided = outcome == Outcome.OPEN ? null : decidedBy;
            List<String> personas = List.of(PERSONAS.get(n % PERSONAS.size()), PERSONAS.get((n + 2) % PERSONAS.size()));
            String currency = CURRENCIES.get(n % CURRENCIES.size());
            BigDecimal amount = BigDecimal.valueOf(12_000 + random.nextInt(180) * 1_000L);
            LocalDate close = outcome == Outcome.OPEN
                    ? LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(10 + random.nextInt(80))
                    : LocalDate.ofInstant(decidedBy, ZoneOffset.UTC);
            String externalId = "demo-" + (n + 1);
            DealHistory.PastDeal deal = new DealHistory.PastDeal(CRM, externalId,
                    account.name() + ": " + what[n % what.length], account.name(), account.domain(), rep,
                    account.industry(), personas, amount, currency, close, stages, outcome, decided);

            List<IndexableAsset> fitting = shareable.stream()
                    .filter(a -> a.facets().getOrDefault("industry", List.of()).contains(account.industry()))
                    .toList();
            List<IndexableAsset> pool = fitting.size() >= 3 ? fitting : shareable;
            Instant shareEnd = decided != null ? decided : now.minus(Duration.ofHours(6));
            List<DemoShare> links = new ArrayList<>();
            List<DemoUse> uses = new ArrayList<>();
            int linkCount = 1 + random.nextInt(2);
            for (int l = 0; l < linkCount; l++) {
                boolean room = l == 1 || n % 3 == 0;
                List<IndexableAsset> chosen = new ArrayList<>();
                int size = room ? Math.min(3, pool.size()) : 1;
                int start = random.nextInt(pool.size());
                for (int i = 0; i < size; i++) {
                    chosen.add(pool.get((start + i) % pool.size()));
                }
                long window = Math.max(60, Duration.between(created, shareEnd).toMinutes());
                Instant sharedAt = created.plus(Duration.ofMinutes(window * (l + 1) / (linkCount + 2)));
                Instant expires = outcome == Outcome.OPEN ? now.plus(Duration.ofDays(30))
                        : sharedAt.plus(Duration.ofDays(30));
                List<ShareHistory.PastVisit> visits = new ArrayList<>();
                // a mail gateway opens the link the moment the email arrives
                if (random.nextInt(3) == 0) {
                    visits.add(new ShareHistory.PastVisit(visitor(random), null, SCANNER, null,
                            sharedAt.plus(Duration.ofSeconds(20 + random.nextInt(60))), List.of()));
                }
                int people = outcome == Outcome.LOST && l == 0 ? random.nextInt(2) : 1 + random.nextInt(3);
                Instant visitsEnd = outcome == Outcome.OPEN ? now.minus(Duration.ofHours(2)) : shareEnd;
                long visitWindow = Math.max(60, Duration.between(sharedAt, visitsEnd).toMinutes());
                for (int v = 0; v < people; v++) {
                    String contact = account.contacts().get(v % account.contacts().size());
                    Instant at = sharedAt.plus(Duration.ofMinutes(30 + (visitWindow - 30) * v / Math.max(1, people)
                            + random.nextInt(120)));
                    if (at.isAfter(visitsEnd)) {
                        at = visitsEnd.minus(Duration.ofMinutes(30));
                    }
                    List<ShareHistory.PageRead> reads = new ArrayList<>();
                    for (int item = 1; item <= chosen.size(); item++) {
                        int pages = item == 1 ? 2 + random.nextInt(2) : random.nextInt(3);
                        for (int p = 1; p <= pages; p++) {
                            reads.add(new ShareHistory.PageRead(item, p, 5_000 + random.nextInt(85_000)));
                        }
                    }
                    visits.add(new ShareHistory.PastVisit(visitor(random), contact + "@" + account.domain(),
                            BROWSER, null, at, reads));
                }
                Map<UUID, Integer> versions = new LinkedHashMap<>();
                chosen.forEach(a -> versions.put(a.id(), a.version()));
                String title = room ? account.name() + ": " + (l == 0 ? "evaluation room" : "business case room")
                        : chosen.getFirst().title();
                String note = room ? "Everything we discussed, in one place. Start with the first item." : "";
                links.add(new DemoShare(title, note, chosen.stream().map(IndexableAsset::id).toList(), versions,
                        sharedAt, expires, List.of(account.domain()), visits));
                IndexableAsset first = chosen.getFirst();
                uses.add(new DemoUse(first.id(), first.version(), UsageService.Action.DOWNLOAD,
                        sharedAt.minus(Duration.ofMinutes(20 + random.nextInt(200))), "baton"));
            }
            IndexableAsset presented = pool.get(random.nextInt(pool.size()));
            Instant meeting = created.plus(Duration.ofMinutes(
                    Math.max(60, Duration.between(created, shareEnd).toMinutes()) / 2));
            uses.add(new DemoUse(presented.id(), presented.version(), UsageService.Action.MEETING, meeting,
                    "calendar-addin"));
            uses.add(new DemoUse(presented.id(), presented.version(), UsageService.Action.VIEW,
                    meeting.minus(Duration.ofHours(2)), "baton"));
            planned.add(new DemoDeal(deal, links, uses));
        }
        return planned;
    }

    private static String visitor(Random random) {
        return "demo" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }
}
