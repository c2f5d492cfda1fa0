package dev.baton.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Issues an API token through Baton's API, as a script would, for benchmarks that call Baton with a bearer token. */
final class ApiTokens {

    private static final Pattern SECRET = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");

    private ApiTokens() {}

    /** A new token for the admin whose {@code authorization} (HTTP Basic) is given: the "Bearer ..." header value. */
    static String issue(HttpClient http, URI base, String authorization, String namePrefix) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/tokens"))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"" + namePrefix + "-" + UUID.randomUUID() + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher secret = SECRET.matcher(response.body());
        if ((response.statusCode() != 201 && response.statusCode() != 200) || !secret.find()) {
            throw new IllegalStateException("Could not issue an API token: " + response.statusCode() + " "
                    + response.body());
        }
        return "Bearer " + secret.group(1);
    }
}
