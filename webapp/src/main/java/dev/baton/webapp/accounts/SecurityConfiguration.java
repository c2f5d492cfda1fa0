package dev.baton.webapp.accounts;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.ProblemWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;
import org.springframework.security.web.server.authentication.WebFilterChainServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Who may do what. Two main filter chains (and small public ones: static files, the share viewer, the digest's
 * unsubscribe link): {@code /api/**} and {@code /actuator/**} are stateless (HTTP Basic or a bearer
 * API token on every request, no session, no CSRF since no cookie authenticates them); pages use form login with a
 * session and CSRF protection. Both deny anything no rule allows ({@link UnmappedPaths}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** The Content-Security-Policy of every response: own scripts and styles only, no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        String current = "argon2";
        return new DelegatingPasswordEncoder(current, Map.of(
                current, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    @Bean
    AccountUserDetailsService userDetailsService(AccountRepository accounts, SsoRepository sso,
            PasswordEncoder passwordEncoder) {
        return new AccountUserDetailsService(accounts, sso, passwordEncoder);
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain apiChain(ServerHttpSecurity http, AccountUserDetailsService users,
            PasswordEncoder passwordEncoder, AccountService accountService, LoginThrottle throttle, AuditLog audit,
            ProblemWriter problems, UnmappedPaths unmapped, TokenCache verified) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, e) -> {
            exchange.getResponse().getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Baton\"");
            exchange.getResponse().getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Baton\"");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "Authentication required",
                    "Sign in with HTTP Basic or send an API token as 'Authorization: Bearer <token>'", Map.of());
        };
        ServerAccessDeniedHandler denied = (exchange, e) -> deniedAudit(exchange, audit)
                .then(problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this",
                        Map.of()));

        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator", "/actuator/**"))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .addFilterAt(basicFilter(users, passwordEncoder, throttle, audit, problems, entryPoint, verified),
                        SecurityWebFiltersOrder.HTTP_BASIC)
                .addFilterAfter(bearerFilter(accountService, problems, audit), SecurityWebFiltersOrder.HTTP_BASIC)
                .addFilterAfter(new ReviewerScopeFilter(), SecurityWebFiltersOrder.AUTHORIZATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .headers(SecurityConfiguration::headers)
                .authorizeExchange(rules -> rules
                        .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/**").hasRole("ADMIN")
                        .pathMatchers("/api/v1/me").authenticated()
                        .pathMatchers("/api/v1/users", "/api/v1/users/**").hasRole("ADMIN")
                        .pathMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasRole("ADMIN")
                        .pathMatchers("/api/v1/teams", "/api/v1/teams/**").hasRole("ADMIN")
                        .pathMatchers("/api/v1/sso", "/api/v1/sso/**").hasRole("ADMIN")
                        .pathMatchers("/api/v1/packs/assigned", "/api/v1/packs/assigned/**").authenticated()
                        .pathMatchers("/api/v1/packs", "/api/v1/packs/**").hasRole("TRAINER")
                        .pathMatchers("/api/v1/reports/influence*", "/api/v1/reports/influence/**",
                                "/api/v1/reports/coverage*", "/api/v1/reports/coverage/**",
                                "/api/v1/reports/stage-drift*", "/api/v1/reports/stage-drift/**").hasRole("MARKETER")
                        .pathMatchers("/api/v1/audit").hasRole("ADMIN")
                        .pathMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.GET, "/api/v1/taxonomy").authenticated()
                        .pathMatchers(HttpMethod.GET, "/api/v1/openapi", "/api/v1/openapi.yaml", "/api/v1/search", "/api/v1/search/suggest",
                                "/api/v1/search/synonyms", "/api/v1/assets/*/related").authenticated()
                        .pathMatchers(HttpMethod.POST, "/api/v1/search/*/opened", "/api/v1/content-requests")
                                .authenticated()
                        // feedback: everyone's own requests and feedback; marketers answer; admins set the level
                        .pathMatchers(HttpMethod.PUT, "/api/v1/content-requests/service-level").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.GET, "/api/v1/content-requests/*").authenticated()
                        .pathMatchers("/api/v1/feedback/inbox", "/api/v1/feedback/*/reply").hasRole("MARKETER")
                        .pathMatchers("/api/v1/feedback/**").authenticated()
                        .pathMatchers("/api/v1/reports/search-gaps", "/api/v1/reports/search-gaps/**")
                                .hasRole("MARKETER")
                        .pathMatchers("/api/v1/search/index", "/api/v1/search/index/**", "/api/v1/search/synonyms")
                                .hasRole("ADMIN")
                        .pathMatchers("/api/v1/content-requests", "/api/v1/content-requests/**").hasRole("MARKETER")
                        .pathMatchers("/api/v1/shares", "/api/v1/shares/**").authenticated()
                        // review before publish: rules are admins'; an asset's record (its approval) is anyone's
                        // who sees the asset; the rest marketers' and reviewers' (the service checks who decides)
                        .pathMatchers("/api/v1/reviews/rules", "/api/v1/reviews/rules/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.GET, "/api/v1/reviews/assets/*").authenticated()
                        .pathMatchers("/api/v1/reviews", "/api/v1/reviews/**").hasAnyRole("MARKETER", "REVIEWER")
                        .pathMatchers(HttpMethod.GET, "/api/v1/assets/*/versions/*/file")
                                .hasAnyRole("MARKETER", "REVIEWER")
                        .pathMatchers(HttpMethod.GET, "/api/v1/assets", "/api/v1/assets/*", "/api/v1/assets/*/file",
                                "/api/v1/assets/*/thumbnail", "/api/v1/assets/*/usage", "/api/v1/assets/*/pages",
                                "/api/v1/assets/*/pages/*").authenticated()
                        .pathMatchers(HttpMethod.POST, "/api/v1/assets/*/usage").authenticated()
                        // usage events from other tools, as the caller; the benchmark's peer exists only when
                        // baton.bench.events-peer=true
                        .pathMatchers(HttpMethod.POST, "/api/v1/events", "/api/v1/bench/events-peer").authenticated()
                        // everyone's own notifications and email settings
                        .pathMatchers("/api/v1/notifications", "/api/v1/notifications/**").authenticated()
                        // reports: marketers and admins see everyone's figures, others their own (the controllers)
                        .pathMatchers(HttpMethod.PUT, "/api/v1/reports/settings").hasRole("ADMIN")
                        // the joint scorecard: everyone reads it, admins edit its definitions
                        .pathMatchers(HttpMethod.PUT, "/api/v1/reports/scorecard/definitions/*").hasRole("ADMIN")
                        // the weekly digest: marketers and admins choose; admins send now
                        .pathMatchers("/api/v1/reports/digest/run").hasRole("ADMIN")
                        .pathMatchers("/api/v1/reports/digest", "/api/v1/reports/digest/**").hasRole("MARKETER")
                        .pathMatchers("/api/v1/reports", "/api/v1/reports/**").authenticated()
                        .pathMatchers("/api/v1/assets", "/api/v1/assets/**").hasRole("MARKETER")
                        .pathMatchers("/api/v1/derived", "/api/v1/derived/**").hasRole("ADMIN")
                        .pathMatchers("/api/v1/imports", "/api/v1/imports/**").hasRole("MARKETER")
                        .pathMatchers("/api/v1/taxonomy/**").hasRole("ADMIN")
                        // a CRM's webhook carries no session or token: its HMAC signature authenticates it
                        .pathMatchers(HttpMethod.POST, "/api/v1/crm/*/webhook").permitAll()
                        .pathMatchers("/api/v1/deals", "/api/v1/deals/**").authenticated()
                        .anyExchange().access(unmapped));
        return http.build();
    }

    /**
     * Stylesheets, scripts and the favicon: public, and served without touching the session or the database (a page
     * load asks for several at once, and the browser cancels them freely).
     */
    @Bean
    @Order(0)
    SecurityWebFilterChain staticChain(ServerHttpSecurity http) {
        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/static/**", "/webjars/**", "/favicon.ico"))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .headers(SecurityConfiguration::headers)
                .authorizeExchange(rules -> rules.pathMatchers(HttpMethod.GET, "/**").permitAll()
                        .anyExchange().denyAll());
        return http.build();
    }

    /**
     * The buyer's viewer of share links ({@code /s/**}, package sharing): public, and it never touches a session, a
     * CSRF token or a saved request, so no answer of it sets a cookie. The link's token and the viewer's own gates
     * decide what a visitor sees; the viewer writes its own headers (CSP, no referrer, noindex) on every answer.
     */
    @Bean
    @Order(0)
    SecurityWebFilterChain viewerChain(ServerHttpSecurity http) {
        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/s", "/s/**"))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .authorizeExchange(rules -> rules
                        .pathMatchers(HttpMethod.GET, "/s/*", "/s/*/items/*/file", "/s/*/items/*/download",
                                "/s/*/items/*/pages/*").permitAll()
                        .pathMatchers(HttpMethod.POST, "/s/*", "/s/*/beacon").permitAll()
                        .anyExchange().permitAll());
        return http.build();
    }

    /**
     * The weekly digest's unsubscribe link (package reports): public, without a session, a cookie or a CSRF token,
     * so it works from an email without signing in and for a mail program's one-click unsubscribe (a POST); the
     * signed token in the link decides whose digest it turns off.
     */
    @Bean
    @Order(0)
    SecurityWebFilterChain digestUnsubscribeChain(ServerHttpSecurity http) {
        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/reports/digest/unsubscribe"))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .headers(SecurityConfiguration::headers)
                .authorizeExchange(rules -> rules
                        .pathMatchers(HttpMethod.GET, "/reports/digest/unsubscribe").permitAll()
                        .pathMatchers(HttpMethod.POST, "/reports/digest/unsubscribe").permitAll()
                        .anyExchange().denyAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain pageChain(ServerHttpSecurity http, AccountUserDetailsService users,
            PasswordEncoder passwordEncoder, LoginThrottle throttle, AuditLog audit, UnmappedPaths unmapped,
            AccountRepository accounts, OidcSignIn oidc) {
        UserDetailsRepositoryReactiveAuthenticationManager manager = authenticationManager(users, passwordEncoder);
        DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();
        ServerAccessDeniedHandler denied = (exchange, e) -> deniedAudit(exchange, audit)
                .then(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "Your role may not open this page")));

        http.authenticationManager(manager)
                .securityContextRepository(new RevalidatingSecurityContextRepository(accounts))
                .formLogin(form -> form
                        .loginPage("/login")
                        .authenticationSuccessHandler((webExchange, authentication) -> {
                            String username = authentication.getName();
                            throttle.succeeded(username, address(webExchange.getExchange()));
                            String home = authentication.getPrincipal() instanceof BatonUser user
                                    ? user.role().home()
                                    : "/";
                            return audit.recordNow(username, "login.success", null, "form",
                                            address(webExchange.getExchange()))
                                    .then(redirect.sendRedirect(webExchange.getExchange(), URI.create(home)));
                        })
                        .authenticationFailureHandler((webExchange, e) -> {
                            ServerWebExchange exchange = webExchange.getExchange();
                            return exchange.getFormData().flatMap(data -> audit.recordNow(data.getFirst("username"),
                                            "login.failure", null, "form", address(exchange))
                                    .then(redirect.sendRedirect(exchange, URI.create("/login?error"))));
                        }))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessHandler((webExchange, authentication) -> audit.recordNow(
                                        authentication == null ? null : authentication.getName(), "logout", null,
                                        null, address(webExchange.getExchange()))
                                .then(oidc.signedOut(webExchange, authentication))))
                .addFilterBefore(new FormLoginThrottleFilter(throttle, audit), SecurityWebFiltersOrder.FORM_LOGIN)
                .addFilterAfter(new PasswordChangeFilter(), SecurityWebFiltersOrder.AUTHORIZATION)
                .addFilterAfter(new ReviewerScopeFilter(), SecurityWebFiltersOrder.AUTHORIZATION)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .exceptionHandling(handling -> handling.accessDeniedHandler(denied))
                .headers(headers -> headers(headers, oidc.enabled() ? oidc.providerOrigin() : null))
                .authorizeExchange(rules -> rules
                        .pathMatchers("/login", "/error").permitAll()
                        .pathMatchers(PasswordPagesController.PAGE).authenticated()
                        .pathMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .pathMatchers("/marketing", "/marketing/**").hasRole("MARKETER")
                        .pathMatchers("/training", "/training/**").hasRole("TRAINER")
                        .pathMatchers("/packs", "/packs/**").authenticated()
                        .pathMatchers("/rep", "/rep/**").hasRole("REP")
                        .pathMatchers(HttpMethod.GET, "/search", "/search/suggest", "/search/open").authenticated()
                        .pathMatchers(HttpMethod.POST, "/search/request").authenticated()
                        .pathMatchers(HttpMethod.GET, "/requests/mine").authenticated()
                        .pathMatchers(HttpMethod.POST, "/requests/service-level").hasRole("ADMIN")
                        .pathMatchers("/requests", "/requests/**").hasRole("MARKETER")
                        .pathMatchers("/inbox", "/inbox/**").hasRole("MARKETER")
                        // the page, its downloads (search-gaps.csv, .json) and what is under it
                        .pathMatchers("/reports/search-gaps*", "/reports/search-gaps/**").hasRole("MARKETER")
                        .pathMatchers("/assets/*/feedback", "/assets/*/feedback/*").authenticated()
                        // the page, its downloads (influence.csv, .json) and what is under it
                        .pathMatchers("/reports/influence*", "/reports/influence/**", "/reports/coverage*",
                                "/reports/coverage/**", "/reports/stage-drift*", "/reports/stage-drift/**")
                        .hasRole("MARKETER")
                        .pathMatchers("/notifications", "/notifications/**").authenticated()
                        .pathMatchers(HttpMethod.POST, "/reports/settings").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.POST, "/reports/scorecard/definitions/*").hasRole("ADMIN")
                        .pathMatchers("/reports", "/reports/**").authenticated()
                        .pathMatchers("/shares", "/shares/**").authenticated()
                        .pathMatchers(HttpMethod.GET, "/assets/*/review").authenticated()
                        .pathMatchers(HttpMethod.GET, "/assets/*/versions/*/file").hasAnyRole("MARKETER", "REVIEWER")
                        .pathMatchers("/reviews", "/reviews/**").hasAnyRole("MARKETER", "REVIEWER")
                        .pathMatchers(HttpMethod.GET, "/deals/*/shares").authenticated()
                        .pathMatchers(HttpMethod.GET, "/", "/glossary", "/library", "/assets/*", "/assets/*/file",
                                "/assets/*/thumbnail", "/assets/*/view", "/assets/*/related", "/assets/*/pages",
                                "/assets/*/pages/*").authenticated()
                        .pathMatchers("/assets", "/assets/**", "/imports", "/imports/**").hasRole("MARKETER")
                        .pathMatchers("/deals", "/deals/**").authenticated()
                        .anyExchange().access(unmapped));
        if (oidc.enabled()) {
            oidc.configure(http);
        }
        return http.build();
    }

    private static void headers(ServerHttpSecurity.HeaderSpec headers) {
        headers(headers, null);
    }

    /**
     * The headers of every answer; {@code providerOrigin}, when single sign-on is on, may receive the sign-out form's
     * redirect (the provider's end-session endpoint), which {@code form-action} would otherwise block.
     */
    private static void headers(ServerHttpSecurity.HeaderSpec headers, String providerOrigin) {
        String policy = providerOrigin == null ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + providerOrigin);
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(
                        ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicy(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()"));
    }

    private static UserDetailsRepositoryReactiveAuthenticationManager authenticationManager(
            AccountUserDetailsService users, PasswordEncoder passwordEncoder) {
        UserDetailsRepositoryReactiveAuthenticationManager manager =
                new UserDetailsRepositoryReactiveAuthenticationManager(users);
        manager.setPasswordEncoder(passwordEncoder);
        manager.setUserDetailsPasswordService(users);
        // Argon2 is slow on purpose: keep it off the event loop
        manager.setScheduler(Schedulers.boundedElastic());
        return manager;
    }

    private static AuthenticationWebFilter basicFilter(AccountUserDetailsService users,
            PasswordEncoder passwordEncoder, LoginThrottle throttle, AuditLog audit, ProblemWriter problems,
            ServerAuthenticationEntryPoint entryPoint, TokenCache verified) {
        ServerHttpBasicAuthenticationConverter basic = new ServerHttpBasicAuthenticationConverter();
        ServerAuthenticationConverter throttled = exchange -> basic.convert(exchange).flatMap(token -> {
            var wait = throttle.attempt(token.getName(), address(exchange));
            return wait.isZero()
                    ? Mono.just(token)
                    : audit.recordNow(token.getName(), "login.throttled", null, "basic", address(exchange))
                            .then(Mono.error(new LoginThrottledException(wait)));
        });
        ServerAuthenticationFailureHandler failure = (webExchange, e) ->
                apiLoginFailed(webExchange, e, throttle, audit, problems, entryPoint);
        AuthenticationWebFilter filter = new AuthenticationWebFilter(
                new BasicLogins(authenticationManager(users, passwordEncoder), verified));
        filter.setServerAuthenticationConverter(throttled);
        filter.setAuthenticationFailureHandler(failure);
        filter.setAuthenticationSuccessHandler(new WebFilterChainServerAuthenticationSuccessHandler() {
            @Override
            public Mono<Void> onAuthenticationSuccess(WebFilterExchange webExchange, Authentication authentication) {
                throttle.succeeded(authentication.getName(), address(webExchange.getExchange()));
                return super.onAuthenticationSuccess(webExchange, authentication);
            }
        });
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }

    private static Mono<Void> apiLoginFailed(WebFilterExchange webExchange, AuthenticationException e,
            LoginThrottle throttle, AuditLog audit, ProblemWriter problems, ServerAuthenticationEntryPoint entryPoint) {
        ServerWebExchange exchange = webExchange.getExchange();
        if (e instanceof LoginThrottledException throttled) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(throttled.retryAfterSeconds()));
            return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
                    throttled.getMessage(), Map.of());
        }
        if (e instanceof org.springframework.security.authentication.CredentialsExpiredException expired) {
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "Password change required", expired.getMessage(),
                    Map.of());
        }
        return new ServerHttpBasicAuthenticationConverter().convert(exchange)
                .map(Authentication::getName)
                .defaultIfEmpty("")
                .flatMap(username -> audit.recordNow(username, "login.failure", null, "basic", address(exchange)))
                .then(entryPoint.commence(exchange, e));
    }

    private static AuthenticationWebFilter bearerFilter(AccountService accounts, ProblemWriter problems,
            AuditLog audit) {
        ReactiveAuthenticationManager manager = authentication -> accounts
                .authenticateToken((String) authentication.getCredentials())
                .map(user -> (Authentication) UsernamePasswordAuthenticationToken.authenticated(
                        user, null, user.getAuthorities()))
                .switchIfEmpty(Mono.error(() -> new org.springframework.security.authentication
                        .BadCredentialsException("The API token is unknown or revoked")));
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.empty();
            }
            String token = header.substring(7).strip();
            return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("token", token));
        });
        filter.setAuthenticationFailureHandler((webExchange, e) -> {
            ServerWebExchange exchange = webExchange.getExchange();
            exchange.getResponse().getHeaders()
                    .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Baton\", error=\"invalid_token\"");
            return audit.recordNow(null, "token.rejected", null, null, address(exchange))
                    .then(problems.write(exchange, HttpStatus.UNAUTHORIZED, "Invalid API token",
                            "The API token is unknown or revoked", Map.of()));
        });
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }

    private static Mono<Void> deniedAudit(ServerWebExchange exchange, AuditLog audit) {
        return exchange.getPrincipal()
                .map(java.security.Principal::getName)
                .defaultIfEmpty("")
                .flatMap(name -> audit.recordNow(name.isEmpty() ? null : name, "access.denied",
                        exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value(), null,
                        address(exchange)));
    }

    static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** Users from the account table; upgrades a password hash to the current algorithm at sign-in. */
    static final class AccountUserDetailsService
            implements ReactiveUserDetailsService, ReactiveUserDetailsPasswordService {

        private final AccountRepository accounts;
        private final SsoRepository sso;
        private final String unknownUserHash;

        AccountUserDetailsService(AccountRepository accounts, SsoRepository sso, PasswordEncoder passwordEncoder) {
            this.accounts = accounts;
            this.sso = sso;
            // a hash of a random secret, checked for unknown names so they take as long to refuse as known ones
            this.unknownUserHash = passwordEncoder.encode(java.util.UUID.randomUUID() + "-" + System.nanoTime());
        }

        @Override
        public Mono<org.springframework.security.core.userdetails.UserDetails> findByUsername(String username) {
            String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
            // accounts of the identity provider have no password; while local sign-in is for admins only, other
            // local accounts are refused as unknown names are (same answer, same time)
            return accounts.findUser(name)
                    .filter(user -> !SsoRepository.NO_PASSWORD.equals(user.getPassword()))
                    .filterWhen(user -> user.role() == Role.ADMIN ? Mono.just(true)
                            : sso.settings().map(settings -> !settings.localAdminsOnly()))
                    .defaultIfEmpty(new BatonUser(-1, name, name, Role.REP, true, unknownUserHash))
                    .cast(org.springframework.security.core.userdetails.UserDetails.class);
        }

        @Override
        public Mono<org.springframework.security.core.userdetails.UserDetails> updatePassword(
                org.springframework.security.core.userdetails.UserDetails user, String newPassword) {
            // the principal carries the new hash, so the session it starts matches the account (samePasswordAs)
            return accounts.updatePassword(user.getUsername(), newPassword)
                    .thenReturn(user instanceof BatonUser baton ? baton.withPasswordHash(newPassword) : user);
        }
    }
}
