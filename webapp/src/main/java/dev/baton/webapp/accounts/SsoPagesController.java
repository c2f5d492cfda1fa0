package dev.baton.webapp.accounts;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/** The admin's single sign-on page: the provider as configured, the group-to-role mapping, local sign-in. */
@Controller
class SsoPagesController {

    private static final String FLASH = "ssoFlash";
    private static final String PAGE = "/admin/sso";

    private final SsoService sso;

    SsoPagesController(SsoService sso) {
        this.sso = sso;
    }

    @GetMapping(PAGE)
    Mono<String> page(Model model, WebSession session) {
        model.addAttribute("flash", session.getAttributes().remove(FLASH));
        model.addAttribute("roles", Role.values());
        return sso.overview().map(overview -> {
            model.addAttribute("sso", overview);
            return "admin/sso";
        });
    }

    @PostMapping(PAGE + "/mappings")
    Mono<String> putMapping(ServerWebExchange exchange) {
        return change(exchange, (form, actor) -> sso.putMapping(form.getFirst("claimValue"), form.getFirst("role"),
                        actor, SecurityConfiguration.address(exchange))
                .map(mapping -> "Members of " + mapping.claimValue() + " sign in as " + mapping.role().label()));
    }

    @PostMapping(PAGE + "/mappings/remove")
    Mono<String> removeMapping(ServerWebExchange exchange) {
        return change(exchange, (form, actor) -> sso.removeMapping(form.getFirst("claimValue"), actor,
                        SecurityConfiguration.address(exchange))
                .thenReturn("Removed the mapping of " + form.getFirst("claimValue")));
    }

    @PostMapping(PAGE + "/settings")
    Mono<String> settings(ServerWebExchange exchange) {
        return change(exchange, (form, actor) -> sso.updateSettings(form.getFirst("localSignIn"),
                        form.getFirst("defaultRole"), actor, SecurityConfiguration.address(exchange))
                .thenReturn("Saved the sign-in settings"));
    }

    private Mono<String> change(ServerWebExchange exchange,
            java.util.function.BiFunction<MultiValueMap<String, String>, String, Mono<String>> action) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> exchange.getPrincipal()
                .flatMap(actor -> Mono.defer(() -> Detached.uncancellable(action.apply(tuple.getT1(),
                        actor.getName()))))
                .onErrorResume(BatonException.class, e -> Mono.just(e.getMessage()))
                .map(message -> {
                    tuple.getT2().getAttributes().put(FLASH, message);
                    return "redirect:" + PAGE;
                }));
    }
}
