package dev.baton.webapp.feedback;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.search.SearchGaps;
import dev.baton.webapp.system.BatonException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The search-gaps report: search's groups of searches that found nothing or whose results nobody opened, each with
 * the open content request for the same words, if there is one; and a group turned into a content request in one
 * click (merged into the open request for the same words, as every ask is).
 */
@Service
class SearchGapReport {

    static final List<Integer> WINDOWS = List.of(7, 30, 90, 180, 365);
    static final int DEFAULT_DAYS = 30;

    private final SearchGaps gaps;
    private final ContentRequests requests;
    private final Clock clock;

    SearchGapReport(SearchGaps gaps, ContentRequests requests, Clock clock) {
        this.gaps = gaps;
        this.requests = requests;
        this.clock = clock;
    }

    /** One group: the gap as search counts it, and the open request for its words ({@code null} when none). */
    record SearchGapRow(String query, long searches, long noResults, long noClicks, long searchers,
            List<String> filters, Instant lastSearched, Long requestId, String requestStatus) {}

    /** The report for a window of days. */
    record SearchGapResult(int days, Instant since, List<SearchGapRow> gaps) {}

    Mono<SearchGapResult> report(Integer days, Integer limit) {
        int window = days == null ? DEFAULT_DAYS : days;
        if (window < 1 || window > 366) {
            return Mono.error(new BatonException.InvalidInput("days", "use a window of 1 to 366 days"));
        }
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > SearchGaps.MAX_GROUPS) {
            return Mono.error(new BatonException.InvalidInput("limit", "use 1 to " + SearchGaps.MAX_GROUPS));
        }
        Instant since = clock.instant().minus(Duration.ofDays(window));
        return Mono.zip(gaps.gaps(since, n), requests.list("open", null, 1000)).map(t -> {
            Map<String, ContentRequests.ContentRequest> open = new HashMap<>();
            for (ContentRequests.ContentRequest r : t.getT2()) {
                open.putIfAbsent(SearchGaps.normalise(r.query()), r);
            }
            List<SearchGapRow> rows = t.getT1().stream().map(g -> {
                ContentRequests.ContentRequest r = open.get(g.query());
                return new SearchGapRow(g.query(), g.searches(), g.noResults(), g.noClicks(), g.searchers(),
                        g.filters(), g.lastSearched(), r == null ? null : r.id(), r == null ? null : r.status());
            }).toList();
            return new SearchGapResult(window, since, rows);
        });
    }

    /** Turns a group into a content request (or joins the open one for the same words). */
    Mono<ContentRequests.ContentRequest> request(String query, String filters, BatonUser user) {
        String q = SearchGaps.normalise(query);
        if (q.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("query", "name the searched words of the gap"));
        }
        return requests.ask(new ContentRequests.NewRequest(q, filters,
                "From the search-gaps report: people searched for this and found nothing to use."), user, "GAP");
    }
}
