package dev.baton.webapp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.AccountService;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo library looks like a real one: published over the last 18 months, some updated since, not all today. */
class DemoLibraryTest extends BatonTest {

    @Autowired
    DemoLibrary library;

    @Autowired
    AccountService accounts;

    @Test
    @SuppressWarnings("unchecked")
    void demoAssetsCarryTheDatesTheyWerePublishedAndUpdatedOnNotTheInstallationsDay() {
        users.user("demo-dates-marketer", "MARKETER");
        for (DemoUser user : DemoDocuments.users()) {
            users.user(user.username(), user.role());
        }
        BatonUser admin = accounts.user("admin").block(Duration.ofSeconds(30));
        List<DemoAsset> sample = DemoDocuments.generate().stream()
                .filter(a -> !a.internalOnly() && (a.expiresInDays() == null || a.expiresInDays() > 0))
                .limit(6).toList();
        for (DemoAsset asset : sample) {
            // stored now, or earlier by another demo test through this same path (DemoPacksTest loads case studies)
            library.store(asset, admin);
        }

        AssetClient marketer = new AssetClient(http, basic("demo-dates-marketer", TestUsers.PASSWORD));
        // every page of the library: backdated assets sort after everything other tests added today
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int page = 0; page == 0 || all.size() == page * 100; page++) {
            all.addAll((List<Map<String, Object>>) marketer.request("GET", "/api/v1/assets?size=100&page=" + page,
                    null).expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody().get("items"));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (DemoAsset asset : sample) {
            Map<String, Object> stored = all.stream().filter(a -> asset.title().equals(a.get("title"))).findFirst()
                    .orElseThrow();
            LocalDate published = today.minusDays(asset.publishedDaysAgo());
            assertThat(LocalDate.ofInstant(Instant.parse((String) stored.get("createdAt")), ZoneOffset.UTC))
                    .isEqualTo(published);
            LocalDate updated = LocalDate.ofInstant(Instant.parse((String) stored.get("updatedAt")), ZoneOffset.UTC);
            assertThat(updated).isBetween(published, today.minusDays(1));
        }
        List<Integer> ages = sample.stream().map(DemoAsset::publishedDaysAgo).sorted().toList();
        assertThat(ages.getLast() - ages.getFirst()).as("spread over months").isGreaterThan(90);
    }
}
