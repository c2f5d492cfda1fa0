package dev.baton.webapp.notifications;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * Sends notification emails in the background, one worker thread per node: each notification someone wants at once
 * gets an email of its own (woken by {@link Notifications#notify}, and every {@code poll} for what a restart left),
 * and at {@code baton.notifications.summary-at} (UTC) each person with notifications waiting for the summary gets
 * one email listing them. A notification is claimed (its {@code emailed_at} set) in the statement that picks it, so
 * among several nodes one sends it; a failed send gives the claim back and is tried again at the next look. Email is
 * off when Spring Boot has no mail sender (no {@code spring.mail.host}).
 */
@Component
class NotificationMail extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(NotificationMail.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'");

    /** Where a person's email goes: the address they chose, or their user name when it is an address. */
    record Address(String chosen, String effective) {}

    /** A notification claimed for an email. */
    private record Pending(long id, long accountId, String kind, String title, String body, String link,
            Instant createdAt) {}

    private final DatabaseClient db;
    private final AccountDirectory accounts;
    private final JavaMailSender sender;
    private final BatonProperties.Notifications settings;
    private final String publicUrl;
    private final Clock clock;
    private volatile Instant nextSummary;

    NotificationMail(DatabaseClient db, AccountDirectory accounts, ObjectProvider<JavaMailSender> sender,
            BatonProperties properties, Clock clock) {
        super("baton-notification-mail", properties.notifications().poll());
        this.db = db;
        this.accounts = accounts;
        this.sender = sender.getIfAvailable();
        this.settings = properties.notifications();
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
        this.clock = clock;
        this.nextSummary = nextSummaryAfter(clock.instant());
        if (this.sender == null) {
            log.info("Email is off (no spring.mail.host): notifications stay in Baton");
        }
    }

    /** Whether notifications can be emailed (an SMTP server is configured). */
    boolean enabled() {
        return sender != null;
    }

    @Override
    protected void releaseOwnClaims() {
        // a claim is the email's emailed_at: a crash between claim and send loses that one email (at most once)
    }

    @Override
    protected String problem() {
        return "Sending notification emails failed; trying again shortly";
    }

    @Override
    protected boolean workOnce() {
        if (sender == null) {
            return false;
        }
        if (sendOneNow()) {
            return true;
        }
        Instant now = clock.instant();
        if (!now.isBefore(nextSummary)) {
            sendDailySummaries();
            nextSummary = nextSummaryAfter(now);
        }
        return false;
    }

    /** Sends the oldest notification waiting for an email of its own; {@code false} when none waits. Blocking. */
    boolean sendOneNow() {
        Pending pending = db.sql("update notification set emailed_at = now() where id = (select id from notification "
                        + "where email = 'NOW' and emailed_at is null order by id limit 1 for update skip locked) "
                        + "returning id, account_id, kind, title, body, link, created_at")
                .map(NotificationMail::pending)
                .one()
                .block(Duration.ofMinutes(1));
        if (pending == null) {
            return false;
        }
        Address address = address(pending.accountId()).block(Duration.ofMinutes(1));
        if (address == null || address.effective() == null) {
            log.debug("No email address for account {}; notification {} stays in Baton", pending.accountId(),
                    pending.id());
            return true;
        }
        try {
            send(address.effective(), "[Baton] " + pending.title(), plainOne(pending), htmlOne(pending));
        } catch (RuntimeException e) {
            release(List.of(pending.id()));
            throw e;
        }
        return true;
    }

    /** Sends each person with notifications waiting for the summary one email listing them all. Blocking. */
    int sendDailySummaries() {
        if (sender == null) {
            return 0;
        }
        List<Long> people = db.sql("select distinct account_id from notification where email = 'DAILY' "
                        + "and emailed_at is null")
                .map(row -> row.get(0, Long.class))
                .all()
                .collectList()
                .block(Duration.ofMinutes(1));
        int sent = 0;
        for (long accountId : people == null ? List.<Long>of() : people) {
            List<Pending> claimed = db.sql("update notification set emailed_at = now() where account_id = :account "
                            + "and email = 'DAILY' and emailed_at is null "
                            + "returning id, account_id, kind, title, body, link, created_at")
                    .bind("account", accountId)
                    .map(NotificationMail::pending)
                    .all()
                    .collectList()
                    .block(Duration.ofMinutes(1));
            if (claimed == null || claimed.isEmpty()) {
                continue;
            }
            List<Pending> ordered = claimed.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
            Address address = address(accountId).block(Duration.ofMinutes(1));
            if (address == null || address.effective() == null) {
                continue;
            }
            String subject = "[Baton] Your daily summary: " + ordered.size()
                    + (ordered.size() == 1 ? " notification" : " notifications");
            try {
                send(address.effective(), subject, plainSummary(ordered), htmlSummary(ordered));
                sent++;
            } catch (RuntimeException e) {
                release(ordered.stream().map(Pending::id).toList());
                log.warn("The daily summary to account {} could not be sent; it is tried again at the next look",
                        accountId, e);
                nextSummary = clock.instant();
            }
        }
        return sent;
    }

    /** Where this person's emails go; empty when they have no account. */
    Mono<Address> address(long accountId) {
        Mono<String> chosen = db.sql("select email from notification_recipient where account_id = :account")
                .bind("account", accountId)
                .map(row -> java.util.Optional.ofNullable(row.get("email", String.class)))
                .one()
                .flatMap(Mono::justOrEmpty);
        return accounts.person(accountId).flatMap(person -> chosen
                .map(email -> new Address(email, email))
                .defaultIfEmpty(new Address(null, fallback(person))));
    }

    private static String fallback(Person person) {
        return Notifications.isEmail(person.username()) ? person.username() : null;
    }

    private void release(List<Long> ids) {
        db.sql("update notification set emailed_at = null where id = any(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .fetch()
                .rowsUpdated()
                .block(Duration.ofMinutes(1));
    }

    /**
     * Sends one email another package composed (such as the weekly digest) to this person's address, with extra
     * headers ({@code List-Unsubscribe}); {@code false} when email is off or the person has no address. Blocking.
     */
    boolean sendComposed(long accountId, Notifications.Email email) {
        if (sender == null) {
            return false;
        }
        Address address = address(accountId).block(Duration.ofMinutes(1));
        if (address == null || address.effective() == null) {
            return false;
        }
        send(address.effective(), email.subject(), email.plain(), email.html(), email.headers());
        return true;
    }

    private void send(String to, String subject, String plain, String html) {
        send(to, subject, plain, html, java.util.Map.of());
    }

    private void send(String to, String subject, String plain, String html, java.util.Map<String, String> headers) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(plain, html);
            for (java.util.Map.Entry<String, String> header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            sender.send(message);
        } catch (MessagingException e) {
            throw new MailException("Could not build the email to " + to, e) {};
        }
    }

    // ------------------------------------------------------------------ what the emails say

    private String plainOne(Pending p) {
        StringBuilder text = new StringBuilder(p.title()).append("\n\n");
        if (!p.body().isEmpty()) {
            text.append(p.body()).append("\n\n");
        }
        if (p.link() != null) {
            text.append("Open it in Baton: ").append(absolute(p.link())).append("\n\n");
        }
        return text.append(footer()).toString();
    }

    private String htmlOne(Pending p) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">")
                .append("<p><strong>").append(escape(p.title())).append("</strong></p>");
        if (!p.body().isEmpty()) {
            html.append("<p>").append(escape(p.body())).append("</p>");
        }
        if (p.link() != null) {
            html.append("<p><a href=\"").append(escape(absolute(p.link()))).append("\">Open it in Baton</a></p>");
        }
        return html.append("<p style=\"color: #666; font-size: small\">").append(escape(footer()))
                .append("</p></body></html>").toString();
    }

    private String plainSummary(List<Pending> items) {
        StringBuilder text = new StringBuilder("What happened since your last summary:\n\n");
        for (Pending p : items) {
            text.append("- ").append(p.title()).append(" (").append(when(p.createdAt())).append(")\n");
            if (!p.body().isEmpty()) {
                text.append("  ").append(p.body().replace("\n", "\n  ")).append('\n');
            }
            if (p.link() != null) {
                text.append("  ").append(absolute(p.link())).append('\n');
            }
            text.append('\n');
        }
        return text.append("All your notifications: ").append(absolute("/notifications")).append("\n\n")
                .append(footer()).toString();
    }

    private String htmlSummary(List<Pending> items) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">")
                .append("<p>What happened since your last summary:</p><ul>");
        for (Pending p : items) {
            html.append("<li><p><strong>");
            if (p.link() != null) {
                html.append("<a href=\"").append(escape(absolute(p.link()))).append("\">").append(escape(p.title()))
                        .append("</a>");
            } else {
                html.append(escape(p.title()));
            }
            html.append("</strong> <span style=\"color: #666\">").append(escape(when(p.createdAt())))
                    .append("</span></p>");
            if (!p.body().isEmpty()) {
                html.append("<p>").append(escape(p.body())).append("</p>");
            }
            html.append("</li>");
        }
        return html.append("</ul><p><a href=\"").append(escape(absolute("/notifications")))
                .append("\">All your notifications</a></p><p style=\"color: #666; font-size: small\">")
                .append(escape(footer())).append("</p></body></html>").toString();
    }

    private String footer() {
        return "You get this email because of your notification settings in Baton: "
                + absolute("/notifications/preferences");
    }

    private String absolute(String link) {
        return link.startsWith("/") ? publicUrl + link : link;
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static String when(Instant at) {
        return WHEN.format(at.atOffset(ZoneOffset.UTC));
    }

    private Instant nextSummaryAfter(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant at = today.atTime(settings.summaryAt()).toInstant(ZoneOffset.UTC);
        return at.isAfter(now) ? at : at.plus(Duration.ofDays(1));
    }

    private static Pending pending(io.r2dbc.spi.Readable row) {
        return new Pending(row.get("id", Long.class), row.get("account_id", Long.class),
                row.get("kind", String.class), row.get("title", String.class), row.get("body", String.class),
                row.get("link", String.class), row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
