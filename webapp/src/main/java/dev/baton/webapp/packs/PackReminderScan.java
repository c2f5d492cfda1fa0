package dev.baton.webapp.packs;

import dev.baton.webapp.system.BackgroundWorker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reminds the people of published packs that are due soon or overdue ({@link PackReminders#remind}): at start and then
 * every {@code baton.packs.reminders.every} on every node; the ledger tables make each reminder and each day's email
 * go once, whichever node finds it first.
 */
@Component
class PackReminderScan extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(PackReminderScan.class);

    private final PackReminders reminders;
    private final PackReminderProperties properties;

    PackReminderScan(PackReminders reminders, PackReminderProperties properties) {
        super("baton-pack-reminders", properties.every());
        this.reminders = reminders;
        this.properties = properties;
    }

    @Override
    protected void releaseOwnClaims() {
        // a claim is the person's pack_reminder_mail row of the day: a crash between claim and send loses that email
    }

    @Override
    protected boolean workOnce() {
        if (!properties.enabled()) {
            return false;
        }
        PackReminders.ScanOutcome outcome = reminders.remind().block(Duration.ofMinutes(30));
        if (outcome != null && outcome.people() > 0) {
            log.info("Pack reminders of {}: {} people, {} emailed, {} told in Baton only, {} left for tomorrow "
                            + "(had their email of the day), {} failed", outcome.day(), outcome.people(),
                    outcome.emailed(), outcome.notifiedOnly(), outcome.deferred(), outcome.failed());
        }
        return false;
    }

    @Override
    protected String problem() {
        return "Could not send the pack reminders; trying again later";
    }
}
