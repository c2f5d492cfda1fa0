package dev.baton.webapp.search;

import dev.baton.indexer.search.AssetDocument;
import dev.baton.indexer.search.AssetStatus;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.Taxonomy;
import dev.baton.webapp.taxonomy.TaxonomyService;
import dev.baton.webapp.usage.UsageService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reads what the index is built from: an asset with its current version and facet values ({@link AssetCatalog},
 * content's read API), the taxonomy's labels, its usage count ({@link UsageService}) and its stored text. Blocking:
 * called from the index feed's and the builder's threads, never from the event loop.
 *
 * <p>Each source carries a fingerprint of everything indexed except the text itself (the text's blob key stands for
 * it) and the usage count (updated in place): a document whose fingerprint differs from the database's was built from
 * stale data.
 */
@Component
class IndexedAssets {

    /** Most bytes of stored text read per asset: the index keeps the first million characters of it. */
    static final int MAX_TEXT_BYTES = 4 * 1024 * 1024;

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);

    private final AssetCatalog catalog;
    private final UsageService usage;
    private final BlobStore blobs;
    private final TaxonomyService taxonomy;

    IndexedAssets(AssetCatalog catalog, UsageService usage, BlobStore blobs, TaxonomyService taxonomy) {
        this.catalog = catalog;
        this.usage = usage;
        this.blobs = blobs;
        this.taxonomy = taxonomy;
    }

    /** An asset as the library has it, without its text, and how often it was used. */
    record Source(IndexableAsset asset, long usage) {

        UUID id() {
            return asset.id();
        }

        AssetStatus status() {
            return AssetStatus.valueOf(asset.status());
        }
    }

    /** The labels of taxonomy values, by facet then value key: read once per batch. */
    record Labels(Map<String, Map<String, String>> byFacet) {

        String label(String facet, String value) {
            return byFacet.getOrDefault(facet, Map.of()).getOrDefault(value, value);
        }
    }

    Labels labels() {
        Taxonomy current = taxonomy.taxonomy(true).block(QUERY_TIMEOUT);
        Map<String, Map<String, String>> byFacet = new HashMap<>();
        if (current != null) {
            for (Taxonomy.Facet facet : current.facets()) {
                Map<String, String> values = new HashMap<>();
                facet.values().forEach(value -> values.put(value.key(), value.label()));
                byFacet.put(facet.key(), values);
            }
        }
        return new Labels(byFacet);
    }

    /** The assets among {@code ids} that exist; an id the database does not hold is simply absent. */
    List<Source> load(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withUsage(catalog.assets(ids).collectList().block(QUERY_TIMEOUT));
    }

    /**
     * The assets carrying a taxonomy value now: through their facet values, or as their content type (the
     * {@code content_type} facet is a column of the asset).
     */
    List<UUID> carrying(String facet, String value) {
        return catalog.carrying(facet, value).collectList().block(QUERY_TIMEOUT);
    }

    /** Up to {@code limit} assets after {@code after} in id order ({@code null}: from the first). */
    List<Source> page(UUID after, int limit) {
        return withUsage(catalog.page(after, limit).collectList().block(QUERY_TIMEOUT));
    }

    /** How many assets there are to index. */
    long count() {
        Long count = catalog.count().block(QUERY_TIMEOUT);
        return count == null ? 0 : count;
    }

    private List<Source> withUsage(List<IndexableAsset> assets) {
        if (assets == null || assets.isEmpty()) {
            return List.of();
        }
        // an owner's own uses never count: the owners of these assets, then the uses by anyone else
        Map<UUID, Long> owners = catalog.owners(assets.stream().map(IndexableAsset::id).toList())
                .block(QUERY_TIMEOUT);
        Map<UUID, Long> used = usage.useCountsBesideOwners(owners).block(QUERY_TIMEOUT);
        List<Source> sources = new ArrayList<>(assets.size());
        for (IndexableAsset asset : assets) {
            sources.add(source(asset, used == null ? 0L : used.getOrDefault(asset.id(), 0L)));
        }
        return sources;
    }

    private static Source source(IndexableAsset a, long usage) {
        return new Source(a, usage);
    }

    /** Every asset's fingerprint, for a check against the index; paged so the whole table is never in one result. */
    Map<String, String> fingerprints(Labels labels) {
        Map<String, String> all = new HashMap<>();
        UUID after = null;
        while (true) {
            List<Source> page = page(after, 1000);
            if (page.isEmpty()) {
                return all;
            }
            for (Source source : page) {
                all.put(source.id().toString(), fingerprint(source, labels));
            }
            after = page.getLast().id();
        }
    }

    /** The document for the index, with the stored text when there is some. */
    AssetDocument document(Source source, Labels labels) throws IOException {
        return document(source, labels, text(source));
    }

    AssetDocument document(Source source, Labels labels, String text) {
        IndexableAsset a = source.asset();
        AssetDocument.Builder builder = AssetDocument.builder(
                        source.id().toString(), a.title(), source.status(), a.updatedAt())
                .description(a.description())
                .tags(a.tags().toArray(String[]::new))
                .owner(a.owner())
                .language(a.language())
                .expiresOn(a.expiresOn())
                .internalOnly(a.internalOnly())
                .publishedAt(a.publishedAt())
                .usageCount(source.usage())
                .thumbnail("DONE".equals(a.thumbnailStatus()))
                .file(a.fileName(), a.mediaType())
                .version(a.version())
                .body(text)
                .fingerprint(fingerprint(source, labels));
        if (a.contentType() != null) {
            builder.contentType(a.contentType(), labels.label(Facets.CONTENT_TYPE, a.contentType()));
        }
        a.facets().forEach((facet, values) -> values.forEach(
                value -> builder.facet(facet, value, labels.label(facet, value))));
        return builder.build();
    }

    /** The stored text of the asset's current version, or {@code null} when extraction has not made any. */
    String text(Source source) throws IOException {
        if (source.asset().textKey() == null || !"DONE".equals(source.asset().extractionStatus())) {
            return null;
        }
        try (InputStream in = blobs.open(source.asset().textKey())) {
            byte[] bytes = in.readNBytes(MAX_TEXT_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A digest of everything the document is built from, labels included, but not the usage count or the text. */
    static String fingerprint(Source s, Labels labels) {
        IndexableAsset a = s.asset();
        StringBuilder canonical = new StringBuilder(256);
        field(canonical, a.title());
        field(canonical, a.description());
        field(canonical, s.status().name());
        field(canonical, Boolean.toString(a.internalOnly()));
        field(canonical, a.contentType());
        field(canonical, a.contentType() == null ? null : labels.label(Facets.CONTENT_TYPE, a.contentType()));
        field(canonical, String.join(",", new TreeSet<>(a.tags())));
        field(canonical, String.valueOf(a.expiresOn()));
        field(canonical, String.valueOf(a.publishedAt()));
        field(canonical, String.valueOf(a.updatedAt()));
        field(canonical, Integer.toString(a.version()));
        field(canonical, a.owner());
        field(canonical, a.fileName());
        field(canonical, a.mediaType());
        field(canonical, a.language());
        field(canonical, a.extractionStatus());
        field(canonical, a.textKey());
        field(canonical, a.thumbnailStatus());
        new TreeMap<>(a.facets()).forEach((facet, values) -> values.stream().sorted().forEach(value -> {
            field(canonical, facet);
            field(canonical, value);
            field(canonical, labels.label(facet, value));
        }));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static void field(StringBuilder out, String value) {
        // length-prefixed, so no value can pass for two
        String v = value == null ? "\u0000" : value;
        out.append(v.length()).append(':').append(v).append('|');
    }
}
