package dev.baton.webapp.notifications;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells people things: in Baton (the bell in the page header, {@code /notifications}, the API) and by email, at once
 * or in a daily summary, as each person chose for that kind ({@link NotificationKind}). Other packages call
 * {@link #notify} (one person) or {@link #notifyAll} (everyone of a role); the emails go out in the background
 * ({@link NotificationMail}), so notifying costs one insert.
 */
@Service
public class Notifications {

    /** How a kind of notification reaches a person by email. */
    public enum Delivery {
        /** An email of its own, at once. */
        NOW("Email at once"),
        /** In the daily summary email. */
        DAILY("In the daily summary"),
        /** Not by email: only in Baton. */
        NONE("Not by email");

        private final String label;

        Delivery(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Delivery parse(String value) {
            try {
                return valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A notification as its person sees it. */
    public record Notification(long id, String kind, String title, String body, String link, Instant createdAt,
            Instant readAt) {

        public boolean unread() {
            return readAt == null;
        }
    }

    /** A person's email settings: where emails go, and per kind how. */
    public record Settings(String email, String effectiveEmail, boolean emailAvailable,
            Map<NotificationKind, Delivery> deliveries) {}

    /**
     * An email another package composed, sent through {@link #email}: subject, plain-text and HTML parts (the HTML
     * already escaped), and extra headers such as {@code List-Unsubscribe}.
     */
    public record Email(String subject, String plain, String html, Map<String, String> headers) {

        public Email {
            headers = Map.copyOf(headers);
        }
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final String COLUMNS = "id, kind, title, body, link, created_at, read_at";

    private final DatabaseClient db;
    private final AccountDirectory accounts;
    private final NotificationMail mail;

    Notifications(DatabaseClient db, AccountDirectory accounts, NotificationMail mail) {
        this.db = db;
        this.accounts = accounts;
        this.mail = mail;
    }

    /**
     * Notifies one person. {@code kind} is a key of {@link NotificationKind} ({@code share.first_visit}, ...);
     * {@code title} is the line they see (at most 300 characters, longer is cut), {@code body} a few sentences (or
     * {@code null}), {@code link} where it leads: a path in Baton ({@code /deals/12}) or {@code null}. Completes once
     * the notification is stored; an email, if the person wants one, follows in the background.
     */
    public Mono<Void> notify(long accountId, String kind, String title, String body, String link) {
        NotificationKind known = NotificationKind.of(kind);
        if (known == null) {
            return Mono.error(new IllegalArgumentException("No notification kind " + kind
                    + "; declare it in NotificationKind"));
        }
        return notify(accountId, known, title, body, link);
    }

    /** Notifies one person; see {@link #notify(long, String, String, String, String)}. */
    public Mono<Void> notify(long accountId, NotificationKind kind, String title, String body, String link) {
        if (title == null || title.isBlank()) {
            return Mono.error(new IllegalArgumentException("a notification needs a title"));
        }
        boolean emailOn = mail.enabled();
        return Detached.uncancellable(db.sql("insert into notification (account_id, kind, title, body, link, email) "
                                + "values (:account, :kind, :title, :body, :link, case when :emailOn then coalesce("
                                + "(select delivery from notification_preference where account_id = :account "
                                + "and kind = :kind), :byDefault) else 'NONE' end) returning email")
                        .bind("account", accountId)
                        .bind("kind", kind.key())
                        .bind("title", cut(title.strip(), 300))
                        .bind("body", body == null ? "" : cut(body.strip(), 4000))
                        .bind("link", Parameter.fromOrEmpty(link == null || link.isBlank() ? null : cut(link, 1000),
                                String.class))
                        .bind("emailOn", emailOn)
                        .bind("byDefault", kind.byDefault().name())
                        .map(row -> row.get("email", String.class))
                        .one())
                .doOnNext(email -> {
                    if (email.equals(Delivery.NOW.name())) {
                        mail.wake();
                    }
                })
                .then();
    }

    /**
     * Notifies one person in Baton only, whatever they chose for email: for a package that sends its own email about
     * it (such as the pack reminders, at most one a day), after asking {@link #delivery} whether the person wants one.
     */
    public Mono<Void> notifyInBaton(long accountId, NotificationKind kind, String title, String body, String link) {
        if (title == null || title.isBlank()) {
            return Mono.error(new IllegalArgumentException("a notification needs a title"));
        }
        return Detached.uncancellable(db.sql("insert into notification (account_id, kind, title, body, link, email) "
                        + "values (:account, :kind, :title, :body, :link, 'NONE')")
                        .bind("account", accountId)
                        .bind("kind", kind.key())
                        .bind("title", cut(title.strip(), 300))
                        .bind("body", body == null ? "" : cut(body.strip(), 4000))
                        .bind("link", Parameter.fromOrEmpty(link == null || link.isBlank() ? null : cut(link, 1000),
                                String.class))
                        .fetch()
                        .rowsUpdated())
                .then();
    }

    /** How this person wants this kind emailed: their choice, or the kind's default ({@code NONE} when email is off). */
    public Mono<Delivery> delivery(long accountId, NotificationKind kind) {
        if (!mail.enabled()) {
            return Mono.just(Delivery.NONE);
        }
        return db.sql("select delivery from notification_preference where account_id = :account and kind = :kind")
                .bind("account", accountId)
                .bind("kind", kind.key())
                .map(row -> Delivery.valueOf(row.get("delivery", String.class)))
                .one()
                .defaultIfEmpty(kind.byDefault());
    }

    /** Whether Baton can send email (an SMTP server is configured). */
    public boolean emailOn() {
        return mail.enabled();
    }

    /**
     * Sends a composed email to a person at their notification address, now (off the event loop); emits
     * {@code false} when email is off or the person has no address, and fails when the mail server refused it.
     */
    public Mono<Boolean> email(long accountId, Email email) {
        return Mono.fromCallable(() -> mail.sendComposed(accountId, email))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
    }

    /** Notifies every enabled person whose role includes {@code role} (e.g. every admin of a paused webhook). */
    public Mono<Void> notifyAll(Role role, String kind, String title, String body, String link) {
        return accounts.activeIdsIncluding(role)
                .concatMap(id -> notify(id, kind, title, body, link))
                .then();
    }

    /** A person's notifications, newest first. */
    Flux<Notification> list(long accountId, boolean unreadOnly, int limit) {
        return db.sql("select " + COLUMNS + " from notification where account_id = :account"
                        + (unreadOnly ? " and read_at is null" : "") + " order by id desc limit :limit")
                .bind("account", accountId)
                .bind("limit", Math.clamp(limit, 1, 500))
                .map(Notifications::notification)
                .all();
    }

    /** How many of a person's notifications are unread. */
    public Mono<Long> unreadCount(long accountId) {
        return db.sql("select count(*) from notification where account_id = :account and read_at is null")
                .bind("account", accountId)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** Marks one of a person's notifications read; 404 when they have none with this id. */
    Mono<Void> markRead(long accountId, long id) {
        return Detached.uncancellable(db.sql("update notification set read_at = coalesce(read_at, now()) "
                        + "where id = :id and account_id = :account")
                .bind("id", id)
                .bind("account", accountId)
                .fetch()
                .rowsUpdated())
                .flatMap(rows -> rows == 0
                        ? Mono.error(new BatonException.NotFound("No notification " + id + "."))
                        : Mono.empty());
    }

    /** Marks all of a person's notifications read; emits how many were unread. */
    Mono<Long> markAllRead(long accountId) {
        return Detached.uncancellable(db.sql("update notification set read_at = now() "
                        + "where account_id = :account and read_at is null")
                .bind("account", accountId)
                .fetch()
                .rowsUpdated());
    }

    /** A person's email settings, every kind with its delivery (chosen, or the kind's default). */
    Mono<Settings> settings(long accountId) {
        Mono<Map<String, String>> chosen = db.sql("select kind, delivery from notification_preference "
                        + "where account_id = :account")
                .bind("account", accountId)
                .map(row -> Map.entry(row.get("kind", String.class), row.get("delivery", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(chosen, mail.address(accountId).map(a -> a).defaultIfEmpty(new NotificationMail.Address(
                        null, null)))
                .map(t -> {
                    Map<NotificationKind, Delivery> deliveries = new EnumMap<>(NotificationKind.class);
                    for (NotificationKind kind : NotificationKind.values()) {
                        String value = t.getT1().get(kind.key());
                        deliveries.put(kind, value == null ? kind.byDefault() : Delivery.valueOf(value));
                    }
                    return new Settings(t.getT2().chosen(), t.getT2().effective(), mail.enabled(), deliveries);
                });
    }

    /**
     * Saves a person's email address ({@code null} or blank: none of their own) and the deliveries given (kinds left
     * out keep theirs). A bad address is a 400.
     */
    Mono<Settings> saveSettings(long accountId, String email, boolean setEmail, Map<NotificationKind, Delivery> deliveries) {
        String address = email == null || email.isBlank() ? null : email.strip();
        if (setEmail && address != null && (address.length() > 254 || !EMAIL.matcher(address).matches())) {
            return Mono.error(new BatonException.InvalidInput("email", "'" + address + "' is not an email address"));
        }
        Mono<Long> saveEmail = !setEmail ? Mono.just(0L) : db.sql("insert into notification_recipient "
                        + "(account_id, email) values (:account, :email) "
                        + "on conflict (account_id) do update set email = excluded.email")
                .bind("account", accountId)
                .bind("email", Parameter.fromOrEmpty(address, String.class))
                .fetch()
                .rowsUpdated();
        Mono<Void> saveDeliveries = Flux.fromIterable(deliveries.entrySet())
                .concatMap(e -> db.sql("insert into notification_preference (account_id, kind, delivery) "
                                + "values (:account, :kind, :delivery) "
                                + "on conflict (account_id, kind) do update set delivery = excluded.delivery")
                        .bind("account", accountId)
                        .bind("kind", e.getKey().key())
                        .bind("delivery", e.getValue().name())
                        .fetch()
                        .rowsUpdated())
                .then();
        return Detached.uncancellable(saveEmail.then(saveDeliveries).then(settings(accountId)));
    }

    /** Reads a map of kind key to delivery name as sent by a client; unknown kinds or deliveries are a 400. */
    static Map<NotificationKind, Delivery> deliveries(Map<String, String> given) {
        Map<NotificationKind, Delivery> result = new EnumMap<>(NotificationKind.class);
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        given.forEach((key, value) -> {
            NotificationKind kind = NotificationKind.of(key);
            Delivery delivery = Delivery.parse(value);
            if (kind == null) {
                problems.put("deliveries." + key, "no notification kind " + key + "; kinds are " + List.of(
                        NotificationKind.values()).stream().map(NotificationKind::key).toList());
            } else if (delivery == null) {
                problems.put("deliveries." + key, "use NOW, DAILY or NONE");
            } else {
                result.put(kind, delivery);
            }
        });
        if (!problems.isEmpty()) {
            throw new BatonException.InvalidInput(problems);
        }
        return result;
    }

    static boolean isEmail(String text) {
        return text != null && text.length() <= 254 && EMAIL.matcher(text).matches();
    }

    private static Notification notification(Readable row) {
        OffsetDateTime read = row.get("read_at", OffsetDateTime.class);
        return new Notification(row.get("id", Long.class), row.get("kind", String.class),
                row.get("title", String.class), row.get("body", String.class), row.get("link", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), read == null ? null : read.toInstant());
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
