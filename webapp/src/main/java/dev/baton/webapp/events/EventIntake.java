package dev.baton.webapp.events;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealDirectory.DealRef;
import dev.baton.webapp.events.EventBatch.DealKey;
import dev.baton.webapp.events.EventBatch.Incoming;
import dev.baton.webapp.events.EventBatch.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records a checked batch of events from another tool as the caller's usage: every deal must be one the caller may
 * work with (resolved here), every asset one the caller may see and every version one the asset has (checked by
 * {@link EventSink} with the assets of concurrent batches in one query). A batch with any bad event records nothing;
 * a good one is appended in one statement (with those of concurrent requests), so it is durable, all of it, when
 * the answer leaves.
 */
@Service
class EventIntake {

    /** What became of each event of a batch, in order. */
    record Outcome(int recorded, int duplicates, List<EventOutcome> events) {}

    /** One event's fate: {@code recorded}, or {@code duplicate} when its idempotency key was seen before. */
    record EventOutcome(int index, String idempotencyKey, String outcome) {}

    private final DealDirectory deals;
    private final EventSink sink;

    EventIntake(DealDirectory deals, EventSink sink) {
        this.deals = deals;
        this.sink = sink;
    }

    Mono<Outcome> record(List<Incoming> events, BatonUser user) {
        Set<DealKey> dealKeys = new LinkedHashSet<>();
        for (Incoming e : events) {
            if (e.deal() != null) {
                dealKeys.add(e.deal());
            }
        }
        if (dealKeys.isEmpty()) {
            return sink.append(user, events, List.of(), new Long[events.size()]).map(r -> outcome(events, r));
        }
        return Flux.fromIterable(dealKeys)
                .flatMap(key -> find(key)
                        .filter(deal -> DealDirectory.mayRead(user, deal))
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .map(deal -> Map.entry(key, deal)), 4)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(found -> {
                    List<Problem> problems = new ArrayList<>();
                    Long[] dealIds = new Long[events.size()];
                    for (int i = 0; i < events.size(); i++) {
                        Incoming e = events.get(i);
                        if (e.deal() == null) {
                            continue;
                        }
                        Optional<DealRef> deal = found.getOrDefault(e.deal(), Optional.empty());
                        if (deal.isEmpty()) {
                            problems.add(new Problem(e.index(), "deal", "no " + e.deal().describe()
                                    + " that you may work with"));
                        } else {
                            dealIds[i] = deal.get().id();
                        }
                    }
                    return sink.append(user, events, problems, dealIds).map(r -> outcome(events, r));
                });
    }

    private static Outcome outcome(List<Incoming> events, List<Boolean> recorded) {
        List<EventOutcome> outcomes = new ArrayList<>(events.size());
        int n = 0;
        for (int i = 0; i < events.size(); i++) {
            boolean isNew = recorded.get(i);
            n += isNew ? 1 : 0;
            outcomes.add(new EventOutcome(i, events.get(i).idempotencyKey(), isNew ? "recorded" : "duplicate"));
        }
        return new Outcome(n, events.size() - n, outcomes);
    }

    private Mono<DealRef> find(DealKey key) {
        return key.id() != null ? deals.find(key.id()) : deals.findByCrm(key.crm(), key.externalId());
    }
}
