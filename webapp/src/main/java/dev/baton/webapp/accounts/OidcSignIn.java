package dev.baton.webapp.accounts;

import dev.baton.webapp.system.AuditLog;
import java.net.URI;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.authentication.ReactiveOidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sign-in through an OpenID Connect provider (Spring Security's {@code oauth2Login}, authorization code flow for a
 * confidential client, with state, nonce and PKCE), and sign-out that ends the provider's session where it offers an
 * {@code end_session_endpoint} (RP-initiated logout). The provider's discovery document is read at the first
 * sign-in, not at start, so Baton starts while the provider is down. Off unless {@code baton.oidc.issuer-uri} is set.
 */
@Component
class OidcSignIn {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private final OidcProperties properties;
    private final SsoService sso;
    private final AuditLog audit;
    private final LazyRegistration registrations;
    private final java.time.Clock clock;

    OidcSignIn(OidcProperties properties, SsoService sso, AuditLog audit, java.time.Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.sso = sso;
        this.audit = audit;
        this.registrations = new LazyRegistration(properties);
    }

    boolean enabled() {
        return properties.enabled();
    }

    /** The provider's origin, which the sign-out form's redirect must be allowed to reach (CSP form-action). */
    String providerOrigin() {
        URI issuer = URI.create(properties.issuerUri());
        return issuer.getScheme() + "://" + issuer.getAuthority();
    }

    void configure(ServerHttpSecurity http) {
        ReactiveOAuth2UserService<OidcUserRequest, OidcUser> provider = new OidcReactiveOAuth2UserService();
        ReactiveOAuth2UserService<OidcUserRequest, OidcUser> users = request -> provider.loadUser(request)
                .flatMap(person -> sso.signIn(person.getIdToken().getIssuer().toString(), person.getSubject(),
                                person.getClaims())
                        .map(user -> (OidcUser) new SsoPrincipal(person, user)));
        OidcAuthorizationCodeReactiveAuthenticationManager manager = new OidcAuthorizationCodeReactiveAuthenticationManager(
                new WebClientReactiveAuthorizationCodeTokenResponseClient(), users);
        // the ID token's times judged by Baton's clock (60 s of skew allowed), like every other date in Baton
        ReactiveOidcIdTokenDecoderFactory decoders = new ReactiveOidcIdTokenDecoderFactory();
        decoders.setJwtValidatorFactory(registration -> {
            JwtTimestampValidator times = new JwtTimestampValidator();
            times.setClock(clock);
            OidcIdTokenValidator claims = new OidcIdTokenValidator(registration);
            claims.setClock(clock);
            return new DelegatingOAuth2TokenValidator<>(times, claims);
        });
        manager.setJwtDecoderFactory(decoders);
        DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new WebSessionServerOAuth2AuthorizedClientRepository())
                .authenticationManager(manager)
                .authenticationSuccessHandler((webExchange, authentication) -> {
                    ServerWebExchange exchange = webExchange.getExchange();
                    SsoPrincipal principal = (SsoPrincipal) authentication.getPrincipal();
                    return audit.recordNow(principal.username(), "login.success", null, "oidc",
                                    SecurityConfiguration.address(exchange))
                            .then(sso.home(principal.accountId()))
                            .flatMap(home -> redirect.sendRedirect(exchange, URI.create(home)));
                })
                .authenticationFailureHandler((webExchange, e) -> {
                    ServerWebExchange exchange = webExchange.getExchange();
                    String reason = reason(e);
                    log.info("Single sign-on refused ({}): {}", reason, e.getMessage());
                    return audit.recordNow(null, "login.failure", null, "oidc " + reason,
                                    SecurityConfiguration.address(exchange))
                            .then(redirect.sendRedirect(exchange, URI.create("/login?sso=" + reason)));
                }));
    }

    /**
     * After the local sign-out: to the provider's end-session endpoint (with the ID token as hint and the sign-in
     * page as where to come back) when the session was a single sign-on one and the provider has the endpoint;
     * otherwise, or for local sessions, to the sign-in page.
     */
    Mono<Void> signedOut(WebFilterExchange webExchange, Authentication authentication) {
        if (authentication != null && authentication.getDetails() instanceof SsoPrincipal principal) {
            OidcClientInitiatedServerLogoutSuccessHandler handler =
                    new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
            handler.setPostLogoutRedirectUri("{baseUrl}/login?logout");
            handler.setLogoutSuccessUrl(URI.create("/login?logout"));
            return handler.onLogoutSuccess(webExchange, new OAuth2AuthenticationToken(principal,
                    principal.getAuthorities(), OidcProperties.REGISTRATION));
        }
        return new DefaultServerRedirectStrategy().sendRedirect(webExchange.getExchange(),
                URI.create("/login?logout"));
    }

    /** The sign-in page's word for why a sign-in through the provider failed (its message is chosen by it). */
    static String reason(AuthenticationException e) {
        if (!(e instanceof OAuth2AuthenticationException oauth)) {
            return "provider";
        }
        String code = oauth.getError().getErrorCode();
        String detail = (oauth.getError().getDescription() + " " + e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return switch (code) {
            case "authorization_request_not_found", "invalid_state_parameter" -> "state";
            case "invalid_id_token" -> detail.contains("aud") ? "audience"
                    : detail.contains("exp") ? "expired" : "token";
            case "access_denied" -> "denied";
            case "baton_no_role", "baton_disabled", "baton_username", "baton_username_taken" ->
                    code.substring("baton_".length());
            default -> "provider";
        };
    }

    /** The one client registration, from the provider's discovery document, read when first needed. */
    private static final class LazyRegistration implements ReactiveClientRegistrationRepository {

        private final OidcProperties properties;
        private final AtomicReference<ClientRegistration> found = new AtomicReference<>();

        LazyRegistration(OidcProperties properties) {
            this.properties = properties;
        }

        @Override
        public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
            if (!OidcProperties.REGISTRATION.equals(registrationId)) {
                return Mono.empty();
            }
            ClientRegistration known = found.get();
            if (known != null) {
                return Mono.just(known);
            }
            return Mono.fromCallable(this::discover).subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(found::set);
        }

        private ClientRegistration discover() {
            var scopes = new HashSet<>(properties.scopes());
            scopes.add("openid");
            return ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                    .registrationId(OidcProperties.REGISTRATION)
                    .clientId(properties.clientId())
                    .clientSecret(properties.clientSecret())
                    .scope(scopes)
                    .userNameAttributeName("sub")
                    .redirectUri(StringUtils.hasText(properties.redirectUri())
                            ? properties.redirectUri()
                            : "{baseUrl}/login/oauth2/code/{registrationId}")
                    .build();
        }
    }
}
