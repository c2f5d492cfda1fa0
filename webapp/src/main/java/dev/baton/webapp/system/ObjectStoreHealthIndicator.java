package dev.baton.webapp.system;

import dev.baton.storage.BlobStore;
import dev.baton.storage.BlobStoreException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code /actuator/health} is UP only while the object store answers. */
@Component("objectStore")
class ObjectStoreHealthIndicator implements ReactiveHealthIndicator {

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
                .onErrorResume(BlobStoreException.class, e -> Mono.just(
                        Health.down().withDetail("error", e.getMessage()).build()));
    }
}
