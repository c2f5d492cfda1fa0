package dev.baton.webapp.packs;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BatonProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reminds the people of a published pack who have not completed it: once when its due date is
 * {@code baton.packs.reminders.days-before-due} days away or nearer ("due soon") and once when it has passed
 * ("overdue"), per due date (a new due date reminds again), and lets trainers nudge the overdue at any time. Each
 * reminder is a notification in Baton ({@code pack.reminder}) and, unless the person chose no email for that kind, an
 * email; a person gets at most one such email a day across all packs (several packs due share one email). The ledger
 * tables make both rules hold across restarts and nodes: {@code pack_reminder} (which reminder a person got for a
 * pack) and {@code pack_reminder_mail} (the day's email, claimed before it is sent). Retired packs and people who
 * completed a pack get nothing.
 */
@Service
class PackReminders {

    private static final Logger log = LoggerFactory.getLogger(PackReminders.class);

    /** The two reminders a person gets for a pack's due date. */
    enum Stage {
        DUE_SOON, OVERDUE
    }

    /** A reminder due to one person for one pack. */
    record Due(long packId, String title, LocalDate dueOn, Stage stage, PackService.Progress progress) {}

    /** What one scan did: how many people it reminded, emailed, told in Baton only, left for tomorrow, failed. */
    record ScanOutcome(LocalDate day, int people, int emailed, int notifiedOnly, int deferred, int failed) {}

    /** What a nudge did: how many overdue people it told, by email (and in Baton) or in Baton only. */
    record NudgeResult(long id, String title, int overdue, int emailed, int notifiedOnly) {}

    private enum Outcome {
        NOTHING, EMAILED, NOTIFIED, DEFERRED, FAILED
    }

    private final PackService packs;
    private final PackRepository repository;
    private final Notifications notifications;
    private final AuditLog audit;
    private final DatabaseClient db;
    private final PackReminderProperties properties;
    private final String publicUrl;
    private final Clock clock;

    PackReminders(PackService packs, PackRepository repository, Notifications notifications, AuditLog audit,
            DatabaseClient db, PackReminderProperties properties, BatonProperties baton, Clock clock) {
        this.packs = packs;
        this.repository = repository;
        this.notifications = notifications;
        this.audit = audit;
        this.db = db;
        this.properties = properties;
        this.publicUrl = baton.publicUrl().replaceAll("/+$", "");
        this.clock = clock;
    }

    // ---- the scheduled reminders ----

    /** Sends the reminders due today (by the clock) to everyone who has not had them. */
    Mono<ScanOutcome> remind() {
        LocalDate today = packs.today();
        return repository.currentVersions()
                .concatMap(v -> {
                    PackContent c = packs.read(v.content());
                    if (c.dueOn() == null || today.isBefore(c.dueOn().minusDays(properties.daysBeforeDue()))) {
                        return Flux.empty();
                    }
                    return pending(v.packId(), c, today);
                })
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMapMany(byPerson -> Flux.fromIterable(byPerson.entrySet()))
                .concatMap(e -> remindOne(e.getKey(), e.getValue(), today))
                .collectList()
                .map(outcomes -> new ScanOutcome(today, outcomes.size() - count(outcomes, Outcome.NOTHING),
                        count(outcomes, Outcome.EMAILED), count(outcomes, Outcome.NOTIFIED),
                        count(outcomes, Outcome.DEFERRED), count(outcomes, Outcome.FAILED)));
    }

    private static int count(List<Outcome> outcomes, Outcome which) {
        return (int) outcomes.stream().filter(o -> o == which).count();
    }

    /** The reminders of one pack not sent yet: per incomplete person in its audience, by account id. */
    private Flux<Map.Entry<Long, Due>> pending(long packId, PackContent c, LocalDate today) {
        Stage stage = today.isAfter(c.dueOn()) ? Stage.OVERDUE : Stage.DUE_SOON;
        Mono<Set<Long>> sent = db.sql("select account_id from pack_reminder where pack_id = :pack and due_on = :due "
                        + "and stage = :stage")
                .bind("pack", packId)
                .bind("due", c.dueOn())
                .bind("stage", stage.name())
                .map(row -> row.get("account_id", Long.class))
                .all()
                .collect(HashSet::new, Set::add);
        return Mono.zip(packs.members(c.audience()), packs.progress(packId), sent)
                .flatMapMany(t -> Flux.fromIterable(t.getT2().people())
                        .filter(r -> t.getT1().contains(r.accountId()) && !r.progress().complete()
                                && !t.getT3().contains(r.accountId()))
                        .map(r -> Map.entry(r.accountId(), new Due(packId, c.title(), c.dueOn(), stage,
                                r.progress()))));
    }

    /** Reminds one person of what is due: one email (if they want email and had none today) and one notice a pack. */
    private Mono<Outcome> remindOne(long accountId, Collection<Due> dues, LocalDate today) {
        List<Due> ordered = dues.stream().sorted(java.util.Comparator.comparing(Due::dueOn)
                .thenComparing(Due::title, String.CASE_INSENSITIVE_ORDER)).toList();
        return notifications.delivery(accountId, NotificationKind.PACK_REMINDER).flatMap(delivery -> {
            if (delivery == Notifications.Delivery.NONE) {
                return record(accountId, ordered).flatMap(recorded -> recorded.isEmpty() ? Mono.just(Outcome.NOTHING)
                        : notices(accountId, recorded, today).thenReturn(Outcome.NOTIFIED));
            }
            return claimDay(accountId, today, "REMINDER").flatMap(claimed -> !claimed ? Mono.just(Outcome.DEFERRED)
                    : record(accountId, ordered).flatMap(recorded -> {
                        if (recorded.isEmpty()) {
                            return releaseDay(accountId, today).thenReturn(Outcome.NOTHING);
                        }
                        return notifications.email(accountId, reminderEmail(recorded, today))
                                .flatMap(sent -> (sent ? Mono.<Void>empty() : releaseDay(accountId, today))
                                        .then(notices(accountId, recorded, today))
                                        .thenReturn(sent ? Outcome.EMAILED : Outcome.NOTIFIED))
                                .onErrorResume(e -> {
                                    log.warn("The pack reminder email to account {} could not be sent; it is tried "
                                            + "again at the next scan", accountId, e);
                                    return unrecord(accountId, recorded).then(releaseDay(accountId, today))
                                            .thenReturn(Outcome.FAILED);
                                });
                    }));
        });
    }

    /** Records the reminders as sent; emits those this call recorded (another node may have been first). */
    private Mono<List<Due>> record(long accountId, List<Due> dues) {
        return Flux.fromIterable(dues).concatMap(due -> db.sql("insert into pack_reminder (pack_id, account_id, "
                                + "due_on, stage, reminded_at) values (:pack, :account, :due, :stage, :now) "
                                + "on conflict do nothing")
                        .bind("pack", due.packId())
                        .bind("account", accountId)
                        .bind("due", due.dueOn())
                        .bind("stage", due.stage().name())
                        .bind("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                        .fetch()
                        .rowsUpdated()
                        .filter(rows -> rows > 0)
                        .map(rows -> due))
                .collectList();
    }

    private Mono<Void> unrecord(long accountId, List<Due> dues) {
        return Flux.fromIterable(dues).concatMap(due -> db.sql("delete from pack_reminder where pack_id = :pack "
                                + "and account_id = :account and due_on = :due and stage = :stage")
                        .bind("pack", due.packId())
                        .bind("account", accountId)
                        .bind("due", due.dueOn())
                        .bind("stage", due.stage().name())
                        .fetch()
                        .rowsUpdated())
                .then();
    }

    /** Claims this person's reminder email of the day; {@code false} when they had one already. */
    private Mono<Boolean> claimDay(long accountId, LocalDate day, String reason) {
        return db.sql("insert into pack_reminder_mail (account_id, day, sent_at, reason) "
                        + "values (:account, :day, :now, :reason) on conflict do nothing")
                .bind("account", accountId)
                .bind("day", day)
                .bind("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .bind("reason", reason)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Gives the day's claim back (the email did not go: no address, or the mail server refused it). */
    private Mono<Void> releaseDay(long accountId, LocalDate day) {
        return db.sql("delete from pack_reminder_mail where account_id = :account and day = :day")
                .bind("account", accountId)
                .bind("day", day)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private Mono<Void> notices(long accountId, List<Due> dues, LocalDate today) {
        return Flux.fromIterable(dues).concatMap(due -> notifications.notifyInBaton(accountId,
                        NotificationKind.PACK_REMINDER, headline(due, today), progressLine(due.progress()),
                        "/packs/" + due.packId()))
                .then();
    }

    // ---- the trainer's nudge ----

    /**
     * Tells each overdue person of the pack's audience, in Baton and by email: by email only when they want pack
     * reminders by email and had no reminder email today (one a day), otherwise in Baton only.
     */
    Mono<NudgeResult> nudge(long id, BatonUser trainer, String remoteAddr) {
        LocalDate today = packs.today();
        return repository.find(id).switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No pack " + id + ".")))
                .flatMap(row -> row.status().equals("RETIRED")
                        ? Mono.error(new BatonException.Conflict("Pack " + id + " is retired: nobody has it to "
                                + "finish"))
                        : packs.progress(id))
                .flatMap(report -> repository.version(id, report.version())
                        .flatMap(v -> packs.members(packs.read(v.content()).audience()))
                        .flatMap(members -> Flux.fromIterable(report.overdue())
                                .filter(r -> members.contains(r.accountId()))
                                .concatMap(r -> nudgeOne(report, r, trainer, today))
                                .collectList()
                                .map(outcomes -> new NudgeResult(id, report.title(), outcomes.size(),
                                        count(outcomes, Outcome.EMAILED), count(outcomes, Outcome.NOTIFIED)))))
                .flatMap(result -> audit.record(trainer.getUsername(), "pack.nudged", result.title(), "pack=" + id
                                + " overdue=" + result.overdue() + " emailed=" + result.emailed(), remoteAddr)
                        .thenReturn(result));
    }

    private Mono<Outcome> nudgeOne(PackService.ProgressReport report, PackService.RepProgress person,
            BatonUser trainer, LocalDate today) {
        long accountId = person.accountId();
        Due due = new Due(report.id(), report.title(), report.dueOn(), Stage.OVERDUE, person.progress());
        String title = trainer.displayName() + " asks you to finish “" + report.title() + "”";
        String body = "It was due " + report.dueOn() + ". " + progressLine(person.progress());
        Mono<Boolean> emailed = notifications.delivery(accountId, NotificationKind.PACK_REMINDER)
                .flatMap(delivery -> delivery == Notifications.Delivery.NONE ? Mono.just(false)
                        : claimDay(accountId, today, "NUDGE").flatMap(claimed -> !claimed ? Mono.just(false)
                                : notifications.email(accountId, nudgeEmail(title, due, today))
                                        .onErrorResume(e -> {
                                            log.warn("The nudge email to account {} could not be sent", accountId, e);
                                            return Mono.just(false);
                                        })
                                        .flatMap(sent -> sent ? Mono.just(true)
                                                : releaseDay(accountId, today).thenReturn(false))));
        return emailed.flatMap(sent -> record(accountId, List.of(due))
                .then(notifications.notifyInBaton(accountId, NotificationKind.PACK_REMINDER, title, body,
                        "/packs/" + report.id()))
                .thenReturn(sent ? Outcome.EMAILED : Outcome.NOTIFIED));
    }

    // ---- what the reminders say ----

    private static String headline(Due due, LocalDate today) {
        return switch (due.stage()) {
            case OVERDUE -> "Overdue: “" + due.title() + "” was due " + due.dueOn();
            case DUE_SOON -> "Reminder: “" + due.title() + "” is due " + (due.dueOn().equals(today) ? "today ("
                    + due.dueOn() + ")" : due.dueOn() + " (in " + ChronoUnit.DAYS.between(today, due.dueOn())
                    + (ChronoUnit.DAYS.between(today, due.dueOn()) == 1 ? " day)" : " days)"));
        };
    }

    private static String progressLine(PackService.Progress p) {
        StringBuilder line = new StringBuilder("You have done ").append(p.itemsDone()).append(" of ")
                .append(p.items()).append(p.items() == 1 ? " item" : " items");
        if (p.hasQuiz()) {
            line.append(p.quizPassed() ? " and passed the quiz" : "; the quiz is not passed yet");
        }
        return line.append('.').toString();
    }

    Notifications.Email reminderEmail(List<Due> dues, LocalDate today) {
        long overdue = dues.stream().filter(d -> d.stage() == Stage.OVERDUE).count();
        String subject = "[Baton] " + (dues.size() == 1 ? headline(dues.getFirst(), today)
                : "Reminder: " + dues.size() + " enablement packs to finish"
                        + (overdue == 0 ? "" : " (" + overdue + " overdue)"));
        StringBuilder plain = new StringBuilder("Enablement packs of yours that are not complete yet:\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">"
                + "<p>Enablement packs of yours that are not complete yet:</p><ul>");
        for (Due due : dues) {
            String link = publicUrl + "/packs/" + due.packId();
            plain.append("- ").append(headline(due, today)).append('\n').append("  ")
                    .append(progressLine(due.progress())).append('\n').append("  ").append(link).append("\n\n");
            html.append("<li><p><strong><a href=\"").append(escape(link)).append("\">").append(escape(due.title()))
                    .append("</a></strong> ").append(escape(due.stage() == Stage.OVERDUE ? "was due " + due.dueOn()
                            + " (overdue)" : "is due " + due.dueOn())).append("</p><p>")
                    .append(escape(progressLine(due.progress()))).append("</p></li>");
        }
        html.append("</ul>");
        return new Notifications.Email(subject, plain.append(footer()).toString(),
                html.append(htmlFooter()).append("</body></html>").toString(), Map.of());
    }

    private Notifications.Email nudgeEmail(String title, Due due, LocalDate today) {
        String link = publicUrl + "/packs/" + due.packId();
        String plain = title + "\n\nIt was due " + due.dueOn() + ". " + progressLine(due.progress()) + "\n\n"
                + "Open it in Baton: " + link + "\n\n" + footer();
        String html = "<!DOCTYPE html><html><body style=\"font-family: sans-serif\"><p><strong>" + escape(title)
                + "</strong></p><p>" + escape("It was due " + due.dueOn() + ". " + progressLine(due.progress()))
                + "</p><p><a href=\"" + escape(link) + "\">Open it in Baton</a></p>" + htmlFooter()
                + "</body></html>";
        return new Notifications.Email("[Baton] " + title + " (due " + due.dueOn() + ")", plain, html, Map.of());
    }

    private String footer() {
        return "You get at most one pack reminder email a day. Choose how pack reminders reach you: " + publicUrl
                + "/notifications/preferences";
    }

    private String htmlFooter() {
        return "<p style=\"color: #666; font-size: small\">" + escape(footer()) + "</p>";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
