package dev.baton.webapp.reports;

import dev.baton.webapp.system.BatonException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's filters as given, to carry into its downloads and printable view: {@code ?days=90&team=3}. Only the
 * filters given are kept, each encoded.
 */
record ReportLinks(String query) {

    static ReportLinks of(String... namesAndValues) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                parts.add(namesAndValues[i] + "=" + URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
            }
        }
        return new ReportLinks(parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    /** The same filters with one more parameter. */
    public String with(String name, String value) {
        return (query.isEmpty() ? "?" : query + "&") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Whether the API's {@code format} asks for CSV; {@code json} and {@code csv} only. */
    static boolean csv(String format) {
        String f = format == null ? "json" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("csv")) {
            throw new BatonException.InvalidInput("format", "use json or csv");
        }
        return f.equals("csv");
    }
}
