package dev.baton.webapp.content;

import java.time.Instant;

/** One version of an asset: its file, who added it and why. */
public record AssetVersion(
        int version,
        String fileName,
        String mediaType,
        long size,
        String sha256,
        String note,
        String extractionStatus,
        String extractionReason,
        String createdBy,
        Instant createdAt,
        boolean current) {}
