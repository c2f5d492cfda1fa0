package dev.baton.webapp.search;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Requests for content that does not exist yet: anyone signed in asks, marketers read and close them. */
@RestController
class ContentRequestApiController {

    private final ContentRequests requests;

    ContentRequestApiController(ContentRequests requests) {
        this.requests = requests;
    }

    @Operation(summary = "Ask marketing for content a search did not find")
    @PostMapping(path = "/api/v1/content-requests", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ContentRequests.ContentRequest>> create(@RequestBody ContentRequests.NewRequest body,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(requests.create(body, user))
                .map(created -> ResponseEntity.created(URI.create("/api/v1/content-requests/" + created.id()))
                        .body(created));
    }

    @Operation(summary = "Content requests, newest first (open ones unless all=true); marketers")
    @GetMapping(path = "/api/v1/content-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ContentRequests.ContentRequest>> list(@RequestParam(name = "all", defaultValue = "false") boolean all) {
        return requests.list(all, 500).collectList();
    }

    @Operation(summary = "Mark a content request done; marketers")
    @PostMapping(path = "/api/v1/content-requests/{id}/done")
    Mono<ResponseEntity<Void>> done(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(requests.markDone(id, user)).thenReturn(ResponseEntity.noContent().build());
    }
}
