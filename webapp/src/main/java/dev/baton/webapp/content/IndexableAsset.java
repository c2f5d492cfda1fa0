package dev.baton.webapp.content;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An asset as the search index is built from it ({@link AssetCatalog}): what marketing says about it and its current
 * version's file and derived text, without the text itself.
 *
 * @param status {@code DRAFT}, {@code PUBLISHED} or {@code ARCHIVED}
 * @param version the current version's number
 * @param owner the owner's user name
 * @param extractionStatus the current version's text extraction: {@code PENDING}, {@code DONE} or {@code FAILED}
 * @param textKey where the extracted text is stored, when extraction made some
 * @param facets facet key to value keys, both in key order; facets without values are absent
 */
public record IndexableAsset(
        UUID id,
        String title,
        String description,
        String status,
        boolean internalOnly,
        String contentType,
        List<String> tags,
        LocalDate expiresOn,
        Instant publishedAt,
        Instant updatedAt,
        int version,
        String owner,
        String fileName,
        String mediaType,
        String language,
        String extractionStatus,
        String textKey,
        String thumbnailStatus,
        Map<String, List<String>> facets) {}
