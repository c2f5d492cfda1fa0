package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** When a node may answer from the tokens it verified and when it must ask the database. */
class TokenCacheTest {

    private static final byte[] HASH = {1, 2, 3};
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicBoolean hearing = new AtomicBoolean(true);

    private Mono<BatonUser> database(String role) {
        return Mono.fromSupplier(() -> {
            asked.incrementAndGet();
            return user(Role.valueOf(role));
        });
    }

    private static BatonUser user(Role role) {
        return new BatonUser(7, "dana", "Dana", role, true, null);
    }

    @Test
    void aTokenVerifiedOnceIsTrustedWithoutAskingAgain() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1), hearing::get);
        assertThat(cache.user(HASH, () -> database("REP")).block().role()).isEqualTo(Role.REP);
        assertThat(cache.user(HASH, () -> database("REP")).block().role()).isEqualTo(Role.REP);
        assertThat(cache.user(new byte[] {9}, () -> database("ADMIN")).block().role()).isEqualTo(Role.ADMIN);
        assertThat(asked).hasValue(2);
    }

    @Test
    void aChangeEndsTheTrust() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1), hearing::get);
        cache.user(HASH, () -> database("REP")).block();
        cache.forget();
        assertThat(cache.user(HASH, () -> database("MARKETER")).block().role()).isEqualTo(Role.MARKETER);
        assertThat(asked).hasValue(2);
    }

    @Test
    void nothingIsTrustedWhileChangesCannotBeHeard() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1), hearing::get);
        hearing.set(false);
        cache.user(HASH, () -> database("REP")).block();
        cache.user(HASH, () -> database("REP")).block();
        assertThat(asked).hasValue(2);
        hearing.set(true);
        cache.user(HASH, () -> database("REP")).block();
        cache.user(HASH, () -> database("REP")).block();
        assertThat(asked).hasValue(3);
    }

    @Test
    void trustEndsAfterItsTime() {
        AtomicLong now = new AtomicLong(1_000);
        TokenCache cache = new TokenCache(Duration.ofSeconds(10), hearing::get, now::get);
        cache.user(HASH, () -> database("REP")).block();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        cache.user(HASH, () -> database("REP")).block();
        assertThat(asked).hasValue(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        cache.user(HASH, () -> database("REP")).block();
        assertThat(asked).hasValue(2);
        TokenCache off = new TokenCache(Duration.ZERO, hearing::get, now::get);
        off.user(HASH, () -> database("REP")).block();
        off.user(HASH, () -> database("REP")).block();
        assertThat(asked).hasValue(4);
    }

    @Test
    void anAnswerReadBeforeAChangeIsNotKept() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1), hearing::get);
        Sinks.One<BatonUser> slowAnswer = Sinks.one();
        Mono<BatonUser> inFlight = cache.user(HASH, () -> {
            asked.incrementAndGet();
            return slowAnswer.asMono();
        });
        BatonUser[] seen = new BatonUser[1];
        inFlight.subscribe(user -> seen[0] = user);
        cache.forget(); // the role changes and commits while the database's older answer is on its way
        slowAnswer.tryEmitValue(user(Role.ADMIN));
        assertThat(seen[0].role()).isEqualTo(Role.ADMIN);
        assertThat(cache.user(HASH, () -> database("REP")).block().role()).isEqualTo(Role.REP);
        assertThat(asked).hasValue(2);
    }
}
