package dev.baton.webapp.accounts;

import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DatabaseNotifications;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * API tokens this node verified recently, so that a script's stream of requests does not cost a database query
 * each (on a search, about a millisecond of a query's round trip and the driver's work). An entry is trusted for at
 * most {@code baton.login.token-cache}, and only while the node hears the database's {@code baton_accounts}
 * notifications: a revoked token, a disabled user or a changed role, on any node or by hand in SQL, ends the trust
 * on every node when it commits. While that connection is down nothing is trusted and every request asks the database.
 */
@Component
class TokenCache {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(BatonUser user, long verifiedAt) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final BooleanSupplier hearingChanges;
    private final LongSupplier nanoTime;

    @Autowired
    TokenCache(BatonProperties properties, DatabaseNotifications notifications) {
        this(properties.login().tokenCache(), notifications::listening);
        notifications.on(DatabaseNotifications.ACCOUNTS, this::forget);
    }

    /**
     * @param hearingChanges whether every change to accounts and tokens from now on will reach {@link #forget()}
     */
    TokenCache(Duration ttl, BooleanSupplier hearingChanges) {
        this(ttl, hearingChanges, System::nanoTime);
    }

    /** With the clock given ({@code nanoTime}, as {@link System#nanoTime()}): for tests. */
    TokenCache(Duration ttl, BooleanSupplier hearingChanges, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.hearingChanges = hearingChanges;
        this.nanoTime = nanoTime;
    }

    /** The user behind the token with this hash: the one verified recently, or what {@code load} finds now. */
    Mono<BatonUser> user(byte[] hash, Supplier<Mono<BatonUser>> load) {
        if (ttlNanos <= 0 || !hearingChanges.getAsBoolean()) {
            return load.get();
        }
        String key = HexFormat.of().formatHex(hash);
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(key);
        if (entry != null && now - entry.verifiedAt() < ttlNanos) {
            return Mono.just(entry.user());
        }
        long asked = generation.get();
        return load.get().doOnNext(user -> remember(key, user, now, asked));
    }

    private void remember(String key, BatonUser user, long verifiedAt, long asked) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(user, verifiedAt));
        if (generation.get() != asked) {
            // an account or token changed while the database was asked: what it said may be from before
            entries.remove(key);
        }
    }

    /** Trusts nothing verified so far: an account or a token changed. */
    void forget() {
        generation.incrementAndGet();
        entries.clear();
    }
}
