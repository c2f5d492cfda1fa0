package dev.baton.webapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.accounts.AccountService;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.web.ApiDescription.Operation;
import dev.baton.webapp.web.ApiDescription.Param;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestContextManager;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated hostile input on every endpoint (issue 19, point 4), with jqwik on a fixed seed. The endpoints come from
 * Baton's own OpenAPI description and the pages' own forms, never from a list here, so endpoints added later are
 * walked too. Each try sends one generated value to every endpoint, signed in with a role that may call it. Every
 * answer must be below 500 and leak no stack trace, exception class or SQL; every API 4xx must be an RFC 9457 problem
 * document, and a 400 caused by one field must name it. Afterwards the service must still be healthy and searching.
 */
class HostileInputTest extends BatonTest {

    private static final String SEED = "20261207";
    private static final List<String> ROLES = List.of("ADMIN", "MARKETER", "TRAINER", "REP");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * What is not fuzzed, each with its reason. Matched against "METHOD path" of the description and of the pages.
     */
    private static final Map<String, String> EXCLUDED = Map.of(
            "POST /api/v1/search/index/rebuild", "takes no input; each call rebuilds the index every test shares",
            "POST /admin/search/rebuild", "takes no input; each call rebuilds the index every test shares",
            "POST /logout", "would end the fuzzer's own page session",
            "POST /api/v1/reports/digest/run", "emails every subscriber of the shared test context at once",
            "POST /api/v1/reports/stage-drift/notify", "notifies every drifted asset's owner in the shared context",
            "POST /reports/stage-drift/notify", "notifies every drifted asset's owner in the shared context");

    /** A frame of a stack trace, a Java class name of the platform's, or SQL and its errors. */
    private static final Pattern STACK = Pattern.compile(
            "\\bat (java|javax|jakarta|org|io|reactor|tools|com|dev|sun|jdk)\\.[\\w$.]+\\(|Caused by:|"
                    + "\\b(java|javax|jakarta|reactor|tools\\.jackson|com\\.fasterxml|io\\.r2dbc|io\\.netty|"
                    + "org\\.(springframework|postgresql|apache|flywaydb)|dev\\.baton|io\\.minio)\\.[a-z][\\w.]*|"
                    + "\\b[A-Z][A-Za-z0-9]+(Exception|Error)\\b");
    private static final Pattern SQL = Pattern.compile(
            "SQLSTATE|syntax error at or near|violates [a-z -]*constraint|duplicate key value|relation \"\\w+\""
                    + "|column \"\\w+\"|\\b(select|insert into|update|delete from)\\b[^\"]{0,200}\\b(from|values|set|"
                    + "where)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\b([^>]*)>",
            Pattern.CASE_INSENSITIVE);

    /** Read once per run: the description, the chosen role of each operation, the crawled forms. */
    private static final Map<String, Object> ONCE = new ConcurrentHashMap<>();

    @Autowired
    AccountService accounts;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> violations = new ArrayList<>();
    private Map<String, String> restore = Map.of();

    @BeforeProperty
    void startBaton() throws Exception {
        new TestContextManager(HostileInputTest.class).prepareTestInstance(this);
        restore = snapshotSettings();
    }

    @AfterProperty
    void serviceStaysHealthy() {
        restore.forEach((path, body) -> {
            // what the PUT takes, as it was before (who changed it and when are the server's to stamp)
            Response written = send("PUT", path, token("ADMIN"), "application/json",
                    body.getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(written.status()).as("the shared setting %s, written back: %s", path, written.body())
                    .isBetween(200, 299);
        });
        Response health = send("GET", "/actuator/health", null, null, null, Map.of());
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        Response search = send("GET", "/api/v1/search?q=report", token("REP"), null, null, Map.of());
        assertThat(search.status()).as(search.body()).isEqualTo(200);
    }

    @Example
    void theDescriptionNamesEveryApiEndpoint() {
        Set<String> described = description().operations().stream().map(Operation::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : controllers.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                if (pattern.getPatternString().startsWith("/api/") && !pattern.getPatternString().contains("openapi")) {
                    info.getMethodsCondition().getMethods()
                            .forEach(m -> served.add(m.name() + " " + pattern.getPatternString()));
                }
            }
        }
        assertThat(described).containsAll(served);
    }

    /** One hostile value in one path, query or header parameter of every operation at a time; the rest plausible. */
    @Property(seed = SEED, tries = 12, shrinking = ShrinkingMode.OFF)
    void parametersSurviveHostileValues(@ForAll("urlValues") String value, @ForAll("picks") int pick) {
        for (Operation op : operations()) {
            List<Param> params = op.params().stream().filter(p -> !p.in().equals("cookie")).toList();
            if (params.isEmpty()) {
                continue;
            }
            Param target = params.get(pick % params.size());
            Map<String, String> values = plausibleParams(op);
            values.put(target.in() + ":" + target.name(), value);
            Request request = request(op, values);
            judge(op, target.name(), request, true);
        }
        verdict();
    }

    /** Every query parameter twice, a plausible value and then a hostile one (which one wins is the server's). */
    @Property(seed = SEED, tries = 4, shrinking = ShrinkingMode.OFF)
    void duplicateParametersSurvive(@ForAll("urlValues") String value) {
        for (Operation op : operations()) {
            if (op.params("query").isEmpty()) {
                continue;
            }
            Request request = request(op, plausibleParams(op));
            StringBuilder query = new StringBuilder();
            // the request line stays within the HTTP server's 4 KiB limit (a longer one is refused before Baton)
            String each = value.substring(0, Math.min(value.length(), 2_400 / op.params("query").size()))
                    .replaceAll("%[0-9A-Fa-f]?$", "");
            for (Param p : op.params("query")) {
                query.append('&').append(p.name()).append('=').append(each);
            }
            request = request.withPath(request.path() + (request.path().contains("?") ? "" : "?") + query);
            judge(op, op.params("query").stream().map(Param::name).collect(Collectors.joining("|")), request, true);
        }
        verdict();
    }

    /** A JSON body with one field of the wrong type or a hostile value, unknown, duplicate or deeply nested. */
    @Property(seed = SEED, tries = 24, shrinking = ShrinkingMode.OFF)
    void jsonBodiesSurviveHostileDocuments(@ForAll("jsonAttacks") JsonAttack attack, @ForAll("picks") int pick) {
        for (Operation op : operations()) {
            JsonNode schema = op.jsonSchema();
            if (schema == null) {
                continue;
            }
            JsonNode plausible = description().plausible(schema, 0);
            List<String> fields = new ArrayList<>();
            plausible.propertyNames().forEach(fields::add);
            String field = fields.isEmpty() ? null : fields.get(pick % fields.size());
            Body body = attack.apply(plausible, field);
            Request request = request(op, plausibleParams(op))
                    .withBody(jsonType(op), body.bytes());
            judge(op, body.field(), request, true);
        }
        verdict();
    }

    /** A body in a type the operation does not take, or with a broken Content-Type or Accept header. */
    @Property(seed = SEED, tries = 8, shrinking = ShrinkingMode.OFF)
    void wrongContentTypesAreRefused(@ForAll("contentTypes") String type, @ForAll("texts") String text) {
        for (Operation op : operations()) {
            if (op.bodies().isEmpty() || op.bodies().containsKey(type)) {
                continue;
            }
            Request request = request(op, plausibleParams(op))
                    .withBody(type, text.getBytes(StandardCharsets.UTF_8));
            judge(op, null, request, true);
        }
        verdict();
    }

    /** A multipart body cut short, its boundary wrong or missing, or a part without its headers' end. */
    @Property(seed = SEED, tries = 10, shrinking = ShrinkingMode.OFF)
    void truncatedMultipartBodiesAreRefused(@ForAll("multipartCuts") MultipartCut cut) {
        for (Operation op : operations()) {
            if (!op.multipart()) {
                continue;
            }
            JsonNode schema = op.bodies().entrySet().stream().filter(e -> e.getKey().startsWith("multipart/"))
                    .findFirst().orElseThrow().getValue();
            Request request = request(op, plausibleParams(op));
            judge(op, null, cut.apply(request, description().properties(schema).keySet()), true);
        }
        verdict();
    }

    /** Every form of every page a signed-in admin can open, posted with its CSRF token and one hostile field. */
    @Property(seed = SEED, tries = 6, shrinking = ShrinkingMode.OFF)
    void pageFormsSurviveHostileValues(@ForAll("formValues") String value, @ForAll("picks") int pick) {
        PageSession session = pageSession();
        assertThat(forms()).as("forms found on the pages").isNotEmpty();
        for (Form form : forms()) {
            List<String> names = new ArrayList<>(form.fields().keySet());
            names.remove("_csrf");
            Map<String, String> fields = new LinkedHashMap<>(form.fields());
            String target = names.isEmpty() ? null : names.get(pick % names.size());
            if (target != null) {
                fields.put(target, form.method().equals("GET") && value.length() > 1_000
                        ? value.substring(0, 1_000).replaceAll("%[0-9A-Fa-f]?$", "") : value);
            }
            String encoded = fields.entrySet().stream()
                    .filter(e -> !e.getKey().equals("_csrf"))
                    .map(e -> PageSession.encode(e.getKey()) + "=" + (e.getKey().equals(target) ? e.getValue()
                            : PageSession.encode(e.getValue())))
                    .collect(Collectors.joining("&"));
            // a GET form's values go in the request line, which the HTTP server limits (4 KiB) before Baton sees it
            HttpResponse<String> answer = form.method().equals("GET") ? session.get(form.action() + (form.action().contains("?") ? "&" : "?") + encoded)
                    : session.postForm(form.action(), encoded);
            judge(form.method() + " " + form.action() + " [" + target + "]",
                    new Response(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""),
                            answer.body()), null, false);
        }
        verdict();
    }

    @Provide
    Arbitrary<String> urlValues() {
        return HostileValues.urlValues();
    }

    @Provide
    Arbitrary<String> texts() {
        return HostileValues.texts();
    }

    @Provide
    Arbitrary<String> formValues() {
        return HostileValues.formValues();
    }

    @Provide
    Arbitrary<Integer> picks() {
        return Arbitraries.integers().between(0, 1_000);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("text/plain", "application/xml", "application/json; charset=EBCDIC",
                "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
                "application/octet-stream", "text/csv", ";;;/", "application/json; charset=\u00ff",
                "*/*", "application/problem+json", "image/png");
    }

    @Provide
    Arbitrary<JsonAttack> jsonAttacks() {
        return Arbitraries.oneOf(
                Arbitraries.of(JsonKind.values()).flatMap(kind -> switch (kind) {
                    case STRING -> HostileValues.texts().map(t -> new JsonAttack(kind, t, 0));
                    case NUMBER -> HostileValues.limitNumbers().map(n -> new JsonAttack(kind, n, 0));
                    case DEEP -> Arbitraries.of(64, 1_000, 5_000, 100_000).map(d -> new JsonAttack(kind, "", d));
                    default -> Arbitraries.integers().between(0, 8).map(n -> new JsonAttack(kind, "", n));
                }));
    }

    @Provide
    Arbitrary<MultipartCut> multipartCuts() {
        return Arbitraries.of(CutKind.values())
                .flatMap(kind -> Arbitraries.integers().between(0, 400).map(n -> new MultipartCut(kind, n)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // judging

    /** Fails with every violation of this try, one a line (also kept in target/ for reading). */
    private void verdict() {
        if (violations.isEmpty()) {
            return;
        }
        String report = String.join("\n", violations);
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "hostile-input.txt"), report + "\n\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Boolean.getBoolean("hostile.collect")) {
            // -Dhostile.collect=true: every try runs and every finding lands in the file, to fix them in one go
            violations.clear();
            return;
        }
        throw new AssertionError(violations.size() + " answers broke the rules:\n" + report);
    }

    private void judge(Operation op, String field, Request request, boolean api) {
        String shown = request.path().length() > 160 ? request.path().substring(0, 160) + "..." : request.path();
        judge(op + " (" + shown + (request.contentType() == null ? "" : " as " + request.contentType()) + ")",
                request.send(this), field, api, api ? baseline(op) : null);
    }

    private void judge(String what, Response response, String field, boolean api) {
        judge(what, response, field, api, null);
    }

    private void judge(String what, Response response, String field, boolean api, Response baseline) {
        Statistics.label("answers").collect(response.status() / 100 + "xx");
        String where = what + (field == null ? "" : " [" + field + "]") + " -> " + response.status();
        if (response.status() >= 500) {
            violations.add(where + ": a server error: " + shorten(response.body()));
        }
        Matcher stack = STACK.matcher(response.body());
        if (stack.find()) {
            violations.add(where + ": leaks '" + stack.group() + "': " + shorten(response.body()));
        }
        Matcher sql = SQL.matcher(response.body());
        if (response.status() >= 400 && sql.find()) {
            violations.add(where + ": leaks SQL '" + sql.group() + "': " + shorten(response.body()));
        }
        if (!api || response.status() < 400 || response.status() >= 500) {
            return;
        }
        if (!response.contentType().startsWith("application/problem+json")) {
            violations.add(where + ": not a problem document (" + response.contentType() + "): "
                    + shorten(response.body()));
            return;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            violations.add(where + ": a problem document that is not JSON: " + shorten(response.body()));
            return;
        }
        if (problem.path("status").asInt() != response.status() || problem.path("title").asString("").isBlank()) {
            violations.add(where + ": a problem document without its status or title: " + shorten(response.body()));
        }
        boolean wholeAddress = problem.path("title").asString("").equals("Rejected address");
        if (response.status() == 400 && field != null && !wholeAddress && !names(problem, field)
                && (baseline == null || !sameFault(problem, baseline))) {
            violations.add(where + ": a 400 that does not name the field '" + field + "': "
                    + shorten(response.body()));
        }
    }

    /**
     * Whether the 400 is one the plausible request gets too: it names a field the plausible request's problem names
     * (plausible values do not satisfy every rule of every endpoint, and the first fault found is reported).
     */
    private static boolean sameFault(JsonNode problem, Response baseline) {
        if (baseline.status() != 400) {
            return false;
        }
        JsonNode plausible = JSON.readTree(baseline.body());
        if (plausible.path("detail").equals(problem.path("detail"))) {
            return true;
        }
        for (JsonNode error : plausible.path("errors")) {
            String named = error.path("field").asString("");
            if (!named.isBlank() && names(problem, named)) {
                return true;
            }
        }
        return false;
    }

    /** The answer to the operation's plausible request, asked once. */
    private Response baseline(Operation op) {
        @SuppressWarnings("unchecked")
        Map<String, Response> baselines = (Map<String, Response>) ONCE.computeIfAbsent("baselines",
                k -> new ConcurrentHashMap<>());
        return baselines.computeIfAbsent(op.toString(), k -> request(op, plausibleParams(op)).send(this));
    }

    /** Whether the problem names the field: in its errors, or in its detail as written or in words. */
    private static boolean names(JsonNode problem, String field) {
        if (field.contains("|")) {
            return java.util.Arrays.stream(field.split("\\|")).anyMatch(f -> names(problem, f));
        }
        String text = problem.toString().toLowerCase(Locale.ROOT);
        String words = field.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ')
                .toLowerCase(Locale.ROOT);
        return text.contains(field.toLowerCase(Locale.ROOT)) || text.contains(words);
    }

    private static String shorten(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the operations, their roles and plausible requests

    private ApiDescription description() {
        return (ApiDescription) ONCE.computeIfAbsent("description", k -> {
            Response doc = send("GET", "/api/v1/openapi", token("ADMIN"), null, null, Map.of());
            assertThat(doc.status()).isEqualTo(200);
            return new ApiDescription(doc.body());
        });
    }

    private List<Operation> operations() {
        return description().operations().stream()
                .filter(op -> !EXCLUDED.containsKey(op.toString()))
                .toList();
    }

    private Map<String, String> plausibleParams(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Param p : op.params()) {
            JsonNode value = description().plausible(p.schema(), 0);
            String text = value.isArray() ? (value.isEmpty() ? "" : value.get(0).asString()) : value.asString();
            if (p.in().equals("path") || p.required()) {
                values.put(p.in() + ":" + p.name(), HostileValues.encode(text));
            }
        }
        return values;
    }

    /** The request for the operation with these encoded parameter values ("in:name"), as a role that may call it. */
    private Request request(Operation op, Map<String, String> values) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (var v : values.entrySet()) {
            String[] parts = v.getKey().split(":", 2);
            switch (parts[0]) {
                case "path" -> path = path.replace("{" + parts[1] + "}", v.getValue());
                case "query" -> query.append(query.isEmpty() ? "?" : "&").append(parts[1]).append('=')
                        .append(v.getValue());
                case "header" -> headers.put(parts[1], java.net.URLDecoder.decode(v.getValue(),
                        StandardCharsets.ISO_8859_1).replaceAll("[\\r\\n\\x00]", " "));
                default -> { }
            }
        }
        JsonNode schema = op.jsonSchema();
        Request request = new Request(op.method(), path + query, token(roleFor(op)), null, null, headers);
        return schema == null ? request : request.withBody(jsonType(op),
                description().plausible(schema, 0).toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonType(Operation op) {
        return op.bodies().keySet().stream().filter(t -> t.contains("json")).findFirst().orElseThrow();
    }

    /** The first role, admins first, that the operation does not refuse with 403 (judged once per operation). */
    private String roleFor(Operation op) {
        @SuppressWarnings("unchecked")
        Map<String, String> roles = (Map<String, String>) ONCE.computeIfAbsent("roles", k -> new ConcurrentHashMap<>());
        return roles.computeIfAbsent(op.toString(), k -> {
            String path = op.path().replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
            for (String role : ROLES) {
                // no body: authorization is decided before a body is read, and an empty request changes nothing
                if (send(op.method(), path, token(role), null, null, Map.of()).status() != 403) {
                    return role;
                }
            }
            return "ADMIN";
        });
    }

    private String token(String role) {
        return (String) ONCE.computeIfAbsent("token-" + role, k -> {
            String name = "fuzz-" + role.toLowerCase(Locale.ROOT);
            users.user(name, role);
            return "Bearer " + accounts.issueToken(name, "hostile input", "test", null).block().secret();
        });
    }

    private PageSession pageSession() {
        token("ADMIN");
        return PageSession.signIn(baseUrl(), "fuzz-admin", dev.baton.webapp.TestUsers.PASSWORD);
    }

    /**
     * Settings every test shares (a PUT whose path has no parameters and a GET twin): read before a property, and
     * written back after it, so a hostile value that was accepted changes nothing for the tests that run later.
     */
    private Map<String, String> snapshotSettings() {
        Set<String> gets = description().operations().stream().filter(o -> o.method().equals("GET"))
                .map(Operation::path).collect(Collectors.toSet());
        Map<String, String> settings = new LinkedHashMap<>();
        for (Operation op : description().operations()) {
            if (op.method().equals("PUT") && !op.path().contains("{") && gets.contains(op.path())) {
                Response current = send("GET", op.path(), token("ADMIN"), null, null, Map.of());
                JsonNode schema = op.jsonSchema();
                if (current.status() == 200 && schema != null) {
                    JsonNode read = JSON.readTree(current.body());
                    ObjectNode taken = NODES.objectNode();
                    description().properties(schema).keySet().stream().filter(read::has)
                            .forEach(field -> taken.set(field, read.get(field)));
                    settings.put(op.path(), taken.toString());
                }
            }
        }
        return settings;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the pages' forms

    @SuppressWarnings("unchecked")
    private List<Form> forms() {
        return (List<Form>) ONCE.computeIfAbsent("forms", k -> {
            PageSession session = pageSession();
            Set<String> pages = new TreeSet<>();
            for (RequestMappingInfo info : controllers.getHandlerMethods().keySet()) {
                boolean get = info.getMethodsCondition().getMethods().isEmpty() || info.getMethodsCondition()
                        .getMethods().stream().anyMatch(m -> m.name().equals("GET"));
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    String p = pattern.getPatternString();
                    if (get && !p.contains("{") && !p.startsWith("/api/") && !p.startsWith("/actuator")
                            && !p.startsWith("/s/") && !p.contains(".")) {
                        pages.add(p);
                    }
                }
            }
            Set<Form> forms = new LinkedHashSet<>();
            for (String page : pages) {
                HttpResponse<String> answer = session.get(page);
                if (answer.statusCode() != 200) {
                    continue;
                }
                Matcher form = FORM.matcher(answer.body());
                while (form.find()) {
                    Map<String, String> attrs = attrs(form.group(1));
                    String method = attrs.getOrDefault("method", "get").toUpperCase(Locale.ROOT);
                    String action = attrs.getOrDefault("action", page).replace("&amp;", "&");
                    if (!action.startsWith("/") || EXCLUDED.containsKey(method + " " + action)
                            || attrs.getOrDefault("enctype", "").startsWith("multipart/")) {
                        continue;
                    }
                    Map<String, String> fields = new LinkedHashMap<>();
                    Matcher field = FIELD.matcher(form.group(2));
                    while (field.find()) {
                        Map<String, String> f = attrs(field.group(2));
                        if (f.containsKey("name")) {
                            fields.putIfAbsent(f.get("name"), f.getOrDefault("value", ""));
                        }
                    }
                    // a form that acts on one thing (an id in its action) acts on nothing here
                    String target = action.replaceAll("/[0-9]+(?=/|$)", "/999999999")
                            .replaceAll("/[0-9a-f]{8}-[0-9a-f-]{27}(?=/|$)", "/00000000-0000-0000-0000-000000000000");
                    forms.add(new Form(method, target, fields));
                }
            }
            return List.copyOf(forms);
        });
    }

    private static Map<String, String> attrs(String text) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(text);
        while (m.find()) {
            attrs.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2).replace("&amp;", "&"));
        }
        return attrs;
    }

    record Form(String method, String action, Map<String, String> fields) {}

    // ---------------------------------------------------------------------------------------------------------------
    // requests and their hostile bodies

    Response send(String method, String path, String authorization, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach((name, value) -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException e) {
                // a header value the client itself will not send (a control character): sent as its text instead
                builder.header(name, value.replaceAll("[^\\x20-\\x7e]", "?"));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String contentType, String body) {}

    record Request(String method, String path, String authorization, String contentType, byte[] body,
            Map<String, String> headers) {

        Request withPath(String newPath) {
            return new Request(method, newPath, authorization, contentType, body, headers);
        }

        Request withBody(String type, byte[] bytes) {
            return new Request(method, path, authorization, type, bytes, headers);
        }

        Response send(HostileInputTest test) {
            return test.send(method, path, authorization, contentType, body, headers);
        }
    }

    /** A body and the field it makes wrong (none when the document as a whole is wrong). */
    record Body(byte[] bytes, String field) {
        static Body of(String json, String field) {
            return new Body(json.getBytes(StandardCharsets.UTF_8), field);
        }
    }

    enum JsonKind { STRING, NUMBER, WRONG_TYPE, UNKNOWN_FIELD, DUPLICATE_KEY, DEEP, NOT_JSON, TRUNCATED,
        INVALID_UTF8, TOP_LEVEL }

    record JsonAttack(JsonKind kind, String text, int n) {

        Body apply(JsonNode plausible, String field) {
            ObjectNode object = plausible.isObject() ? ((ObjectNode) plausible).deepCopy() : NODES.objectNode();
            String json = plausible.toString();
            return switch (kind) {
                case STRING -> field == null ? Body.of(NODES.stringNode(text).toString(), null)
                        : Body.of(object.put(field, text).toString(), field);
                case NUMBER -> field == null ? Body.of(text, null) : Body.of(object.toString()
                        .replaceFirst("\\{", "{\"" + field + "\":" + asJsonNumber(text) + ","), field);
                case WRONG_TYPE -> {
                    JsonNode wrong = wrongType(field == null ? plausible : object.path(field));
                    yield field == null ? Body.of(wrong.toString(), null)
                            : Body.of(object.set(field, wrong).toString(), field);
                }
                case UNKNOWN_FIELD -> Body.of(object.put("zzUnknown" + n, "x").put("__proto__", "{}").toString(),
                        null);
                case DUPLICATE_KEY -> field == null ? Body.of("{\"a\":1,\"a\":\"b\"}", null) : Body.of(
                        object.toString().replaceFirst("\\{", "{\"" + field + "\":[\"dup\"],"), field);
                case DEEP -> {
                    String deep = "[".repeat(n) + "]".repeat(n);
                    yield field == null ? Body.of(deep, null)
                            : Body.of(object.toString().replaceFirst("\\{", "{\"" + field + "\":" + deep + ","),
                                    field);
                }
                case NOT_JSON -> Body.of(List.of("", " ", "not json", "<a/>", "{,}", "{'a':1}", "NaN", "\u0000",
                        "{\"a\":1}}")
                        .get(n % 9), null);
                case TRUNCATED -> Body.of(json.substring(0, Math.max(0, json.length() * n / 9)), null);
                case INVALID_UTF8 -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    String[] halves = (field == null ? "{\"\u0001\":\"\u0002\"}" : object.put(field, "\u0001")
                            .toString()).split("\u0001", 2);
                    bytes.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
                    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, (byte) 0xED,
                            (byte) 0xA0, (byte) 0x80});
                    bytes.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
                    yield new Body(bytes.toByteArray(), null);
                }
                case TOP_LEVEL -> Body.of(List.of("null", "[]", "\"x\"", "1", "true", "[{}]", "{}", "[null]", "-0")
                        .get(n % 9), null);
            };
        }

        private static String asJsonNumber(String text) {
            return text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") ? text : NODES.stringNode(text).toString();
        }

        private JsonNode wrongType(JsonNode value) {
            List<JsonNode> choices = new ArrayList<>(List.of(NODES.objectNode().put("a", 1),
                    NODES.arrayNode().add(1).add("x"), NODES.stringNode("wrong"), NODES.numberNode(-7),
                    NODES.booleanNode(true), NODES.nullNode()));
            choices.removeIf(c -> c.getNodeType() == value.getNodeType());
            return choices.get(n % choices.size());
        }
    }

    enum CutKind { CUT, NO_CLOSING_BOUNDARY, WRONG_BOUNDARY, NO_BOUNDARY, HEADERS_NEVER_END, EMPTY, NO_PARTS,
        HUGE_PART_HEADER, BAD_PART_TYPE, RAW_FILENAME }

    record MultipartCut(CutKind kind, int n) {

        Request apply(Request request, Set<String> parts) {
            String boundary = "fuzzBoundary" + n;
            StringBuilder body = new StringBuilder();
            for (String part : parts.isEmpty() ? Set.of("file") : parts) {
                body.append("--").append(boundary).append("\r\n");
                boolean file = part.equals("file") || part.equals("files") || part.endsWith("zip");
                body.append("Content-Disposition: form-data; name=\"").append(part).append('"')
                        .append(!file ? "" : kind == CutKind.RAW_FILENAME ? "; filename=\"\u00ff\u00c3(\u0000../x\""
                                : "; filename=\"fuzz.txt\"").append("\r\n");
                body.append("Content-Type: ")
                        .append(kind == CutKind.BAD_PART_TYPE ? ";;;" : file ? "text/plain" : "application/json")
                        .append("\r\n");
                if (kind == CutKind.HUGE_PART_HEADER) {
                    body.append("X-Fuzz: ").append("h".repeat(20_000 + n)).append("\r\n");
                }
                if (kind == CutKind.HEADERS_NEVER_END) {
                    return request.withBody("multipart/form-data; boundary=" + boundary, body.toString()
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
                body.append("\r\n").append(file ? "Hostile text.\r\n" : "{}").append("\r\n");
            }
            String whole = body + "--" + boundary + "--\r\n";
            String type = "multipart/form-data; boundary=" + boundary;
            return switch (kind) {
                case CUT -> request.withBody(type, whole.substring(0, whole.length() * n / 401)
                        .getBytes(StandardCharsets.ISO_8859_1));
                case NO_CLOSING_BOUNDARY -> request.withBody(type, body.toString().getBytes(StandardCharsets.ISO_8859_1));
                case WRONG_BOUNDARY -> request.withBody("multipart/form-data; boundary=other" + n,
                        whole.getBytes(StandardCharsets.ISO_8859_1));
                case NO_BOUNDARY -> request.withBody("multipart/form-data", whole.getBytes(StandardCharsets.ISO_8859_1));
                case EMPTY -> request.withBody(type, new byte[0]);
                case NO_PARTS -> request.withBody(type, ("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
                default -> request.withBody(type, whole.getBytes(StandardCharsets.ISO_8859_1));
            };
        }
    }
}
