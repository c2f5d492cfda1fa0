package dev.baton.webapp.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a bulk import stands.
 *
 * @param status {@code QUEUED}, {@code RUNNING}, {@code DONE} or {@code FAILED} (the archive could not be read at all;
 *     {@code message} says why)
 * @param total the import's items: the archive's files and refused entries, and the manifest rows that fail with no
 *     file of the archive to count them (a bad row naming a missing file, a row without a file, a repeated row); 0
 *     until the job has opened it. {@code imported + skipped + failed == processed}, and {@code processed == total}
 *     once done
 * @param failed items not imported: one problem each (problems may also hold notes on the manifest's header)
 * @param problems bad manifest rows and files that were not imported, with the manifest line where there is one
 * @param skips the files skipped because their bytes are already in the library, with the asset that has them (on
 *     a single import's status; empty in lists)
 */
public record ImportStatus(
        UUID id,
        String status,
        int total,
        int processed,
        int imported,
        int skipped,
        int failed,
        List<Problem> problems,
        String message,
        String createdBy,
        Instant createdAt,
        Instant finishedAt,
        List<Skip> skips) {

    public ImportStatus {
        skips = skips == null ? List.of() : List.copyOf(skips);
    }

    /** A status without the skipped files named. */
    public ImportStatus(UUID id, String status, int total, int processed, int imported, int skipped, int failed,
            List<Problem> problems, String message, String createdBy, Instant createdAt, Instant finishedAt) {
        this(id, status, total, processed, imported, skipped, failed, problems, message, createdBy, createdAt,
                finishedAt, List.of());
    }

    /** One thing that went wrong; {@code line} is 0 when no manifest row is involved. */
    public record Problem(int line, String file, String reason) {}

    /** A file not imported because the asset {@code assetId} (titled {@code title}) already has its bytes. */
    public record Skip(String file, UUID assetId, String title) {}

    /** This status with the skipped files named. */
    public ImportStatus withSkips(List<Skip> named) {
        return new ImportStatus(id, status, total, processed, imported, skipped, failed, problems, message, createdBy,
                createdAt, finishedAt, named);
    }

    public boolean finished() {
        return "DONE".equals(status) || "FAILED".equals(status);
    }

    /** Percent of the archive's entries handled, for progress bars. */
    public int percent() {
        return total == 0 ? (finished() ? 100 : 0) : Math.min(100, processed * 100 / total);
    }
}
