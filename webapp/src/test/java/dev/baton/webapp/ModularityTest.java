package dev.baton.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages of the webapp as the build enforces them (see docs/architecture.md, "Feature packages and the
 * tables they own"): Spring Modulith checks that they form modules without cycles that use only each other's APIs, and
 * the SQL in each package's main sources names only the tables that package owns. Another package's data is read
 * through its owner's public API ({@code AssetCatalog}, {@code AccountDirectory}, {@code UsageService.totals}, ...).
 */
class ModularityTest {

    /** Every table of the migrations and the package that owns it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("account", "accounts"),
            Map.entry("api_token", "accounts"),
            Map.entry("sso_role_mapping", "accounts"),
            Map.entry("sso_settings", "accounts"),
            Map.entry("team", "accounts"),
            Map.entry("team_member", "accounts"),
            Map.entry("review_rule", "reviews"),
            Map.entry("review_rule_reviewer", "reviews"),
            Map.entry("review", "reviews"),
            Map.entry("review_decision", "reviews"),
            Map.entry("audit_event", "system"),
            Map.entry("outbox", "system"),
            Map.entry("outbox_reader", "system"),
            Map.entry("outbox_pruned", "system"),
            Map.entry("taxonomy_facet", "taxonomy"),
            Map.entry("taxonomy_value", "taxonomy"),
            Map.entry("asset", "content"),
            Map.entry("asset_version", "content"),
            Map.entry("asset_facet", "content"),
            Map.entry("import_job", "content"),
            Map.entry("import_item", "content"),
            Map.entry("usage_event", "usage"),
            Map.entry("usage_event_default", "usage"),
            Map.entry("usage_event_key", "usage"),
            Map.entry("deal", "deals"),
            Map.entry("deal_stage_change", "deals"),
            Map.entry("crm_integration", "deals"),
            Map.entry("crm_delivery", "deals"),
            Map.entry("notification", "notifications"),
            Map.entry("notification_preference", "notifications"),
            Map.entry("notification_recipient", "notifications"),
            Map.entry("share", "sharing"),
            Map.entry("share_item", "sharing"),
            Map.entry("share_visit", "sharing"),
            Map.entry("share_access", "sharing"),
            Map.entry("share_beacon", "sharing"),
            Map.entry("share_visit_page", "sharing"),
            Map.entry("share_notice", "sharing"),
            Map.entry("installation_step", "demo"),
            Map.entry("search_log", "search"),
            Map.entry("search_click", "search"),
            Map.entry("search_synonym", "search"),
            Map.entry("content_request", "feedback"),
            Map.entry("content_request_requester", "feedback"),
            Map.entry("content_request_match", "feedback"),
            Map.entry("feedback_setting", "feedback"),
            Map.entry("asset_rating", "feedback"),
            Map.entry("asset_feedback", "feedback"),
            Map.entry("not_shared_prompt", "feedback"),
            Map.entry("search_surfaced", "search"),
            Map.entry("usage_daily", "reports"),
            Map.entry("usage_daily_asset", "reports"),
            Map.entry("usage_daily_account", "reports"),
            Map.entry("usage_rollup_cursor", "reports"),
            Map.entry("usage_rollup_gap", "reports"),
            Map.entry("report_setting", "reports"),
            Map.entry("scorecard_definition", "reports"),
            Map.entry("digest_subscription", "reports"),
            Map.entry("digest_delivery", "reports"),
            Map.entry("digest_key", "reports"),
            Map.entry("usage_asset_day", "reports"),
            Map.entry("usage_asset_month", "reports"),
            Map.entry("usage_day", "reports"),
            Map.entry("usage_asset_state", "reports"),
            Map.entry("usage_asset_window", "reports"),
            Map.entry("usage_window_state", "reports"),
            Map.entry("report_asset", "reports"),
            Map.entry("webhook_subscription", "webhooks"),
            Map.entry("webhook_event", "webhooks"),
            Map.entry("webhook_delivery", "webhooks"),
            Map.entry("webhook_attempt", "webhooks"),
            Map.entry("webhook_notice", "webhooks"),
            Map.entry("webhook_feed", "webhooks"),
            Map.entry("webhook_asset", "webhooks"),
            Map.entry("stage_drift_notice", "reports"),
            Map.entry("pack", "packs"),
            Map.entry("pack_version", "packs"),
            Map.entry("pack_reader", "packs"),
            Map.entry("pack_item_progress", "packs"),
            Map.entry("pack_quiz_attempt", "packs"),
            Map.entry("pack_reminder", "packs"),
            Map.entry("pack_reminder_mail", "packs"));

    private static final Path MAIN = Path.of("src/main/java/dev/baton/webapp");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path ARCHITECTURE = Path.of("../docs/architecture.md");

    @Test
    void featurePackagesAreModulesWithoutCyclesThatUseOnlyEachOthersApis() {
        ApplicationModules.of(BatonApplication.class).verify();
    }

    @Test
    void everyTableOfTheMigrationsHasOneOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        Pattern createTable = Pattern.compile("create table (?:if not exists )?([a-z_][a-z0-9_]*)");
        for (Path migration : files(MIGRATIONS, ".sql")) {
            Matcher m = createTable.matcher(Files.readString(migration).toLowerCase(Locale.ROOT));
            while (m.find()) {
                created.add(m.group(1));
            }
        }
        assertThat(created).as("tables the migrations create").isNotEmpty();
        assertThat(new TreeSet<>(OWNERS.keySet())).as("tables with an owner in OWNERS").isEqualTo(created);
    }

    @Test
    void eachPackagesSqlNamesOnlyTheTablesItOwns() throws IOException {
        Map<String, String> found = new TreeMap<>();
        for (Path source : files(MAIN, ".java")) {
            Path relative = MAIN.relativize(source);
            String pkg = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
            for (String table : SqlTables.in(Files.readString(source, StandardCharsets.UTF_8), OWNERS.keySet())) {
                if (!OWNERS.get(table).equals(pkg)) {
                    found.merge(pkg + " -> " + table, relative.toString(), (a, b) -> a + ", " + b);
                }
            }
        }
        List<String> violations = new ArrayList<>();
        found.forEach((use, files) -> {
            String table = use.substring(use.indexOf("> ") + 2);
            violations.add(use + " (owned by " + OWNERS.get(table) + ") in " + files);
        });
        assertThat(violations).as("SQL naming another package's table; read it through the owner's API instead")
                .isEmpty();
    }

    @Test
    void theArchitectureDocumentListsTheSameOwners() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Pattern tableRow = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| `([a-z]+)` \\|");
        Matcher row = tableRow.matcher(Files.readString(ARCHITECTURE));
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        assertThat(documented).isEqualTo(new TreeMap<>(OWNERS));
    }

    @Test
    void theScannerFindsTablesInSqlButNotInCommentsOrProse() {
        Set<String> tables = Set.of("asset", "account", "asset_version", "outbox", "usage_event");
        String source = """
                class Sample {
                    // select * from usage_event (a comment)
                    static final char QUOTE = '"';
                    static final String SQL = "select a.id, o.username from asset a, account o "
                            /* joined below */
                            + "join asset_version v on v.asset_id = a.id where a.title = 'from outbox'";
                    static final String MESSAGE = "Could not delete the file from the store";
                    static final String BLOCK = \"""
                            insert into outbox (entity_id) values ('x')
                            \""";
                    static final String SUB = "select 1 where exists (select 1 from usage_event)";
                }
                """;
        assertThat(SqlTables.in(source, tables))
                .containsExactlyInAnyOrder("asset", "account", "asset_version", "outbox", "usage_event");
        assertThat(SqlTables.in("String s = \"delete from the asset list\"; // update asset", tables)).isEmpty();
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        assertThat(root).as("run from the webapp module").isDirectory();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /**
     * The tables a Java source's SQL names: its string literals (text blocks too) joined where {@code +} joins them,
     * read for a known table name after {@code from}, {@code join}, {@code into}, {@code update}, {@code table} or
     * {@code truncate}, and after the commas of a {@code from} list. Comments are skipped; a string quoted inside the
     * SQL ({@code 'from outbox'}) is not SQL.
     */
    static final class SqlTables {

        private static final Set<String> BEFORE_TABLE = Set.of("from", "join", "into", "update", "table", "truncate");
        private static final Set<String> CLAUSES = Set.of("where", "join", "on", "group", "order", "limit", "left",
                "right", "inner", "outer", "cross", "full", "natural", "union", "returning", "set", "values",
                "using", "having", "offset", "for", "select", "lateral");
        private static final Pattern TOKEN = Pattern.compile("'(?:[^']|'')*'|[a-z_][a-z0-9_]*|\\S");

        private SqlTables() {}

        static Set<String> in(String javaSource, Set<String> tables) {
            Set<String> named = new TreeSet<>();
            for (String sql : literalChains(javaSource)) {
                List<String> tokens = new ArrayList<>();
                Matcher t = TOKEN.matcher(sql.toLowerCase(Locale.ROOT));
                while (t.find()) {
                    tokens.add(t.group());
                }
                for (int i = 0; i < tokens.size() - 1; i++) {
                    if (!BEFORE_TABLE.contains(tokens.get(i))) {
                        continue;
                    }
                    int j = i + 1;
                    if (tokens.get(j).equals("only") && j + 1 < tokens.size()) {
                        j++;
                    }
                    while (j < tokens.size()) {
                        String name = tokens.get(j);
                        if (tables.contains(name)) {
                            named.add(name);
                        }
                        if (!tokens.get(i).equals("from")) {
                            break;
                        }
                        // a from list: "from asset a, account o"
                        int k = j + 1;
                        if (k < tokens.size() && tokens.get(k).equals("as")) {
                            k++;
                        }
                        if (k < tokens.size() && isAlias(tokens.get(k))) {
                            k++;
                        }
                        if (k < tokens.size() - 1 && tokens.get(k).equals(",")) {
                            j = k + 1;
                        } else {
                            break;
                        }
                    }
                }
            }
            return named;
        }

        private static boolean isAlias(String token) {
            return Character.isLetter(token.charAt(0)) && !CLAUSES.contains(token);
        }

        /** The string literals of a Java source, those joined by {@code +} as one. */
        static List<String> literalChains(String source) {
            List<String> chains = new ArrayList<>();
            StringBuilder chain = null;
            boolean onlyPlusSince = false;
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                    i = lineEnd(source, i);
                } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                    int end = source.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (c == '\'') {
                    i = skipQuoted(source, i, '\'');
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = source.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? n : end;
                    chain = append(chains, chain, onlyPlusSince, source.substring(i + 3, end));
                    onlyPlusSince = true;
                    i = Math.min(n, end + 3);
                } else if (c == '"') {
                    int end = skipQuoted(source, i, '"');
                    chain = append(chains, chain, onlyPlusSince, source.substring(i + 1, Math.max(i + 1, end - 1)));
                    onlyPlusSince = true;
                    i = end;
                } else {
                    if (!Character.isWhitespace(c) && c != '+') {
                        onlyPlusSince = false;
                    }
                    i++;
                }
            }
            if (chain != null) {
                chains.add(chain.toString());
            }
            return chains;
        }

        private static StringBuilder append(List<String> chains, StringBuilder chain, boolean joined, String text) {
            if (chain != null && joined) {
                return chain.append(text);
            }
            if (chain != null) {
                chains.add(chain.toString());
            }
            return new StringBuilder(text);
        }

        private static int lineEnd(String source, int from) {
            int end = source.indexOf('\n', from);
            return end < 0 ? source.length() : end + 1;
        }

        /** The index after a quoted literal that starts at {@code start}, escapes honoured. */
        private static int skipQuoted(String source, int start, char quote) {
            int i = start + 1;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == quote || c == '\n') {
                    return i + 1;
                } else {
                    i++;
                }
            }
            return i;
        }
    }
}
