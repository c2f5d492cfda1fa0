package dev.baton.webapp.feedback;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The search-gaps report as the other reports download it: CSV in UTF-8 with a byte-order mark (so Excel reads it as
 * UTF-8), RFC 4180 quoting and CRLF line ends, the same numbers as the JSON; and the JSON as a download. Text that a
 * spreadsheet would take for a formula gets a leading apostrophe. Files are named for the window's first and last day.
 */
final class SearchGapCsv {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final String BOM = "\uFEFF";

    private SearchGapCsv() {}

    static String csv(SearchGapReport.SearchGapResult result) {
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.EXCEL)) {
            printer.printRecord("query", "searches", "no_results", "no_clicks", "searchers", "filters",
                    "last_searched", "request_id", "request_status");
            for (SearchGapReport.SearchGapRow g : result.gaps()) {
                List<Object> row = new ArrayList<>();
                row.add(text(g.query()));
                row.add(g.searches());
                row.add(g.noResults());
                row.add(g.noClicks());
                row.add(g.searchers());
                row.add(text(String.join("; ", g.filters())));
                row.add(g.lastSearched() == null ? "" : g.lastSearched().toString());
                row.add(g.requestId() == null ? "" : g.requestId());
                row.add(g.requestStatus() == null ? "" : g.requestStatus());
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code search-gaps-2027-01-01-2027-01-30.csv}: the window's first and last day (UTC). */
    static String fileName(SearchGapReport.SearchGapResult result, String extension) {
        LocalDate from = LocalDate.ofInstant(result.since(), ZoneOffset.UTC);
        LocalDate to = LocalDate.ofInstant(result.since().plus(Duration.ofDays(result.days())), ZoneOffset.UTC);
        return "search-gaps-" + from + "-" + to + "." + extension;
    }

    static ResponseEntity<String> csvResponse(SearchGapReport.SearchGapResult result) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName(result, "csv")))
                .header("X-Content-Type-Options", "nosniff")
                .body(csv(result));
    }

    static ResponseEntity<SearchGapReport.SearchGapResult> jsonResponse(SearchGapReport.SearchGapResult result) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName(result, "json")))
                .body(result);
    }

    private static String attachment(String fileName) {
        return ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString();
    }

    private static String text(String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value == null ? "" : value;
    }
}
