package dev.baton.webapp.packs;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Packs over HTTP. Trainers (and admins) author under {@code /api/v1/packs}; anyone signed in reads the published
 * packs assigned to them and records progress under {@code /api/v1/packs/assigned} (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/v1/packs")
class PackApiController {

    private final PackService packs;
    private final PackValues values;

    PackApiController(PackService packs, PackValues values) {
        this.packs = packs;
        this.values = values;
    }

    // ---- trainers ----

    /** Every pack; of a stage and a product when given (a key or a label of each facet). */
    @GetMapping
    Mono<List<PackService.Summary>> list(@RequestParam(required = false) String stage,
            @RequestParam(required = false) String product) {
        return values.filter(stage, product).flatMap(filter -> packs.list(filter).collectList());
    }

    /** The teams and people a pack's audience may name (trainers cannot read the admins' lists of them). */
    @GetMapping("/audience")
    Mono<PackService.AudienceChoices> audience() {
        return packs.audience(List.of());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<PackService.Detail> create(@RequestBody PackContent body, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(packs.create(body, user, address(exchange)));
    }

    @GetMapping("/{id}")
    Mono<PackService.Detail> get(@PathVariable long id) {
        return packs.get(id);
    }

    @PutMapping("/{id}/draft")
    Mono<PackService.Detail> saveDraft(@PathVariable long id, @RequestBody PackContent body,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return Detached.uncancellable(packs.saveDraft(id, body, user, address(exchange)));
    }

    @DeleteMapping("/{id}/draft")
    Mono<PackService.Detail> discardDraft(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(packs.discardDraft(id, user, address(exchange)));
    }

    @PostMapping("/{id}/revise")
    Mono<PackService.Detail> revise(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(packs.revise(id, user, address(exchange)));
    }

    @PostMapping("/{id}/publish")
    Mono<PackService.Detail> publish(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(packs.publish(id, user, address(exchange)));
    }

    @PostMapping("/{id}/retire")
    Mono<PackService.Detail> retire(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(packs.retire(id, user, address(exchange)));
    }

    @GetMapping("/{id}/versions/{version}")
    Mono<PackContent> version(@PathVariable long id, @PathVariable int version) {
        return packs.version(id, version);
    }

    @GetMapping("/{id}/progress")
    Mono<PackService.ProgressReport> progress(@PathVariable long id) {
        return packs.progress(id);
    }

    // ---- the people a pack is for ----

    @GetMapping("/assigned")
    Mono<List<PackService.MyPack>> mine(@RequestParam(required = false) String stage,
            @RequestParam(required = false) String product, @AuthenticationPrincipal BatonUser user) {
        return values.filter(stage, product).flatMap(filter -> packs.mine(user, filter));
    }

    @GetMapping("/assigned/{id}")
    Mono<PackService.RepView> open(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(packs.open(id, user));
    }

    /** An item as a rep opens it: a note's Markdown also as safe HTML. */
    record OpenedItem(PackContent.Item item, String html) {}

    @PostMapping("/assigned/{id}/items/{key}/open")
    Mono<OpenedItem> openItem(@PathVariable long id, @PathVariable String key,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(packs.openItem(id, key, user))
                .map(item -> new OpenedItem(item, Markdown.html(item.body())));
    }

    @PostMapping("/assigned/{id}/items/{key}/acknowledge")
    Mono<PackContent.Item> acknowledge(@PathVariable long id, @PathVariable String key,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(packs.acknowledge(id, key, user));
    }

    /** A quiz attempt: the index of the chosen answer for each question key. */
    record Attempt(Map<String, Integer> answers) {}

    @PostMapping("/assigned/{id}/quiz")
    Mono<PackService.QuizResult> quiz(@PathVariable long id, @RequestBody Attempt body,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(packs.takeQuiz(id, body == null ? null : body.answers(), user));
    }

    private static String address(ServerWebExchange exchange) {
        return PackPages.address(exchange);
    }
}
