package dev.baton.webapp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.AccountService;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.usage.UsageService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo library is used as a real one is: over the last 18 months, not on one day; a few assets popular, a long
 * tail, and some never opened, so the most-used list and the unused-content report have something to show.
 */
class DemoLibraryUsageTest extends BatonTest {

    @Autowired
    DemoLibrary library;

    @Autowired
    DemoLibraryUsage demoUsage;

    @Autowired
    AccountService accounts;

    @Autowired
    AssetCatalog catalog;

    @Autowired
    UsageService usage;

    @Test
    @SuppressWarnings("unchecked")
    void demoUsageSpansMonthsWithAFewPopularAssetsALongTailAndSomeNeverUsed() {
        users.user("demo-usage-marketer", "MARKETER");
        for (DemoUser user : DemoDocuments.users()) {
            users.user(user.username(), user.role());
        }
        BatonUser admin = accounts.user("admin").block(Duration.ofSeconds(30));
        // published, shareable demo assets, apart from the first ones (another test stores those): the two most
        // used, two never used and the three least used
        List<DemoAsset> candidates = DemoDocuments.generate().stream()
                .filter(a -> !a.internalOnly() && (a.expiresInDays() == null || a.expiresInDays() > 30))
                .skip(8).toList();
        List<DemoAsset> byUses = candidates.stream()
                .sorted(Comparator.comparingInt((DemoAsset a) -> DemoLibraryUsage.uses(a.title(),
                        a.publishedDaysAgo())).reversed())
                .toList();
        List<DemoAsset> sample = new ArrayList<>(byUses.subList(0, 2));
        sample.addAll(byUses.stream().filter(a -> DemoLibraryUsage.neverUsed(a.title())).limit(2).toList());
        List<DemoAsset> used = byUses.stream().filter(a -> !DemoLibraryUsage.neverUsed(a.title())).toList();
        sample.addAll(used.subList(used.size() - 3, used.size())); // the least used: the long tail's end
        assertThat(sample).hasSize(7);
        for (DemoAsset asset : sample) {
            library.store(asset, admin);
        }
        Set<String> titles = sample.stream().map(DemoAsset::title).collect(Collectors.toSet());
        Map<String, IndexableAsset> stored = catalog.page(null, 100_000).filter(a -> titles.contains(a.title()))
                .collectMap(IndexableAsset::title, Function.identity()).block(Duration.ofSeconds(30));
        assertThat(stored).hasSize(7);
        Map<UUID, String> titleOf = stored.values().stream()
                .collect(Collectors.toMap(IndexableAsset::id, IndexableAsset::title));

        long before = usage.lastUseId().block(Duration.ofSeconds(30));
        assertThat(demoUsage.loadUsage()).isPositive();
        List<UsageService.Event> events = new ArrayList<>();
        for (long after = before; ; ) {
            List<UsageService.Event> page = usage.eventsAfter(after, 1000).block(Duration.ofSeconds(30));
            if (page == null || page.isEmpty()) {
                break;
            }
            page.stream().filter(e -> titleOf.containsKey(e.assetId())).forEach(events::add);
            after = page.getLast().id();
        }

        Map<String, Long> perAsset = events.stream()
                .collect(Collectors.groupingBy(e -> titleOf.get(e.assetId()), Collectors.counting()));
        // some assets never used; a few popular ones far ahead of the tail
        for (DemoAsset asset : sample) {
            if (DemoLibraryUsage.neverUsed(asset.title())) {
                assertThat(perAsset).doesNotContainKey(asset.title());
            }
        }
        long top = perAsset.get(byUses.getFirst().title());
        long tail = sample.subList(4, 7).stream().mapToLong(a -> perAsset.getOrDefault(a.title(), 0L)).max()
                .orElseThrow();
        assertThat(top).as("the most used asset against the tail").isGreaterThanOrEqualTo(3 * tail);

        // over many months, never on one day, and each asset only after it was published
        Instant now = Instant.now();
        Set<YearMonth> months = events.stream().map(e -> YearMonth.from(e.occurredAt().atZone(ZoneOffset.UTC)))
                .collect(Collectors.toSet());
        assertThat(months.size()).as("months with uses").isGreaterThanOrEqualTo(9);
        Map<LocalDate, Long> perDay = events.stream().collect(Collectors.groupingBy(
                e -> LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC), Collectors.counting()));
        assertThat(perDay.size()).as("days with uses").isGreaterThan(40);
        assertThat(perDay.values().stream().mapToLong(Long::longValue).max().orElseThrow())
                .as("the busiest day's uses").isLessThan(events.size() / 10);
        for (UsageService.Event event : events) {
            IndexableAsset asset = stored.get(titleOf.get(event.assetId()));
            assertThat(event.occurredAt()).isBetween(asset.publishedAt(), now);
        }
        assertThat(events).extracting(UsageService.Event::action).contains("VIEW", "DOWNLOAD", "SHARE");

        // loaded again (a restart in the middle), nothing is counted twice
        assertThat(demoUsage.loadUsage()).isZero();

        // the reports show it: the popular assets among the most used of the 18 months, a never used one unused
        AssetClient marketer = new AssetClient(http, basic("demo-usage-marketer", TestUsers.PASSWORD));
        UUID popular = stored.get(byUses.getFirst().title()).id();
        UUID unused = stored.get(sample.get(2).title()).id();
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(DemoLibraryUsage.DAYS).toString();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> report = marketer.request("GET", "/api/v1/reports/usage?from=" + from
                    + "&limit=100", null).expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult()
                    .getResponseBody();
            List<Map<String, Object>> most = (List<Map<String, Object>>) report.get("top");
            assertThat(most).extracting(a -> a.get("assetId")).contains(popular.toString());
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> report = marketer.request("GET", "/api/v1/reports/unused?window=365&limit=1000",
                    null).expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
            List<Map<String, Object>> assets = (List<Map<String, Object>>) report.get("assets");
            assertThat(assets).extracting(a -> a.get("id")).contains(unused.toString())
                    .doesNotContain(popular.toString());
        });
    }
}
