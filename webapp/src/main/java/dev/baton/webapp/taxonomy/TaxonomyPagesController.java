package dev.baton.webapp.taxonomy;

import dev.baton.webapp.system.AuditAddresses;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The admin's taxonomy page: add a value to a facet, change a value's label and definition, retire a value (and bring
 * it back). The same rules as the API ({@link TaxonomyService}); who may open it is in the security configuration
 * (admins, as for the API's changes). Values are never deleted: assets and reports refer to them, so a value is
 * retired, which hides it from the glossary, the filters and new metadata while assets keep it.
 */
@Controller
class TaxonomyPagesController {

    static final String PAGE = "/admin/taxonomy";
    private static final String FLASH = "flash";
    private static final String FLASH_ERROR = "flashError";

    private final TaxonomyService taxonomy;

    TaxonomyPagesController(TaxonomyService taxonomy) {
        this.taxonomy = taxonomy;
    }

    @GetMapping(PAGE)
    Mono<String> page(Model model, WebSession session) {
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        model.addAttribute(FLASH_ERROR, session.getAttributes().remove(FLASH_ERROR));
        return taxonomy.taxonomy(true).map(t -> {
            model.addAttribute("taxonomy", t);
            return "admin/taxonomy";
        });
    }

    @PostMapping(PAGE + "/{facet}/values")
    Mono<String> add(@PathVariable String facet, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> {
            MultiValueMap<String, String> form = tuple.getT1();
            WebSession session = tuple.getT2();
            return exchange.getPrincipal()
                    .flatMap(actor -> Mono.defer(() -> Detached.uncancellable(taxonomy.addValue(facet,
                            new TaxonomyService.NewValue(form.getFirst("key"), form.getFirst("label"),
                                    form.getFirst("definition"), aliases(form.getFirst("aliases"))),
                            actor.getName(), AuditAddresses.of(exchange)))))
                    .map(value -> flash(session, FLASH, "Added " + value.label() + " to " + facet
                            + " (key " + value.key() + ")", facet, value.key()))
                    .onErrorResume(BatonException.class, e -> {
                        // the form keeps what was typed, with the reason beside it
                        model.addAttribute("addError", e.getMessage());
                        model.addAttribute("addFacet", facet);
                        model.addAttribute("addForm", form.toSingleValueMap());
                        return page(model, session);
                    });
        });
    }

    @PostMapping(PAGE + "/{facet}/values/{key}")
    Mono<String> change(@PathVariable String facet, @PathVariable String key, ServerWebExchange exchange) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(tuple -> {
            Map<String, String> form = tuple.getT1().toSingleValueMap();
            return apply(facet, key, new TaxonomyService.ValueChange(form.get("label"), form.get("definition"), null,
                            aliases(form.get("aliases"))),
                    exchange, tuple.getT2(), value -> "Saved " + value.label());
        });
    }

    @PostMapping(PAGE + "/{facet}/values/{key}/retire")
    Mono<String> retire(@PathVariable String facet, @PathVariable String key, ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> apply(facet, key,
                new TaxonomyService.ValueChange(null, null, false), exchange, session,
                value -> "Retired " + value.label() + ": assets keep it, but it is no longer offered or listed"));
    }

    @PostMapping(PAGE + "/{facet}/values/{key}/reinstate")
    Mono<String> reinstate(@PathVariable String facet, @PathVariable String key, ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> apply(facet, key,
                new TaxonomyService.ValueChange(null, null, true), exchange, session,
                value -> "Reinstated " + value.label()));
    }

    private Mono<String> apply(String facet, String key, TaxonomyService.ValueChange change,
            ServerWebExchange exchange, WebSession session,
            java.util.function.Function<Taxonomy.Value, String> done) {
        return exchange.getPrincipal()
                .flatMap(actor -> Mono.defer(() -> Detached.uncancellable(taxonomy.changeValue(facet, key, change,
                        actor.getName(), AuditAddresses.of(exchange)))))
                .map(value -> flash(session, FLASH, done.apply(value), facet, key))
                .onErrorResume(BatonException.class,
                        e -> Mono.just(flash(session, FLASH_ERROR, e.getMessage(), facet, key)));
    }

    /** The aliases box: one alias per line or separated by commas; {@code null} when the form has no such box. */
    static java.util.List<String> aliases(String text) {
        return text == null ? null : java.util.List.of(text.split("[,\\n\\r]"));
    }

    /** Back to the page, at the value concerned. */
    private static String flash(WebSession session, String kind, String message, String facet, String key) {
        session.getAttributes().put(kind, message);
        return "redirect:" + PAGE + "#" + facet + "-" + key;
    }
}
