package dev.baton.webapp.accounts;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Single sign-on: who the identity provider's people are in Baton. A person's first sign-in makes their account,
 * linked to the provider by issuer and subject; every sign-in sets their role from the groups or roles claim through
 * the admin's mapping (the provider is the source of truth: a role changed by hand in Baton lasts until the next
 * sign-in). Whether local passwords still sign in everyone, or only local admins (break-glass), is a setting here.
 */
@Service
public class SsoService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

    /** When a person's groups map to several roles, the first of these wins. */
    private static final List<Role> PRECEDENCE = List.of(Role.ADMIN, Role.MARKETER, Role.TRAINER, Role.REVIEWER,
            Role.REP);

    private final SsoRepository sso;
    private final AccountRepository accounts;
    private final OidcProperties properties;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final TokenCache tokenCache;

    SsoService(SsoRepository sso, AccountRepository accounts, OidcProperties properties, AuditLog audit,
            TransactionalOperator tx, TokenCache tokenCache) {
        this.sso = sso;
        this.accounts = accounts;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.tokenCache = tokenCache;
    }

    /** What the sign-in page offers. */
    public Mono<LoginOptions> loginOptions() {
        return sso.settings().map(settings -> new LoginOptions(properties.enabled(),
                properties.enabled() ? properties.buttonLabel() : null,
                settings.localAdminsOnly(), "/oauth2/authorization/" + OidcProperties.REGISTRATION));
    }

    /** Everything the admin's page and {@code GET /api/v1/sso} show. */
    public Mono<SsoOverview> overview() {
        return Mono.zip(sso.settings(), sso.mappings().collectList()).map(t -> new SsoOverview(properties.enabled(),
                properties.enabled() ? properties.issuerUri() : null,
                properties.enabled() ? properties.clientId() : null,
                properties.rolesClaim(), properties.usernameClaim(), t.getT1().localAdminsOnly() ? "ADMINS" : "ALL",
                t.getT1().defaultRole() == null ? "NONE" : t.getT1().defaultRole().name(), t.getT2()));
    }

    /**
     * Changes the settings; null leaves one as it is.
     *
     * @param localSignIn {@code ALL} (every local account signs in with its password) or {@code ADMINS} (only local
     *     admins: the break-glass accounts)
     * @param defaultRole the role of a person whose groups map to none, or {@code NONE}: such a person may not sign in
     */
    public Mono<SsoOverview> updateSettings(String localSignIn, String defaultRole, String actor, String remoteAddr) {
        Boolean adminsOnly = localSignIn == null ? null : switch (localSignIn.strip().toUpperCase(Locale.ROOT)) {
            case "ALL" -> false;
            case "ADMINS" -> true;
            default -> throw new BatonException.InvalidInput("localSignIn", "must be ALL or ADMINS");
        };
        boolean noDefault = defaultRole != null && "NONE".equalsIgnoreCase(defaultRole.strip());
        Role role = defaultRole == null || noDefault ? null : parseRole("defaultRole", defaultRole);
        return sso.settings().flatMap(current -> {
            Settings next = new Settings(adminsOnly == null ? current.localAdminsOnly() : adminsOnly,
                    defaultRole == null ? current.defaultRole() : role);
            return sso.saveSettings(next)
                    .then(audit.record(actor, "sso.settings", null, "localSignIn="
                            + (next.localAdminsOnly() ? "ADMINS" : "ALL") + " defaultRole="
                            + (next.defaultRole() == null ? "NONE" : next.defaultRole()), remoteAddr));
        }).as(tx::transactional).doFinally(signal -> tokenCache.forget()).then(overview());
    }

    /** Maps one value of the roles claim (a group's name) to a role, replacing what it mapped to. */
    public Mono<RoleMapping> putMapping(String claimValue, String role, String actor, String remoteAddr) {
        String value = claimValue == null ? "" : claimValue.strip();
        if (value.isEmpty() || value.length() > 200 || value.indexOf('\0') >= 0) {
            return Mono.error(new BatonException.InvalidInput("claimValue", "give a group or role name of 1 to 200 "
                    + "characters, no NUL"));
        }
        Role mapped = parseRole("role", role);
        return sso.putMapping(value, mapped)
                .then(audit.record(actor, "sso.mapping-set", null, value + " -> " + mapped, remoteAddr))
                .as(tx::transactional)
                .thenReturn(new RoleMapping(value, mapped));
    }

    public Mono<Void> removeMapping(String claimValue, String actor, String remoteAddr) {
        String value = claimValue == null ? "" : claimValue.strip();
        if (value.isEmpty() || value.length() > 200 || value.indexOf('\0') >= 0) {
            return Mono.error(new BatonException.InvalidInput("claimValue", "name the group whose mapping to remove "
                    + "(1 to 200 characters, no NUL)"));
        }
        return sso.deleteMapping(value)
                .flatMap(removed -> removed == 0
                        ? Mono.error(new BatonException.NotFound("No mapping for " + value))
                        : audit.record(actor, "sso.mapping-removed", null, value, remoteAddr))
                .as(tx::transactional)
                .then();
    }

    /**
     * The Baton user of a person the provider just signed in: their linked account, made now at their first sign-in,
     * with the role their claims map to. Refused (an {@link OAuth2AuthenticationException} whose error code the
     * sign-in page explains) when they map to no role and there is no default, when their account is disabled, or
     * when their user name belongs to another account.
     */
    Mono<BatonUser> signIn(String issuer, String subject, Map<String, Object> claims) {
        Set<String> values = claimValues(claims, properties.rolesClaim());
        String displayName = displayName(claims);
        return Mono.zip(sso.settings(), sso.mappings().collectList()).flatMap(t -> {
            Role role = role(values, t.getT2(), t.getT1().defaultRole());
            if (role == null) {
                return Mono.error(refused("no_role", "no group of " + subject + " maps to a Baton role"));
            }
            return sso.linkedAccount(issuer, subject)
                    .flatMap(id -> sso.refreshLinked(id, displayName, role).then(accounts.findById(id)))
                    .switchIfEmpty(Mono.defer(() -> create(issuer, subject, claims, displayName, role)))
                    .flatMap(account -> account.enabled()
                            ? accounts.findUser(account.username())
                            : Mono.error(refused("disabled", account.username() + " is disabled")));
        }).as(tx::transactional).doFinally(signal -> tokenCache.forget());
    }

    /** The page the person lands on after signing in: their role's home. */
    Mono<String> home(long accountId) {
        return accounts.findById(accountId).map(account -> account.role().home()).defaultIfEmpty("/");
    }

    private Mono<Account> create(String issuer, String subject, Map<String, Object> claims, String displayName,
            Role role) {
        String username = username(claims);
        if (username == null) {
            return Mono.error(refused("username", "no usable user name among the claims of " + subject));
        }
        return sso.usernameTaken(username)
                .flatMap(taken -> taken
                        ? Mono.error(refused("username_taken", username + " is another account's user name"))
                        : sso.insertLinked(username, displayName, role, issuer, subject))
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> refused("username_taken", username + " is another account's user name"))
                .flatMap(id -> audit.record(username, "account.created", username, "role=" + role + " via sso", null)
                        .then(accounts.findById(id)));
    }

    private String username(Map<String, Object> claims) {
        for (String claim : List.of(properties.usernameClaim(), "email", "sub")) {
            Object value = claims.get(claim);
            if (value instanceof String text) {
                String name = text.strip().toLowerCase(Locale.ROOT);
                if (USERNAME.matcher(name).matches()) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String displayName(Map<String, Object> claims) {
        for (String claim : List.of("name", "preferred_username", "email", "sub")) {
            if (claims.get(claim) instanceof String text && !text.isBlank()) {
                String name = text.strip();
                return name.length() > 100 ? name.substring(0, 100) : name;
            }
        }
        return "?";
    }

    /** The values of the roles claim: a list, or a string of names split at commas or spaces; dots reach inside. */
    static Set<String> claimValues(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        Set<String> values = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> values.add(String.valueOf(item).strip()));
        } else if (value instanceof String text) {
            for (String item : text.split("[,\\s]+")) {
                if (!item.isBlank()) {
                    values.add(item.strip());
                }
            }
        }
        return values;
    }

    static Role role(Set<String> values, List<RoleMapping> mappings, Role defaultRole) {
        List<Role> mapped = new ArrayList<>();
        for (RoleMapping mapping : mappings) {
            if (values.contains(mapping.claimValue())) {
                mapped.add(mapping.role());
            }
        }
        return PRECEDENCE.stream().filter(mapped::contains).findFirst().orElse(defaultRole);
    }

    private static OAuth2AuthenticationException refused(String code, String why) {
        return new OAuth2AuthenticationException(new OAuth2Error("baton_" + code, why, null), why);
    }

    private static Role parseRole(String field, String value) {
        Role role = Role.parse(value);
        if (role == null) {
            throw new BatonException.InvalidInput(field, "must be one of REP, MARKETER, TRAINER, ADMIN, REVIEWER"
                    + ("defaultRole".equals(field) ? " or NONE" : ""));
        }
        return role;
    }

    /** A mapping to set: the claim's value and the role's name. */
    public record RoleMappingRequest(String claimValue, String role) {}

    /** One value of the roles claim and the role it gives. */
    public record RoleMapping(String claimValue, Role role) {}

    /** The admin's settings: whether only local admins sign in with a password, and the role of the unmapped. */
    record Settings(boolean localAdminsOnly, Role defaultRole) {}

    /** What the sign-in page shows: the single sign-on button, and whether passwords are for admins only. */
    public record LoginOptions(boolean ssoEnabled, String buttonLabel, boolean localAdminsOnly, String ssoPath) {}

    /** Single sign-on as configured (environment) and set (admin). */
    public record SsoOverview(boolean configured, String issuerUri, String clientId, String rolesClaim,
            String usernameClaim, String localSignIn, String defaultRole, List<RoleMapping> mappings) {}
}
