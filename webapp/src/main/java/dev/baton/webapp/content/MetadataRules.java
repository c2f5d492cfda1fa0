package dev.baton.webapp.content;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.taxonomy.Taxonomy;
import dev.baton.webapp.taxonomy.TaxonomyService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks what a marketer says about an asset against the taxonomy and the accounts, and reports every wrong value at
 * once (400 with one entry per field). Values must be active taxonomy values of the facet they are given for, named
 * by key, label or alias ({@link Taxonomy#keyOf}).
 */
@Component
class MetadataRules {

    private static final int MAX_TAGS = 30;
    private static final int MAX_TAG_LENGTH = 50;

    private final AccountDirectory accounts;
    private final TaxonomyService taxonomy;

    MetadataRules(AccountDirectory accounts, TaxonomyService taxonomy) {
        this.accounts = accounts;
        this.taxonomy = taxonomy;
    }

    /** The checked, normalised metadata; members left {@code null} were not given. */
    Mono<Checked> check(AssetMetadata metadata) {
        AssetMetadata m = metadata == null ? AssetMetadata.titled(null) : metadata;
        Mono<Optional<Long>> owner = m.owner() == null || m.owner().isBlank()
                ? Mono.just(Optional.empty())
                : accounts.activeId(m.owner()).map(Optional::of).defaultIfEmpty(Optional.of(-1L));
        // the taxonomy (two queries) is only needed to check a content type or facets
        boolean usesTaxonomy = (m.contentType() != null && !m.contentType().isBlank()) || m.facets() != null;
        Mono<Taxonomy> values = usesTaxonomy ? taxonomy.taxonomy(false) : Mono.just(new Taxonomy(List.of()));
        return Mono.zip(values, owner).map(both -> check(m, both.getT1(), both.getT2()));
    }

    private static Checked check(AssetMetadata m, Taxonomy taxonomy, Optional<Long> owner) {
        Map<String, String> errors = new LinkedHashMap<>();
        String title = text(m.title(), "title", 200, true, errors);
        if (title != null && title.isEmpty() && m.title() != null) {
            errors.put("title", "must not be blank");
        }
        String description = text(m.description(), "description", 5000, false, errors);
        String contentType = null;
        if (m.contentType() != null && !m.contentType().isBlank()) {
            contentType = taxonomy.keyOf(Facets.CONTENT_TYPE, m.contentType());
            if (contentType == null) {
                errors.put("contentType", taxonomy.ambiguity(Facets.CONTENT_TYPE, m.contentType())
                        .orElse("'" + m.contentType().strip() + "' is not a content type; use one of "
                                + taxonomy.labels(Facets.CONTENT_TYPE) + " (a key, a label or another name, in any "
                                + "case)"));
            }
        }
        Map<String, List<String>> facets = null;
        if (m.facets() != null) {
            facets = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> entry : m.facets().entrySet()) {
                String facet = entry.getKey();
                if (!Facets.MULTI_VALUED.contains(facet)) {
                    errors.put("facets." + facet, "no such facet; use " + Facets.MULTI_VALUED);
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (String value : entry.getValue() == null ? List.<String>of() : entry.getValue()) {
                    String key = taxonomy.keyOf(facet, value);
                    if (key == null) {
                        errors.put("facets." + facet, taxonomy.ambiguity(facet, value)
                                .orElse("'" + (value == null ? "" : value.strip()) + "' is not a value of " + facet
                                        + "; use one of " + taxonomy.labels(facet)
                                        + " (a key, a label or another name, in any case)"));
                    } else if (!values.contains(key)) {
                        values.add(key);
                    }
                }
                facets.put(facet, List.copyOf(values));
            }
        }
        List<String> tags = m.tags() == null ? null : tags(m.tags(), errors);
        Long ownerId = null;
        if (owner.isPresent()) {
            if (owner.get() < 0) {
                errors.put("owner", "no active user '" + m.owner().strip() + "'");
            } else {
                ownerId = owner.get();
            }
        }
        if (m.publishDate() != null && m.expiresOn() != null && m.expiresOn().isBefore(m.publishDate())) {
            errors.put("expiresOn", "must not be before the publish date " + m.publishDate());
        }
        String status = null;
        if (m.status() != null && !m.status().isBlank()) {
            status = m.status().strip().toUpperCase(Locale.ROOT);
            if (!status.equals("DRAFT") && !status.equals("PUBLISHED")) {
                errors.put("status", "use draft or published (archive has its own action)");
            }
        }
        if (!errors.isEmpty()) {
            throw new BatonException.InvalidInput(errors);
        }
        return new Checked(title, description, contentType, facets, tags, ownerId, m.publishDate(), m.reviewBy(),
                m.expiresOn(), m.internalOnly(), status);
    }

    private static List<String> tags(List<String> raw, Map<String, String> errors) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String tag : raw) {
            String clean = tag == null ? "" : tag.replaceAll("\\p{Cntrl}", " ").strip().replaceAll("\\s+", " ");
            if (clean.isEmpty()) {
                continue;
            }
            if (clean.length() > MAX_TAG_LENGTH) {
                errors.put("tags", "a tag has at most " + MAX_TAG_LENGTH + " characters");
                continue;
            }
            unique.putIfAbsent(clean.toLowerCase(Locale.ROOT), clean);
        }
        if (unique.size() > MAX_TAGS) {
            errors.put("tags", "at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(unique.values());
    }

    private static String text(String value, String field, int max, boolean singleLine, Map<String, String> errors) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (singleLine) {
            text = text.replaceAll("\\p{Cntrl}", " ");
        }
        if (text.length() > max) {
            errors.put(field, "use at most " + max + " characters");
        }
        return text;
    }

    /** Metadata that passed the checks; {@code null} members were not given. */
    record Checked(
            String title,
            String description,
            String contentType,
            Map<String, List<String>> facets,
            List<String> tags,
            Long ownerId,
            LocalDate publishDate,
            LocalDate reviewBy,
            LocalDate expiresOn,
            Boolean internalOnly,
            String status) {}
}
