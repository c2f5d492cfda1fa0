package dev.baton.webapp.sharing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Share links and the buyer's viewer (prefix {@code baton.sharing}); listed in docs/configuration.md.
 *
 * @param defaultExpiry how long a new link lives when its creator does not say
 * @param maxExpiry the longest a link may live (an admin's setting): a longer expiry is refused
 * @param passcodeAttempts wrong passcodes in a row that lock a link
 * @param passcodeLock how long a link stays locked after them
 * @param missesPerAddress misses (unknown tokens, wrong passcodes, bad viewer keys) one address may make within
 *     {@code missWindow} before the viewer answers it 429 until the window ends
 * @param missWindow the window misses are counted in
 * @param accessLifetime how long one opening of the viewer (its page and file URLs) stays good
 * @param visitGap page loads closer together than this are one visit
 */
@ConfigurationProperties("baton.sharing")
record SharingProperties(
        @DefaultValue("30d") Duration defaultExpiry,
        @DefaultValue("365d") Duration maxExpiry,
        @DefaultValue("5") int passcodeAttempts,
        @DefaultValue("15m") Duration passcodeLock,
        @DefaultValue("30") int missesPerAddress,
        @DefaultValue("10m") Duration missWindow,
        @DefaultValue("12h") Duration accessLifetime,
        @DefaultValue("30m") Duration visitGap) {}
