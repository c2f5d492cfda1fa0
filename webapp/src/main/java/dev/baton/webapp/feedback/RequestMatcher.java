package dev.baton.webapp.feedback;

import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.search.AssetSuggestions;
import dev.baton.webapp.system.BackgroundWorker;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Proposes newly published content for open requests: every {@code baton.feedback.match-every} (a minute by
 * default) it runs each open request's words (with its filters) through search, as a rep would see the library,
 * and every asset found that was published after the request was made and was never proposed for it is proposed to
 * a marketer (the assignee, else the asset's owner, else every marketer), who confirms or rejects it. Several nodes
 * may run it at once: a proposal is stored once, and only the node that stores it asks.
 */
@Component
class RequestMatcher extends BackgroundWorker {

    private static final int REQUESTS_PER_PASS = 500;
    private static final int HITS_PER_REQUEST = 5;

    private final ContentRequests requests;
    private final AssetSuggestions search;
    private final AssetCatalog catalog;

    RequestMatcher(ContentRequests requests, AssetSuggestions search, AssetCatalog catalog,
            @Value("${baton.feedback.match-every:1m}") Duration every) {
        super("baton-request-matcher", every);
        this.requests = requests;
        this.search = search;
        this.catalog = catalog;
    }

    @Override
    protected void releaseOwnClaims() {}

    @Override
    protected boolean workOnce() {
        matchOnce().block(Duration.ofMinutes(5));
        return false;
    }

    @Override
    protected String problem() {
        return "Matching published content to content requests failed";
    }

    /** One pass over the open requests; emits how many new proposals were made. */
    Mono<Integer> matchOnce() {
        return requests.openWithWords(REQUESTS_PER_PASS)
                .flatMapMany(Flux::fromIterable)
                .concatMap(request -> search.matching(request.query(), request.filters(), HITS_PER_REQUEST)
                        .flatMapMany(hits -> hits.isEmpty() ? Flux.empty()
                                : catalog.assets(hits.stream().map(h -> UUID.fromString(h.id())).toList()))
                        .filter(asset -> published(asset, request))
                        .concatMap(asset -> requests.propose(request.id(), asset.id())
                                .filter(Boolean::booleanValue)
                                .flatMap(isNew -> requests.askToConfirm(request, asset).thenReturn(1))))
                .reduce(0, Integer::sum);
    }

    private static boolean published(IndexableAsset asset, ContentRequests.ContentRequest request) {
        return "PUBLISHED".equals(asset.status()) && asset.publishedAt() != null
                && !asset.publishedAt().isBefore(request.createdAt())
                && request.matches().stream().noneMatch(m -> m.assetId().equals(asset.id()));
    }
}
