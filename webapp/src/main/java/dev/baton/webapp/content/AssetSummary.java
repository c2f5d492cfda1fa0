package dev.baton.webapp.content;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An asset as the API and the pages show it: what marketing says about it and its current version's file facts.
 *
 * @param facets taxonomy facet key to value keys, every facet of
 *     {@link dev.baton.webapp.taxonomy.Facets#MULTI_VALUED} present
 * @param expired whether its expiry date has come: reps no longer see it
 * @param extractionStatus {@code PENDING}, {@code DONE} or {@code FAILED} ("text unavailable", with the reason)
 * @param thumbnailStatus {@code PENDING}, {@code DONE}, {@code FAILED} or {@code NONE} (the type has no thumbnail)
 */
public record AssetSummary(
        UUID id,
        String title,
        String description,
        String status,
        boolean internalOnly,
        String owner,
        String contentType,
        Map<String, List<String>> facets,
        List<String> tags,
        LocalDate publishDate,
        LocalDate reviewBy,
        LocalDate expiresOn,
        boolean expired,
        int version,
        String fileName,
        String mediaType,
        long size,
        String extractionStatus,
        String extractionReason,
        String thumbnailStatus,
        Document document,
        Instant createdAt,
        Instant updatedAt) {

    /** What the file says about itself, read by text extraction; members are {@code null} until then or unknown. */
    public record Document(String title, String author, Integer pageCount, String language, boolean truncated) {

        /** "3 pages, by Maria Marketer, language: en" with only what is known; "Text extracted" when nothing is. */
        public String summary() {
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (pageCount != null) {
                parts.add(pageCount == 1 ? "1 page" : pageCount + " pages");
            }
            if (author != null && !author.isBlank()) {
                parts.add("by " + author.strip());
            }
            if (language != null && !language.isBlank()) {
                parts.add("language: " + language);
            }
            if (parts.isEmpty()) {
                parts.add("Text extracted");
            }
            if (truncated) {
                parts.add("text shortened for search");
            }
            return String.join(", ", parts);
        }
    }

    public boolean published() {
        return "PUBLISHED".equals(status);
    }

    public boolean archived() {
        return "ARCHIVED".equals(status);
    }

    public boolean hasThumbnail() {
        return "DONE".equals(thumbnailStatus);
    }

    /** Whether a browser can show the file itself: PDF through PDF.js, raster images inline. */
    public boolean viewable() {
        return FileResponses.viewable(mediaType);
    }

    /** Whether the file is a deck or document the viewer shows as page images ({@link PageImages}). */
    public boolean pageable() {
        return PageImages.applies(mediaType);
    }

    public boolean isPdf() {
        return "application/pdf".equals(mediaType);
    }

    /**
     * This asset as it is at another of its versions (a version held for review, shown to its reviewers): that
     * version's number and file; what is said about the asset stays.
     */
    AssetSummary atVersion(ContentService.StoredFile file) {
        return new AssetSummary(id, title, description, status, internalOnly, owner, contentType, facets, tags,
                publishDate, reviewBy, expiresOn, expired, file.version(), file.fileName(), file.mediaType(),
                file.size(), extractionStatus, extractionReason, thumbnailStatus, document, createdAt, updatedAt);
    }

    /** This asset with its owner's user name and its facet values as given. */
    AssetSummary withOwnerAndFacets(String ownerName, Map<String, List<String>> facetValues) {
        return new AssetSummary(id, title, description, status, internalOnly, ownerName, contentType, facetValues,
                tags, publishDate, reviewBy, expiresOn, expired, version, fileName, mediaType, size, extractionStatus,
                extractionReason, thumbnailStatus, document, createdAt, updatedAt);
    }
}
