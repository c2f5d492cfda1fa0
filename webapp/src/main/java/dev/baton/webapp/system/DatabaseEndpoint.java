package dev.baton.webapp.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the database is: parsed from a JDBC-style URL ({@code jdbc:postgresql://host:5432/db?sslmode=require}),
 * also accepting {@code postgresql://} and {@code r2dbc:postgresql://}.
 */
record DatabaseEndpoint(String host, int port, String database, String user, String password, Map<String, String> options) {

    static DatabaseEndpoint parse(String url, String user, String password) {
        String rest = url.trim();
        for (String prefix : new String[] {"jdbc:", "r2dbc:"}) {
            if (rest.startsWith(prefix)) {
                rest = rest.substring(prefix.length());
            }
        }
        if (rest.startsWith("postgres://")) {
            rest = "postgresql://" + rest.substring("postgres://".length());
        }
        if (!rest.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "BATON_DB_URL must look like jdbc:postgresql://host:5432/database, got " + url);
        }
        URI uri = URI.create(rest);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("BATON_DB_URL names no host: " + url);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    options.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        String effectiveUser = user != null && !user.isBlank() ? user : options.getOrDefault("user", "postgres");
        String effectivePassword =
                password != null && !password.isEmpty() ? password : options.getOrDefault("password", "");
        options.remove("user");
        options.remove("password");
        return new DatabaseEndpoint(
                uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 5432,
                path.isEmpty() ? "postgres" : path,
                effectiveUser,
                effectivePassword,
                Map.copyOf(options));
    }

    String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://" + host + ":" + port + "/" + database);
        String separator = "?";
        for (Map.Entry<String, String> option : options.entrySet()) {
            url.append(separator).append(option.getKey()).append('=').append(option.getValue());
            separator = "&";
        }
        return url.toString();
    }

    @Override
    public String toString() {
        return "postgresql://" + host + ":" + port + "/" + database + " as " + user;
    }
}
