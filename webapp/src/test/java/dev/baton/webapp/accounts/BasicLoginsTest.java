package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/** HTTP Basic checks the password the slow way once, then trusts the same credentials until told otherwise. */
class BasicLoginsTest {

    private static final BatonUser DANA = new BatonUser(7, "dana", "Dana", Role.MARKETER, true, null);
    private final AtomicInteger slowChecks = new AtomicInteger();

    /** Stands in for Argon2: accepts dana's one password, counts every check. */
    private final ReactiveAuthenticationManager argon2 = basic -> {
        slowChecks.incrementAndGet();
        return "right-password".equals(basic.getCredentials())
                ? Mono.just(UsernamePasswordAuthenticationToken.authenticated(DANA, null, DANA.getAuthorities()))
                : Mono.error(new BadCredentialsException("Bad credentials"));
    };

    private static Authentication basic(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("dana", password);
    }

    @Test
    void theSameRightCredentialsAreCheckedSlowlyOnceAndAWrongPasswordEveryTime() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1), () -> true);
        BasicLogins logins = new BasicLogins(argon2, cache);

        assertThat(logins.authenticate(basic("right-password")).block().getPrincipal()).isEqualTo(DANA);
        assertThat(logins.authenticate(basic("right-password")).block().getPrincipal()).isEqualTo(DANA);
        assertThat(slowChecks).hasValue(1);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> logins.authenticate(basic("wrong-password")).block())
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(slowChecks).hasValue(4);

        cache.forget();
        assertThat(logins.authenticate(basic("right-password")).block().isAuthenticated()).isTrue();
        assertThat(slowChecks).as("a change to any account ends the trust").hasValue(5);
    }

    @Test
    void theCacheIsKeyedByAKeyedHashThatDiffersFromNodeToNodeAndNeverHoldsThePassword() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1), () -> true);
        BasicLogins one = new BasicLogins(argon2, cache);
        BasicLogins other = new BasicLogins(argon2, cache);

        byte[] hash = one.hash("dana", "right-password");
        assertThat(hash).hasSize(32).isEqualTo(one.hash("dana", "right-password"))
                .isNotEqualTo(other.hash("dana", "right-password"))
                .isNotEqualTo(one.hash("dana", "right-passworD"))
                .isNotEqualTo(one.hash("dana\0right", "password"));
        assertThat(new String(hash, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("right-password");
    }

    @Test
    void nothingIsTrustedWhileChangesCannotBeHeard() {
        BasicLogins logins = new BasicLogins(argon2, new TokenCache(Duration.ofMinutes(1), () -> false));
        logins.authenticate(basic("right-password")).block();
        logins.authenticate(basic("right-password")).block();
        assertThat(slowChecks).hasValue(2);
    }
}
