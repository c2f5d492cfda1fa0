package dev.baton.webapp.notifications;

import dev.baton.webapp.accounts.BatonUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The bell in every page's header: the signed-in person's unread count, for pages only (annotated
 * {@code @Controller} classes that render views, not the API, which never shows a header).
 */
@ControllerAdvice(basePackages = "dev.baton.webapp", annotations = Controller.class)
class NotificationPageModel {

    private final Notifications notifications;

    NotificationPageModel(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotifications")
    Mono<Long> unread(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        if (user == null || exchange.getRequest().getPath().value().startsWith("/api/")) {
            return Mono.just(0L);
        }
        return notifications.unreadCount(user.id());
    }
}
