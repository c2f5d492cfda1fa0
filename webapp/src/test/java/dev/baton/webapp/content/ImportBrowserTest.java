package dev.baton.webapp.content;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** A marketer imports a ZIP with a manifest in the browser and watches it run to the end, bad rows by line. */
class ImportBrowserTest extends BrowserTest {

    @Test
    void aMarketerImportsAZipAndSeesProgressAndTheBadRowsByLine() throws IOException {
        users.user("import-browser", "MARKETER");
        signIn("import-browser", TestUsers.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import").setExact(true)).click();

        String manifest = "file,title,buyer_stage\n"
                + "a.pdf,Browser import A,awareness\n"
                + "b.pdf,Browser import B,purchase\n";
        page.getByLabel("ZIP archive").setInputFiles(new FilePayload("q3.zip", "application/zip",
                zip(manifest)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();

        assertThat(page).hasURL(Pattern.compile(".*/imports/[0-9a-f-]{36}$"));
        assertThat(page.locator("#import-progress .status-badge")).hasText("done");
        assertThat(page.locator("#import-bar")).hasAttribute("value", "100");
        assertThat(page.locator("#import-summary")).hasText(
                "2 in all (files and manifest rows): 1 imported, 0 skipped (already in the library), 1 failed.");
        assertThat(page.locator(".problems li")).containsText("Line 3");
        assertThat(page.locator(".problems li")).containsText("'purchase' is not a value of buyer_stage");

        page.navigate("/imports");
        page.getByLabel("ZIP archive").setInputFiles(new FilePayload("not.zip", "application/zip",
                "not a zip".getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("ZIP");
    }

    @Test
    void theSummaryCountsEveryRowOnceAndASkippedFileNamesTheAssetThatHasItsBytes() throws IOException {
        users.user("import-summary", "MARKETER");
        String unique = UUID.randomUUID().toString();
        byte[] existing = TestFiles.pdf("Price list", "M", List.of("Prices " + unique));
        AssetClient api = new AssetClient(http, basic("import-summary", TestUsers.PASSWORD));
        String existingId = (String) api.created(existing, "prices.pdf",
                java.util.Map.of("title", "Price list " + unique)).get("id");

        // three manifest rows: one good, one with a bad value, one naming a file the ZIP lacks; and a file whose
        // bytes the library already has
        String manifest = "file,title,buyer_stage\n"
                + "a.pdf,Summary import A " + unique + ",awareness\n"
                + "b.pdf,Summary import B,purchase\n"
                + "c.pdf,Summary import C,awareness\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("manifest.csv"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("a.pdf"));
            zip.write(TestFiles.pdf("A", "M", List.of("Summary file A " + unique)));
            zip.putNextEntry(new ZipEntry("b.pdf"));
            zip.write(TestFiles.pdf("B", "M", List.of("Summary file B " + unique)));
            zip.putNextEntry(new ZipEntry("copy-of-prices.pdf"));
            zip.write(existing);
            zip.closeEntry();
        }
        signIn("import-summary", TestUsers.PASSWORD);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
        page.navigate("/imports");
        page.getByLabel("ZIP archive").setInputFiles(new FilePayload("summary.zip", "application/zip",
                bytes.toByteArray()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();

        assertThat(page.locator("#import-progress .status-badge")).hasText("done");
        String importId = page.url().replaceAll(".*/imports/", "");
        assertThat(page.locator("#import-summary")).hasText(
                "4 in all (files and manifest rows): 1 imported, 1 skipped (already in the library), 2 failed.");
        // one problem per failing row, by its line
        assertThat(page.locator(".problems li")).hasCount(2);
        assertThat(page.locator(".problems li", new Page.LocatorOptions().setHasText("Line 3")))
                .containsText("'purchase' is not a value of buyer_stage");
        assertThat(page.locator(".problems li", new Page.LocatorOptions().setHasText("Line 4")))
                .containsText("no such file in the import");
        // the skipped file says which asset has its bytes, and links to it
        assertThat(page.locator(".skips li")).hasCount(1);
        assertThat(page.locator(".skips li")).containsText("copy-of-prices.pdf");
        page.locator(".skips li").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("Price list " + unique)).click();
        assertThat(page).hasURL(Pattern.compile(".*/assets/" + existingId + "$"));

        // the API names the asset by its id
        http.get().uri("/api/v1/imports/" + importId).header("Authorization", basic("import-summary",
                        TestUsers.PASSWORD)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(4)
                .jsonPath("$.failed").isEqualTo(2)
                .jsonPath("$.skips[0].file").isEqualTo("copy-of-prices.pdf")
                .jsonPath("$.skips[0].assetId").isEqualTo(existingId);
    }

    private static byte[] zip(String manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("manifest.csv"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("a.pdf"));
            zip.write(TestFiles.pdf("A", "M", List.of("Browser import file A")));
            zip.putNextEntry(new ZipEntry("b.pdf"));
            zip.write(TestFiles.pdf("B", "M", List.of("Browser import file B")));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
