package dev.baton.webapp.webhooks;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The admin's webhooks pages: the subscriptions with the notices about them and a form to add one
 * ({@code /admin/webhooks}); one subscription with its deliveries, attempts and actions ({@code /admin/webhooks/{id}}).
 * A new or rotated secret is shown once, on the page the action leads to.
 */
@Controller
class WebhookPagesController {

    private static final String FLASH = "webhookFlash";
    private static final String SECRET = "webhookSecret";

    private final Subscriptions subscriptions;

    WebhookPagesController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/admin/webhooks")
    Mono<String> list(Model model, WebSession session) {
        model.addAttribute("flash", session.getAttributes().remove(FLASH));
        return render(model);
    }

    @PostMapping("/admin/webhooks")
    Mono<String> create(ServerWebExchange exchange, Principal actor, Model model) {
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(both -> {
            MultiValueMap<String, String> form = both.getT1();
            WebSession session = both.getT2();
            List<String> events = form.getOrDefault("events", List.of());
            var request = new Subscriptions.Request(form.getFirst("url"), events, form.getFirst("description"), null);
            return Detached.uncancellable(Mono.defer(() -> subscriptions.create(request, actor.getName(),
                            WebhookApiController.address(exchange))))
                    .map(created -> {
                        session.getAttributes().put(SECRET, created.secret());
                        session.getAttributes().put(FLASH, "Subscribed " + created.subscription().url()
                                + ". Copy the signing secret now: it is not shown again.");
                        return "redirect:/admin/webhooks/" + created.subscription().id();
                    })
                    .onErrorResume(BatonException.InvalidInput.class, e -> {
                        model.addAttribute("problem", "Not subscribed: " + e.getMessage());
                        model.addAttribute("formUrl", form.getFirst("url"));
                        model.addAttribute("formDescription", form.getFirst("description"));
                        model.addAttribute("formEvents", events);
                        return render(model);
                    });
        });
    }

    @GetMapping("/admin/webhooks/{id}")
    Mono<String> show(@PathVariable UUID id, Model model, WebSession session) {
        model.addAttribute("flash", session.getAttributes().remove(FLASH));
        model.addAttribute("secret", session.getAttributes().remove(SECRET));
        return subscriptions.get(id).zipWith(subscriptions.deliveries(id, 50)).map(both -> {
            model.addAttribute("subscription", both.getT1());
            model.addAttribute("deliveries", both.getT2());
            model.addAttribute("types", Webhooks.TYPES);
            return "admin/webhook";
        });
    }

    @PostMapping("/admin/webhooks/{id}/secret")
    Mono<String> rotate(@PathVariable UUID id, ServerWebExchange exchange, Principal actor) {
        return exchange.getSession().flatMap(session -> Detached.uncancellable(Mono.defer(() ->
                        subscriptions.rotate(id, actor.getName(), WebhookApiController.address(exchange))))
                .map(rotated -> {
                    session.getAttributes().put(SECRET, rotated.secret());
                    session.getAttributes().put(FLASH, "New signing secret below; the previous one keeps signing "
                            + "beside it for 24 hours. Copy it now: it is not shown again.");
                    return "redirect:/admin/webhooks/" + id;
                }));
    }

    @PostMapping("/admin/webhooks/{id}/pause")
    Mono<String> pause(@PathVariable UUID id, ServerWebExchange exchange, Principal actor) {
        return change(id, exchange, actor, true, "Paused: nothing is sent until it is resumed.");
    }

    @PostMapping("/admin/webhooks/{id}/resume")
    Mono<String> resume(@PathVariable UUID id, ServerWebExchange exchange, Principal actor) {
        return change(id, exchange, actor, false, "Resumed: new events are sent again.");
    }

    private Mono<String> change(UUID id, ServerWebExchange exchange, Principal actor, boolean paused, String message) {
        return exchange.getSession().flatMap(session -> Detached.uncancellable(Mono.defer(() ->
                        subscriptions.update(id, new Subscriptions.Request(null, null, null, paused), actor.getName(),
                                WebhookApiController.address(exchange))))
                .map(changed -> {
                    session.getAttributes().put(FLASH, message);
                    return "redirect:/admin/webhooks/" + id;
                }));
    }

    @PostMapping("/admin/webhooks/{id}/delete")
    Mono<String> delete(@PathVariable UUID id, ServerWebExchange exchange, Principal actor) {
        return exchange.getSession().flatMap(session -> subscriptions.get(id).flatMap(subscription ->
                Detached.uncancellable(Mono.defer(() -> subscriptions.delete(id, actor.getName(),
                                WebhookApiController.address(exchange))))
                        .then(Mono.fromCallable(() -> {
                            session.getAttributes().put(FLASH, "Deleted the subscription of " + subscription.url());
                            return "redirect:/admin/webhooks";
                        }))));
    }

    @PostMapping("/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    Mono<String> redeliver(@PathVariable UUID id, @PathVariable long deliveryId, ServerWebExchange exchange,
            Principal actor) {
        return exchange.getSession().flatMap(session -> Detached.uncancellable(Mono.defer(() ->
                        subscriptions.redeliver(id, deliveryId, actor.getName(),
                                WebhookApiController.address(exchange))))
                .then(Mono.fromCallable(() -> {
                    session.getAttributes().put(FLASH, "Delivery " + deliveryId + " is being sent again.");
                    return "redirect:/admin/webhooks/" + id;
                })));
    }

    /** A domain error on these pages: its status and message on an error page, never a 500. */
    @ExceptionHandler(BatonException.class)
    String failed(BatonException e, ServerWebExchange exchange, Model model) {
        exchange.getResponse().setStatusCode(e.status());
        if (e.status() == HttpStatus.NOT_FOUND) {
            return "error/404";
        }
        model.addAttribute("status", e.status().value());
        model.addAttribute("error", e.title());
        model.addAttribute("message", e.getMessage());
        return "error/4xx";
    }

    private Mono<String> render(Model model) {
        return subscriptions.list().collectList().zipWith(subscriptions.notices().collectList()).map(both -> {
            model.addAttribute("subscriptions", both.getT1());
            model.addAttribute("notices", both.getT2());
            model.addAttribute("types", Webhooks.TYPES);
            return "admin/webhooks";
        });
    }
}
