package dev.baton.cli;

import dev.baton.webapp.search.IndexCheckReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * {@code java -jar baton.jar index-check [--repair] [--url URL] [--token TOKEN]}: asks a running Baton to compare its
 * search index with the database (and to repair what differs), and prints what it found. Without Spring; the answer is
 * read into the server's own {@link IndexCheckReport}.
 */
public final class IndexCheckCommand {

    static final String USAGE = """
            Usage: java -jar baton.jar index-check [--repair] [--url URL] [--token TOKEN]

            Compares the search index of a running Baton with its database: assets missing from the index, indexed
            from data that has changed since (stale), or indexed but no longer in the database (extra).

              --repair       re-index the missing and stale assets and remove the extra ones
              --url URL      Baton's address (default: $BATON_URL, else http://localhost:8080)
              --token TOKEN  an admin's API token (default: $BATON_TOKEN)
              --help         this text

            Exit status: 0 the index matches the database (or was repaired), 1 differences were found,
            2 the check did not run.
            """;

    private static final int NOT_RUN = 2;

    private IndexCheckCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        List<String> list = Arrays.asList(args);
        if (list.contains("--help") || list.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        boolean repair = false;
        String url = env.getOrDefault("BATON_URL", "");
        String token = env.getOrDefault("BATON_TOKEN", "");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--repair" -> repair = true;
                case "--url", "--token" -> {
                    if (i + 1 >= args.length) {
                        err.println(arg + " needs a value. Run with --help for usage.");
                        return NOT_RUN;
                    }
                    if (arg.equals("--url")) {
                        url = args[++i];
                    } else {
                        token = args[++i];
                    }
                }
                default -> {
                    err.println("Unknown argument " + arg + ". Run with --help for usage.");
                    return NOT_RUN;
                }
            }
        }
        if (token.isBlank()) {
            err.println("Give an admin's API token with --token or BATON_TOKEN. Run with --help for usage.");
            return NOT_RUN;
        }
        String base = (url.isBlank() ? "http://localhost:8080" : url.strip()).replaceAll("/+$", "");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/search/index/check?repair="
                            + repair))
                    .header("Authorization", "Bearer " + token.strip())
                    .header("Accept", "application/json")
                    .timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                String body = response.body();
                String detail = Answers.problem(body).map(Answers.Problem::detail).orElse(null);
                err.println("Baton refused the check (" + response.statusCode() + "): "
                        + (detail != null ? detail : body));
                return NOT_RUN;
            }
            IndexCheckReport report;
            try {
                report = Answers.read(response.body(), IndexCheckReport.class);
            } catch (JacksonException e) {
                err.println("Baton's answer is not an index check report: " + e.getOriginalMessage());
                return NOT_RUN;
            }
            out.printf("Assets in the database: %d, documents in the index: %d%n", report.assets(),
                    report.documents());
            if (report.consistent()) {
                out.println("The index matches the database.");
                return 0;
            }
            out.printf("Missing %d, stale %d, extra %d%n", report.missing(), report.stale(), report.extra());
            print(out, "missing", report.missingIds());
            print(out, "stale", report.staleIds());
            print(out, "extra", report.extraIds());
            if (report.repaired()) {
                out.println("Repaired.");
                return 0;
            }
            out.println("Run again with --repair to fix them.");
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot reach Baton at " + base + ": " + e.getMessage());
            return NOT_RUN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted.");
            return NOT_RUN;
        }
    }

    private static void print(PrintStream out, String kind, List<String> ids) {
        for (String id : ids) {
            out.println("  " + kind + ": " + id);
        }
    }
}
