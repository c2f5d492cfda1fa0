package dev.baton.webapp.packs;

import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.BuyerReads;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Taxonomy;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * From learning to use (issue 15, point 7): per pack, the reps who completed it against those in its audience who
 * did not, each group through the same steps: shared any of the pack's assets with buyers within {@value #WINDOW_DAYS}
 * days (after completing; for those who did not complete, after the pack was first published), a buyer opened one of
 * those links in a verified (human) visit, and the deal that link was made for moved to a later stage after the link
 * was made. Each step counts the reps of the step before (a funnel). An association, not a cause: reps who complete
 * packs may be the ones who share anyway.
 *
 * <p>Reads links and visits through sharing's {@link BuyerReads}, stage histories through {@link DealDirectory} and
 * the stages' order through the taxonomy: never their tables.
 */
@Service
class PackFunnel {

    static final int WINDOW_DAYS = 30;
    private static final Duration WINDOW = Duration.ofDays(WINDOW_DAYS);

    private final PackService packs;
    private final PackRepository repository;
    private final BuyerReads buyers;
    private final DealDirectory deals;
    private final TaxonomyService taxonomy;
    private final Clock clock;

    PackFunnel(PackService packs, PackRepository repository, BuyerReads buyers, DealDirectory deals,
            TaxonomyService taxonomy, Clock clock) {
        this.packs = packs;
        this.repository = repository;
        this.buyers = buyers;
        this.deals = deals;
        this.taxonomy = taxonomy;
        this.clock = clock;
    }

    /**
     * One group's funnel: how many reps are in it ({@code reps}, the sample size), how many of them shared, of those
     * how many had a verified buyer visit, of those how many saw the deal move on; {@code windowsOpen}: reps whose
     * {@value #WINDOW_DAYS} days have not ended yet (their counts may still grow).
     */
    record Group(int reps, int shared, int visited, int advanced, int windowsOpen) {

        public int sharedPercent() {
            return percent(shared, reps);
        }

        public int visitedPercent() {
            return percent(visited, reps);
        }

        public int advancedPercent() {
            return percent(advanced, reps);
        }

        private static int percent(int part, int whole) {
            return whole == 0 ? 0 : Math.round(part * 100f / whole);
        }
    }

    /**
     * One rep's way through the funnel.
     *
     * @param windowStart when their {@value #WINDOW_DAYS} days began: completion, or the pack's first publication
     */
    record RepStep(long accountId, String name, boolean completed, Instant windowStart, boolean shared,
            boolean visited, boolean advanced) {}

    /** A pack's funnel: completers and the rest side by side, and each rep's row. */
    record Funnel(long packId, String title, int version, Instant firstPublishedAt, int windowDays, Group completed,
            Group notCompleted, List<RepStep> people, String note) {}

    static final String NOTE = "An association, not a cause: reps who complete a pack may be the ones who would have "
            + "shared anyway. Counts are reps; small groups say little.";

    Mono<Funnel> funnel(long id) {
        Instant now = clock.instant();
        return packs.progress(id).flatMap(report -> Mono.zip(repository.versions(id).collectList(),
                        repository.version(id, report.version()).map(v -> packs.read(v.content())),
                        repository.progress(id).collectList(), repository.attempts(id).collectList(),
                        repository.firstOpened(id))
                .flatMap(t -> {
                    Instant published = t.getT1().stream().min(Comparator.comparingInt(
                            PackRepository.VersionRow::version)).map(PackRepository.VersionRow::publishedAt)
                            .orElseThrow(() -> new BatonException.Conflict("Pack " + id + " is not published"));
                    PackContent c = t.getT2();
                    Map<Long, Instant> starts = new HashMap<>();
                    Map<Long, Boolean> complete = new HashMap<>();
                    for (PackService.RepProgress r : report.people()) {
                        boolean done = r.progress().complete();
                        complete.put(r.accountId(), done);
                        Instant start = done ? completedAt(c, report.version(), r.accountId(), t.getT3(), t.getT4(),
                                t.getT5()) : null;
                        starts.put(r.accountId(), start != null ? start : published);
                    }
                    Set<UUID> assets = new LinkedHashSet<>();
                    c.items().stream().filter(i -> i.kind() == PackContent.Kind.ASSET)
                            .forEach(i -> assets.add(i.assetId()));
                    return buyers.linksHolding(starts.keySet(), assets, published)
                            .flatMap(links -> Mono.zip(deals.stageHistories(links.stream()
                                            .map(BuyerReads.LinkVisited::dealId).filter(Objects::nonNull).toList()),
                                            taxonomy.taxonomy(true))
                                    .map(h -> build(id, c.title(), report, published, starts, complete, links,
                                            h.getT1(), order(h.getT2()), now)));
                }));
    }

    private static Funnel build(long id, String title, PackService.ProgressReport report, Instant published,
            Map<Long, Instant> starts, Map<Long, Boolean> complete, List<BuyerReads.LinkVisited> links,
            Map<Long, List<DealHistory.StageAt>> histories, Map<String, Integer> order, Instant now) {
        List<RepStep> people = new ArrayList<>();
        int[] yes = new int[5];
        int[] no = new int[5];
        for (PackService.RepProgress r : report.people()) {
            Instant start = starts.get(r.accountId());
            Instant end = start.plus(WINDOW);
            List<BuyerReads.LinkVisited> mine = links.stream().filter(l -> l.ownerId() == r.accountId()
                    && !l.createdAt().isBefore(start) && l.createdAt().isBefore(end)).toList();
            List<BuyerReads.LinkVisited> seen = mine.stream().filter(l -> l.firstVerifiedAt() != null).toList();
            boolean shared = !mine.isEmpty();
            boolean visited = !seen.isEmpty();
            boolean advanced = seen.stream().anyMatch(l -> l.dealId() != null
                    && movedOn(histories.get(l.dealId()), l.createdAt(), order));
            boolean done = complete.get(r.accountId());
            people.add(new RepStep(r.accountId(), r.name(), done, start, shared, visited, advanced));
            int[] group = done ? yes : no;
            group[0]++;
            group[1] += shared ? 1 : 0;
            group[2] += visited ? 1 : 0;
            group[3] += advanced ? 1 : 0;
            group[4] += end.isAfter(now) ? 1 : 0;
        }
        people.sort(Comparator.comparing(RepStep::completed).reversed()
                .thenComparing(RepStep::name, String.CASE_INSENSITIVE_ORDER));
        return new Funnel(id, title, report.version(), published, WINDOW_DAYS,
                new Group(yes[0], yes[1], yes[2], yes[3], yes[4]), new Group(no[0], no[1], no[2], no[3], no[4]),
                people, NOTE);
    }

    /**
     * When a person completed the version: the last acknowledgement of a must-read item and the first passing quiz
     * attempt, whichever came later; for a pack with neither, when they first opened it.
     */
    static Instant completedAt(PackContent c, int version, long person, List<PackRepository.ProgressRow> rows,
            List<PackRepository.AttemptRow> attempts, Map<Long, Instant> firstOpened) {
        Instant at = null;
        for (PackContent.Item item : c.items()) {
            if (!item.mustRead()) {
                continue;
            }
            for (PackRepository.ProgressRow row : rows) {
                if (row.accountId() == person && row.itemKey().equals(item.key()) && row.acknowledgedAt() != null) {
                    at = later(at, row.acknowledgedAt());
                }
            }
        }
        if (c.hasQuiz()) {
            int since = c.quiz().revision() == null ? version : c.quiz().revision();
            Instant passed = attempts.stream().filter(a -> a.accountId() == person && a.passed()
                            && a.version() >= since)
                    .map(PackRepository.AttemptRow::submittedAt).min(Comparator.naturalOrder()).orElse(null);
            at = later(at, passed);
        }
        return at != null ? at : firstOpened.get(person);
    }

    /**
     * Whether the deal entered a later stage (in the taxonomy's order of its facet) after {@code sharedAt} than the
     * one it was in then (a deal with no stage then: any stage it entered after).
     */
    static boolean movedOn(List<DealHistory.StageAt> history, Instant sharedAt, Map<String, Integer> order) {
        if (history == null || history.isEmpty()) {
            return false;
        }
        DealHistory.StageAt then = null;
        for (DealHistory.StageAt s : history) {
            if (!s.at().isAfter(sharedAt)) {
                then = s;
            }
        }
        int from = then == null || then.stage() == null ? -1
                : order.getOrDefault(then.stageFacet() + "/" + then.stage(), -1);
        for (DealHistory.StageAt s : history) {
            if (s.at().isAfter(sharedAt) && s.stage() != null
                    && (then == null || Objects.equals(s.stageFacet(), then.stageFacet()))
                    && order.getOrDefault(s.stageFacet() + "/" + s.stage(), -1) > from) {
                return true;
            }
        }
        return false;
    }

    /** Each value's position in its facet, keyed {@code facet/value}. */
    static Map<String, Integer> order(Taxonomy tax) {
        Map<String, Integer> order = new HashMap<>();
        for (Taxonomy.Facet facet : tax.facets()) {
            for (int i = 0; i < facet.values().size(); i++) {
                order.put(facet.key() + "/" + facet.values().get(i).key(), i);
            }
        }
        return order;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
