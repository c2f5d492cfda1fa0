package dev.baton.webapp.content;

import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStat;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Removes what uploads left behind when the process died between storing bytes and recording them: every file is
 * written once under a fresh key ({@link Intake}) and then recorded with that key in a version row, so a {@code kill
 * -9} in between leaves a blob that no row points at, and one during the upload leaves an incomplete multipart upload
 * holding its parts. Neither is ever visible (nothing serves a blob without a row); this sweep makes sure neither stays
 * forever.
 *
 * <p>A blob under {@link BlobKeys#ORIGINALS_PREFIX} (or {@link BlobKeys#LEGACY_ORIGINALS_PREFIX}, where earlier
 * versions wrote) is removed when it is older than the grace period and no version row names it as its {@code
 * blob_key}; an incomplete multipart upload is aborted when it started before its (longer) grace period. The grace
 * periods keep the sweep away from uploads in progress, so several nodes may sweep at once.
 *
 * <p>A blob that no row names never gets a row later, except from the upload that wrote it (within the grace period):
 * a new version shares only a blob a committed row names, under the digest's lock, and a deletion decides under the
 * same lock ({@link Intake}). So whatever its prefix, a blob a version row points at is never swept.
 */
@Component
class BlobSweep extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(BlobSweep.class);
    private static final int BATCH = 500;
    /** Where originals are: the current prefix and the one earlier versions wrote to (read, swept, never written). */
    private static final List<String> ORIGINALS =
            List.of(BlobKeys.ORIGINALS_PREFIX, BlobKeys.LEGACY_ORIGINALS_PREFIX);

    private final DatabaseClient db;
    private final BlobStore blobs;
    private final BatonProperties.BlobSweep settings;
    private final Clock clock;
    private volatile Instant lastRun;

    @Autowired
    BlobSweep(DatabaseClient db, BlobStore blobs, BatonProperties properties) {
        this(db, blobs, properties.blobSweep(), Clock.systemUTC());
    }

    BlobSweep(DatabaseClient db, BlobStore blobs, BatonProperties.BlobSweep settings, Clock clock) {
        super("baton-blob-sweep", settings.interval());
        this.db = db;
        this.blobs = blobs;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void releaseOwnClaims() {
        // the sweep claims nothing
    }

    @Override
    protected String problem() {
        return "The sweep of orphaned uploads hit a problem; trying again shortly";
    }

    /** One sweep per interval (the worker's poll); a wake-up in between does not sweep again. */
    @Override
    protected boolean workOnce() {
        Instant now = clock.instant();
        if (lastRun != null && now.isBefore(lastRun.plus(settings.interval()))) {
            return false;
        }
        lastRun = now;
        sweep(now);
        return false;
    }

    /** What one sweep removed. */
    record Result(int blobs, int multipartUploads) {}

    /** Sweeps once, as of {@code now}. Blocking. */
    Result sweep(Instant now) {
        int aborted = 0;
        int removed = 0;
        for (String prefix : ORIGINALS) {
            aborted += blobs.abortIncompleteWrites(prefix, now.minus(settings.multipartGrace()));
            removed += removeUnreferenced(prefix, now.minus(settings.grace()));
        }
        if (removed > 0 || aborted > 0) {
            log.info("Swept orphaned uploads: removed {} blob(s) no version points at, aborted {} incomplete "
                    + "multipart upload(s)", removed, aborted);
        }
        return new Result(removed, aborted);
    }

    private int removeUnreferenced(String prefix, Instant cutoff) {
        int removed = 0;
        List<String> candidates = new ArrayList<>();
        try (Stream<BlobStat> listing = blobs.list(prefix)) {
            for (BlobStat stat : (Iterable<BlobStat>) listing::iterator) {
                if (stat.lastModified() != null && stat.lastModified().isBefore(cutoff)) {
                    candidates.add(stat.key());
                    if (candidates.size() == BATCH) {
                        removed += removeUnreferenced(candidates);
                        candidates.clear();
                    }
                }
            }
        }
        return removed + removeUnreferenced(candidates);
    }

    private int removeUnreferenced(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Set<String> referenced = new HashSet<>(db.sql("select blob_key from asset_version where blob_key = any(:keys)")
                .bind("keys", keys.toArray(String[]::new))
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block(Duration.ofMinutes(1)));
        int removed = 0;
        for (String key : keys) {
            if (!referenced.contains(key)) {
                blobs.delete(key);
                removed++;
            }
        }
        return removed;
    }
}
