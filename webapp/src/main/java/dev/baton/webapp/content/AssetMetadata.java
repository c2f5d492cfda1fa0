package dev.baton.webapp.content;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a marketer says about an asset: sent with an upload, in a bulk import's manifest, or to change an asset. A
 * {@code null} member means "not given": on an upload the default, on a change "leave as it is". {@code facets} maps a
 * taxonomy facet key ({@code buyer_stage}, {@code persona}, ...) to value keys; a facet that is given replaces that
 * facet's values, the others stay.
 *
 * @param status {@code draft} or {@code published}; archiving has its own action
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

    public static AssetMetadata titled(String title) {
        return new AssetMetadata(title, null, null, null, null, null, null, null, null, null, null);
    }
}
