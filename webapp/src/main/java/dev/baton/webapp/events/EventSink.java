package dev.baton.webapp.events;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.content.ContentService.AssetState;
import dev.baton.webapp.events.EventBatch.Incoming;
import dev.baton.webapp.events.EventBatch.Problem;
import dev.baton.webapp.usage.UsageService;
import dev.baton.webapp.usage.UsageService.UsageEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit for the batches of concurrent requests: batches that arrive while {@link #MAX_IN_FLIGHT} groups are
 * running wait for the next group, which checks all their assets in one query ({@link ContentService#states}; each
 * batch against what its caller may see) and appends all their good events in one statement, one commit (up to
 * {@link #MAX_ROWS} rows; a batch is never split). Each request is answered when the statement that carried its
 * events has committed, with its own outcomes, or with its own problems; a request alone waits for nothing.
 * Measured: a query and a statement per request left {@code POST /api/v1/events} far below half the bare endpoint's
 * requests per second on two busy cores (docs/benchmarks.md).
 *
 * <p>If a grouped append fails, each batch of the group is appended again on its own, so one request's trouble does
 * not fail the others.
 */
@Component
class EventSink {

    /** How many groups may run at once. */
    static final int MAX_IN_FLIGHT = 4;

    /** The most rows one grouped statement carries. */
    static final int MAX_ROWS = 5_000;

    private record Waiting(BatonUser user, List<Incoming> events, List<Problem> problems, Long[] dealIds,
            MonoSink<List<Boolean>> answer) {}

    private final ContentService content;
    private final UsageService usage;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    EventSink(ContentService content, UsageService usage) {
        this.content = content;
        this.usage = usage;
    }

    /**
     * Checks these events' assets and versions for this user and appends them (with the deals already resolved,
     * {@code dealIds[i]} for event {@code i}), unless there are problems (those given, and those found): then
     * nothing is appended and the answer is {@link InvalidEvents}. Emits whether each event was new, in order.
     */
    Mono<List<Boolean>> append(BatonUser user, List<Incoming> events, List<Problem> problems, Long[] dealIds) {
        return Mono.create(answer -> {
            queue.add(new Waiting(user, events, problems, dealIds, answer));
            drain();
        });
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= MAX_IN_FLIGHT) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Waiting> group = take();
            if (group.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            run(group);
        }
    }

    private List<Waiting> take() {
        List<Waiting> group = new ArrayList<>();
        int rows = 0;
        for (Waiting next = queue.peek(); next != null; next = queue.peek()) {
            if (!group.isEmpty() && rows + next.events().size() > MAX_ROWS) {
                break;
            }
            Waiting taken = queue.poll();
            if (taken == null) {
                break;
            }
            group.add(taken);
            rows += taken.events().size();
        }
        return group;
    }

    private void run(List<Waiting> group) {
        Set<UUID> assets = new HashSet<>();
        group.forEach(w -> w.events().forEach(e -> assets.add(e.assetId())));
        LocalDate today = content.today();
        content.states(assets).subscribe(states -> {
            List<Waiting> good = new ArrayList<>(group.size());
            List<List<UsageEvent>> appends = new ArrayList<>(group.size());
            for (Waiting w : group) {
                List<Problem> problems = new ArrayList<>(w.problems());
                List<UsageEvent> events = check(w, states, today, problems);
                if (problems.isEmpty()) {
                    good.add(w);
                    appends.add(events);
                } else {
                    problems.sort((a, b) -> Integer.compare(a.index(), b.index()));
                    w.answer().error(new InvalidEvents(problems));
                }
            }
            if (good.isEmpty()) {
                finished();
            } else {
                append(good, appends);
            }
        }, error -> {
            group.forEach(w -> w.answer().error(error));
            finished();
        });
    }

    private static List<UsageEvent> check(Waiting w, Map<UUID, AssetState> states, LocalDate today,
            List<Problem> problems) {
        List<UsageEvent> events = new ArrayList<>(w.events().size());
        for (int i = 0; i < w.events().size(); i++) {
            Incoming e = w.events().get(i);
            AssetState state = states.get(e.assetId());
            if (state == null || !state.visibleTo(w.user(), today)) {
                problems.add(new Problem(e.index(), "assetId", "no asset " + e.assetId() + " that you may see"));
                continue;
            }
            if (e.version() != null && e.version() > state.currentVersion()) {
                problems.add(new Problem(e.index(), "version", "asset " + e.assetId() + " has versions 1 to "
                        + state.currentVersion()));
                continue;
            }
            events.add(new UsageEvent(w.user().id(), e.assetId(),
                    e.version() != null ? e.version() : state.currentVersion(), e.action(), e.occurredAt(),
                    w.dealIds()[i], null, null, null, null, e.source(), e.note(), e.idempotencyKey()));
        }
        return events;
    }

    private void append(List<Waiting> group, List<List<UsageEvent>> appends) {
        List<UsageEvent> all = new ArrayList<>();
        appends.forEach(all::addAll);
        usage.append(all).subscribe(recorded -> {
            int from = 0;
            for (int g = 0; g < group.size(); g++) {
                int n = appends.get(g).size();
                group.get(g).answer().success(List.copyOf(recorded.subList(from, from + n)));
                from += n;
            }
        }, error -> {
            if (group.size() == 1) {
                group.getFirst().answer().error(error);
            } else {
                Flux.range(0, group.size())
                        .concatMap(g -> usage.append(appends.get(g))
                                .doOnNext(group.get(g).answer()::success)
                                .onErrorResume(e -> {
                                    group.get(g).answer().error(e);
                                    return Mono.empty();
                                }))
                        .subscribe();
            }
            finished();
        }, this::finished);
    }

    private void finished() {
        inFlight.decrementAndGet();
        drain();
    }
}
