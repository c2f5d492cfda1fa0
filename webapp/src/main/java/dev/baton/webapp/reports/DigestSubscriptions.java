package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.notifications.DigestSubscription;
import dev.baton.webapp.system.Detached;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who gets the weekly digest: everyone it is offered to (marketers and admins) unless they turned it off, on their
 * email settings page, through the API or with the unsubscribe link of a digest ({@code digest_subscription}).
 */
@Component
class DigestSubscriptions implements DigestSubscription {

    /** How a choice was made, as {@code digest_subscription.changed_by} keeps it. */
    enum Source {
        SETTINGS, UNSUBSCRIBE_LINK
    }

    private final DatabaseClient db;
    private final DigestProperties properties;
    private final Clock clock;

    DigestSubscriptions(DatabaseClient db, DigestProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "weekly";
    }

    @Override
    public String label() {
        return "The weekly digest (" + schedule() + "): your unused, flagged, top and rising assets and the open "
                + "content requests";
    }

    /** When the digest goes out, as people read it: {@code Mondays at 08:00 UTC}. */
    String schedule() {
        return properties.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s at " + properties.time() + " "
                + properties.zone().getId();
    }

    @Override
    public boolean offeredTo(Role role) {
        return role.managesContent();
    }

    @Override
    public Mono<Boolean> subscribed(long accountId) {
        return db.sql("select subscribed from digest_subscription where account_id = :account")
                .bind("account", accountId)
                .map(row -> row.get("subscribed", Boolean.class))
                .one()
                .defaultIfEmpty(true);
    }

    @Override
    public Mono<Void> subscribe(long accountId, boolean on) {
        return set(accountId, on, Source.SETTINGS);
    }

    /** Records a person's choice. */
    Mono<Void> set(long accountId, boolean on, Source source) {
        return Detached.uncancellable(db.sql("insert into digest_subscription (account_id, subscribed, changed_at, "
                                + "changed_by) values (:account, :on, :now, :by) on conflict (account_id) do update "
                                + "set subscribed = excluded.subscribed, changed_at = excluded.changed_at, "
                                + "changed_by = excluded.changed_by")
                        .bind("account", accountId)
                        .bind("on", on)
                        .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .bind("by", source.name())
                        .fetch()
                        .rowsUpdated())
                .then();
    }
}
