package dev.baton.webapp.search;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The admin page of the search index: its state, check and repair, rebuild, and the synonyms. */
@Controller
class SearchAdminPagesController {

    private final IndexFeed feed;
    private final SynonymService synonyms;

    SearchAdminPagesController(IndexFeed feed, SynonymService synonyms) {
        this.feed = feed;
        this.synonyms = synonyms;
    }

    @GetMapping("/admin/search")
    Mono<String> page(Model model) {
        return render(model);
    }

    @PostMapping("/admin/search/check")
    Mono<String> check(ServerWebExchange exchange, Model model) {
        return exchange.getFormData()
                .flatMap(form -> Mono.fromFuture(feed.check("true".equals(form.getFirst("repair")))))
                .doOnNext(report -> model.addAttribute("report", report))
                .onErrorResume(BatonException.Conflict.class, e -> {
                    model.addAttribute("problem", e.getMessage());
                    return Mono.empty();
                })
                .then(render(model));
    }

    @PostMapping("/admin/search/rebuild")
    Mono<String> rebuild(Model model) {
        try {
            feed.rebuild();
            model.addAttribute("flash", "Rebuilding the index in the background; searches use the current one "
                    + "until the new one is ready.");
        } catch (BatonException.Conflict e) {
            model.addAttribute("problem", e.getMessage());
        }
        return render(model);
    }

    @PostMapping("/admin/search/synonyms")
    Mono<String> saveSynonyms(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        return exchange.getFormData()
                .flatMap(form -> {
                    String text = form.getFirst("synonyms");
                    if (text == null) {
                        model.addAttribute("problem", "Not saved: the form sent no synonyms");
                        return Mono.empty();
                    }
                    return Mono.defer(() -> synonyms.replace(SynonymService.parseLines(text), user.getUsername(),
                                    SearchAdminApiController.address(exchange)))
                            .doOnNext(saved -> model.addAttribute("flash", "Saved " + saved.size()
                                    + " synonym groups; they apply to the next search."))
                            .onErrorResume(BatonException.InvalidInput.class, e -> {
                                model.addAttribute("problem", "Not saved: " + e.properties());
                                model.addAttribute("synonymText", text);
                                return Mono.empty();
                            });
                })
                .then(render(model));
    }

    private Mono<String> render(Model model) {
        return Mono.fromCallable(feed::status)
                .subscribeOn(Schedulers.boundedElastic())
                .zipWith(synonyms.groups())
                .map(both -> {
                    model.addAttribute("status", both.getT1());
                    if (!model.containsAttribute("synonymText")) {
                        model.addAttribute("synonymText", SynonymService.toLines(both.getT2()));
                    }
                    return "admin/search";
                });
    }
}
