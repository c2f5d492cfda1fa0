package dev.baton.webapp.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a bulk import stands.
 *
 * @param status {@code QUEUED}, {@code RUNNING}, {@code DONE} or {@code FAILED} (the archive could not be read at all;
 *     {@code message} says why)
 * @param total files and refused entries in the archive; 0 until the job has opened it
 * @param problems bad manifest rows and files that were not imported, with the manifest line where there is one
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
        Instant finishedAt) {

    /** One thing that went wrong; {@code line} is 0 when no manifest row is involved. */
    public record Problem(int line, String file, String reason) {}

    public boolean finished() {
        return "DONE".equals(status) || "FAILED".equals(status);
    }

    /** Percent of the archive's entries handled, for progress bars. */
    public int percent() {
        return total == 0 ? (finished() ? 100 : 0) : Math.min(100, processed * 100 / total);
    }
}
