package dev.baton.webapp.accounts;

import dev.baton.webapp.system.Detached;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Users and API tokens over HTTP (the audit log: {@code audit.AuditApiController}). Authorisation is in
 * {@link SecurityConfiguration}.
 */
@RestController
@RequestMapping("/api/v1")
class AccountApiController {

    private final AccountService accounts;

    AccountApiController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal BatonUser user) {
        return new Me(user.id(), user.getUsername(), user.displayName(), user.role().name(),
                user.role().includes().stream().map(Enum::name).sorted().toList());
    }

    @GetMapping("/users")
    Flux<Account> users() {
        return accounts.list();
    }

    @GetMapping("/users/{id}")
    Mono<Account> user(@PathVariable long id) {
        return accounts.get(id);
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Account> create(@Valid @RequestBody CreateUser body, @AuthenticationPrincipal BatonUser actor,
            ServerWebExchange exchange) {
        return Detached.uncancellable(accounts.create(
                new AccountService.NewAccount(body.username(), body.displayName(), body.password(), body.role()),
                actor.getUsername(), SecurityConfiguration.address(exchange)));
    }

    @PatchMapping("/users/{id}")
    Mono<Account> update(@PathVariable long id, @Valid @RequestBody UpdateUser body,
            @AuthenticationPrincipal BatonUser actor, ServerWebExchange exchange) {
        return Detached.uncancellable(accounts.update(id, new AccountService.AccountChange(body.displayName(), body.role(), body.enabled()),
                actor.getUsername(), SecurityConfiguration.address(exchange)));
    }

    @PutMapping("/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> setPassword(@PathVariable long id, @Valid @RequestBody NewPassword body,
            @AuthenticationPrincipal BatonUser actor, ServerWebExchange exchange) {
        return Detached.uncancellable(Boolean.TRUE.equals(body.mustChange())
                ? accounts.resetPassword(id, body.password(), true, actor.getUsername(),
                        SecurityConfiguration.address(exchange)).then()
                : accounts.setPassword(id, body.password(), actor.getUsername(),
                        SecurityConfiguration.address(exchange)));
    }

    /**
     * Resets a user's password to a temporary one Baton makes, shown in the answer this once; the user must replace it
     * at their next sign-in unless {@code mustChange} is false.
     */
    @PostMapping("/users/{id}/password-reset")
    Mono<PasswordResetAnswer> resetPassword(@PathVariable long id, @RequestBody(required = false) ResetPassword body,
            @AuthenticationPrincipal BatonUser actor, ServerWebExchange exchange) {
        boolean mustChange = body == null || body.mustChange() == null || body.mustChange();
        return Mono.defer(() -> Detached.uncancellable(accounts.resetPassword(id, null, mustChange,
                        actor.getUsername(), SecurityConfiguration.address(exchange))))
                .map(reset -> new PasswordResetAnswer(reset.account().id(), reset.account().username(),
                        reset.temporaryPassword(), reset.account().mustChangePassword()));
    }

    @GetMapping("/tokens")
    Flux<ApiToken> tokens() {
        return accounts.tokens();
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AccountService.IssuedToken> issue(@Valid @RequestBody IssueToken body,
            @AuthenticationPrincipal BatonUser actor, ServerWebExchange exchange) {
        return Detached.uncancellable(accounts.issueToken(body.username(), body.name(), actor.getUsername(),
                SecurityConfiguration.address(exchange)));
    }

    @DeleteMapping("/tokens/{id}")
    Mono<ApiToken> revoke(@PathVariable long id, @AuthenticationPrincipal BatonUser actor,
            ServerWebExchange exchange) {
        return Detached.uncancellable(accounts.revokeToken(id, actor.getUsername(), SecurityConfiguration.address(exchange)));
    }

    record Me(long id, String username, String displayName, String role, java.util.List<String> roles) {}

    record CreateUser(
            @NotBlank @Size(max = 64) String username,
            @Size(max = 100) String displayName,
            @NotBlank String password,
            @NotBlank String role) {}

    record UpdateUser(@Size(max = 100) String displayName, String role, Boolean enabled) {}

    record NewPassword(@NotBlank String password, Boolean mustChange) {}

    record ResetPassword(Boolean mustChange) {}

    record PasswordResetAnswer(long id, String username, String temporaryPassword, boolean mustChange) {}

    record IssueToken(@NotBlank @Size(max = 100) String name, @Size(max = 64) String username) {}
}
