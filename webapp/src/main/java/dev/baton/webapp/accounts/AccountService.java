package dev.baton.webapp.accounts;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Accounts and API tokens: the rules, the hashing and the audit trail. */
@Service
public class AccountService {

    static final String TOKEN_PREFIX = "baton_";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");
    static final int MIN_PASSWORD_LENGTH = 10;
    static final int MAX_PASSWORD_LENGTH = 128;

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final TokenCache tokenCache;
    private final SecureRandom random = new SecureRandom();

    AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, AuditLog audit,
            TransactionalOperator tx, TokenCache tokenCache) {
        this.tokenCache = tokenCache;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.tx = tx;
    }

    public Flux<Account> list() {
        return accounts.findAll();
    }

    public Mono<Account> get(long id) {
        return accounts.findById(id).switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No user " + id)));
    }

    Mono<Long> count() {
        return accounts.count();
    }

    /** The signed-in form of an account, for work done on a user's behalf outside a request (imports, demo). */
    public Mono<BatonUser> user(String username) {
        return accounts.findUser(normaliseUsername(username))
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No user " + username)));
    }

    /** A random 20-character password without look-alike characters. */
    public static String randomPassword() {
        return AdminBootstrap.randomPassword();
    }

    /** Creates an account; the user name is stored in lower case. */
    public Mono<Account> create(NewAccount request, String actor, String remoteAddr) {
        String username = normaliseUsername(request.username());
        checkPassword(request.password());
        Role role = parseRole(request.role());
        String displayName = displayName(request.displayName(), username);
        return hash(request.password())
                .flatMap(hash -> accounts.insert(username, displayName, hash, role))
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> new BatonException.Conflict("The user name " + username + " is taken"))
                .flatMap(account -> audit.record(actor, "account.created", username, "role=" + role, remoteAddr)
                        .thenReturn(account))
                .as(tx::transactional);
    }

    /** Changes display name, role or enabled state; refuses to leave Baton without an enabled admin. */
    public Mono<Account> update(long id, AccountChange change, String actor, String remoteAddr) {
        return get(id).flatMap(current -> {
            Role role = change.role() == null ? current.role() : parseRole(change.role());
            boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
            String displayName = change.displayName() == null
                    ? current.displayName()
                    : displayName(change.displayName(), current.username());
            boolean losesAdmin = current.role() == Role.ADMIN && current.enabled() && (role != Role.ADMIN || !enabled);
            Mono<Void> guard = losesAdmin
                    ? accounts.countEnabledAdmins().flatMap(admins -> admins <= 1
                            ? Mono.error(new BatonException.Conflict(
                                    "Baton needs at least one enabled admin; make another admin first"))
                            : Mono.empty())
                    : Mono.empty();
            String detail = describeChange(current, role, enabled, displayName);
            return guard.then(Mono.defer(() -> accounts.update(id, displayName, role, enabled)))
                    .flatMap(updated -> audit.record(actor, "account.updated", current.username(), detail, remoteAddr)
                            .thenReturn(updated));
        }).as(tx::transactional).doFinally(signal -> tokenCache.forget());
    }

    /** Sets a new password for a user (by an admin through the API); the user keeps it. */
    public Mono<Void> setPassword(long id, String password, String actor, String remoteAddr) {
        checkPassword(password);
        return reset(id, password, false, "account.password-set", actor, remoteAddr).then();
    }

    /**
     * An admin resets a user's password: to {@code password}, or to a random one made here (returned this once, never
     * stored but as its hash) when none is given; with {@code mustChange} the user is asked for a new one at their
     * next sign-in, before anything else. The user's other sessions end at their next request, and every node stops
     * trusting their HTTP Basic sign-ins at the commit. Audited, without the password.
     */
    public Mono<PasswordReset> resetPassword(long id, String password, boolean mustChange, String actor,
            String remoteAddr) {
        return reset(id, password, mustChange, "account.password-reset", actor, remoteAddr);
    }

    private Mono<PasswordReset> reset(long id, String password, boolean mustChange, String action, String actor,
            String remoteAddr) {
        boolean generated = password == null || password.isEmpty();
        String chosen = generated ? randomPassword() : password;
        checkPassword(chosen);
        return get(id).flatMap(account -> hash(chosen)
                        .flatMap(hash -> accounts.updatePassword(account.username(), hash, mustChange))
                        .then(audit.record(actor, action, account.username(),
                                (generated ? "generated" : "typed by the admin")
                                        + (mustChange ? ", must change at next sign-in" : ""), remoteAddr))
                        .then(get(id))
                        .map(updated -> new PasswordReset(updated, generated ? chosen : null)))
                .as(tx::transactional)
                .doFinally(signal -> tokenCache.forget());
    }

    /**
     * A user changes their own password, giving the current one; a temporary password must be replaced by another.
     * Their other sessions end at their next request.
     */
    public Mono<Void> changeOwnPassword(String username, String current, String newPassword, String remoteAddr) {
        if (current == null || current.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput("current", "give your current password"));
        }
        checkPassword(newPassword);
        if (newPassword.equals(current)) {
            return Mono.error(new BatonException.InvalidInput("password",
                    "choose a new password, not the one you have now"));
        }
        return accounts.findUser(username)
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No user " + username)))
                .filter(user -> !SsoRepository.NO_PASSWORD.equals(user.getPassword()))
                .switchIfEmpty(Mono.error(() -> new BatonException.InvalidInput("current",
                        "your account signs in through single sign-on: change your password at your identity provider")))
                .flatMap(user -> Mono.fromCallable(() -> passwordEncoder.matches(current, user.getPassword()))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(matches -> matches
                        ? hash(newPassword)
                        : Mono.error(new BatonException.InvalidInput("current", "is not your current password")))
                .flatMap(hash -> accounts.updatePassword(username, hash, false))
                .then(audit.record(username, "account.password-changed", username, null, remoteAddr))
                .as(tx::transactional)
                .doFinally(signal -> tokenCache.forget());
    }

    // --- API tokens

    public Flux<ApiToken> tokens() {
        return accounts.findTokens();
    }

    /** Issues a token for a user; the returned secret is shown once and never stored. */
    public Mono<IssuedToken> issueToken(String username, String name, String actor, String remoteAddr) {
        String tokenName = name == null ? "" : name.strip();
        if (tokenName.isEmpty() || tokenName.length() > 100) {
            return Mono.error(new BatonException.InvalidInput("name", "give the token a name of 1 to 100 characters"));
        }
        String owner = username == null || username.isBlank() ? actor : normaliseUsername(username);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String shown = token.substring(0, TOKEN_PREFIX.length() + 6);
        return accounts.findUser(owner)
                .switchIfEmpty(Mono.error(() -> new BatonException.InvalidInput("username", "no user " + owner)))
                .flatMap(user -> accounts.insertToken(user.id(), tokenName, sha256(token), shown, actor))
                .flatMap(saved -> audit.record(actor, "token.issued", owner, "token=" + saved.id() + " " + tokenName,
                                remoteAddr)
                        .thenReturn(new IssuedToken(saved, token)))
                .as(tx::transactional);
    }

    public Mono<ApiToken> revokeToken(long id, String actor, String remoteAddr) {
        return accounts.findToken(id)
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No API token " + id)))
                .flatMap(token -> token.active()
                        ? accounts.revokeToken(id)
                                .then(audit.record(actor, "token.revoked", token.username(), "token=" + id, remoteAddr))
                                .then(accounts.findToken(id))
                        : Mono.error(new BatonException.Conflict("The API token " + id + " is already revoked")))
                .as(tx::transactional)
                .doFinally(signal -> tokenCache.forget());
    }

    /** The user behind a bearer token, if the token is known, unrevoked and its user enabled. */
    Mono<BatonUser> authenticateToken(String token) {
        if (!token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Mono.empty();
        }
        byte[] hash = sha256(token);
        return tokenCache.user(hash, () -> accounts.useToken(hash)).filter(BatonUser::isEnabled);
    }

    // --- rules

    static String normaliseUsername(String raw) {
        String username = raw == null ? "" : raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new BatonException.InvalidInput("username",
                    "use 2 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        return username;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new BatonException.InvalidInput("password",
                    "use at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new BatonException.InvalidInput("password",
                    "use at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    private static Role parseRole(String value) {
        Role role = Role.parse(value);
        if (role == null) {
            throw new BatonException.InvalidInput("role", "must be one of REP, MARKETER, TRAINER, ADMIN");
        }
        return role;
    }

    private static String displayName(String raw, String username) {
        String name = raw == null ? "" : raw.strip();
        if (name.length() > 100) {
            throw new BatonException.InvalidInput("displayName", "use at most 100 characters");
        }
        return name.isEmpty() ? username : name;
    }

    private static String describeChange(Account current, Role role, boolean enabled, String displayName) {
        StringBuilder detail = new StringBuilder();
        if (current.role() != role) {
            detail.append("role ").append(current.role()).append("->").append(role).append(' ');
        }
        if (current.enabled() != enabled) {
            detail.append(enabled ? "enabled " : "disabled ");
        }
        if (!current.displayName().equals(displayName)) {
            detail.append("renamed");
        }
        return detail.toString().strip();
    }

    /** Hashing is deliberately slow, so it runs off the event loop. */
    Mono<String> hash(String password) {
        return Mono.fromCallable(() -> passwordEncoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new account as requested. */
    public record NewAccount(String username, String displayName, String password, String role) {}

    /** Fields to change; null leaves a field as it is. */
    public record AccountChange(String displayName, String role, Boolean enabled) {}

    /** A password just reset; {@code temporaryPassword} only when Baton made it, shown this once. */
    public record PasswordReset(Account account, String temporaryPassword) {}

    /** A token just issued, with its secret, which is shown this once. */
    public record IssuedToken(ApiToken token, String secret) {}
}
