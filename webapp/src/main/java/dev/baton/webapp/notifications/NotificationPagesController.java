package dev.baton.webapp.notifications;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The notifications page (the bell leads here) and the email settings page; every role has both. */
@Controller
class NotificationPagesController {

    /** A digest on the settings page: its key, label and whether the person gets it. */
    record DigestChoice(String key, String label, boolean subscribed) {}

    private final Notifications notifications;
    private final List<DigestSubscription> digests;

    NotificationPagesController(Notifications notifications, ObjectProvider<DigestSubscription> digests) {
        this.notifications = notifications;
        this.digests = digests.orderedStream().toList();
    }

    @GetMapping("/notifications")
    Mono<String> list(@AuthenticationPrincipal BatonUser user, Model model) {
        return notifications.list(user.id(), false, 100).collectList().map(list -> {
            model.addAttribute("notifications", list);
            model.addAttribute("anyUnread", list.stream().anyMatch(Notifications.Notification::unread));
            return "notifications/list";
        });
    }

    @PostMapping("/notifications/{id}/read")
    Mono<String> markRead(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return notifications.markRead(user.id(), id).thenReturn("redirect:/notifications");
    }

    @PostMapping("/notifications/read-all")
    Mono<String> markAllRead(@AuthenticationPrincipal BatonUser user) {
        return notifications.markAllRead(user.id()).thenReturn("redirect:/notifications");
    }

    @GetMapping("/notifications/preferences")
    Mono<String> preferences(@RequestParam(name = "saved", defaultValue = "false") boolean saved,
            @AuthenticationPrincipal BatonUser user, Model model) {
        Mono<List<DigestChoice>> choices = Flux.fromIterable(offered(user))
                .concatMap(d -> d.subscribed(user.id()).map(on -> new DigestChoice(d.key(), d.label(), on)))
                .collectList();
        return Mono.zip(notifications.settings(user.id()), choices).map(t -> {
            Notifications.Settings settings = t.getT1();
            model.addAttribute("digests", t.getT2());
            model.addAttribute("settings", settings);
            model.addAttribute("kinds", NotificationKind.values());
            model.addAttribute("deliveries", Notifications.Delivery.values());
            model.addAttribute("isAdmin", user.role() == Role.ADMIN);
            model.addAttribute("saved", saved);
            return "notifications/preferences";
        });
    }

    @PostMapping("/notifications/preferences")
    Mono<String> savePreferences(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, String> given = new LinkedHashMap<>();
            for (NotificationKind kind : NotificationKind.values()) {
                String value = form.getFirst("delivery." + kind.key());
                if (value != null) {
                    given.put(kind.key(), value);
                }
            }
            // a digest's checkbox is sent only when ticked: the form says which digests it showed
            List<String> shown = form.getOrDefault("digests", List.of());
            Mono<Void> saveDigests = Flux.fromIterable(offered(user))
                    .filter(d -> shown.contains(d.key()))
                    .concatMap(d -> d.subscribe(user.id(), form.containsKey("digest." + d.key())))
                    .then();
            return Mono.fromSupplier(() -> Notifications.deliveries(given))
                    .flatMap(deliveries -> notifications.saveSettings(user.id(), email(form), true, deliveries))
                    .then(saveDigests)
                    .thenReturn("redirect:/notifications/preferences?saved=true");
        });
    }

    private List<DigestSubscription> offered(BatonUser user) {
        return digests.stream().filter(d -> d.offeredTo(user.role())).toList();
    }

    private static String email(MultiValueMap<String, String> form) {
        String value = form.getFirst("email");
        return value == null ? "" : value;
    }
}
