package dev.baton.webapp.taxonomy;

import dev.baton.webapp.system.AuditAddresses;
import dev.baton.webapp.system.Detached;
import java.net.InetSocketAddress;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The taxonomy over HTTP and the glossary page. Authorisation is in the security configuration. */
@Controller
class TaxonomyController {

    private final TaxonomyService taxonomy;

    TaxonomyController(TaxonomyService taxonomy) {
        this.taxonomy = taxonomy;
    }

    @GetMapping("/api/v1/taxonomy")
    @ResponseBody
    Mono<Taxonomy> get(@RequestParam(defaultValue = "false") boolean includeInactive) {
        return taxonomy.taxonomy(includeInactive);
    }

    @PostMapping("/api/v1/taxonomy/{facet}/values")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Taxonomy.Value> add(@PathVariable String facet, @RequestBody TaxonomyService.NewValue body,
            Principal actor, ServerWebExchange exchange) {
        return Detached.uncancellable(taxonomy.addValue(facet, body, actor.getName(), address(exchange)));
    }

    @PatchMapping("/api/v1/taxonomy/{facet}/values/{key}")
    @ResponseBody
    Mono<Taxonomy.Value> change(@PathVariable String facet, @PathVariable String key,
            @RequestBody TaxonomyService.ValueChange body, Principal actor, ServerWebExchange exchange) {
        return Detached.uncancellable(taxonomy.changeValue(facet, key, body, actor.getName(), address(exchange)));
    }

    @GetMapping("/glossary")
    Mono<String> glossary(Model model) {
        return taxonomy.taxonomy(false).map(t -> {
            model.addAttribute("taxonomy", t);
            return "glossary";
        });
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : AuditAddresses.format(remote.getAddress());
    }
}
