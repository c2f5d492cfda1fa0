package dev.baton.webapp.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic for scripts and integrations without the cost of Argon2 on every call: a sign-in that the slow check
 * accepted is trusted again for a short while ({@link TokenCache}: {@code baton.login.token-cache}, ended on every
 * node when an account's password, role or enabled state changes). The cache is keyed by an HMAC of the user name
 * and password under a key made at random when the node starts, never by the password itself, so what it holds
 * cannot be turned back into a password or checked against one offline, and nothing of it outlives the process.
 * A wrong password is never cached: it goes through the slow check (and the sign-in throttle) every time.
 */
final class BasicLogins implements ReactiveAuthenticationManager {

    private final ReactiveAuthenticationManager slow;
    private final TokenCache cache;
    private static final byte[] PREFIX = "basic\0".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    /** One keyed MAC per thread (making one per call looks the algorithm up and keys it again each time). */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    BasicLogins(ReactiveAuthenticationManager slow, TokenCache cache) {
        this.slow = slow;
        this.cache = cache;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, "HmacSHA256");
    }

    @Override
    public reactor.core.publisher.Mono<Authentication> authenticate(Authentication basic) {
        byte[] hash = hash(basic.getName(), String.valueOf(basic.getCredentials()));
        return cache.user(hash, () -> slow.authenticate(basic).map(done -> (BatonUser) done.getPrincipal()))
                .flatMap(user -> user.mustChangePassword()
                        // a temporary password an admin set opens the page that replaces it, and nothing else
                        ? reactor.core.publisher.Mono.<BatonUser>error(new CredentialsExpiredException(
                                "This password is temporary: sign in to Baton in a browser and choose a new one"))
                        : reactor.core.publisher.Mono.just(user))
                .map(user -> UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    /** HMAC-SHA256 of the name, a NUL and the password (neither may hold a NUL in Basic), under this node's key. */
    byte[] hash(String username, String password) {
        Mac mac = macs.get();
        mac.reset();
        mac.update(PREFIX);
        mac.update(username.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
