package dev.baton.webapp.deals;

import dev.baton.webapp.system.BatonException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.baton.webapp.system.CsvText;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV of deals into rows, each with the line it starts on, and problems with the header. Columns are the
 * API's fields in snake case, camelCase or with spaces ({@code external_id}, {@code account_name},
 * {@code account_domain}, {@code stage}, {@code stage_facet}, {@code amount}, {@code currency}, {@code owner},
 * {@code close_date}, {@code outcome}, {@code industry}, {@code personas} separated by {@code ;} or {@code |}) and
 * {@code crm} (or one CRM for the whole file, given apart). A spreadsheet saved with {@code ;} or tabs works too.
 */
final class DealCsv {

    static final int MAX_CHARS = 5 * 1024 * 1024;
    static final int MAX_ROWS = 10_000;

    /** One data row: where it starts and its values. */
    record Row(int line, DealInput input) {}

    /** Something wrong with one row (or, at line 1, the header); never stops the other rows. */
    record Problem(int line, String externalId, String reason) {}

    /** The rows to apply and what was wrong before any was. */
    record Parsed(List<Row> rows, List<Problem> problems) {}

    private DealCsv() {}

    /**
     * Parses the text; a file that cannot be read as deals at all (empty, too big, no {@code external_id} or
     * {@code name} column, an unclosed quote) is an {@link BatonException.InvalidInput} for {@code file}.
     */
    static Parsed parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new BatonException.InvalidInput("file", "is larger than 5 MB; split it into smaller files");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CsvText csv = new CsvText(body);
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), csv.format())) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!hasNext(records)) {
                throw new BatonException.InvalidInput("file", "is empty; its first line must name the columns, e.g. "
                        + "external_id,name,account_name,stage");
            }
            CSVRecord header = records.next();
            String[] columns = new String[header.size()];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String raw = header.get(i).strip();
                if (raw.isEmpty()) {
                    continue;
                }
                String column = DealInput.canonical(raw);
                if (!DealInput.known(column)) {
                    problems.add(new Problem(1, null, "unknown column '" + DealRules.printable(raw) + "' ignored"));
                } else if (!seen.add(column)) {
                    problems.add(new Problem(1, null, "column '" + raw + "' appears twice; the first one is used"));
                } else {
                    columns[i] = column;
                }
            }
            for (String required : List.of("externalId", "name")) {
                if (!seen.contains(required)) {
                    throw new BatonException.InvalidInput("file", "has no '"
                            + (required.equals("externalId") ? "external_id" : "name") + "' column; its first line "
                            + "must name the columns, e.g. external_id,name,account_name,stage");
                }
            }
            while (hasNext(records)) {
                CSVRecord record = records.next();
                int line = csv.lineOf(record);
                if (rows.size() >= MAX_ROWS) {
                    throw new BatonException.InvalidInput("file", "has more than " + MAX_ROWS + " deals (line "
                            + line + "); split it into smaller files");
                }
                Map<String, String> values = new LinkedHashMap<>();
                boolean blank = true;
                boolean tooMany = false;
                for (int i = 0; i < record.size(); i++) {
                    String value = record.get(i).strip();
                    if (value.isEmpty()) {
                        continue;
                    }
                    blank = false;
                    if (i >= columns.length) {
                        tooMany = true;
                    } else if (columns[i] != null) {
                        values.put(columns[i], value);
                    }
                }
                if (blank) {
                    continue;
                }
                if (tooMany) {
                    problems.add(new Problem(line, values.get("externalId"), "more values than the header has "
                            + "columns; the row was not applied"));
                    continue;
                }
                rows.add(new Row(line, DealInput.fromColumns(values)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed(rows, problems);
    }

    private static boolean hasNext(Iterator<CSVRecord> records) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new BatonException.InvalidInput("file", "cannot be read: a quoted value is never closed or is "
                    + "followed by more text");
        }
    }

}
