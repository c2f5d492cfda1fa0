package dev.baton.webapp.packs;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The "Nudge overdue people" button of a pack's progress page (trainers and admins, as the rest of /training). */
@Controller
class PackReminderPagesController {

    private final PackReminders reminders;

    PackReminderPagesController(PackReminders reminders) {
        this.reminders = reminders;
    }

    @PostMapping("/training/packs/{id}/nudge")
    Mono<String> nudge(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        String page = "/training/packs/" + id + "/progress";
        return exchange.getSession().flatMap(session -> Detached.uncancellable(reminders.nudge(id, user,
                        PackPages.address(exchange)))
                .map(PackReminderPagesController::message)
                .onErrorResume(BatonException.class, e -> Mono.just(e.getMessage()))
                .map(message -> {
                    session.getAttributes().put("flash", message);
                    return "redirect:" + page;
                }));
    }

    static String message(PackReminders.NudgeResult result) {
        if (result.overdue() == 0) {
            return "Nobody is overdue: nobody was nudged.";
        }
        String people = result.overdue() == 1 ? "1 overdue person" : result.overdue() + " overdue people";
        return "Nudged " + people + ": " + result.emailed() + " by email and in Baton, " + result.notifiedOnly()
                + " in Baton only (no email wanted, or they had a reminder email today).";
    }
}
