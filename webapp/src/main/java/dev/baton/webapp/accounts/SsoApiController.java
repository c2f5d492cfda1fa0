package dev.baton.webapp.accounts;

import dev.baton.webapp.system.Detached;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Single sign-on settings and the group-to-role mapping, for admins (docs/api.md). */
@RestController
@RequestMapping("/api/v1/sso")
class SsoApiController {

    private final SsoService sso;

    SsoApiController(SsoService sso) {
        this.sso = sso;
    }

    @GetMapping
    Mono<SsoService.SsoOverview> overview() {
        return sso.overview();
    }

    /** The settings alone, as {@code PUT /settings} takes them. */
    @GetMapping("/settings")
    Mono<SsoSettingsChange> currentSettings() {
        return sso.overview().map(overview -> new SsoSettingsChange(overview.localSignIn(), overview.defaultRole()));
    }

    @PutMapping("/settings")
    Mono<SsoService.SsoOverview> settings(@RequestBody SsoSettingsChange body, @AuthenticationPrincipal BatonUser actor,
            ServerWebExchange exchange) {
        return Detached.uncancellable(sso.updateSettings(body.localSignIn(), body.defaultRole(), actor.getUsername(),
                SecurityConfiguration.address(exchange)));
    }

    @PutMapping("/mappings")
    Mono<SsoService.RoleMapping> putMapping(@RequestBody SsoService.RoleMappingRequest body,
            @AuthenticationPrincipal BatonUser actor, ServerWebExchange exchange) {
        return Detached.uncancellable(sso.putMapping(body.claimValue(), body.role(), actor.getUsername(),
                SecurityConfiguration.address(exchange)));
    }

    @DeleteMapping("/mappings")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> removeMapping(@RequestParam(required = false) String claimValue,
            @AuthenticationPrincipal BatonUser actor, ServerWebExchange exchange) {
        return Detached.uncancellable(sso.removeMapping(claimValue, actor.getUsername(),
                SecurityConfiguration.address(exchange)));
    }

    /** Null leaves a setting as it is. */
    record SsoSettingsChange(String localSignIn, String defaultRole) {}
}
