package dev.baton.webapp.search;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Search gaps, read from the search log for other packages (the search-gaps report): searches that found nothing, and
 * searches whose results nobody opened, grouped by their normalised words. Only first pages count (turning pages is
 * the same search), and searches of filters alone (no words) are left out: a gap is something people typed. What is
 * still queued in the search log is written first, so a gap includes every search answered so far.
 */
@Component
public class SearchGaps {

    /** The most groups one call returns. */
    public static final int MAX_GROUPS = 500;

    /**
     * One group of searches with the same normalised words since a moment.
     *
     * @param query the normalised words
     * @param searches first-page searches of these words
     * @param noResults of them, how many found nothing
     * @param noClicks of them, how many found something of which nothing was opened
     * @param searchers how many different people searched for them
     * @param filters the filters used with them (as the search log keeps them), most used first, empty for none
     * @param lastSearched the latest of them
     */
    public record SearchGap(String query, long searches, long noResults, long noClicks, long searchers,
            List<String> filters, Instant lastSearched) {}

    private final DatabaseClient db;
    private final SearchLog log;

    SearchGaps(DatabaseClient db, SearchLog log) {
        this.db = db;
        this.log = log;
    }

    /**
     * The words of a search as gaps and content requests compare them: lower case, runs of white space as one space,
     * trimmed. {@code null} is the empty string.
     */
    public static String normalise(String query) {
        return query == null ? "" : query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Groups of searches since {@code since} that found nothing or of which nothing was opened, the groups with the
     * most such searches first; at most {@code limit} (up to {@link #MAX_GROUPS}).
     */
    public Mono<List<SearchGap>> gaps(Instant since, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_GROUPS));
        return flushed().then(db.sql("""
                        with s as (
                            select lower(regexp_replace(btrim(l.query), '\\s+', ' ', 'g')) as q, l.account_id,
                                   l.filters, l.searched_at, l.total = 0 as empty,
                                   l.total > 0 and not exists (select 1 from search_click c
                                                               where c.search_id = l.search_id) as unopened
                            from search_log l
                            where l.searched_at >= :since and l.page = 1 and btrim(l.query) <> ''
                        ), g as (
                            select q, count(*) as searches, count(*) filter (where empty) as no_results,
                                   count(*) filter (where unopened) as no_clicks,
                                   count(distinct account_id) as searchers, max(searched_at) as last_at
                            from s group by q
                            having count(*) filter (where empty or unopened) > 0
                        )
                        select g.*, (select array_agg(f.filters order by f.n desc, f.filters) from (
                                         select s.filters, count(*) as n from s
                                         where s.q = g.q and s.filters <> '' group by s.filters) f) as filters
                        from g
                        order by g.no_results + g.no_clicks desc, g.searchers desc, g.last_at desc, g.q
                        limit :limit""")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .bind("limit", n)
                .map(row -> {
                    String[] filters = row.get("filters", String[].class);
                    return new SearchGap(row.get("q", String.class), row.get("searches", Long.class),
                            row.get("no_results", Long.class), row.get("no_clicks", Long.class),
                            row.get("searchers", Long.class),
                            filters == null ? List.of() : Arrays.asList(filters),
                            row.get("last_at", OffsetDateTime.class).toInstant());
                })
                .all()
                .collectList());
    }

    /**
     * The search-gaps report in four numbers since a moment, counted as {@link #gaps} counts them (first pages, words
     * typed): the searches, how many found nothing, how many found something of which nothing was opened, and how
     * many groups of words are gaps (one search of them found nothing or was not opened). For a headline.
     */
    public record Summary(long searches, long noResults, long noClicks, long gaps) {}

    /**
     * {@link Summary} of the searches from {@code since} up to (not including) {@code until}: one aggregate query, no
     * row per group.
     */
    public Mono<Summary> summary(Instant since, Instant until) {
        return flushed().then(db.sql("""
                        with s as (
                            select lower(regexp_replace(btrim(l.query), '\\s+', ' ', 'g')) as q, l.total = 0 as empty,
                                   l.total > 0 and not exists (select 1 from search_click c
                                                               where c.search_id = l.search_id) as unopened
                            from search_log l
                            where l.searched_at >= :since and l.searched_at < :until and l.page = 1
                              and btrim(l.query) <> ''
                        )
                        select count(*) as searches, count(*) filter (where empty) as no_results,
                               count(*) filter (where unopened) as no_clicks,
                               count(distinct q) filter (where empty or unopened) as gaps
                        from s""")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .bind("until", until.atOffset(ZoneOffset.UTC))
                .map(row -> new Summary(row.get("searches", Long.class), row.get("no_results", Long.class),
                        row.get("no_clicks", Long.class), row.get("gaps", Long.class)))
                .one());
    }

    /**
     * The people who, since {@code since}, searched for these normalised words and found nothing or opened nothing:
     * whom to tell when content for them is published.
     */
    public Mono<List<Long>> unhappySearchers(String normalisedQuery, Instant since) {
        return flushed().then(db.sql("""
                        select distinct l.account_id from search_log l
                        where l.searched_at >= :since and l.page = 1
                          and lower(regexp_replace(btrim(l.query), '\\s+', ' ', 'g')) = :q
                          and (l.total = 0 or not exists (select 1 from search_click c
                                                          where c.search_id = l.search_id))
                        order by l.account_id""")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .bind("q", normalise(normalisedQuery))
                .map(row -> row.get("account_id", Long.class))
                .all()
                .collectList());
    }

    /**
     * First-page searches with words in one period, and how many of them had a result opened (the joint
     * scorecard's search success rate).
     *
     * @param period 1 for {@code bounds[0]} up to {@code bounds[1]}, and so on
     */
    public record Outcomes(int period, long searches, long opened) {}

    /**
     * The searches from {@code bounds[0]} up to (not including) the last bound by period, counted as gaps count them
     * (first pages, words typed), with those of which a result was opened (one query); a period without searches is
     * absent.
     */
    public Mono<List<Outcomes>> outcomes(List<Instant> bounds) {
        if (bounds.size() < 2) {
            return Mono.just(List.of());
        }
        return flushed().then(db.sql("""
                        select width_bucket(l.searched_at, :bounds::timestamptz[]) as period, count(*) as searches,
                               count(*) filter (where exists (select 1 from search_click c
                                                              where c.search_id = l.search_id)) as opened
                        from search_log l
                        where l.searched_at >= :from and l.searched_at < :to and l.page = 1
                          and btrim(l.query) <> ''
                        group by 1""")
                .bind("bounds", bounds.stream().map(Instant::toString).toArray(String[]::new))
                .bind("from", bounds.getFirst().atOffset(ZoneOffset.UTC))
                .bind("to", bounds.getLast().atOffset(ZoneOffset.UTC))
                .map(row -> new Outcomes(row.get("period", Integer.class), row.get("searches", Long.class),
                        row.get("opened", Long.class)))
                .all()
                .collectList());
    }

    private Mono<Void> flushed() {
        return Mono.fromRunnable(log::flush).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
