package dev.baton.webapp.accounts;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/** The admin's teams page: create, rename, delete teams and choose their members. */
@Controller
class TeamPagesController {

    private static final String FLASH = "flash";
    private static final String PAGE = "/admin/teams";

    private final TeamService teams;
    private final AccountService accounts;

    TeamPagesController(TeamService teams, AccountService accounts) {
        this.teams = teams;
        this.accounts = accounts;
    }

    @GetMapping(PAGE)
    Mono<String> page(Model model, WebSession session) {
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        return teams.list().collectList().zipWith(accounts.list().collectList()).map(both -> {
            model.addAttribute("teams", both.getT1());
            model.addAttribute("users", both.getT2());
            return "admin/teams";
        });
    }

    @PostMapping(PAGE)
    Mono<String> create(ServerWebExchange exchange) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> exchange.getPrincipal()
                .flatMap(actor -> Detached.uncancellable(teams.create(tuple.getT1().getFirst("name"),
                        members(tuple.getT1()), actor.getName(), SecurityConfiguration.address(exchange))))
                .map(team -> flash(tuple.getT2(), "Created the team " + team.name()))
                .onErrorResume(BatonException.class, e -> Mono.just(flash(tuple.getT2(), e.getMessage()))));
    }

    /** One form per team: its name and its members, saved together. */
    @PostMapping(PAGE + "/{id}")
    Mono<String> save(@PathVariable long id, ServerWebExchange exchange) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> exchange.getPrincipal()
                .flatMap(actor -> {
                    String address = SecurityConfiguration.address(exchange);
                    MultiValueMap<String, String> form = tuple.getT1();
                    return Detached.uncancellable(teams.rename(id, form.getFirst("name"), actor.getName(), address)
                            .then(teams.setMembers(id, members(form), actor.getName(), address)));
                })
                .map(team -> flash(tuple.getT2(), "Saved the team " + team.name() + " (" + team.members().size()
                        + (team.members().size() == 1 ? " member)" : " members)")))
                .onErrorResume(BatonException.class, e -> Mono.just(flash(tuple.getT2(), e.getMessage()))));
    }

    @PostMapping(PAGE + "/{id}/delete")
    Mono<String> delete(@PathVariable long id, ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> exchange.getPrincipal()
                .flatMap(actor -> Detached.uncancellable(teams.delete(id, actor.getName(),
                        SecurityConfiguration.address(exchange))))
                .map(team -> flash(session, "Deleted the team " + team.name()))
                .onErrorResume(BatonException.class, e -> Mono.just(flash(session, e.getMessage()))));
    }

    private static List<Long> members(MultiValueMap<String, String> form) {
        List<String> values = form.getOrDefault("member", List.of());
        try {
            return values.stream().map(String::strip).map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new BatonException.InvalidInput("member", "choose members from the list");
        }
    }

    private static String flash(WebSession session, String message) {
        session.getAttributes().put(FLASH, message);
        return "redirect:" + PAGE;
    }
}
