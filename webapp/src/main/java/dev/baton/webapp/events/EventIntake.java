package dev.baton.webapp.events;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealDirectory.DealRef;
import dev.baton.webapp.events.EventBatch.DealKey;
import dev.baton.webapp.events.EventBatch.Incoming;
import dev.baton.webapp.events.EventBatch.Problem;
import dev.baton.webapp.usage.UsageService;
import dev.baton.webapp.usage.UsageService.UsageEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records a checked batch of events from another tool as the caller's usage: every asset must be one the caller may
 * see ({@code AssetVisibility}: reps see published, unexpired assets), every version one the asset has, every deal
 * one the caller may work with. A batch with any bad event records nothing; a good one is appended in one statement
 * ({@link UsageService#append}), so it is durable, all of it, when the answer leaves.
 */
@Service
class EventIntake {

    /** What became of each event of a batch, in order. */
    record Outcome(int recorded, int duplicates, List<EventOutcome> events) {}

    /** One event's fate: {@code recorded}, or {@code duplicate} when its idempotency key was seen before. */
    record EventOutcome(int index, String idempotencyKey, String outcome) {}

    private final ContentService content;
    private final DealDirectory deals;
    private final UsageService usage;

    EventIntake(ContentService content, DealDirectory deals, UsageService usage) {
        this.content = content;
        this.deals = deals;
        this.usage = usage;
    }

    Mono<Outcome> record(List<Incoming> events, BatonUser user) {
        Set<UUID> assets = new LinkedHashSet<>();
        Set<DealKey> dealKeys = new LinkedHashSet<>();
        for (Incoming e : events) {
            assets.add(e.assetId());
            if (e.deal() != null) {
                dealKeys.add(e.deal());
            }
        }
        Mono<Map<DealKey, Optional<DealRef>>> resolved = Flux.fromIterable(dealKeys)
                .flatMap(key -> find(key)
                        .filter(deal -> DealDirectory.mayRead(user, deal))
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .map(deal -> Map.entry(key, deal)), 4)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(content.currentVersions(assets, user), resolved).flatMap(found -> {
            Map<UUID, Integer> versions = found.getT1();
            Map<DealKey, Optional<DealRef>> dealRefs = found.getT2();
            List<Problem> problems = new ArrayList<>();
            List<UsageEvent> append = new ArrayList<>(events.size());
            for (Incoming e : events) {
                Integer current = versions.get(e.assetId());
                if (current == null) {
                    problems.add(new Problem(e.index(), "assetId", "no asset " + e.assetId()
                            + " that you may see"));
                } else if (e.version() != null && e.version() > current) {
                    problems.add(new Problem(e.index(), "version", "asset " + e.assetId() + " has versions 1 to "
                            + current));
                }
                Long dealId = null;
                if (e.deal() != null) {
                    Optional<DealRef> deal = dealRefs.getOrDefault(e.deal(), Optional.empty());
                    if (deal.isEmpty()) {
                        problems.add(new Problem(e.index(), "deal", "no " + e.deal().describe()
                                + " that you may work with"));
                    } else {
                        dealId = deal.get().id();
                    }
                }
                append.add(new UsageEvent(user.id(), e.assetId(), e.version() != null ? e.version() : current,
                        e.action(), e.occurredAt(), dealId, null, null, null, null, e.source(), e.note(),
                        e.idempotencyKey()));
            }
            if (!problems.isEmpty()) {
                return Mono.error(new InvalidEvents(problems));
            }
            return usage.append(append).map(recorded -> {
                List<EventOutcome> outcomes = new ArrayList<>(events.size());
                int n = 0;
                for (int i = 0; i < events.size(); i++) {
                    boolean isNew = recorded.get(i);
                    n += isNew ? 1 : 0;
                    outcomes.add(new EventOutcome(i, events.get(i).idempotencyKey(),
                            isNew ? "recorded" : "duplicate"));
                }
                return new Outcome(n, events.size() - n, outcomes);
            });
        });
    }

    private Mono<DealRef> find(DealKey key) {
        return key.id() != null ? deals.find(key.id()) : deals.findByCrm(key.crm(), key.externalId());
    }
}
