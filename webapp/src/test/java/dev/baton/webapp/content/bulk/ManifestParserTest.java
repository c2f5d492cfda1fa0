package dev.baton.webapp.content.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.webapp.content.AssetMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private static Manifest csv(String text) throws IOException {
        return parse(text, "manifest.csv");
    }

    private static Manifest json(String text) throws IOException {
        return parse(text, "manifest.json");
    }

    private static Manifest parse(String text, String name) throws IOException {
        return ManifestParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void aCsvRowCarriesEveryColumnIntoTheMetadata() throws IOException {
        Manifest manifest = csv("""
                file,title,description,content_type,buyer_stage,funnel_stage,persona,industry,product,region,language,tags,owner,publish_date,review_by,expires_on,internal_only,status
                decks/pitch.pptx,Pitch deck,The deck,Presentation,Decision,SQL,CFO;CTO,Retail,Core,EMEA,en,launch|q3,dana,2025-01-15,2025-07-01,2026-01-01,yes,Published
                """);

        assertThat(manifest.problems()).isEmpty();
        assertThat(manifest.rows()).containsExactly(new ManifestRow(2, "decks/pitch.pptx", new AssetMetadata(
                "Pitch deck", "The deck", "Presentation",
                Map.of("buyer_stage", List.of("Decision"), "funnel_stage", List.of("SQL"),
                        "persona", List.of("CFO", "CTO"), "industry", List.of("Retail"), "product", List.of("Core"),
                        "region", List.of("EMEA"), "language", List.of("en")),
                List.of("launch", "q3"), "dana", LocalDate.of(2025, 1, 15), LocalDate.of(2025, 7, 1),
                LocalDate.of(2026, 1, 1), true, "published")));
    }

    @Test
    void multipleValuesAreSeparatedBySemicolonOrBarAndBlanksDropped() throws IOException {
        Manifest manifest = csv("file,persona,tags\na.pdf, CFO ; CTO |;IT lead ,x| y\n");

        AssetMetadata metadata = manifest.row("a.pdf").orElseThrow().metadata();
        assertThat(metadata.facets()).containsEntry("persona", List.of("CFO", "CTO", "IT lead"));
        assertThat(metadata.tags()).containsExactly("x", "y");
    }

    @Test
    void columnsNotGivenStayAbsent() throws IOException {
        AssetMetadata metadata = csv("file,title\na.pdf,\n").row("a.pdf").orElseThrow().metadata();

        assertThat(metadata.title()).isNull();
        assertThat(metadata.internalOnly()).isNull();
        assertThat(metadata.facets()).isEmpty();
        assertThat(metadata.tags()).isEmpty();
    }

    @Test
    void aBadDateIsAProblemOfItsRowNamingTheColumnAndTheOtherRowsStillCount() throws IOException {
        Manifest manifest = csv("""
                file,title,review_by
                a.pdf,A,2025-02-30
                b.pdf,B,2025-03-01
                c.pdf,C,next week
                """);

        assertThat(manifest.problems()).containsExactly(
                new ManifestProblem(2, "a.pdf", "review_by: '2025-02-30' is not a date; use yyyy-MM-dd"),
                new ManifestProblem(4, "c.pdf", "review_by: 'next week' is not a date; use yyyy-MM-dd"));
        assertThat(manifest.rows()).extracting(ManifestRow::file).containsExactly("b.pdf");
        assertThat(manifest.rejected("a.pdf")).isTrue();
        assertThat(manifest.rejected("b.pdf")).isFalse();
    }

    @Test
    void everyMistakeOfARowIsNamedInOneProblem() throws IOException {
        Manifest manifest = csv("file,internal_only,status\na.pdf,maybe,live\n,true,draft\n");

        assertThat(manifest.problems()).containsExactly(
                new ManifestProblem(2, "a.pdf", "internal_only: 'maybe' is not yes or no; use true/false, yes/no "
                        + "or 1/0; status: 'live' is not draft or published"),
                new ManifestProblem(3, null, "file: missing; each row names the file it describes"));
    }

    @Test
    void anUnknownColumnIsReportedOnceAtLineOneAndIgnored() throws IOException {
        Manifest manifest = csv("file,colour,title\na.pdf,red,A\nb.pdf,blue,B\n");

        assertThat(manifest.problems()).containsExactly(new ManifestProblem(1, null, "unknown column 'colour' ignored"));
        assertThat(manifest.rows()).hasSize(2);
        assertThat(manifest.row("b.pdf").orElseThrow().metadata().title()).isEqualTo("B");
    }

    @Test
    void headerNamesForgiveCaseSpacesAndCamelCase() throws IOException {
        Manifest manifest = csv("File,Buyer Stage,contentType,INTERNAL_ONLY\na.pdf,Awareness,Guide,0\n");

        assertThat(manifest.problems()).isEmpty();
        AssetMetadata metadata = manifest.row("a.pdf").orElseThrow().metadata();
        assertThat(metadata.facets()).containsEntry("buyer_stage", List.of("Awareness"));
        assertThat(metadata.contentType()).isEqualTo("Guide");
        assertThat(metadata.internalOnly()).isFalse();
    }

    @Test
    void aQuotedValueOverSeveralLinesKeepsTheLineNumbersOfTheRowsAfterIt() throws IOException {
        Manifest manifest = csv("file,description,publish_date\r\n"
                + "a.pdf,\"first line\r\nsecond line\r\nthird, with a comma\",2025-01-01\r\n"
                + "\r\n"
                + "b.pdf,\"one \"\"quoted\"\" word\",soon\r\n");

        assertThat(manifest.row("a.pdf").orElseThrow().line()).isEqualTo(2);
        assertThat(manifest.row("a.pdf").orElseThrow().metadata().description())
                .isEqualTo("first line\r\nsecond line\r\nthird, with a comma");
        assertThat(manifest.problems()).containsExactly(
                new ManifestProblem(6, "b.pdf", "publish_date: 'soon' is not a date; use yyyy-MM-dd"));
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() throws IOException {
        Manifest manifest = csv("\uFEFFfile,title\na.pdf,A\n");

        assertThat(manifest.problems()).isEmpty();
        assertThat(manifest.row("a.pdf")).isPresent();
    }

    @Test
    void aSpreadsheetSavedWithSemicolonsIsReadToo() throws IOException {
        Manifest manifest = csv("file;title;persona\na.pdf;A;CFO|CTO\n");

        assertThat(manifest.row("a.pdf").orElseThrow().metadata().facets())
                .containsEntry("persona", List.of("CFO", "CTO"));
    }

    @Test
    void aFileDescribedTwiceKeepsTheFirstRowAndReportsTheSecond() throws IOException {
        Manifest manifest = csv("file,title\na.pdf,First\nb.pdf,B\n./a.pdf,Second\n");

        assertThat(manifest.row("a.pdf").orElseThrow().metadata().title()).isEqualTo("First");
        assertThat(manifest.problems()).containsExactly(new ManifestProblem(4, "a.pdf",
                "file 'a.pdf' is already described on line 2; this row is ignored"));
    }

    @Test
    void aFileOutsideTheImportIsAProblemOfItsRow() throws IOException {
        Manifest manifest = csv("file\n../etc/passwd\nfolder\\a.pdf\n");

        assertThat(manifest.problems()).containsExactly(
                new ManifestProblem(2, null, "file: the name climbs out of its folder with '..'"));
        assertThat(manifest.row("folder/a.pdf")).isPresent();
    }

    @Test
    void rowsForFilesTheImportDoesNotHoldAreProblems() throws IOException {
        Manifest manifest = csv("file\na.pdf\nb.pdf\n");

        assertThat(manifest.rowsWithoutFile(List.of("a.pdf")))
                .containsExactly(new ManifestProblem(3, "b.pdf", "file: no such file in the import"));
    }

    @Test
    void rowsThatFailWithoutAFileOfTheImportAreCountedOnceEachAndHeaderNotesNotAtAll() throws IOException {
        Manifest manifest = csv("file,review_by,colour\n"
                + "a.pdf,,red\n" // good, its file is there
                + "b.pdf,soon,\n" // bad, its file is there: the file's failure counts it
                + "c.pdf,,\n" // good, its file is missing
                + "d.pdf,soon,\n" // bad, its file is missing
                + ",2030-01-01,\n" // names no file
                + "a.pdf,,\n"); // repeats a row's file: ignored

        assertThat(manifest.rowsFailingWithoutAFile(List.of("a.pdf", "b.pdf")))
                .extracting(ManifestProblem::line)
                .containsExactlyInAnyOrder(4, 5, 6, 7);
    }

    @Test
    void aCsvWithoutAFileColumnIsRefusedAsAWhole() {
        assertThatThrownBy(() -> csv("title,persona\nA,CFO\n"))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("has no 'file' column");
        assertThatThrownBy(() -> csv(""))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void anUnclosedQuoteRefusesTheManifestNamingWhereItStarts() {
        assertThatThrownBy(() -> csv("file,title\na.pdf,A\nb.pdf,\"never closed\nc.pdf,C\n"))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("quoted value is never closed");
    }

    @Test
    void aManifestThatIsNotUtf8IsRefusedWithHowToFixIt() {
        byte[] latin1 = "file,title\na.pdf,Café\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ManifestParser.parse(new ByteArrayInputStream(latin1), "manifest.csv"))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void aManifestOverTheSizeLimitIsRefused() {
        byte[] big = new byte[(int) ManifestParser.MAX_BYTES + 1];

        assertThatThrownBy(() -> ManifestParser.parse(new ByteArrayInputStream(big), "manifest.csv"))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("larger than 10 MB");
    }

    @Test
    void aManifestOverTheRowLimitIsRefused() {
        String rows = "file\n" + "a.pdf\n".repeat(ManifestParser.MAX_ROWS + 1);

        assertThatThrownBy(() -> csv(rows))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("more than 100000 rows");
    }

    @Test
    void aJsonArrayOfObjectsGivesRowsWithTheLineEachObjectStartsOn() throws IOException {
        Manifest manifest = json("""
                [
                  {"file": "a.pdf", "title": "A", "persona": ["CFO", "CTO"], "tags": "launch",
                   "internal_only": true, "publish_date": "2025-01-15"},
                  {
                    "file": "b.pdf",
                    "buyerStage": "Decision"
                  },
                  {"file": "c.pdf", "expires_on": "2025-13-01"}
                ]
                """);

        assertThat(manifest.rows()).extracting(ManifestRow::line, ManifestRow::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "a.pdf"),
                        org.assertj.core.groups.Tuple.tuple(4, "b.pdf"));
        AssetMetadata a = manifest.row("a.pdf").orElseThrow().metadata();
        assertThat(a.facets()).containsEntry("persona", List.of("CFO", "CTO"));
        assertThat(a.tags()).containsExactly("launch");
        assertThat(a.internalOnly()).isTrue();
        assertThat(a.publishDate()).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(manifest.row("b.pdf").orElseThrow().metadata().facets())
                .containsEntry("buyer_stage", List.of("Decision"));
        assertThat(manifest.problems()).containsExactly(
                new ManifestProblem(8, "c.pdf", "expires_on: '2025-13-01' is not a date; use yyyy-MM-dd"));
    }

    @Test
    void aJsonObjectWithAnAssetsArrayAndNestedFacetsIsReadToo() throws IOException {
        Manifest manifest = json("""
                {"version": 1,
                 "assets": [
                   {"file": "a.pdf", "facets": {"persona": "CFO", "region": ["EMEA", "APAC"]}, "colour": "red"},
                   {"file": "b.pdf", "colour": "blue"},
                   "b.pdf"
                 ]}
                """);

        assertThat(manifest.row("a.pdf").orElseThrow().metadata().facets())
                .containsEntry("persona", List.of("CFO"))
                .containsEntry("region", List.of("EMEA", "APAC"));
        assertThat(manifest.problems()).containsExactly(
                new ManifestProblem(3, null, "unknown key 'colour' ignored"),
                new ManifestProblem(5, null, "not an object; each asset is {\"file\": ...}"));
    }

    @Test
    void malformedJsonIsRefusedWithTheLineOfTheMistake() {
        assertThatThrownBy(() -> json("[\n {\"file\": \"a.pdf\"},\n {\"file\": \"b.pdf\",}\n]"))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("not well-formed JSON at line 3");
        assertThatThrownBy(() -> json("{\"file\": \"a.pdf\"}"))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("must be a JSON array");
    }
}
