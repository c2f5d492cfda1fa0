package dev.baton.webapp.accounts;

import dev.baton.webapp.system.Detached;
import jakarta.validation.constraints.Size;
import java.util.List;
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

/** Teams over HTTP, for admins ({@link SecurityConfiguration}). */
@RestController
@RequestMapping("/api/v1/teams")
class TeamApiController {

    private final TeamService teams;

    TeamApiController(TeamService teams) {
        this.teams = teams;
    }

    @GetMapping
    Flux<Team> list() {
        return teams.list();
    }

    @GetMapping("/{id}")
    Mono<Team> get(@PathVariable long id) {
        return teams.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Team> create(@RequestBody NewTeam body, @AuthenticationPrincipal BatonUser actor,
            ServerWebExchange exchange) {
        return Detached.uncancellable(teams.create(body.name(), body.memberIds(), actor.getUsername(),
                SecurityConfiguration.address(exchange)));
    }

    @PatchMapping("/{id}")
    Mono<Team> rename(@PathVariable long id, @RequestBody TeamChange body, @AuthenticationPrincipal BatonUser actor,
            ServerWebExchange exchange) {
        return Detached.uncancellable(teams.rename(id, body.name(), actor.getUsername(),
                SecurityConfiguration.address(exchange)));
    }

    @PutMapping("/{id}/members")
    Mono<Team> members(@PathVariable long id, @RequestBody Members body, @AuthenticationPrincipal BatonUser actor,
            ServerWebExchange exchange) {
        return Detached.uncancellable(teams.setMembers(id, body.memberIds() == null ? List.of() : body.memberIds(),
                actor.getUsername(), SecurityConfiguration.address(exchange)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable long id, @AuthenticationPrincipal BatonUser actor, ServerWebExchange exchange) {
        return Detached.uncancellable(teams.delete(id, actor.getUsername(), SecurityConfiguration.address(exchange)))
                .then();
    }

    record NewTeam(@Size(max = 100) String name, List<Long> memberIds) {}

    record TeamChange(String name) {}

    record Members(List<Long> memberIds) {}
}
