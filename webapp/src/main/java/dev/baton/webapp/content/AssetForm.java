package dev.baton.webapp.content;

import dev.baton.webapp.taxonomy.Facets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The metadata form of the edit page, as typed: shown again with the errors when the service refuses it, and turned
 * into an {@link AssetMetadata} change that sets every member (a blank date is cleared afterwards, see
 * {@link #clearedDates()}).
 */
record AssetForm(
        String title,
        String description,
        String contentType,
        Map<String, List<String>> facets,
        String tags,
        String owner,
        String publishDate,
        String reviewBy,
        String expiresOn,
        boolean internalOnly) {

    /** The date fields: form field name and the column {@link ContentService#clearDate} clears. */
    private static final Map<String, String> DATES = Map.of("publishDate", "publish_date", "reviewBy", "review_by",
            "expiresOn", "expires_on");

    static AssetForm of(AssetSummary asset) {
        return new AssetForm(asset.title(), asset.description(), asset.contentType(), asset.facets(),
                String.join(", ", asset.tags()), asset.owner(), text(asset.publishDate()), text(asset.reviewBy()),
                text(asset.expiresOn()), asset.internalOnly());
    }

    static AssetForm of(MultiValueMap<String, String> form) {
        Map<String, List<String>> facets = new LinkedHashMap<>();
        Facets.MULTI_VALUED.forEach(f -> facets.put(f, List.copyOf(form.getOrDefault("facet." + f, List.of()))));
        return new AssetForm(value(form, "title"), value(form, "description"), value(form, "contentType"), facets,
                value(form, "tags"), value(form, "owner"), value(form, "publishDate"), value(form, "reviewBy"),
                value(form, "expiresOn"), form.containsKey("internalOnly"));
    }

    /** Whether a facet value is ticked. */
    public boolean has(String facet, String key) {
        return facets != null && facets.getOrDefault(facet, List.of()).contains(key);
    }

    public List<String> chosen(String facet) {
        return facets == null ? List.of() : facets.getOrDefault(facet, List.of());
    }

    /** The change this form asks for; dates that do not parse are reported in {@code errors}. */
    AssetMetadata metadata(Map<String, String> errors) {
        List<String> tagList = Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new AssetMetadata(title, description, contentType, facets, tagList, owner.isBlank() ? null : owner,
                date("publishDate", publishDate, errors), date("reviewBy", reviewBy, errors),
                date("expiresOn", expiresOn, errors), internalOnly, null);
    }

    /** The columns whose field was left empty: the date is cleared. */
    List<String> clearedDates() {
        Map<String, String> values = Map.of("publishDate", publishDate, "reviewBy", reviewBy, "expiresOn", expiresOn);
        return DATES.entrySet().stream()
                .filter(e -> values.get(e.getKey()).isBlank())
                .map(Map.Entry::getValue)
                .sorted()
                .toList();
    }

    private static LocalDate date(String field, String value, Map<String, String> errors) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "use a date like 2026-12-31");
            return null;
        }
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
