package dev.baton.webapp.webhooks;

import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Webhook subscriptions, their deliveries and the notices about them, for admins (docs/webhooks.md). */
@RestController
class WebhookApiController {

    private final Subscriptions subscriptions;

    WebhookApiController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** The event types a subscription may ask for. */
    record EventTypes(List<String> types) {}

    @Operation(summary = "The webhook subscriptions (without their secrets)")
    @GetMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<Subscriptions.Subscription> list() {
        return subscriptions.list();
    }

    @Operation(summary = "The event types a subscription may ask for")
    @GetMapping(path = "/api/v1/webhooks/event-types", produces = MediaType.APPLICATION_JSON_VALUE)
    EventTypes eventTypes() {
        return new EventTypes(Webhooks.TYPES);
    }

    @Operation(summary = "Subscribe a URL to event types; the answer carries the signing secret, shown only here")
    @PostMapping(path = "/api/v1/webhooks", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Subscriptions.WithSecret>> create(@RequestBody Subscriptions.Request request,
            Principal actor, ServerWebExchange exchange) {
        return Detached.uncancellable(Mono.defer(() -> subscriptions.create(request, actor.getName(),
                        address(exchange))))
                .map(created -> ResponseEntity.status(HttpStatus.CREATED).body(created));
    }

    @Operation(summary = "One subscription")
    @GetMapping(path = "/api/v1/webhooks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Subscriptions.Subscription> get(@PathVariable UUID id) {
        return subscriptions.get(id);
    }

    @Operation(summary = "Change a subscription's URL, event types or description; paused=true pauses it, "
            + "paused=false resumes it")
    @PatchMapping(path = "/api/v1/webhooks/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Subscriptions.Subscription> update(@PathVariable UUID id, @RequestBody Subscriptions.Request request,
            Principal actor, ServerWebExchange exchange) {
        return Detached.uncancellable(Mono.defer(() -> subscriptions.update(id, request, actor.getName(),
                address(exchange))));
    }

    @Operation(summary = "Delete a subscription with its delivery log")
    @DeleteMapping("/api/v1/webhooks/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id, Principal actor, ServerWebExchange exchange) {
        return Detached.uncancellable(Mono.defer(() -> subscriptions.delete(id, actor.getName(), address(exchange))))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "Rotate the signing secret: the new one is in the answer, shown only here; the previous one "
            + "keeps signing beside it for 24 hours")
    @PostMapping(path = "/api/v1/webhooks/{id}/secret", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Subscriptions.WithSecret> rotate(@PathVariable UUID id, Principal actor, ServerWebExchange exchange) {
        return Detached.uncancellable(Mono.defer(() -> subscriptions.rotate(id, actor.getName(), address(exchange))));
    }

    @Operation(summary = "The latest deliveries, newest first, each with its attempts (time, duration, status, error)")
    @GetMapping(path = "/api/v1/webhooks/{id}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Subscriptions.Delivery>> deliveries(@PathVariable UUID id,
            @RequestParam(name = "limit", defaultValue = "50") int limit) {
        return subscriptions.deliveries(id, limit);
    }

    @Operation(summary = "Send a delivery again now, with a new retry window")
    @PostMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    Mono<ResponseEntity<Void>> redeliver(@PathVariable UUID id, @PathVariable long deliveryId, Principal actor,
            ServerWebExchange exchange) {
        return Detached.uncancellable(Mono.defer(() -> subscriptions.redeliver(id, deliveryId, actor.getName(),
                        address(exchange))))
                .thenReturn(ResponseEntity.accepted().build());
    }

    @Operation(summary = "Notices for admins, e.g. a subscription paused after failing for three days")
    @GetMapping(path = "/api/v1/webhooks/notices", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<Subscriptions.Notice> notices() {
        return subscriptions.notices();
    }

    static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
