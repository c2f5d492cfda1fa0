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
        assertThat(page.getByText("Imported 1")).isVisible();
        assertThat(page.locator(".problems li")).containsText("Line 3");
        assertThat(page.locator(".problems li")).containsText("'purchase' is not a value of buyer_stage");

        page.navigate("/imports");
        page.getByLabel("ZIP archive").setInputFiles(new FilePayload("not.zip", "application/zip",
                "not a zip".getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("ZIP");
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
