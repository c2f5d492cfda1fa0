package dev.baton.webapp.content;

import java.time.Instant;
import java.util.UUID;

/** An asset as lists show it: its current version's file facts included. */
public record AssetSummary(
        UUID id,
        String title,
        String status,
        boolean internalOnly,
        String owner,
        int version,
        String fileName,
        String mediaType,
        long size,
        String extractionStatus,
        Instant updatedAt) {}
