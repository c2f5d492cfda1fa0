package dev.baton.webapp.deals;

import static dev.baton.webapp.deals.DealApiController.address;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Admins connect CRMs: an integration per CRM name with its field-mapping preset and its stage map. The secret is
 * shown on the page that answers the creation, once.
 */
@Controller
class CrmAdminPagesController {

    private final CrmIntegrations integrations;

    CrmAdminPagesController(CrmIntegrations integrations) {
        this.integrations = integrations;
    }

    @GetMapping("/admin/crm")
    Mono<String> page(ServerWebExchange exchange, Model model) {
        return DealPagesController.flash(exchange).flatMap(flash -> {
            model.addAttribute("flash", flash.orElse(null));
            return render(model, null, null);
        });
    }

    @PostMapping("/admin/crm")
    Mono<String> create(@AuthenticationPrincipal BatonUser admin, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(data -> Detached.uncancellable(integrations.create(data.getFirst("crm"),
                        data.getFirst("preset"), admin.getUsername(), address(exchange)))
                .flatMap(created -> {
                    model.addAttribute("created", created);
                    model.addAttribute("webhookPath", "/api/v1/crm/" + created.integration().crm() + "/webhook");
                    return render(model, null, null);
                })
                .onErrorResume(BatonException.class, e -> {
                    exchange.getResponse().setStatusCode(e.status() == HttpStatus.CONFLICT ? HttpStatus.CONFLICT
                            : HttpStatus.BAD_REQUEST);
                    return render(model, e.getMessage(), null);
                }));
    }

    /** The stage map as typed: one {@code CRM stage = taxonomy stage} per line. */
    @PostMapping("/admin/crm/{crm}/stages")
    Mono<String> stages(@PathVariable String crm, @AuthenticationPrincipal BatonUser admin,
            ServerWebExchange exchange, Model model) {
        return integrations.find(crm).then(exchange.getFormData()).flatMap(data -> {
            String text = data.getFirst("stages") == null ? "" : data.getFirst("stages");
            Map<String, String> map = new LinkedHashMap<>();
            int number = 0;
            for (String line : text.split("\\R")) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.lastIndexOf('=');
                if (eq <= 0) {
                    exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                    return render(model, "Line " + number + " of the stage map needs 'CRM stage = Baton stage'",
                            crm);
                }
                map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
            return Detached.uncancellable(integrations.changeStageMap(crm, map, admin.getUsername(), address(exchange)))
                    .flatMap(saved -> DealPagesController.redirect(exchange, "/admin/crm",
                            DealPagesController.Flash.ok("Saved the stage map of " + crm)))
                    .onErrorResume(BatonException.InvalidInput.class, e -> {
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return render(model, e.getMessage(), crm);
                    });
        });
    }

    @PostMapping("/admin/crm/{crm}/delete")
    Mono<String> delete(@PathVariable String crm, @AuthenticationPrincipal BatonUser admin,
            ServerWebExchange exchange) {
        return Detached.uncancellable(integrations.delete(crm, admin.getUsername(), address(exchange)))
                .then(DealPagesController.redirect(exchange, "/admin/crm", DealPagesController.Flash.ok(
                        "Removed the integration " + crm + ": its deliveries are refused from now on")));
    }

    private Mono<String> render(Model model, String problem, String problemCrm) {
        return integrations.list().map(list -> {
            model.addAttribute("integrations", list);
            model.addAttribute("problem", problem);
            model.addAttribute("problemCrm", problemCrm);
            return "admin/crm";
        });
    }
}
