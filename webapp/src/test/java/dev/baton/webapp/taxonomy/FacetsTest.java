package dev.baton.webapp.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.search.AssetSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The facet keys code uses ({@link Facets}) are the ones the migrations seed, and the index has a field for each. */
class FacetsTest {

    private static final Pattern FACET_INSERT =
            Pattern.compile("insert into taxonomy_facet\\s*\\([^)]*\\)\\s*values(.*?);", Pattern.DOTALL);
    /** One seeded row: {@code ('key', 'label', 'description', position)}, one per line. */
    private static final Pattern FACET_ROW =
            Pattern.compile("^\\s*\\('([a-z][a-z0-9_]*)',.*,\\s*(\\d+)\\)[,]?\\s*$", Pattern.MULTILINE);

    @Test
    void theMigrationsSeedExactlyTheFacetsCodeKnowsInTheirOrder() throws IOException {
        Map<Integer, String> byPosition = new TreeMap<>();
        for (Resource migration : migrations()) {
            String sql = migration.getContentAsString(StandardCharsets.UTF_8);
            Matcher insert = FACET_INSERT.matcher(sql);
            while (insert.find()) {
                Matcher row = FACET_ROW.matcher(insert.group(1));
                while (row.find()) {
                    byPosition.put(Integer.parseInt(row.group(2)), row.group(1));
                }
            }
        }
        assertThat(new ArrayList<>(byPosition.values())).isEqualTo(Facets.ALL);
    }

    @Test
    void contentTypeIsTheOneFacetWithOneValueTheOthersTakeSeveral() {
        assertThat(Facets.MULTI_VALUED).doesNotContain(Facets.CONTENT_TYPE);
        assertThat(Facets.ALL).containsExactlyElementsOf(
                concat(Facets.MULTI_VALUED, List.of(Facets.CONTENT_TYPE)));
        assertThat(Facets.ALL_AS_TEXT).isEqualTo(String.join(", ", Facets.ALL));
    }

    @Test
    void theSearchIndexHasAFacetFieldForEveryTaxonomyFacet() {
        assertThat(AssetSchema.FACETS).containsAll(Facets.ALL);
        assertThat(AssetSchema.STAGE_FACETS).containsExactly(Facets.BUYER_STAGE, Facets.FUNNEL_STAGE);
    }

    private static List<Resource> migrations() throws IOException {
        Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*.sql");
        assertThat(found).as("migrations on the class path").isNotEmpty();
        return Arrays.stream(found).sorted(Comparator.comparing(Resource::getFilename)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
