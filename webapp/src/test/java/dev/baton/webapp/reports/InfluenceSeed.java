package dev.baton.webapp.reports;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.deals.DealDirectory.Outcome;
import dev.baton.webapp.deals.DealHistory;
import dev.baton.webapp.sharing.ShareHistory;
import dev.baton.webapp.usage.UsageService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Deals, shares and uses for the report tests, written through their owners' history imports with times in the past,
 * so the right figures are known: each deal begins {@code days} before it is decided.
 */
final class InfluenceSeed {

    private final WebTestClient http;
    private final String marketer;
    private final DealHistory deals;
    private final ShareHistory shares;
    private final UsageService usage;
    final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    InfluenceSeed(WebTestClient http, String marketerAuthorization, DealHistory deals, ShareHistory shares,
            UsageService usage) {
        this.http = http;
        this.marketer = marketerAuthorization;
        this.deals = deals;
        this.shares = shares;
        this.usage = usage;
    }

    Instant daysAgo(long days) {
        return now.minus(Duration.ofDays(days));
    }

    /** A published PDF with these facets, owned by the marketer; its id. */
    UUID asset(String title, Map<String, List<String>> facets) {
        return asset(title, facets, "published");
    }

    UUID asset(String title, Map<String, List<String>> facets, String status) {
        Map<String, Object> created = new AssetClient(http, marketer).created(
                TestFiles.pdf(title, "Baton tests", List.of(title + " " + UUID.randomUUID())), title + ".pdf",
                Map.of("title", title, "status", status, "facets", facets));
        return UUID.fromString((String) created.get("id"));
    }

    /** A decided deal owned by {@code owner}, begun {@code days} days before its decision {@code decidedDaysAgo}. */
    long decided(String owner, Outcome outcome, long decidedDaysAgo, long days, BigDecimal amount, String currency) {
        Instant decided = daysAgo(decidedDaysAgo);
        Instant begun = decided.minus(Duration.ofDays(days));
        return deal(owner, List.of(new DealHistory.StageAt("buyer_stage", "awareness", begun)), outcome, decided,
                amount, currency);
    }

    /** An open deal. */
    long open(String owner, BigDecimal amount, String currency) {
        return deal(owner, List.of(new DealHistory.StageAt("buyer_stage", "consideration", daysAgo(30))),
                Outcome.OPEN, null, amount, currency);
    }

    long deal(String owner, List<DealHistory.StageAt> stages, Outcome outcome, Instant decided, BigDecimal amount,
            String currency) {
        String id = UUID.randomUUID().toString();
        return deals.importPast(new DealHistory.PastDeal("baton", "report-" + id, "Deal " + id.substring(0, 8),
                "Account " + id.substring(0, 8), null, owner, null, List.of(), amount, currency, null, stages,
                outcome, decided)).block().id();
    }

    /** A link of these assets made by {@code ownerId} for the deal at {@code at}. */
    void share(long ownerId, long dealId, Instant at, UUID... assets) {
        Map<UUID, Integer> versions = new java.util.HashMap<>();
        for (UUID asset : assets) {
            versions.put(asset, 1);
        }
        shares.importPast(new ShareHistory.PastShare(ownerId, dealId, "For the deal", null, List.of(assets), versions,
                at, at.plus(Duration.ofDays(30)), null, false, List.of())).block();
    }

    /** A download of the asset by {@code accountId} recorded with the deal at {@code at} (no link). */
    void used(long accountId, long dealId, Instant at, UUID asset) {
        usage.append(List.of(new UsageService.UsageEvent(accountId, asset, 1, UsageService.Action.DOWNLOAD, at,
                dealId, null, null, null, null, "test", null, null))).block();
    }

    /** A view of the asset in Baton by {@code accountId}, now. */
    void viewed(long accountId, UUID asset) {
        usage.record(accountId, asset, 1, UsageService.Action.VIEW, null).block();
    }

    /** A team of these accounts, made by the admin through the API; its id. */
    static long team(WebTestClient http, String adminAuthorization, String name, List<Long> members) {
        Map<?, ?> team = http.post().uri("/api/v1/teams").header("Authorization", adminAuthorization)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "memberIds", new ArrayList<>(members)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) team.get("id")).longValue();
    }
}
