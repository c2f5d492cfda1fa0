package dev.baton.webapp.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A spreadsheet saved as CSV, read the way Baton reads every one (bulk-import manifests, deal imports): a comma, a
 * semicolon or a tab between columns, whichever the header line uses; empty lines skipped; spaces around values
 * dropped; and for each record the line of the file it starts on, so a problem can name it.
 */
public final class CsvText {

    private final String text;
    private final int[] lineStarts;

    public CsvText(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    /** The format to parse {@link #text()} with. */
    public CSVFormat format() {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter(text))
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
    }

    public String text() {
        return text;
    }

    /** The line (from 1) that {@code record}'s first value is on. */
    public int lineOf(CSVRecord record) {
        // the parser's position is before the empty lines it skipped
        int offset = (int) record.getCharacterPosition();
        while (offset < text.length() && (text.charAt(offset) == '\n' || text.charAt(offset) == '\r')) {
            offset++;
        }
        int index = Arrays.binarySearch(lineStarts, offset);
        return (index >= 0 ? index : -index - 2) + 1;
    }

    /** A spreadsheet saved with a semicolon or a tab between columns works too: the header line says which. */
    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        if (header.indexOf(',') >= 0) {
            return ',';
        }
        if (header.indexOf(';') >= 0) {
            return ';';
        }
        return header.indexOf('\t') >= 0 ? '\t' : ',';
    }

    /** Offsets where each line starts ({@code \n}, {@code \r\n} or a lone {@code \r} end a line). */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
