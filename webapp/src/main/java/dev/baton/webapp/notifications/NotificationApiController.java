package dev.baton.webapp.notifications;

import dev.baton.webapp.accounts.BatonUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's own notifications and email settings; every role has them. */
@RestController
@RequestMapping(path = "/api/v1/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationApiController {

    private final Notifications notifications;

    NotificationApiController(Notifications notifications) {
        this.notifications = notifications;
    }

    /** The answer of the list: how many are unread, and the notifications, newest first. */
    record NotificationList(long unread, List<Notifications.Notification> notifications) {}

    /** The email settings as the API shows them. */
    record SettingsView(String email, String effectiveEmail, boolean emailAvailable, Map<String, String> deliveries,
            List<KindView> kinds) {

        static SettingsView of(Notifications.Settings settings) {
            Map<String, String> deliveries = new LinkedHashMap<>();
            settings.deliveries().forEach((kind, delivery) -> deliveries.put(kind.key(), delivery.name()));
            return new SettingsView(settings.email(), settings.effectiveEmail(), settings.emailAvailable(),
                    deliveries, Arrays.stream(NotificationKind.values())
                            .map(k -> new KindView(k.key(), k.description(), k.byDefault().name()))
                            .toList());
        }
    }

    /** A kind of notification: its key, what it is about, and its delivery when none is chosen. */
    record KindView(String key, String description, String byDefault) {}

    /** A change of the settings: the address ({@code ""} for none of one's own) and deliveries by kind key. */
    record SettingsChange(String email, Map<String, String> deliveries) {}

    @Operation(summary = "The caller's notifications, newest first, and how many are unread")
    @GetMapping
    Mono<NotificationList> list(@RequestParam(name = "unread", defaultValue = "false") boolean unreadOnly,
            @RequestParam(name = "limit", defaultValue = "50") int limit, @AuthenticationPrincipal BatonUser user) {
        return Mono.zip(notifications.unreadCount(user.id()),
                        notifications.list(user.id(), unreadOnly, limit).collectList())
                .map(t -> new NotificationList(t.getT1(), t.getT2()));
    }

    @Operation(summary = "How many of the caller's notifications are unread")
    @GetMapping("/unread-count")
    Mono<Map<String, Long>> unreadCount(@AuthenticationPrincipal BatonUser user) {
        return notifications.unreadCount(user.id()).map(n -> Map.of("unread", n));
    }

    @Operation(summary = "Mark one of the caller's notifications read")
    @PostMapping("/{id}/read")
    Mono<ResponseEntity<Void>> markRead(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return notifications.markRead(user.id(), id).thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "Mark all the caller's notifications read")
    @PostMapping("/read-all")
    Mono<Map<String, Long>> markAllRead(@AuthenticationPrincipal BatonUser user) {
        return notifications.markAllRead(user.id()).map(n -> Map.of("marked", n));
    }

    @Operation(summary = "The caller's email settings: address and, per kind, NOW, DAILY or NONE")
    @GetMapping("/preferences")
    Mono<SettingsView> preferences(@AuthenticationPrincipal BatonUser user) {
        return notifications.settings(user.id()).map(SettingsView::of);
    }

    @Operation(summary = "Change the caller's email settings; kinds left out keep their delivery")
    @PutMapping(path = "/preferences", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<SettingsView> savePreferences(@RequestBody SettingsChange change, @AuthenticationPrincipal BatonUser user) {
        return Mono.fromSupplier(() -> Notifications.deliveries(
                        change.deliveries() == null ? Map.of() : change.deliveries()))
                .flatMap(deliveries -> notifications.saveSettings(user.id(), change.email(), change.email() != null,
                        deliveries))
                .map(SettingsView::of);
    }
}
