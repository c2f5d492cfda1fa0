package dev.baton.webapp.demo;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.usage.UsageService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo library's usage (installation step {@value #STEP}, after the library): the demo people's views,
 * previews, downloads and shares of the demo assets over the last {@value #DAYS} days, as a real library's would be
 * spread: a few popular assets, a long tail, and some assets nobody ever opened (so the unused-content report has
 * something to show). Each asset's uses fall between its publish date and now, on working days, more of them in
 * recent months. Written through the usage package's {@link UsageService#append} with idempotency keys, so a
 * restart in the middle records nothing twice.
 */
@Component
class DemoLibraryUsage {

    private static final Logger log = LoggerFactory.getLogger(DemoLibraryUsage.class);
    static final String STEP = "demo-usage";
    static final int DAYS = 540;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BATCH = 500;
    /** One asset in this many is never used. */
    static final int NEVER_USED_ONE_IN = 6;
    /** The most uses an asset gets (the most popular one). */
    static final int MOST_USES = 160;

    private final DemoSteps steps;
    private final Clock clock;
    private final AccountDirectory accounts;
    private final UsageService usage;

    DemoLibraryUsage(DemoSteps steps, Clock clock, AccountDirectory accounts, UsageService usage) {
        this.steps = steps;
        this.clock = clock;
        this.accounts = accounts;
        this.usage = usage;
    }

    /** Loads the usage once the demo library is in ({@code demo-library} done, not skipped); runs once. */
    void load() {
        int recorded = steps.once(STEP, this::loadUsage);
        if (recorded < 0) {
            return;
        }
        log.info("Loaded the demo library's usage: {} events over the last {} days", recorded, DAYS);
    }

    /** Records the usage of the demo assets in the library (those not recorded before); returns how many now. */
    int loadUsage() {
        List<Person> people = new ArrayList<>();
        for (DemoUser user : DemoDocuments.users()) {
            accounts.activeId(user.username()).blockOptional(WAIT)
                    .ifPresent(id -> people.add(new Person(id, "REP".equals(user.role()))));
        }
        List<IndexableAsset> assets = demoAssets();
        if (people.stream().noneMatch(Person::rep) || assets.isEmpty()) {
            log.info("No demo reps or no demo assets: no demo usage");
            return 0;
        }
        List<UsageService.UsageEvent> events = plan(assets, people, clock.instant());
        int recorded = 0;
        for (int from = 0; from < events.size(); from += BATCH) {
            List<Boolean> done = usage.append(events.subList(from, Math.min(events.size(), from + BATCH)))
                    .block(WAIT);
            recorded += done == null ? 0 : (int) done.stream().filter(Boolean::booleanValue).count();
        }
        return recorded;
    }

    /** The library's assets that are demo assets (by title), in a stable order. */
    private List<IndexableAsset> demoAssets() {
        Set<String> titles = DemoDocuments.generate().stream().map(DemoAsset::title).collect(Collectors.toSet());
        return steps.assets(a -> titles.contains(a.title()));
    }

    /** A demo person who uses assets: reps share too, everyone views, previews and downloads. */
    record Person(long id, boolean rep) {}

    /** Whether the asset of this title is one nobody ever opened. */
    static boolean neverUsed(String title) {
        return Math.floorMod(seed(title), NEVER_USED_ONE_IN) == 0;
    }

    /**
     * How many times the asset of this title is used over the period: none for the never-used ones, otherwise a
     * heavy tail (a handful of assets near {@value #MOST_USES}, most a few dozen or fewer).
     */
    static int uses(String title) {
        if (neverUsed(title)) {
            return 0;
        }
        double u = new Random(seed(title) * 31L + 7).nextDouble();
        return 2 + (int) Math.round((MOST_USES - 2) * Math.pow(u, 5));
    }

    /**
     * {@link #uses(String)} for an asset out for {@code days} days: one out for less than a year has had only its
     * share of a year's uses (at least one, unless it is never used).
     */
    static int uses(String title, long days) {
        int full = uses(title);
        if (full == 0 || days >= 365) {
            return full;
        }
        return (int) Math.max(1, Math.round(full * Math.max(0, days) / 365.0));
    }

    /** The events of these assets by these people, up to {@code now}; the same inputs give the same events. */
    static List<UsageService.UsageEvent> plan(List<IndexableAsset> assets, List<Person> people, Instant now) {
        List<Person> reps = people.stream().filter(Person::rep).toList();
        Instant earliest = now.minus(Duration.ofDays(DAYS));
        List<UsageService.UsageEvent> events = new ArrayList<>();
        for (IndexableAsset asset : assets) {
            Instant start = asset.publishedAt() == null || asset.publishedAt().isBefore(earliest) ? earliest
                    : asset.publishedAt();
            Instant end = now.minus(Duration.ofHours(2));
            int count = uses(asset.title(), Duration.between(start, now).toDays());
            if (count == 0) {
                continue;
            }
            if (!start.isBefore(end)) {
                continue;
            }
            Random random = new Random(seed(asset.title()));
            for (int i = 0; i < count; i++) {
                // more uses lately than long ago, as a library grows its audience: a skew towards the end
                double at = Math.pow(random.nextDouble(), 0.6);
                Instant when = workingHours(start.plusMillis((long) (at * Duration.between(start, end).toMillis())),
                        random);
                if (when.isBefore(start) || when.isAfter(end)) {
                    when = start.plus(Duration.between(start, end).dividedBy(2));
                }
                boolean byRep = people.size() == reps.size() || random.nextInt(100) < 80;
                Person who = byRep ? reps.get(random.nextInt(reps.size())) : people.get(random.nextInt(people.size()));
                UsageService.Action action = action(random.nextInt(100), who.rep() && !asset.internalOnly());
                events.add(new UsageService.UsageEvent(who.id(), asset.id(), asset.version(), action, when, null,
                        null, null, null, null, null, null, "demo-usage:" + asset.id() + ":" + i));
            }
        }
        return events;
    }

    /** Views most, then previews and downloads; shares (by reps, of what may go to a buyer) least. */
    private static UsageService.Action action(int dice, boolean mayShare) {
        if (dice < 55) {
            return UsageService.Action.VIEW;
        }
        if (dice < 75) {
            return UsageService.Action.PREVIEW;
        }
        if (dice < 90 || !mayShare) {
            return UsageService.Action.DOWNLOAD;
        }
        return UsageService.Action.SHARE;
    }

    /** The same day's working hours (UTC), moved off a weekend to the Friday before. */
    private static Instant workingHours(Instant at, Random random) {
        ZonedDateTime day = at.atZone(ZoneOffset.UTC);
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            day = day.minusDays(1);
        } else if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(2);
        }
        return day.withHour(8 + random.nextInt(9)).withMinute(random.nextInt(60)).withSecond(random.nextInt(60))
                .toInstant();
    }

    private static int seed(String title) {
        // String.hashCode is specified, so the demo's popular assets are the same on every installation
        return title.hashCode() ^ 0x5bd1e995;
    }
}
