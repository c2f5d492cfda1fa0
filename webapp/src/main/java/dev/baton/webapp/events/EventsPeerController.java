package dev.baton.webapp.events;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The events benchmark's peer: the bare framework under the same security chain, reading the same request body and
 * answering 202 without looking at it or storing anything. Exists only when {@code baton.bench.events-peer=true}
 * (the benchmark script sets it); a normal Baton has no such endpoint.
 */
@RestController
@ConditionalOnProperty(name = "baton.bench.events-peer", havingValue = "true")
class EventsPeerController {

    @PostMapping(path = "/api/v1/bench/events-peer", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> accept(@RequestBody Flux<DataBuffer> body) {
        return DataBufferUtils.join(body, EventApiController.MAX_BYTES)
                .doOnNext(DataBufferUtils::release)
                .thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).build());
    }
}
