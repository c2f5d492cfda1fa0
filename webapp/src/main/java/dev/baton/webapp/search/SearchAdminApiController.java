package dev.baton.webapp.search;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The search index and the synonyms, for admins (synonyms are readable by everyone signed in). */
@RestController
class SearchAdminApiController {

    private final IndexFeed feed;
    private final SynonymService synonyms;

    SearchAdminApiController(IndexFeed feed, SynonymService synonyms) {
        this.feed = feed;
        this.synonyms = synonyms;
    }

    @Operation(summary = "The index: state (READY, BUILDING, REBUILDING), documents, outbox positions, build progress")
    @GetMapping(path = "/api/v1/search/index", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<IndexFeed.Status> status() {
        return Mono.fromCallable(feed::status).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "Check the index against the database; repair=true fixes what differs")
    @PostMapping(path = "/api/v1/search/index/check", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<IndexCheckReport> check(@RequestParam(name = "repair", defaultValue = "false") boolean repair) {
        return Detached.uncancellable(Mono.fromFuture(() -> feed.check(repair)));
    }

    @Operation(summary = "Build a new index from the database in the background; the current one serves meanwhile")
    @PostMapping(path = "/api/v1/search/index/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IndexFeed.BuildProgress> rebuild() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(feed.rebuild());
    }

    /** The synonym groups: {@code {"groups": [["roi", "return on investment"], ...]}}. */
    record Groups(List<List<String>> groups) {}

    @Operation(summary = "The synonym groups applied at query time")
    @GetMapping(path = "/api/v1/search/synonyms", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Groups> synonyms() {
        return synonyms.groups().map(Groups::new);
    }

    @Operation(summary = "Replace the synonym groups (admins); applies to the next search, nothing is reindexed")
    @PutMapping(path = "/api/v1/search/synonyms", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Groups> replaceSynonyms(@RequestBody Groups body, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(Mono.defer(() -> synonyms.replace(body == null ? null : body.groups(),
                        user.getUsername(), address(exchange))))
                .map(Groups::new);
    }

    static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
