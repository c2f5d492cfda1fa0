package dev.baton.webapp.packs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pack reminders (prefix {@code baton.packs.reminders}); listed in docs/configuration.md.
 *
 * @param enabled whether the scan reminds by itself (trainers' nudges work either way)
 * @param daysBeforeDue how many days before a pack's due date its incomplete people are reminded (0: on the day)
 * @param every how often each node scans for reminders to send (each goes once, whichever node finds it first)
 */
@ConfigurationProperties("baton.packs.reminders")
record PackReminderProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3") int daysBeforeDue,
        @DefaultValue("1h") Duration every) {

    PackReminderProperties {
        if (daysBeforeDue < 0 || daysBeforeDue > 365) {
            throw new IllegalArgumentException("baton.packs.reminders.days-before-due must be from 0 to 365");
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("baton.packs.reminders.every must be positive");
        }
    }
}
