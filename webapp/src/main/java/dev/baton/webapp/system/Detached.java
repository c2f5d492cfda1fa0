package dev.baton.webapp.system;

import reactor.core.publisher.Mono;

/**
 * Runs a database call to its end even when the HTTP request that asked for it goes away. Browsers cancel requests
 * all the time (a click before the page finished loading); a cancel that reaches an R2DBC query half-way can leave
 * its pooled connection stuck (r2dbc-pool#140/#198, r2dbc-postgresql#459), and enough of those hang the pool. A
 * detached call finishes, releases its connection normally, and its result is simply dropped.
 *
 * <p>The detached call does not see the caller's Reactor context: use it around a whole unit of work (a complete
 * transaction, a lone query), never inside a transaction.
 */
public final class Detached {

    private Detached() {}

    public static <T> Mono<T> uncancellable(Mono<T> call) {
        return Mono.defer(() -> Mono.fromFuture(call.toFuture(), true));
    }
}
