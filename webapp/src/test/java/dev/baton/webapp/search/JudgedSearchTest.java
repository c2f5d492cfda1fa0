package dev.baton.webapp.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.search.IndexedStamp;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The judged test set (src/test/resources/judged, described in docs/search.md): 46 sales documents written for it,
 * bulk-imported with their manifest as a marketer would, one of them updated to a new version; then every judged query
 * runs through {@code GET /api/v1/search} as a rep. nDCG@10, recall@10 and the zero-result rate, overall and per kind
 * of query, must stay at or above the floors in {@code floors.tsv} (the measured figures minus a small margin).
 *
 * <p>The application and its index are shared with other test classes, so hits that are not the set's assets are left
 * out before measuring: the set's assets keep their order among themselves.
 */
class JudgedSearchTest extends BatonTest {

    private static final String ROOT = "/judged";
    private static final int K = 10;
    private static final Path REPORT = Path.of("target", "judged-search.md");
    private static final Path PER_QUERY = Path.of("target", "judged-search-queries.tsv");

    @Autowired
    SearchIndex index;

    record Query(String id, String kind, String text, String filters) {
        boolean answerable() {
            return !"none".equals(kind);
        }
    }

    /** One query's outcome: the set's files in the order found (at most {@link #K}) and the measures. */
    record Outcome(Query query, List<String> found, double ndcg, double recall, boolean zeroResultFailure) {}

    /** Averages over a group of queries; nDCG and recall over its answerable queries only (NaN when none). */
    record Figures(String kind, int queries, double ndcg, double recall, double zeroResultRate) {}

    @Test
    void judgedQueriesFindTheRelevantAssetsAtLeastAsWellAsTheFloorsSay() throws Exception {
        users.user("judged-marketer", "MARKETER");
        users.user("judged-rep", "REP");
        String marketerAuth = basic("judged-marketer", TestUsers.PASSWORD);
        AssetClient marketer = new AssetClient(http, marketerAuth);

        Map<String, String> ids = importTheSet(marketer);
        List<Query> queries = queries();
        Map<String, Map<String, Integer>> judgements = judgements();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(60);
        judgements.values().forEach(grades -> assertThat(ids).containsKeys(grades.keySet().toArray(String[]::new)));

        Map<String, String> files = new HashMap<>();
        ids.forEach((file, id) -> files.put(id, file));
        String rep = basic("judged-rep", TestUsers.PASSWORD);
        List<Outcome> outcomes = new ArrayList<>();
        for (Query query : queries) {
            List<String> found = search(rep, query).stream().filter(files::containsKey).map(files::get).limit(K)
                    .toList();
            outcomes.add(measure(query, found, judgements.getOrDefault(query.id(), Map.of())));
        }

        Map<String, Figures> figures = figures(outcomes);
        String table = table(figures);
        System.out.println("Judged search set\n" + table);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, table);
        Files.writeString(PER_QUERY, perQuery(outcomes, judgements));

        SoftAssertions floors = new SoftAssertions();
        for (String[] floor : rows(read("floors.tsv"))) {
            Figures f = figures.get(floor[0]);
            assertThat(f).as("floors.tsv names a kind the set has: %s", floor[0]).isNotNull();
            if (!floor[1].equals("-")) {
                floors.assertThat(f.ndcg()).as("nDCG@10 of %s (see %s)", floor[0], PER_QUERY)
                        .isGreaterThanOrEqualTo(Double.parseDouble(floor[1]));
            }
            if (!floor[2].equals("-")) {
                floors.assertThat(f.recall()).as("recall@10 of %s (see %s)", floor[0], PER_QUERY)
                        .isGreaterThanOrEqualTo(Double.parseDouble(floor[2]));
            }
            floors.assertThat(f.zeroResultRate()).as("zero-result rate of %s (see %s)", floor[0], PER_QUERY)
                    .isLessThanOrEqualTo(Double.parseDouble(floor[3]));
        }
        floors.assertAll();
    }

    // ---- importing the set as a marketer would

    /** Imports the files with the manifest at the ZIP's root, adds the new version, waits until all is searchable. */
    private Map<String, String> importTheSet(AssetClient marketer) throws IOException {
        Path files = resource("files");
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(files)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String name = files.relativize(path).toString().replace('\\', '/');
                String text = Files.readString(path);
                if (JudgedFiles.isSource(name)) {
                    entries.put(name.substring(0, name.length() - ".txt".length()), JudgedFiles.render(name, text));
                } else {
                    entries.put(name, Files.readAllBytes(path));
                }
            }
        }
        entries.put("manifest.csv", Files.readAllBytes(resource("manifest.csv")));
        Map<String, Object> started = startImport(zip(entries));
        Map<String, Object> done = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> marketer.request("GET", "/api/v1/imports/" + started.get("id"), null)
                        .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody(),
                        job -> "DONE".equals(job.get("status")) || "FAILED".equals(job.get("status")));
        assertThat(done.get("problems")).as("import problems").asList().isEmpty();
        assertThat(done.get("imported")).isEqualTo(entries.size() - 1);

        Map<String, String> ids = new TreeMap<>();
        Map<String, String> byName = new HashMap<>();
        for (Map<String, Object> asset : mine(marketer)) {
            byName.put((String) asset.get("fileName"), (String) asset.get("id"));
        }
        for (String name : entries.keySet()) {
            if (!name.equals("manifest.csv")) {
                String id = byName.get(name.substring(name.lastIndexOf('/') + 1));
                assertThat(id).as("imported asset for %s", name).isNotNull();
                ids.put(name, id);
            }
        }
        newVersions(marketer, ids);
        awaitSearchable(marketer, ids.values());
        return ids;
    }

    /** Each file under {@code updates/} is uploaded as the next version of the asset with its path. */
    private void newVersions(AssetClient marketer, Map<String, String> ids) throws IOException {
        Path updates = resource("updates");
        try (Stream<Path> walk = Files.walk(updates)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String source = updates.relativize(path).toString().replace('\\', '/');
                String name = source.substring(0, source.length() - ".txt".length());
                String id = ids.get(name);
                assertThat(id).as("the asset %s updates", source).isNotNull();
                marketer.derived(id);
                MultipartBodyBuilder body = new MultipartBodyBuilder();
                body.part("file", named(JudgedFiles.render(source, Files.readString(path)),
                        name.substring(name.lastIndexOf('/') + 1)))
                        .contentType(MediaType.APPLICATION_OCTET_STREAM);
                body.part("note", "2026 prices");
                http.post().uri("/api/v1/assets/" + id + "/versions")
                        .header("Authorization", basic("judged-marketer", TestUsers.PASSWORD))
                        .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(body.build()))
                        .exchange().expectStatus().isCreated();
            }
        }
    }

    /**
     * Waits for text extraction of every asset, then has the index apply the outbox up to now (the check does) and
     * waits until it holds every asset at its current version.
     */
    private void awaitSearchable(AssetClient marketer, java.util.Collection<String> ids) {
        Map<String, Integer> versions = new HashMap<>();
        for (String id : ids) {
            Map<String, Object> asset = Awaitility.await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250)).until(() -> marketer.get(id),
                            a -> !"PENDING".equals(a.get("extractionStatus")));
            assertThat(asset.get("extractionStatus")).as("extraction of %s", asset.get("fileName")).isEqualTo("DONE");
            versions.put(id, ((Number) asset.get("version")).intValue());
        }
        http.post().uri("/api/v1/search/index/check").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Map<String, IndexedStamp> stamps = index.serving().searcher().indexedStamps();
            return versions.entrySet().stream().allMatch(v -> stamps.containsKey(v.getKey())
                    && stamps.get(v.getKey()).version() == v.getValue());
        });
    }

    private Map<String, Object> startImport(byte[] zip) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", named(zip, "judged-collateral.zip")).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return http.post().uri("/api/v1/imports").header("Authorization", basic("judged-marketer", TestUsers.PASSWORD))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(body.build()))
                .exchange().expectStatus().isAccepted().expectBody(AssetClient.JSON_MAP).returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mine(AssetClient marketer) {
        Map<String, Object> page = marketer.request("GET", "/api/v1/assets?mine=true&size=100", null)
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static ByteArrayResource named(byte[] bytes, String name) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    // ---- searching as a rep

    /** The ids of the first 50 hits: enough to find the set's first ten among other test classes' assets. */
    @SuppressWarnings("unchecked")
    private List<String> search(String rep, Query query) {
        String uri = "/api/v1/search?size=50&q=" + URLEncoder.encode(query.text(), StandardCharsets.UTF_8)
                + (query.filters().isEmpty() ? "" : "&" + query.filters());
        Map<String, Object> result = http.get().uri(java.net.URI.create(baseUrl() + uri)).header("Authorization", rep)
                .exchange().expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) result.get("hits")).stream().map(hit -> (String) hit.get("id")).toList();
    }

    // ---- measuring

    static Outcome measure(Query query, List<String> found, Map<String, Integer> grades) {
        if (!query.answerable()) {
            return new Outcome(query, found, Double.NaN, Double.NaN, !found.isEmpty());
        }
        double dcg = 0;
        int relevantFound = 0;
        for (int i = 0; i < found.size() && i < K; i++) {
            int grade = grades.getOrDefault(found.get(i), 0);
            dcg += gain(grade, i);
            relevantFound += grade > 0 ? 1 : 0;
        }
        List<Integer> ideal = grades.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < ideal.size() && i < K; i++) {
            idcg += gain(ideal.get(i), i);
        }
        return new Outcome(query, found, dcg / idcg, (double) relevantFound / ideal.size(), found.isEmpty());
    }

    private static double gain(int grade, int rank) {
        return (Math.pow(2, grade) - 1) / (Math.log(rank + 2) / Math.log(2));
    }

    static Map<String, Figures> figures(List<Outcome> outcomes) {
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        groups.put("overall", outcomes);
        outcomes.forEach(o -> groups.computeIfAbsent(o.query().kind(), k -> new ArrayList<>()).add(o));
        Map<String, Figures> figures = new LinkedHashMap<>();
        groups.forEach((kind, group) -> {
            List<Outcome> answerable = group.stream().filter(o -> o.query().answerable()).toList();
            figures.put(kind, new Figures(kind, group.size(),
                    answerable.stream().mapToDouble(Outcome::ndcg).average().orElse(Double.NaN),
                    answerable.stream().mapToDouble(Outcome::recall).average().orElse(Double.NaN),
                    (double) group.stream().filter(Outcome::zeroResultFailure).count() / group.size()));
        });
        return figures;
    }

    private static String table(Map<String, Figures> figures) {
        StringBuilder out = new StringBuilder(
                "| kind | queries | nDCG@10 | recall@10 | zero-result rate |\n| --- | ---: | ---: | ---: | ---: |\n");
        figures.values().forEach(f -> out.append("| %s | %d | %s | %s | %.2f |\n".formatted(f.kind(), f.queries(),
                number(f.ndcg()), number(f.recall()), f.zeroResultRate())));
        return out.toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String perQuery(List<Outcome> outcomes, Map<String, Map<String, Integer>> judgements) {
        StringBuilder out = new StringBuilder("# id\tkind\tquery\tnDCG@10\trecall@10\tfound (grade)\n");
        for (Outcome o : outcomes) {
            Map<String, Integer> grades = judgements.getOrDefault(o.query().id(), Map.of());
            out.append(String.join("\t", o.query().id(), o.query().kind(),
                    o.query().text() + (o.query().filters().isEmpty() ? "" : " [" + o.query().filters() + "]"),
                    number(o.ndcg()), number(o.recall()),
                    String.join(", ", o.found().stream().map(f -> f + " (" + grades.getOrDefault(f, 0) + ")")
                            .toList()))).append('\n');
        }
        return out.toString();
    }

    // ---- reading the set

    static List<Query> queries() {
        return rows(read("queries.tsv")).stream()
                .map(r -> new Query(r[0], r[1], r[2], r.length > 3 ? r[3] : "")).toList();
    }

    static Map<String, Map<String, Integer>> judgements() {
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        for (String[] r : rows(read("judgements.tsv"))) {
            judgements.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).put(r[1], Integer.parseInt(r[2]));
        }
        return judgements;
    }

    private static List<String[]> rows(String tsv) {
        return tsv.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split("\t", -1))
                .toList();
    }

    private static String read(String name) {
        try {
            return Files.readString(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(JudgedSearchTest.class.getResource(ROOT + "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
