package dev.baton.webapp.content.bulk;

import dev.baton.webapp.content.AssetMetadata;
import dev.baton.webapp.system.CsvText;
import dev.baton.webapp.taxonomy.Facets;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a bulk-import manifest, CSV or JSON, into good rows and problems. A bad row is a problem with its line
 * number and reason and never stops the rest; only a manifest that cannot be read at all (too big, not UTF-8, not
 * well-formed, no {@code file} column) is an {@link InvalidImportException}.
 *
 * <p>Columns (CSV header names or JSON keys; case, spaces and camelCase are forgiven): {@code file} (required),
 * {@code title}, {@code description}, {@code content_type}, the facets {@code buyer_stage}, {@code funnel_stage},
 * {@code persona}, {@code industry}, {@code product}, {@code region}, {@code language} and {@code tags} (several
 * values: separated by {@code ;} or {@code |} in CSV, an array or one string in JSON), {@code owner},
 * {@code publish_date}, {@code review_by}, {@code expires_on} ({@code yyyy-MM-dd}), {@code internal_only}
 * ({@code true/false/yes/no/1/0}) and {@code status} ({@code draft/published}). JSON may also nest the facets in a
 * {@code facets} object.
 */
public final class ManifestParser {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_ROWS = 100_000;

    static final List<String> FACETS = Facets.MULTI_VALUED;
    private static final Set<String> SINGLE = Set.of("file", "title", "description", Facets.CONTENT_TYPE, "owner",
            "publish_date", "review_by", "expires_on", "internal_only", "status");
    private static final Pattern MULTI_SEPARATOR = Pattern.compile("[;|]");
    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ManifestParser() {}

    /** Parses a manifest file; its name's extension ({@code .csv}, {@code .json}) says the format. */
    public static Manifest parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.getFileName().toString());
        }
    }

    /**
     * Parses a manifest. {@code name} is its file name: {@code .json} or {@code .csv} says the format (otherwise a
     * first {@code [} or <code>{</code> means JSON), and messages name it.
     */
    public static Manifest parse(InputStream in, String name) throws IOException {
        String text = read(in, name);
        String lower = name.toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".json")
                || !lower.endsWith(".csv") && (text.stripLeading().startsWith("[") || text.stripLeading().startsWith("{"));
        Rows rows = new Rows(name);
        if (json) {
            parseJson(text, rows);
        } else {
            parseCsv(text, rows);
        }
        return new Manifest(name, rows.good, rows.problems, rows.rejected, rows.notes);
    }

    /** The manifest as text: at most {@link #MAX_BYTES}, UTF-8 with or without a byte-order mark. */
    private static String read(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new InvalidImportException(name + " is larger than " + MAX_BYTES / (1024 * 1024)
                    + " MB; split the import into smaller ones");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidImportException(name + " is not UTF-8 text; save it as UTF-8 (\"CSV UTF-8\" in a "
                    + "spreadsheet)");
        }
    }

    // ---------------------------------------------------------------------------------------------------- CSV

    private static void parseCsv(String text, Rows rows) {
        CsvText csv = new CsvText(text);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), csv.format())) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new InvalidImportException(rows.name + " is empty; its first line must name the columns, "
                        + "e.g. file,title,persona");
            }
            CSVRecord header = records.next();
            String[] columns = new String[header.size()];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String raw = header.get(i).strip();
                String column = canonical(raw);
                if (raw.isEmpty()) {
                    continue;
                }
                if (!known(column)) {
                    rows.note(new ManifestProblem(1, null,
                            "unknown column '" + EntryNames.printable(raw) + "' ignored"));
                } else if (!seen.add(column)) {
                    rows.note(new ManifestProblem(1, null,
                            "column '" + column + "' appears twice; the first one is used"));
                } else {
                    columns[i] = column;
                }
            }
            if (!seen.contains("file")) {
                throw new InvalidImportException(rows.name + " has no 'file' column; its first line must name the "
                        + "columns, e.g. file,title,persona");
            }
            while (next(records, rows.name)) {
                CSVRecord record = records.next();
                int line = csv.lineOf(record);
                rows.count(line);
                Row row = new Row(line);
                boolean blank = true;
                for (int i = 0; i < record.size(); i++) {
                    String value = record.get(i).strip();
                    if (value.isEmpty()) {
                        continue;
                    }
                    blank = false;
                    if (i >= columns.length) {
                        row.error("more values than the header has columns");
                    } else if (columns[i] != null) {
                        String column = columns[i];
                        row.set(column, SINGLE.contains(column) ? value : split(value));
                    }
                }
                if (!blank) {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether another record follows; a CSV the parser cannot go on with is refused, naming the line. */
    private static boolean next(Iterator<CSVRecord> records, String name) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            Matcher start = START_LINE.matcher(String.valueOf(e.getMessage()));
            String where = start.find() ? " at line " + start.group(1) : "";
            throw new InvalidImportException(name + " cannot be read" + where + ": a quoted value is never closed or "
                    + "is followed by more text");
        }
    }

    private static List<String> split(String value) {
        return Arrays.stream(MULTI_SEPARATOR.split(value)).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    // --------------------------------------------------------------------------------------------------- JSON

    private static void parseJson(String text, Rows rows) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                token = null;
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String property = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (property.equals("assets") && value == JsonToken.START_ARRAY) {
                        token = value;
                        break;
                    }
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.START_ARRAY) {
                throw new InvalidImportException(rows.name + " must be a JSON array of objects, or an object with "
                        + "an \"assets\" array");
            }
            Set<String> unknown = new HashSet<>();
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                int line = parser.currentTokenLocation().getLineNr();
                rows.count(line);
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    rows.problems.add(new ManifestProblem(line, null, "not an object; each asset is {\"file\": ...}"));
                    continue;
                }
                JsonNode object = parser.readValueAsTree();
                Row row = new Row(line);
                for (Map.Entry<String, JsonNode> property : object.properties()) {
                    String column = canonical(property.getKey());
                    JsonNode value = property.getValue();
                    if (column.equals("facets") && value.isObject()) {
                        for (Map.Entry<String, JsonNode> facet : value.properties()) {
                            String key = canonical(facet.getKey());
                            if (FACETS.contains(key)) {
                                row.set(key, jsonValue(key, facet.getValue(), row));
                            } else {
                                row.error("facets: unknown facet '" + EntryNames.printable(facet.getKey()) + "'");
                            }
                        }
                    } else if (!known(column)) {
                        if (unknown.add(column)) {
                            rows.problems.add(new ManifestProblem(line, null,
                                    "unknown key '" + EntryNames.printable(property.getKey()) + "' ignored"));
                        }
                    } else {
                        row.set(column, jsonValue(column, value, row));
                    }
                }
                rows.add(row);
            }
        } catch (JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            throw new InvalidImportException(rows.name + " is not well-formed JSON"
                    + (location == null ? "" : " at line " + location.getLineNr()) + ": "
                    + firstLine(e.getOriginalMessage()));
        }
    }

    /** A JSON value as the row takes it: a string, a list of strings, a boolean, or null (absent or unusable). */
    private static Object jsonValue(String column, JsonNode value, Row row) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString() || value.isNumber()) {
            String text = value.asString().strip();
            return SINGLE.contains(column) ? text : List.of(text);
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode element : value.values()) {
                if (!element.isString() && !element.isNumber()) {
                    row.error(column + ": give text values");
                    return null;
                }
                values.add(element.asString().strip());
            }
            return values;
        }
        row.error(column + ": give text, not an object");
        return null;
    }

    // ------------------------------------------------------------------------------------------------- shared

    /** {@code Buyer stage}, {@code buyer-stage}, {@code buyerStage} and {@code BUYER_STAGE} all name one column. */
    static String canonical(String raw) {
        return raw.strip()
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\s-]+", "_");
    }

    private static boolean known(String column) {
        return SINGLE.contains(column) || FACETS.contains(column) || column.equals("tags");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The rows read so far: good ones, problems, and the files whose row was bad. */
    private static final class Rows {
        final String name;
        final List<ManifestRow> good = new ArrayList<>();
        final List<ManifestProblem> problems = new ArrayList<>();
        final Set<String> rejected = new HashSet<>();
        final Map<String, Integer> lineOfFile = new HashMap<>();
        /** Problems of the header, not of a row: no row fails for them. */
        final List<ManifestProblem> notes = new ArrayList<>();
        int count;

        void note(ManifestProblem problem) {
            problems.add(problem);
            notes.add(problem);
        }

        Rows(String name) {
            this.name = name;
        }

        void count(int line) {
            if (++count > MAX_ROWS) {
                throw new InvalidImportException(name + " has more than " + MAX_ROWS + " rows (line " + line
                        + "); split the import into smaller ones");
            }
        }

        void add(Row row) {
            String file = row.file;
            if (file == null && !row.sawFile) {
                row.errors.add(0, "file: missing; each row names the file it describes");
            }
            if (file != null) {
                Integer first = lineOfFile.putIfAbsent(file, row.line);
                if (first != null) {
                    problems.add(new ManifestProblem(row.line, file,
                            "file '" + EntryNames.printable(file) + "' is already described on line " + first
                                    + "; this row is ignored"));
                    return;
                }
            }
            if (row.errors.isEmpty()) {
                good.add(new ManifestRow(row.line, file, row.metadata()));
                return;
            }
            problems.add(new ManifestProblem(row.line, file, String.join("; ", row.errors)));
            if (file != null) {
                rejected.add(file);
            }
        }
    }

    /** One row being read: its values as given, and what is wrong with them. */
    private static final class Row {
        final int line;
        final List<String> errors = new ArrayList<>();
        final Map<String, List<String>> facets = new LinkedHashMap<>();
        String file;
        String title;
        String description;
        String contentType;
        List<String> tags = List.of();
        String owner;
        LocalDate publishDate;
        LocalDate reviewBy;
        LocalDate expiresOn;
        Boolean internalOnly;
        String status;
        boolean sawFile;

        Row(int line) {
            this.line = line;
        }

        void error(String reason) {
            if (!errors.contains(reason)) {
                errors.add(reason);
            }
        }

        /** Sets a column from a String, a List of strings or a Boolean (JSON); null leaves it absent. */
        void set(String column, Object value) {
            if (value == null) {
                return;
            }
            if (FACETS.contains(column) || column.equals("tags")) {
                List<String> values = value instanceof List<?> list
                        ? list.stream().map(Object::toString).filter(v -> !v.isEmpty()).distinct().toList()
                        : List.of(value.toString());
                if (column.equals("tags")) {
                    tags = values;
                } else if (!values.isEmpty()) {
                    facets.put(column, values);
                }
                return;
            }
            String text = single(column, value);
            if (text == null || text.isEmpty()) {
                return;
            }
            switch (column) {
                case "file" -> file(text);
                case "title" -> title = text;
                case "description" -> description = text;
                case Facets.CONTENT_TYPE -> contentType = text;
                case "owner" -> owner = text;
                case "publish_date" -> publishDate = date(column, text);
                case "review_by" -> reviewBy = date(column, text);
                case "expires_on" -> expiresOn = date(column, text);
                case "internal_only" -> internalOnly = bool(column, text);
                case "status" -> status = status(text);
                default -> throw new IllegalArgumentException(column);
            }
        }

        private String single(String column, Object value) {
            if (value instanceof List<?> list) {
                if (list.size() > 1) {
                    error(column + ": give one value, not " + list.size());
                    return null;
                }
                return list.isEmpty() ? null : list.get(0).toString();
            }
            return value.toString();
        }

        private void file(String raw) {
            sawFile = true;
            String refusal = EntryNames.refusal(raw);
            if (refusal != null) {
                error("file: " + refusal);
                return;
            }
            String path = EntryNames.normalize(raw);
            if (path.isEmpty()) {
                error("file: missing");
            } else {
                file = path;
            }
        }

        private LocalDate date(String column, String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                error(column + ": '" + EntryNames.printable(text) + "' is not a date; use yyyy-MM-dd");
                return null;
            }
        }

        private Boolean bool(String column, String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> Boolean.TRUE;
                case "false", "no", "0" -> Boolean.FALSE;
                default -> {
                    error(column + ": '" + EntryNames.printable(text) + "' is not yes or no; use true/false, "
                            + "yes/no or 1/0");
                    yield null;
                }
            };
        }

        private String status(String text) {
            String value = text.toLowerCase(Locale.ROOT);
            if (value.equals("draft") || value.equals("published")) {
                return value;
            }
            error("status: '" + EntryNames.printable(text) + "' is not draft or published");
            return null;
        }

        AssetMetadata metadata() {
            return new AssetMetadata(title, description, contentType, facets, tags, owner, publishDate, reviewBy,
                    expiresOn, internalOnly, status);
        }
    }
}
