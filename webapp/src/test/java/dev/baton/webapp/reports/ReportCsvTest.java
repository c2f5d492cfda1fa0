package dev.baton.webapp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** A report's CSV as a spreadsheet opens it, and the message a bulk action leaves on the page. */
class ReportCsvTest {

    @Test
    void aCsvStartsWithAByteOrderMarkAndNeverHandsASpreadsheetAFormula() {
        ResponseEntity<byte[]> csv = ReportCsv.of("usage.csv", List.of("title", "uses"),
                List.of(List.of("=HYPERLINK(\"http://evil\")", 3), List.of("Café, \"quoted\"", 2),
                        List.of("-5 tips", 1)));
        byte[] body = csv.getBody();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).containsExactly("title,uses", "\"'=HYPERLINK(\"\"http://evil\"\")\",3",
                "\"Café, \"\"quoted\"\"\",2", "'-5 tips,1");
        assertThat(csv.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("usage.csv");
    }

    @Test
    void onlyAWellFormedBulkActionOutcomeBecomesAMessage() {
        assertThat(UnusedReportPagesController.doneMessage("notify:2:0")).isEqualTo("Told 2 owner(s).");
        assertThat(UnusedReportPagesController.doneMessage("archive:3:1"))
                .isEqualTo("Archived 3 asset(s). 1 could not be changed.");
        assertThat(UnusedReportPagesController.doneMessage("review:1:0"))
                .isEqualTo("Set the review date of 1 asset(s).");
        assertThat(UnusedReportPagesController.doneMessage("x")).isNull();
        assertThat(UnusedReportPagesController.doneMessage("notify:<b>:0")).isNull();
        assertThat(UnusedReportPagesController.doneMessage(null)).isNull();
    }
}
