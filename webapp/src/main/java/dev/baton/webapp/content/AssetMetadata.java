package dev.baton.webapp.content;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metadata of an asset as a client gives it: the upload API's {@code metadata} part and each row of a bulk-import
 * manifest. {@code null} means "not given" (the default applies); values are not yet checked against the taxonomy.
 *
 * @param contentType a key or label of the {@code content_type} facet
 * @param facets values per facet key ({@code buyer_stage}, {@code funnel_stage}, {@code persona}, {@code industry},
 *     {@code product}, {@code region}, {@code language}); never null
 * @param tags free tags; never null
 * @param owner the username of the asset's owner
 * @param status {@code draft} or {@code published}
 */
public record AssetMetadata(
        String title,
        String description,
        String contentType,
        Map<String, List<String>> facets,
        List<String> tags,
        String owner,
        LocalDate publishDate,
        LocalDate reviewBy,
        LocalDate expiresOn,
        Boolean internalOnly,
        String status) {

    public AssetMetadata {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (facets != null) {
            facets.forEach((key, values) -> {
                if (key != null && values != null) {
                    copy.put(key, values.stream().filter(Objects::nonNull).toList());
                }
            });
        }
        facets = Collections.unmodifiableMap(copy);
        tags = tags == null ? List.of() : tags.stream().filter(Objects::nonNull).toList();
    }
}
