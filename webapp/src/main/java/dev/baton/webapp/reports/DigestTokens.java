package dev.baton.webapp.reports;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The signed tokens of the digest's unsubscribe links: {@code <account id>.<HMAC-SHA256 of it>}, base64url, under a
 * key kept in {@code digest_key} (made by the first node that needs one), so a link works without signing in, on
 * every node and after restarts, and nobody can make one for another person.
 */
@Component
class DigestTokens {

    private static final Pattern TOKEN = Pattern.compile("^([1-9][0-9]{0,18})\\.([A-Za-z0-9_-]{43})$");
    private static final String PURPOSE = "baton.digest.unsubscribe:";

    private final DatabaseClient db;
    private volatile Mono<SecretKeySpec> key;

    DigestTokens(DatabaseClient db) {
        this.db = db;
    }

    /** The unsubscribe token of this person. */
    Mono<String> token(long accountId) {
        return key().map(k -> accountId + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(k, accountId)));
    }

    /** The person a token was made for; empty when it is malformed or its signature does not match. */
    Mono<Long> verify(String token) {
        if (token == null) {
            return Mono.empty();
        }
        Matcher m = TOKEN.matcher(token.strip());
        if (!m.matches()) {
            return Mono.empty();
        }
        long id;
        try {
            id = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Mono.empty();
        }
        byte[] given = Base64.getUrlDecoder().decode(m.group(2));
        return key().filter(k -> MessageDigest.isEqual(given, mac(k, id))).map(k -> id);
    }

    private static byte[] mac(SecretKeySpec key, long accountId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((PURPOSE + accountId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private Mono<SecretKeySpec> key() {
        Mono<SecretKeySpec> known = key;
        if (known != null) {
            return known;
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // the first node to insert wins; everyone reads the stored key back
        Mono<SecretKeySpec> load = db.sql("insert into digest_key (id, secret) values (1, :secret) "
                        + "on conflict (id) do nothing")
                .bind("secret", ByteBuffer.wrap(fresh))
                .fetch()
                .rowsUpdated()
                .then(db.sql("select secret from digest_key where id = 1")
                        .map(row -> row.get("secret", ByteBuffer.class))
                        .one())
                .map(stored -> {
                    byte[] bytes = new byte[stored.remaining()];
                    stored.get(bytes);
                    return new SecretKeySpec(bytes, "HmacSHA256");
                })
                .cache();
        key = load.doOnError(e -> key = null);
        return key;
    }
}
