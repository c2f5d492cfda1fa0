package dev.baton.webapp.search;

import dev.baton.indexer.search.AssetSchema;
import dev.baton.indexer.search.SearchRequest;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Taxonomy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One search as the API and the search page take it from the query string: {@code q}, a parameter per facet (several
 * values: OR within the facet, AND across facets), {@code updated_within}, {@code sort}, {@code page}, {@code size}
 * and {@code scope}. The same names in the page URL and the API, so a search page URL is shareable and the back button
 * works.
 *
 * @param updatedWithin the parameter as given ({@code 30d}), or {@code null}
 * @param everything {@code scope=all}: drafts, archived and expired assets too (marketers and admins)
 */
record SearchCriteria(
        String query,
        Map<String, List<String>> filters,
        String updatedWithin,
        SearchRequest.Sort sort,
        int page,
        int size,
        boolean everything) {

    static final int MAX_QUERY = 500;
    static final int MAX_VALUES = 50;
    static final int MAX_VALUE_LENGTH = 200;

    /** How many filter values (and an "updated within") narrow this search: shown on the collapsed filter panel. */
    public int filtersInUse() {
        return filters.values().stream().mapToInt(List::size).sum() + (updatedWithin == null ? 0 : 1);
    }

    /** Whether the page size was chosen in the URL (the page form then carries it on). */
    public boolean customSize() {
        return size != SearchRequest.DEFAULT_SIZE;
    }

    /** "Updated within" choices the page offers; the API also takes any {@code <n>d} or ISO-8601 duration. */
    static final Map<String, String> UPDATED_CHOICES = choices();

    private static final Set<String> RESERVED = Set.of("q", "sort", "page", "size", "updated_within", "scope");
    private static final Pattern DAYS = Pattern.compile("([0-9]{1,4})d");

    SearchCriteria {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        filters.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        filters = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Reads the query string. Facet parameters must be facet keys; with {@code strict}, any other parameter is an
     * error too (the API), otherwise it is ignored (pages carry their own).
     *
     * @throws BatonException.InvalidInput naming every wrong parameter
     */
    static SearchCriteria from(MultiValueMap<String, String> params, Set<String> facetKeys, boolean strict) {
        Map<String, String> errors = new LinkedHashMap<>();
        String query = first(params, "q");
        if (query.length() > MAX_QUERY) {
            errors.put("q", "use at most " + MAX_QUERY + " characters");
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String key = param.getKey();
            if (RESERVED.contains(key)) {
                continue;
            }
            if (!facetKeys.contains(key)) {
                if (strict) {
                    errors.put(key, "not a search parameter; use q, sort, page, size, updated_within, scope or a "
                            + "facet: " + String.join(", ", facetKeys));
                }
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            for (String value : param.getValue()) {
                String v = value == null ? "" : value.strip();
                if (v.length() > MAX_VALUE_LENGTH) {
                    errors.put(key, "a value may have at most " + MAX_VALUE_LENGTH + " characters");
                } else if (!v.isEmpty()) {
                    values.add(v);
                }
            }
            if (values.size() > MAX_VALUES) {
                errors.put(key, "at most " + MAX_VALUES + " values per facet");
            }
            if (!values.isEmpty()) {
                filters.put(key, new ArrayList<>(values));
            }
        }
        String updated = first(params, "updated_within");
        if (!updated.isEmpty() && duration(updated) == null) {
            errors.put("updated_within", "use a number of days such as 30d (1d to 3650d) or an ISO-8601 duration");
        }
        SearchRequest.Sort sort = SearchRequest.Sort.RELEVANCE;
        String sortParam = first(params, "sort");
        if (!sortParam.isEmpty()) {
            try {
                sort = SearchRequest.Sort.valueOf(sortParam.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("sort", "use relevance, newest or most_used");
            }
        }
        int size = number(params, "size", SearchRequest.DEFAULT_SIZE, 1, SearchRequest.MAX_SIZE, errors);
        int page = number(params, "page", 1, 1, SearchRequest.MAX_WINDOW, errors);
        if (!errors.containsKey("page") && !errors.containsKey("size")
                && (long) page * size > SearchRequest.MAX_WINDOW) {
            errors.put("page", "results are listed up to the " + SearchRequest.MAX_WINDOW
                    + "th; narrow the search instead of paging further");
        }
        String scope = first(params, "scope");
        if (!scope.isEmpty() && !scope.equals("all") && !scope.equals("published")) {
            errors.put("scope", "use published (what reps see) or all (drafts, archived and expired too)");
        }
        if (!errors.isEmpty()) {
            throw new BatonException.InvalidInput(errors);
        }
        return new SearchCriteria(query, filters, updated.isEmpty() ? null : updated, sort, page, size,
                scope.equals("all"));
    }

    /**
     * These criteria with each taxonomy facet's values as keys: a value given by its label or an alias, in any case
     * ({@code persona=Economic buyer}, {@code persona=CFO}), asks for what its key asks for. A value the taxonomy
     * does not know (or an alias two values share) stays as given and, as before, matches no asset.
     */
    SearchCriteria resolved(Taxonomy taxonomy) {
        Set<String> taxonomyFacets = new HashSet<>();
        taxonomy.facets().forEach(f -> taxonomyFacets.add(f.key()));
        Map<String, List<String>> keys = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            if (!taxonomyFacets.contains(filter.getKey())) {
                keys.put(filter.getKey(), filter.getValue());
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            for (String value : filter.getValue()) {
                String key = taxonomy.keyOf(filter.getKey(), value);
                values.add(key == null ? value : key);
            }
            changed |= !filter.getValue().equals(List.copyOf(values));
            keys.put(filter.getKey(), new ArrayList<>(values));
        }
        return changed ? new SearchCriteria(query, keys, updatedWithin, sort, page, size, everything) : this;
    }

    /** The request for the engine. */
    SearchRequest request(dev.baton.indexer.search.Visibility visibility) {
        SearchRequest request = SearchRequest.of(query, visibility).withSort(sort).withPage(page, size);
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            request = request.withFilter(filter.getKey(), filter.getValue().toArray(String[]::new));
        }
        if (updatedWithin != null) {
            request = request.withUpdatedWithin(duration(updatedWithin));
        }
        return request;
    }

    /** Every facet a search may filter on: the engine's own and the taxonomy's. */
    static Set<String> facetKeys(Iterable<String> taxonomyFacets) {
        Set<String> keys = new LinkedHashSet<>(AssetSchema.FACETS);
        taxonomyFacets.forEach(keys::add);
        return keys;
    }

    /** The page URL of this search with changes (a value to toggle, another page, ...). */
    String url(String path, Map<String, List<String>> filterChanges, Integer otherPage, String otherSort) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (!query.isEmpty()) {
            uri.queryParam("q", query);
        }
        Map<String, List<String>> applied = new LinkedHashMap<>(filters);
        applied.putAll(filterChanges);
        applied.forEach((key, values) -> values.forEach(value -> uri.queryParam(key, value)));
        if (updatedWithin != null) {
            uri.queryParam("updated_within", updatedWithin);
        }
        String s = otherSort != null ? otherSort : sort == SearchRequest.Sort.RELEVANCE ? null : sortName();
        if (s != null && !s.equals("relevance")) {
            uri.queryParam("sort", s);
        }
        if (size != SearchRequest.DEFAULT_SIZE) {
            uri.queryParam("size", size);
        }
        if (everything) {
            uri.queryParam("scope", "all");
        }
        int p = otherPage == null ? 1 : otherPage;
        if (p > 1) {
            uri.queryParam("page", p);
        }
        return uri.encode().build().toUriString();
    }

    public String sortName() {
        return sort.name().toLowerCase(Locale.ROOT);
    }

    /** The filters as one line for the search log: {@code buyer_stage=decision,consideration; persona=cfo}. */
    public String filtersText() {
        List<String> parts = new ArrayList<>();
        filters.forEach((key, values) -> parts.add(key + "=" + String.join(",", values)));
        if (updatedWithin != null) {
            parts.add("updated_within=" + updatedWithin);
        }
        if (everything) {
            parts.add("scope=all");
        }
        String text = String.join("; ", parts);
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }

    static Duration duration(String value) {
        Matcher days = DAYS.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (days.matches()) {
            int n = Integer.parseInt(days.group(1));
            return n >= 1 && n <= 3650 ? Duration.ofDays(n) : null;
        }
        try {
            Duration parsed = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            return parsed.isNegative() || parsed.isZero() || parsed.toDays() > 3650 ? null : parsed;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String first(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static int number(MultiValueMap<String, String> params, String name, int fallback, int min, int max,
            Map<String, String> errors) {
        String value = first(params, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(name, "use a whole number from " + min + " to " + max);
        return fallback;
    }

    private static Map<String, String> choices() {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("7d", "Past week");
        choices.put("30d", "Past 30 days");
        choices.put("90d", "Past 90 days");
        choices.put("365d", "Past year");
        return java.util.Collections.unmodifiableMap(choices);
    }
}
