package dev.baton.webapp.packs;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A trainer's nudge of a pack's overdue people over HTTP (trainers and admins, as the rest of /api/v1/packs). */
@RestController
@RequestMapping("/api/v1/packs")
class PackReminderApiController {

    private final PackReminders reminders;

    PackReminderApiController(PackReminders reminders) {
        this.reminders = reminders;
    }

    @PostMapping("/{id}/nudge")
    Mono<PackReminders.NudgeResult> nudge(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(reminders.nudge(id, user, PackPages.address(exchange)));
    }
}
