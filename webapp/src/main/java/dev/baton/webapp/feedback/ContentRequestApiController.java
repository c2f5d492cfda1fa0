package dev.baton.webapp.feedback;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Content requests: anyone signed in asks and follows their own; marketers work on them; admins set the level. */
@RestController
class ContentRequestApiController {

    private final ContentRequests requests;

    ContentRequestApiController(ContentRequests requests) {
        this.requests = requests;
    }

    /** The service level to set. */
    record ServiceLevelBody(Integer workingDays) {}

    @Operation(summary = "Ask marketing for content; 201 with the new request, or 200 with the open request for the "
            + "same words that the ask was merged into (merged=true)")
    @PostMapping(path = "/api/v1/content-requests", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ContentRequests.ContentRequest>> create(@RequestBody ContentRequests.NewRequest body,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(requests.ask(body, user, "API"))
                .map(request -> request.merged() ? ResponseEntity.ok(request)
                        : ResponseEntity.created(URI.create("/api/v1/content-requests/" + request.id()))
                                .body(request));
    }

    @Operation(summary = "Content requests for marketers: status=open (default: open and in progress), all, or one "
            + "status; assignee=user name; breaches of the service level first")
    @GetMapping(path = "/api/v1/content-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ContentRequests.ContentRequest>> list(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "all", defaultValue = "false") boolean all,
            @RequestParam(name = "assignee", required = false) String assignee) {
        return requests.list(all ? "all" : status, assignee, 500);
    }

    @Operation(summary = "The caller's own requests (also those merged into another's), newest first")
    @GetMapping(path = "/api/v1/content-requests/mine", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ContentRequests.ContentRequest>> mine(@AuthenticationPrincipal BatonUser user) {
        return requests.mine(user);
    }

    @Operation(summary = "The service level: working days a request may stay open")
    @GetMapping(path = "/api/v1/content-requests/service-level", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContentRequests.ServiceLevel> serviceLevel() {
        return requests.serviceLevel();
    }

    @Operation(summary = "Set the service level in working days (1 to 250), for requests asked from now on; admins")
    @PutMapping(path = "/api/v1/content-requests/service-level", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContentRequests.ServiceLevel> setServiceLevel(@RequestBody ServiceLevelBody body,
            @AuthenticationPrincipal BatonUser user) {
        return requests.setServiceLevel(body == null ? null : body.workingDays(), user);
    }

    @Operation(summary = "One request; its requesters and marketers")
    @GetMapping(path = "/api/v1/content-requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContentRequests.ContentRequest> get(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return requests.get(id, user);
    }

    @Operation(summary = "Change a request's status (OPEN, IN_PROGRESS, FULFILLED with assetId, DECLINED with "
            + "reason) or assignee (a user name; empty to unassign); the requesters are told; marketers")
    @PatchMapping(path = "/api/v1/content-requests/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContentRequests.ContentRequest> change(@PathVariable long id, @RequestBody ContentRequests.Change body,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(requests.change(id, body, user));
    }

    @Operation(summary = "Confirm that a proposed published asset fulfils the request; requesters and searchers are "
            + "told; marketers")
    @PostMapping(path = "/api/v1/content-requests/{id}/matches/{assetId}/confirm",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContentRequests.ContentRequest> confirm(@PathVariable long id, @PathVariable UUID assetId,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(requests.confirm(id, assetId, user));
    }

    @Operation(summary = "Say a proposed asset does not fulfil the request; marketers")
    @PostMapping(path = "/api/v1/content-requests/{id}/matches/{assetId}/reject",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContentRequests.ContentRequest> reject(@PathVariable long id, @PathVariable UUID assetId,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(requests.reject(id, assetId, user));
    }
}
