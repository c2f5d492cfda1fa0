package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.webapp.search.IndexCheckReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code index-check} against a stand-in for Baton's check endpoint that answers with the server's own {@link
 * IndexCheckReport}, written to JSON as the server writes it: what the command asks, prints and exits with.
 */
class IndexCheckCommandTest {

    private static final String TOKEN = "baton_admin-token";
    private static final JsonMapper SERVER_JSON = JsonMapper.builder().build();

    private HttpServer baton;
    private volatile String query;
    private volatile String authorization;
    private volatile int status = 200;
    private volatile String answer;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        baton = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        baton.createContext("/api/v1/search/index/check", exchange -> {
            query = exchange.getRequestURI().getQuery();
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            answer(exchange);
        });
        baton.start();
    }

    @AfterEach
    void stop() {
        baton.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int run(String... args) {
        return IndexCheckCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("BATON_URL", "http://127.0.0.1:" + baton.getAddress().getPort() + "/", "BATON_TOKEN", TOKEN));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String report(long missing, long stale, long extra, List<String> missingIds,
            List<String> staleIds, List<String> extraIds, boolean repaired) {
        return SERVER_JSON.writeValueAsString(new IndexCheckReport(Instant.parse("2026-01-01T00:00:00Z"), 120, 120
                - missing + extra, missing, stale, extra, missingIds, staleIds, extraIds, repaired));
    }

    @Test
    void anIndexThatMatchesTheDatabaseEndsWithStatusZero() {
        answer = report(0, 0, 0, List.of(), List.of(), List.of(), false);

        assertThat(run()).isZero();
        assertThat(query).isEqualTo("repair=false");
        assertThat(authorization).isEqualTo("Bearer " + TOKEN);
        assertThat(out()).isEqualTo("Assets in the database: 120, documents in the index: 120\n"
                + "The index matches the database.\n");
    }

    @Test
    void differencesAreListedByKindAndEndWithStatusOne() {
        answer = report(1, 1, 1, List.of("a1"), List.of("s1"), List.of("e1"), false);

        assertThat(run()).isEqualTo(1);
        assertThat(out()).isEqualTo("Assets in the database: 120, documents in the index: 120\n"
                + "Missing 1, stale 1, extra 1\n"
                + "  missing: a1\n"
                + "  stale: s1\n"
                + "  extra: e1\n"
                + "Run again with --repair to fix them.\n");
    }

    @Test
    void aRepairAsksForItAndEndsWithStatusZero() {
        answer = report(2, 0, 0, List.of("a1", "a2"), List.of(), List.of(), true);

        assertThat(run("--repair")).isZero();
        assertThat(query).isEqualTo("repair=true");
        assertThat(out()).contains("Missing 2, stale 0, extra 0\n  missing: a1\n  missing: a2\n")
                .endsWith("Repaired.\n");
    }

    @Test
    void membersTheCommandDoesNotKnowAreIgnored() {
        answer = report(0, 0, 0, List.of(), List.of(), List.of(), false)
                .replaceFirst("\\{", "{\"generation\":\"g7\",");

        assertThat(run()).isZero();
        assertThat(out()).endsWith("The index matches the database.\n");
    }

    @Test
    void aRefusalEndsWithStatusTwoAndBatonsReason() {
        status = 403;
        answer = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"Your role may not do this\"}";

        assertThat(run()).isEqualTo(2);
        assertThat(err()).isEqualTo("Baton refused the check (403): Your role may not do this\n");
    }

    @Test
    void anAnswerThatIsNotAReportEndsWithStatusTwo() {
        answer = "<html>a proxy's error page</html>";

        assertThat(run()).isEqualTo(2);
        assertThat(err()).startsWith("Baton's answer is not an index check report");
        assertThat(out()).isEmpty();
    }

    @Test
    void aBatonThatIsNotRunningEndsWithStatusTwo() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        int exit = IndexCheckCommand.run(new String[] {"--url", "http://127.0.0.1:" + port, "--token", TOKEN},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());

        assertThat(exit).isEqualTo(2);
        assertThat(err()).startsWith("Cannot reach Baton at http://127.0.0.1:" + port);
    }

    @Test
    void usageMistakesEndWithStatusTwoAndSayWhatIsWrong() {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);

        assertThat(IndexCheckCommand.run(new String[] {"--colour"}, outStream, errStream, Map.of())).isEqualTo(2);
        assertThat(IndexCheckCommand.run(new String[] {"--url"}, outStream, errStream, Map.of())).isEqualTo(2);
        assertThat(IndexCheckCommand.run(new String[0], outStream, errStream, Map.of())).isEqualTo(2);
        assertThat(err()).contains("Unknown argument --colour", "--url needs a value",
                "Give an admin's API token with --token or BATON_TOKEN");
        assertThat(query).as("nothing was asked").isNull();
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(IndexCheckCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())).isZero();
        assertThat(out()).startsWith("Usage: java -jar baton.jar index-check [--repair] [--url URL] [--token TOKEN]");
    }
}
