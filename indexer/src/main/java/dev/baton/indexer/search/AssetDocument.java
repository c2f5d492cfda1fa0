package dev.baton.indexer.search;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the index holds about one asset: what marketing says about it, the text of its current version, and what
 * a search result shows. The webapp builds it from the database (and the stored extracted text) for every outbox row
 * that changes the asset; {@link AssetSchema} turns it into Lucene fields.
 *
 * @param id the asset's id (a UUID in the database)
 * @param title what the asset is called
 * @param description marketing's description; may be empty
 * @param tags free tags; each is searchable text and a value of the {@code tags} facet
 * @param contentType the taxonomy value of the {@code content_type} facet, with its label; may be {@code null}
 * @param facets taxonomy facet key (such as {@code buyer_stage}, {@code persona}) to its values on this asset, each
 *     with the taxonomy's label so labels are searchable text (a search for "economic buyer" finds assets tagged with
 *     that persona)
 * @param body the text extracted from the file; {@code null} or empty while extraction is pending or when it failed
 *     ("text unavailable"): the asset is then found by its metadata only
 * @param owner the owner's key (the facet value); may be {@code null}
 * @param language the language's taxonomy key (ISO 639-1, such as {@code en}); may be {@code null}
 * @param status where the asset is in its lifecycle
 * @param expiresOn the first day reps no longer see it; {@code null} if it never expires
 * @param internalOnly whether it must not be shared with buyers (reps still find it)
 * @param updatedAt when the asset or its file last changed
 * @param publishedAt when it was first published; {@code null} for a draft
 * @param usageCount how often reps used (viewed, shared, downloaded) it; feeds the "most used" sort and a small boost
 * @param thumbnail whether a thumbnail exists to show next to the hit
 * @param mediaType the current file's media type
 * @param fileName the current file's name
 * @param version the current version number; with {@code updatedAt} it is the stamp an index check compares
 */
public record AssetDocument(
        String id,
        String title,
        String description,
        List<String> tags,
        FacetValue contentType,
        Map<String, List<FacetValue>> facets,
        String body,
        String owner,
        String language,
        AssetStatus status,
        LocalDate expiresOn,
        boolean internalOnly,
        Instant updatedAt,
        Instant publishedAt,
        long usageCount,
        boolean thumbnail,
        String mediaType,
        String fileName,
        int version,
        String fingerprint) {

    /** A taxonomy value: the key filters and counts, the label is shown and searchable. */
    public record FacetValue(String key, String label) {
        public FacetValue {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("A facet value needs a key");
            }
            if (label == null || label.isBlank()) {
                label = key;
            }
        }
    }

    public AssetDocument {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("An asset document needs an id");
        }
        if (title == null) {
            throw new IllegalArgumentException("Asset " + id + " needs a title");
        }
        if (status == null) {
            throw new IllegalArgumentException("Asset " + id + " needs a status");
        }
        if (updatedAt == null) {
            throw new IllegalArgumentException("Asset " + id + " needs an update time");
        }
        if (usageCount < 0) {
            throw new IllegalArgumentException("Asset " + id + " has a negative usage count: " + usageCount);
        }
        description = description == null ? "" : description;
        fingerprint = fingerprint == null ? "" : fingerprint;
        body = body == null ? "" : body;
        tags = tags == null ? List.of() : List.copyOf(tags);
        Map<String, List<FacetValue>> copy = new LinkedHashMap<>();
        if (facets != null) {
            facets.forEach((key, values) -> {
                if (key == null || key.isBlank()) {
                    throw new IllegalArgumentException("Asset " + id + " has a facet without a key");
                }
                copy.put(key, values == null ? List.of() : List.copyOf(values));
            });
        }
        facets = Collections.unmodifiableMap(copy);
    }

    /** Starts a document with the required parts; the rest default to empty, {@code null}, 0 or {@code false}. */
    public static Builder builder(String id, String title, AssetStatus status, Instant updatedAt) {
        return new Builder(id, title, status, updatedAt);
    }

    /** Whether text was extracted from the file. */
    public boolean hasBody() {
        return !body.isEmpty();
    }

    /** Builds an {@link AssetDocument} one part at a time. */
    public static final class Builder {
        private final String id;
        private final String title;
        private AssetStatus status;
        private Instant updatedAt;
        private String description;
        private final List<String> tags = new ArrayList<>();
        private FacetValue contentType;
        private final Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        private String body;
        private String owner;
        private String language;
        private LocalDate expiresOn;
        private boolean internalOnly;
        private Instant publishedAt;
        private long usageCount;
        private boolean thumbnail;
        private String mediaType;
        private String fileName;
        private int version = 1;
        private String fingerprint = "";

        private Builder(String id, String title, AssetStatus status, Instant updatedAt) {
            this.id = id;
            this.title = title;
            this.status = status;
            this.updatedAt = updatedAt;
        }

        public Builder status(AssetStatus status) {
            this.status = status;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder tags(String... tags) {
            this.tags.addAll(List.of(tags));
            return this;
        }

        public Builder contentType(String key, String label) {
            this.contentType = new FacetValue(key, label);
            return this;
        }

        /** Adds a value (with its label) to a taxonomy facet. */
        public Builder facet(String facetKey, String valueKey, String label) {
            facets.computeIfAbsent(facetKey, key -> new ArrayList<>()).add(new FacetValue(valueKey, label));
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder expiresOn(LocalDate expiresOn) {
            this.expiresOn = expiresOn;
            return this;
        }

        public Builder internalOnly(boolean internalOnly) {
            this.internalOnly = internalOnly;
            return this;
        }

        public Builder publishedAt(Instant publishedAt) {
            this.publishedAt = publishedAt;
            return this;
        }

        public Builder usageCount(long usageCount) {
            this.usageCount = usageCount;
            return this;
        }

        public Builder thumbnail(boolean thumbnail) {
            this.thumbnail = thumbnail;
            return this;
        }

        public Builder file(String fileName, String mediaType) {
            this.fileName = fileName;
            this.mediaType = mediaType;
            return this;
        }

        /**
         * What the document was built from, as the caller sees it (e.g. a hash of its database row): kept in the index
         * and returned by {@link AssetSearcher#indexedStamps()}, so a check finds documents built from stale data.
         */
        public Builder fingerprint(String fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public AssetDocument build() {
            return new AssetDocument(
                    id,
                    title,
                    description,
                    tags,
                    contentType,
                    facets,
                    body,
                    owner,
                    language,
                    status,
                    expiresOn,
                    internalOnly,
                    updatedAt,
                    publishedAt,
                    usageCount,
                    thumbnail,
                    mediaType,
                    fileName,
                    version,
                    fingerprint);
        }
    }
}
