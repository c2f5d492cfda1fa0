package dev.baton.webapp.system;

import dev.baton.storage.BlobStore;
import dev.baton.storage.BlobStoreException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code /actuator/health} is UP only while the object store answers. */
@Component("objectStore")
class ObjectStoreHealthIndicator implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final BlobStore blobStore;

    ObjectStoreHealthIndicator(BlobStore blobStore) {
        this.blobStore = blobStore;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromCallable(() -> {
                    blobStore.checkAvailable();
                    return Health.up().build();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT)
                .onErrorResume(BlobStoreException.class, e -> Mono.just(
                        Health.down().withDetail("error", e.getMessage()).build()))
                .onErrorResume(TimeoutException.class, e -> Mono.just(
                        Health.down().withDetail("error", "no answer within " + TIMEOUT.toSeconds() + " s").build()));
    }
}
